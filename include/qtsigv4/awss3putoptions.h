// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3PUTOPTIONS_H
#define AWSS3PUTOPTIONS_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qmap.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3PutOptionsPrivate;

class QTSIGV4S3_EXPORT AwsS3PutOptions
{
public:
    AwsS3PutOptions();
    AwsS3PutOptions(const AwsS3PutOptions &other);
    AwsS3PutOptions &operator=(const AwsS3PutOptions &other);
    ~AwsS3PutOptions();

    void swap(AwsS3PutOptions &other) noexcept { d.swap(other.d); }

    QByteArray contentType() const;
    void setContentType(const QByteArray &contentType);
    QByteArray cacheControl() const;
    void setCacheControl(const QByteArray &cacheControl);
    QByteArray contentDisposition() const;
    void setContentDisposition(const QByteArray &contentDisposition);
    QMap<QString, QString> metadata() const;
    void setMetadata(const QMap<QString, QString> &metadata);
    void setMetadata(const QString &name, const QString &value);

private:
    QSharedDataPointer<AwsS3PutOptionsPrivate> d;
};

Q_DECLARE_SHARED(AwsS3PutOptions)
Q_DECLARE_METATYPE(AwsS3PutOptions)

#endif // AWSS3PUTOPTIONS_H
