// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3uploadoptions.h>
#include <qtsigv4/qtsigv4config.h>

#include "s3/awss3transfer_p.h"

/*!
    \class AwsS3UploadOptions
    \inmodule QtSigV4
    \brief How AwsS3Client::uploadFile() uploads a file: multipart threshold, part size,
    parallelism, checksums, resume state.

    A file smaller than multipartThreshold() (default 8 MiB) is sent with one PutObject; a
    larger one with a multipart upload of parts of partSize() (default 8 MiB), of which
    partsInFlight() (default 4) are sent at the same time. Each part in flight is read from
    the file into memory once, so an upload holds at most partsInFlight() x partSize() bytes.

    S3's limits apply: a part holds 5 MiB to 5 GiB (the last one may be smaller), an upload
    has at most 10000 parts and an object at most 5 TiB. The part size is raised to 5 MiB
    when smaller, and grown (in whole MiB) when the file would need more than 10000 parts;
    effectivePartSize() tells the size used. Larger files are refused with
    AwsS3Upload::FileTooLargeError.

    Each part carries its CRC32C checksum (\c{x-amz-checksum-crc32c}) by default; the server
    checks it, and a part whose echoed checksum differs fails the upload. Some S3-compatible
    services refuse checksum headers: setChecksumAlgorithm() with
    AwsSigningConfig::ChecksumAlgorithm::None turns them off. A file sent with one PutObject
    carries no checksum.

    A multipart upload is resumable by default: its progress is kept in a state file
    (stateFilePath(), default the file's path with \c{.s3upload} appended), and the same
    upload started again (same file, bucket and key, same state file) sends only the parts
    the server does not hold yet. The class is implicitly shared.

    \sa AwsS3Upload
*/

/*! \variable AwsS3UploadOptions::DefaultMultipartThreshold
    The default multipartThreshold(): 8 MiB. */
/*! \variable AwsS3UploadOptions::DefaultPartSize
    The default partSize(): 8 MiB. */
/*! \variable AwsS3UploadOptions::MinimumPartSize
    S3's smallest part but the last: 5 MiB. */
/*! \variable AwsS3UploadOptions::MaximumPartSize
    S3's largest part (and PutObject): 5 GiB. */
/*! \variable AwsS3UploadOptions::MaximumObjectSize
    S3's largest object: 5 TiB. */
/*! \variable AwsS3UploadOptions::MaximumPartCount
    S3's largest number of parts of an upload: 10000. */
/*! \variable AwsS3UploadOptions::DefaultPartsInFlight
    The default partsInFlight(): 4. */

class AwsS3UploadOptionsPrivate : public QSharedData
{
public:
    qint64 threshold = AwsS3UploadOptions::DefaultMultipartThreshold;
    qint64 partSize = AwsS3UploadOptions::DefaultPartSize;
    int inFlight = AwsS3UploadOptions::DefaultPartsInFlight;
    // CRC32C comes from the payload layer; a build without it sends no checksums.
    AwsSigningConfig::ChecksumAlgorithm checksum = QTSIGV4_HAS_PAYLOAD
            ? AwsSigningConfig::ChecksumAlgorithm::Crc32c : AwsSigningConfig::ChecksumAlgorithm::None;
    bool resumable = true;
    bool restart = false;
    QString statePath;
    AwsS3PutOptions put;
};

/*! Constructs the default options. */
AwsS3UploadOptions::AwsS3UploadOptions() : d(new AwsS3UploadOptionsPrivate) { }
/*! Constructs a copy of \a other. */
AwsS3UploadOptions::AwsS3UploadOptions(const AwsS3UploadOptions &other) = default;
/*! Assigns \a other to these options. */
AwsS3UploadOptions &AwsS3UploadOptions::operator=(const AwsS3UploadOptions &other) = default;
/*! Destroys the options. */
AwsS3UploadOptions::~AwsS3UploadOptions() = default;

/*! \fn void AwsS3UploadOptions::swap(AwsS3UploadOptions &other)
    Swaps these options with \a other. */

/*! Returns the size from which a file is sent as a multipart upload. */
qint64 AwsS3UploadOptions::multipartThreshold() const { return d->threshold; }
/*!
    Sends files of \a bytes or more as multipart uploads, smaller ones with one PutObject
    (at least 1; a single PutObject can hold at most 5 GiB, so larger thresholds are lowered
    to that).
*/
void AwsS3UploadOptions::setMultipartThreshold(qint64 bytes)
{
    d->threshold = qBound<qint64>(1, bytes, MaximumPartSize);
}

/*! Returns the requested part size. */
qint64 AwsS3UploadOptions::partSize() const { return d->partSize; }
/*! Asks for parts of \a bytes (bounded to 5 MiB to 5 GiB). */
void AwsS3UploadOptions::setPartSize(qint64 bytes)
{
    d->partSize = qBound(MinimumPartSize, bytes, MaximumPartSize);
}

/*! Returns how many parts are sent at the same time. */
int AwsS3UploadOptions::partsInFlight() const { return d->inFlight; }
/*! Sends up to \a count parts at the same time (1 to 64). */
void AwsS3UploadOptions::setPartsInFlight(int count) { d->inFlight = qBound(1, count, 64); }

/*!
    Returns the checksum each part carries (default CRC32C; None in a build without the
    payload layer, QTSIGV4_WITH_PAYLOAD=OFF).
*/
AwsSigningConfig::ChecksumAlgorithm AwsS3UploadOptions::checksumAlgorithm() const { return d->checksum; }
/*!
    Sends parts with the \a algorithm checksum: AwsSigningConfig::ChecksumAlgorithm::Crc32c
    or None (other algorithms are refused when the upload starts).
*/
void AwsS3UploadOptions::setChecksumAlgorithm(AwsSigningConfig::ChecksumAlgorithm algorithm)
{
    d->checksum = algorithm;
}

/*! Returns whether a multipart upload keeps a state file to be resumed (default \c true). */
bool AwsS3UploadOptions::isResumable() const { return d->resumable; }
/*! Keeps (\a resumable) or not a resume state file for multipart uploads. */
void AwsS3UploadOptions::setResumable(bool resumable) { d->resumable = resumable; }

/*!
    Returns the path of the resume state file, empty for the default (the uploaded file's
    path with \c{.s3upload} appended).
*/
QString AwsS3UploadOptions::stateFilePath() const { return d->statePath; }
/*!
    Keeps the resume state in \a path, for instance in QStandardPaths::AppLocalDataLocation
    when the file's directory is not writable. The file is written atomically, readable by
    its owner only, and removed when the upload succeeds or is canceled.
*/
void AwsS3UploadOptions::setStateFilePath(const QString &path) { d->statePath = path; }

/*!
    Returns whether a resumed upload whose file changed starts over (default \c false: it
    fails with AwsS3Upload::FileChangedError).
*/
bool AwsS3UploadOptions::restartsWhenFileChanged() const { return d->restart; }
/*!
    When \a restart is \c true, a resumed upload whose file changed since the state was
    written aborts the old multipart upload and starts a new one.
*/
void AwsS3UploadOptions::setRestartsWhenFileChanged(bool restart) { d->restart = restart; }

/*! Returns the headers stored with the object (content type, metadata). */
AwsS3PutOptions AwsS3UploadOptions::putOptions() const { return d->put; }
/*!
    Stores the object with the headers of \a options; without a content type, it is guessed
    from the file name.
*/
void AwsS3UploadOptions::setPutOptions(const AwsS3PutOptions &options) { d->put = options; }

/*!
    Returns the part size an upload of \a fileSize bytes uses when \a requestedPartSize is
    asked for: at least 5 MiB, grown to a whole number of MiB so that the file fits in 10000
    parts; -1 when the file is larger than S3's 5 TiB object limit.
*/
qint64 AwsS3UploadOptions::effectivePartSize(qint64 fileSize, qint64 requestedPartSize)
{
    return AwsS3Transfer::partSize(fileSize, requestedPartSize, MinimumPartSize, MaximumPartSize,
                                   MaximumPartCount, MaximumObjectSize);
}
