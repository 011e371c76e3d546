// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3DOWNLOADOPTIONS_H
#define AWSS3DOWNLOADOPTIONS_H

#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsS3DownloadOptionsPrivate;

class QTSIGV4S3_EXPORT AwsS3DownloadOptions
{
public:
    static constexpr qint64 DefaultMultipartThreshold = 8 * 1024 * 1024;
    static constexpr qint64 DefaultPartSize = 8 * 1024 * 1024;
    static constexpr qint64 MinimumPartSize = 64 * 1024;
    static constexpr qint64 MaximumPartSize = Q_INT64_C(5) * 1024 * 1024 * 1024;
    static constexpr qint64 MaximumObjectSize = Q_INT64_C(5) * 1024 * 1024 * 1024 * 1024;
    static constexpr int MaximumPartCount = 10000;
    static constexpr int DefaultPartsInFlight = 4;

    AwsS3DownloadOptions();
    AwsS3DownloadOptions(const AwsS3DownloadOptions &other);
    AwsS3DownloadOptions &operator=(const AwsS3DownloadOptions &other);
    ~AwsS3DownloadOptions();

    void swap(AwsS3DownloadOptions &other) noexcept { d.swap(other.d); }

    qint64 multipartThreshold() const;
    void setMultipartThreshold(qint64 bytes);
    qint64 partSize() const;
    void setPartSize(qint64 bytes);
    int partsInFlight() const;
    void setPartsInFlight(int count);
    bool isResumable() const;
    void setResumable(bool resumable);
    QString stateFilePath() const;
    void setStateFilePath(const QString &path);

    static qint64 effectivePartSize(qint64 objectSize, qint64 requestedPartSize);

private:
    QSharedDataPointer<AwsS3DownloadOptionsPrivate> d;
};

Q_DECLARE_SHARED(AwsS3DownloadOptions)
Q_DECLARE_METATYPE(AwsS3DownloadOptions)

#endif // AWSS3DOWNLOADOPTIONS_H
