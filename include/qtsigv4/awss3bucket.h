// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3BUCKET_H
#define AWSS3BUCKET_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3BucketPrivate;

class QTSIGV4S3_EXPORT AwsS3Bucket
{
public:
    AwsS3Bucket();
    explicit AwsS3Bucket(const QString &name, const QDateTime &creationDate = QDateTime());
    AwsS3Bucket(const AwsS3Bucket &other);
    AwsS3Bucket &operator=(const AwsS3Bucket &other);
    ~AwsS3Bucket();

    void swap(AwsS3Bucket &other) noexcept { d.swap(other.d); }

    QString name() const;
    void setName(const QString &name);
    QDateTime creationDate() const;
    void setCreationDate(const QDateTime &date);

private:
    QSharedDataPointer<AwsS3BucketPrivate> d;
};

Q_DECLARE_SHARED(AwsS3Bucket)
Q_DECLARE_METATYPE(AwsS3Bucket)

#endif // AWSS3BUCKET_H
