// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3LISTRESULT_H
#define AWSS3LISTRESULT_H

#include <qtsigv4/awss3object.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>

class AwsS3ListResultPrivate;

class QTSIGV4S3_EXPORT AwsS3ListResult
{
public:
    AwsS3ListResult();
    AwsS3ListResult(const AwsS3ListResult &other);
    AwsS3ListResult &operator=(const AwsS3ListResult &other);
    ~AwsS3ListResult();

    void swap(AwsS3ListResult &other) noexcept { d.swap(other.d); }

    QList<AwsS3Object> objects() const;
    void setObjects(const QList<AwsS3Object> &objects);
    QStringList commonPrefixes() const;
    void setCommonPrefixes(const QStringList &prefixes);
    bool isTruncated() const;
    void setTruncated(bool truncated);
    QString nextContinuationToken() const;
    void setNextContinuationToken(const QString &token);

    void append(const AwsS3ListResult &page);

private:
    QSharedDataPointer<AwsS3ListResultPrivate> d;
};

Q_DECLARE_SHARED(AwsS3ListResult)
Q_DECLARE_METATYPE(AwsS3ListResult)

#endif // AWSS3LISTRESULT_H
