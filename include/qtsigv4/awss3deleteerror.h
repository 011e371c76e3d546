// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3DELETEERROR_H
#define AWSS3DELETEERROR_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3DeleteErrorPrivate;

class QTSIGV4S3_EXPORT AwsS3DeleteError
{
public:
    AwsS3DeleteError();
    AwsS3DeleteError(const QString &key, const QString &code, const QString &message);
    AwsS3DeleteError(const AwsS3DeleteError &other);
    AwsS3DeleteError &operator=(const AwsS3DeleteError &other);
    ~AwsS3DeleteError();

    void swap(AwsS3DeleteError &other) noexcept { d.swap(other.d); }

    QString key() const;
    QString code() const;
    QString message() const;

private:
    QSharedDataPointer<AwsS3DeleteErrorPrivate> d;
};

Q_DECLARE_SHARED(AwsS3DeleteError)
Q_DECLARE_METATYPE(AwsS3DeleteError)

#endif // AWSS3DELETEERROR_H
