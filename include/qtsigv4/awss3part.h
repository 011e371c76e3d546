// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3PART_H
#define AWSS3PART_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3PartPrivate;

class QTSIGV4S3_EXPORT AwsS3Part
{
public:
    AwsS3Part();
    AwsS3Part(int partNumber, const QString &eTag, qint64 size = -1,
              const QByteArray &checksumCrc32c = QByteArray());
    AwsS3Part(const AwsS3Part &other);
    AwsS3Part &operator=(const AwsS3Part &other);
    ~AwsS3Part();

    void swap(AwsS3Part &other) noexcept { d.swap(other.d); }

    int partNumber() const;
    void setPartNumber(int partNumber);
    QString eTag() const;
    void setETag(const QString &eTag);
    qint64 size() const;
    void setSize(qint64 size);
    QByteArray checksumCrc32c() const;
    void setChecksumCrc32c(const QByteArray &checksum);

private:
    QSharedDataPointer<AwsS3PartPrivate> d;
};

Q_DECLARE_SHARED(AwsS3Part)
Q_DECLARE_METATYPE(AwsS3Part)

#endif // AWSS3PART_H
