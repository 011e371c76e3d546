// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3downloadoptions.h>

#include "s3/awss3transfer_p.h"

/*!
    \class AwsS3DownloadOptions
    \inmodule QtSigV4
    \brief How AwsS3Client::downloadFile() downloads an object: threshold, part size,
    parallelism, resume state.

    An object smaller than multipartThreshold() (default 8 MiB) is fetched with one GET; a
    larger one with ranged GETs of partSize() (default 8 MiB), of which partsInFlight()
    (default 4) run at the same time. Each part is streamed to its place in the temporary
    file as it arrives, so a download holds only a few hundred KiB per part in memory,
    whatever the part size.

    The part size is at least 64 KiB and at most 5 GiB, and grown (in whole MiB) when the
    object would need more than 10000 parts; effectivePartSize() tells the size used.
    Objects larger than S3's 5 TiB limit are refused with AwsS3Download::ObjectTooLargeError.

    A download in parts is resumable by default: its progress is kept in a state file
    (stateFilePath(), default the target path with \c{.s3download} appended) next to the
    temporary file (the target path with \c{.s3download.part} appended), and the same
    download started again fetches only the parts it does not hold yet. The class is
    implicitly shared.

    \sa AwsS3Download
*/

/*! \variable AwsS3DownloadOptions::DefaultMultipartThreshold
    The default multipartThreshold(): 8 MiB. */
/*! \variable AwsS3DownloadOptions::DefaultPartSize
    The default partSize(): 8 MiB. */
/*! \variable AwsS3DownloadOptions::MinimumPartSize
    The smallest part size: 64 KiB. */
/*! \variable AwsS3DownloadOptions::MaximumPartSize
    The largest part size: 5 GiB. */
/*! \variable AwsS3DownloadOptions::MaximumObjectSize
    S3's largest object: 5 TiB; a server announcing a larger one is not believed. */
/*! \variable AwsS3DownloadOptions::MaximumPartCount
    The largest number of parts of a download: 10000 (the part size grows beyond). */
/*! \variable AwsS3DownloadOptions::DefaultPartsInFlight
    The default partsInFlight(): 4. */

class AwsS3DownloadOptionsPrivate : public QSharedData
{
public:
    qint64 threshold = AwsS3DownloadOptions::DefaultMultipartThreshold;
    qint64 partSize = AwsS3DownloadOptions::DefaultPartSize;
    int inFlight = AwsS3DownloadOptions::DefaultPartsInFlight;
    bool resumable = true;
    QString statePath;
};

/*! Constructs the default options. */
AwsS3DownloadOptions::AwsS3DownloadOptions() : d(new AwsS3DownloadOptionsPrivate) { }
/*! Constructs a copy of \a other. */
AwsS3DownloadOptions::AwsS3DownloadOptions(const AwsS3DownloadOptions &other) = default;
/*! Assigns \a other to these options. */
AwsS3DownloadOptions &AwsS3DownloadOptions::operator=(const AwsS3DownloadOptions &other) = default;
/*! Destroys the options. */
AwsS3DownloadOptions::~AwsS3DownloadOptions() = default;

/*! \fn void AwsS3DownloadOptions::swap(AwsS3DownloadOptions &other)
    Swaps these options with \a other. */

/*! Returns the size from which an object is downloaded in parts. */
qint64 AwsS3DownloadOptions::multipartThreshold() const { return d->threshold; }
/*!
    Downloads objects of \a bytes or more in parts (ranged GETs), smaller ones with one GET
    (at least 1, at most 5 GiB).
*/
void AwsS3DownloadOptions::setMultipartThreshold(qint64 bytes)
{
    d->threshold = qBound<qint64>(1, bytes, MaximumPartSize);
}

/*! Returns the requested part size. */
qint64 AwsS3DownloadOptions::partSize() const { return d->partSize; }
/*! Asks for parts of \a bytes (bounded to 64 KiB to 5 GiB). */
void AwsS3DownloadOptions::setPartSize(qint64 bytes)
{
    d->partSize = qBound(MinimumPartSize, bytes, MaximumPartSize);
}

/*! Returns how many parts are fetched at the same time. */
int AwsS3DownloadOptions::partsInFlight() const { return d->inFlight; }
/*! Fetches up to \a count parts at the same time (1 to 64). */
void AwsS3DownloadOptions::setPartsInFlight(int count) { d->inFlight = qBound(1, count, 64); }

/*! Returns whether a download in parts keeps a state file to be resumed (default \c true). */
bool AwsS3DownloadOptions::isResumable() const { return d->resumable; }
/*!
    Keeps (\a resumable) or not a resume state file and the partial temporary file of a
    download in parts after a failure.
*/
void AwsS3DownloadOptions::setResumable(bool resumable) { d->resumable = resumable; }

/*!
    Returns the path of the resume state file, empty for the default (the target path with
    \c{.s3download} appended).
*/
QString AwsS3DownloadOptions::stateFilePath() const { return d->statePath; }
/*!
    Keeps the resume state in \a path. The file is written atomically, readable by its owner
    only, and removed when the download succeeds or is canceled.
*/
void AwsS3DownloadOptions::setStateFilePath(const QString &path) { d->statePath = path; }

/*!
    Returns the part size a download of \a objectSize bytes uses when \a requestedPartSize
    is asked for: at least 64 KiB, grown to a whole number of MiB so that the object fits in
    10000 parts; -1 when the object is negative or larger than 5 TiB.
*/
qint64 AwsS3DownloadOptions::effectivePartSize(qint64 objectSize, qint64 requestedPartSize)
{
    return AwsS3Transfer::partSize(objectSize, requestedPartSize, MinimumPartSize, MaximumPartSize,
                                   MaximumPartCount, MaximumObjectSize);
}
