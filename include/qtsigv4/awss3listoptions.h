// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3LISTOPTIONS_H
#define AWSS3LISTOPTIONS_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3ListOptionsPrivate;

class QTSIGV4S3_EXPORT AwsS3ListOptions
{
public:
    AwsS3ListOptions();
    AwsS3ListOptions(const AwsS3ListOptions &other);
    AwsS3ListOptions &operator=(const AwsS3ListOptions &other);
    ~AwsS3ListOptions();

    void swap(AwsS3ListOptions &other) noexcept { d.swap(other.d); }

    QString prefix() const;
    void setPrefix(const QString &prefix);
    QString delimiter() const;
    void setDelimiter(const QString &delimiter);
    QString startAfter() const;
    void setStartAfter(const QString &key);
    int maxKeys() const;
    void setMaxKeys(int maxKeys);
    QString continuationToken() const;
    void setContinuationToken(const QString &token);

private:
    QSharedDataPointer<AwsS3ListOptionsPrivate> d;
};

Q_DECLARE_SHARED(AwsS3ListOptions)
Q_DECLARE_METATYPE(AwsS3ListOptions)

#endif // AWSS3LISTOPTIONS_H
