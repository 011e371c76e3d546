// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3OBJECT_H
#define AWSS3OBJECT_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qmap.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3ObjectPrivate;

class QTSIGV4S3_EXPORT AwsS3Object
{
public:
    AwsS3Object();
    explicit AwsS3Object(const QString &key);
    AwsS3Object(const AwsS3Object &other);
    AwsS3Object &operator=(const AwsS3Object &other);
    ~AwsS3Object();

    void swap(AwsS3Object &other) noexcept { d.swap(other.d); }

    QString key() const;
    void setKey(const QString &key);
    qint64 size() const;
    void setSize(qint64 size);
    QString eTag() const;
    void setETag(const QString &eTag);
    QDateTime lastModified() const;
    void setLastModified(const QDateTime &lastModified);
    QString storageClass() const;
    void setStorageClass(const QString &storageClass);
    QByteArray contentType() const;
    void setContentType(const QByteArray &contentType);
    QMap<QString, QString> metadata() const;
    void setMetadata(const QMap<QString, QString> &metadata);

private:
    QSharedDataPointer<AwsS3ObjectPrivate> d;
};

Q_DECLARE_SHARED(AwsS3Object)
Q_DECLARE_METATYPE(AwsS3Object)

#endif // AWSS3OBJECT_H
