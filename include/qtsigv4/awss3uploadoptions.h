// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3UPLOADOPTIONS_H
#define AWSS3UPLOADOPTIONS_H

#include <qtsigv4/awss3putoptions.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3UploadOptionsPrivate;

class QTSIGV4S3_EXPORT AwsS3UploadOptions
{
public:
    static constexpr qint64 DefaultMultipartThreshold = 8 * 1024 * 1024;
    static constexpr qint64 DefaultPartSize = 8 * 1024 * 1024;
    static constexpr qint64 MinimumPartSize = 5 * 1024 * 1024;
    static constexpr qint64 MaximumPartSize = Q_INT64_C(5) * 1024 * 1024 * 1024;
    static constexpr qint64 MaximumObjectSize = Q_INT64_C(5) * 1024 * 1024 * 1024 * 1024;
    static constexpr int MaximumPartCount = 10000;
    static constexpr int DefaultPartsInFlight = 4;

    AwsS3UploadOptions();
    AwsS3UploadOptions(const AwsS3UploadOptions &other);
    AwsS3UploadOptions &operator=(const AwsS3UploadOptions &other);
    ~AwsS3UploadOptions();

    void swap(AwsS3UploadOptions &other) noexcept { d.swap(other.d); }

    qint64 multipartThreshold() const;
    void setMultipartThreshold(qint64 bytes);
    qint64 partSize() const;
    void setPartSize(qint64 bytes);
    int partsInFlight() const;
    void setPartsInFlight(int count);
    AwsSigningConfig::ChecksumAlgorithm checksumAlgorithm() const;
    void setChecksumAlgorithm(AwsSigningConfig::ChecksumAlgorithm algorithm);
    bool isResumable() const;
    void setResumable(bool resumable);
    QString stateFilePath() const;
    void setStateFilePath(const QString &path);
    bool restartsWhenFileChanged() const;
    void setRestartsWhenFileChanged(bool restart);
    AwsS3PutOptions putOptions() const;
    void setPutOptions(const AwsS3PutOptions &options);

    static qint64 effectivePartSize(qint64 fileSize, qint64 requestedPartSize);

private:
    QSharedDataPointer<AwsS3UploadOptionsPrivate> d;
};

Q_DECLARE_SHARED(AwsS3UploadOptions)
Q_DECLARE_METATYPE(AwsS3UploadOptions)

#endif // AWSS3UPLOADOPTIONS_H
