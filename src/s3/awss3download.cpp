// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3download.h>

#include "s3/awss3download_p.h"
#include "s3/awss3transfer_p.h"

#include <qtsigv4/awss3client.h>

/*!
    \class AwsS3Download
    \inmodule QtSigV4
    \brief Downloads one S3 object to a file, in ranged parts fetched in parallel, resumable
    after a restart.

    AwsS3Client::downloadFile() creates the job and starts it when the event loop runs, so
    connecting to its signals after the call is always in time. Before any request the job
    checks the target (not a directory, writable) and creates the temporary file beside it
    (temporaryFilePath(), mode 0600), under a lock file (temporaryFilePath() with \c{.lock}
    appended): a second job to the same target fails with LocalFileError while the first
    runs; the lock of a process that died is taken over. HeadObject then gives the object's size and ETag. An
    object smaller than AwsS3DownloadOptions::multipartThreshold() is fetched with one GET; a
    larger one with ranged GETs of AwsS3DownloadOptions::partSize(),
    AwsS3DownloadOptions::partsInFlight() at a time, each streamed to its offset in the
    temporary file as it arrives. progress() reports the bytes received; bytesPerSecond() and
    secondsRemaining() give the rate and an estimate of the time left.

    \snippet s3.cpp s3download

    \section1 Integrity

    Every GET carries \c{If-Match} with the ETag HeadObject gave: an object replaced during
    the download fails it with ObjectChangedError instead of mixing two versions (also with
    servers that ignore \c{If-Match}: the ETag of each answer is compared as well). Each
    answer is checked before a byte of it is written: status 206 and exactly the asked
    \c{Content-Range} (of the object's size) for a part, status 200 for a whole object, the
    announced length; a body longer than asked is refused before it reaches the file, a
    shorter one fails the part. Sizes above S3's 5 TiB, negative or missing ones are
    refused. When all parts are in, the file's size is checked, and for an object fetched
    with one GET whose ETag is an MD5 (no \c{-}, not SSE-KMS or SSE-C), the MD5 of the bytes
    too (ChecksumMismatchError). Only then is the temporary file renamed to filePath(),
    atomically replacing a file there. A download that fails or is canceled never touches
    filePath().

    \section1 Resuming

    A download in parts writes its progress to a state file (stateFilePath()) after each
    part, once the part is on the disk: bucket, key, ETag, size, part size and the finished
    parts. The file is written atomically, readable by its owner only. When the same download
    (same bucket, key and target) is started again with the same state file, after a crash, a
    lost network, stop() or a deleted job, it fetches only the parts that are missing:
    resumedParts() lists those it kept, fetchedParts() those it fetched. When the object's
    ETag or size changed since, or the partial file is gone, it starts over, emits
    restarted() and says why in restartReason(). A state file that is not a valid state (too
    large, not a regular file, unknown fields, an ETag that cannot travel in a header, parts
    outside the object) or that belongs to another bucket or key fails the download with
    StateFileError; delete it to start over. The part size of a resumed download is the
    one it started with.

    \section1 Stopping

    cancel() ends the download for good: the temporary and state files are removed. stop()
    ends it keeping both, so that it can be resumed later; so does deleting the job (which
    emits nothing) and any failure of a resumable download in parts. A download with one GET
    has nothing to resume: its temporary file is always removed. The job does not retry by
    itself: the same download started again resumes it.

    \sa AwsS3DownloadOptions, AwsS3Client, AwsS3Upload
*/

/*!
    \enum AwsS3Download::Error
    Why a download failed.
    \value NoError No error.
    \value InvalidRequestError The bucket or key cannot be used.
    \value LocalFileError The target is a directory, not a regular file or not writable, or
           the temporary or state file cannot be written, or the rename failed.
    \value ObjectTooLargeError The server claims an object larger than S3's 5 TiB limit.
    \value ObjectChangedError The object was replaced while it was downloaded (HTTP 412 to
           \c{If-Match}, or another ETag in an answer); the partial file is discarded.
    \value StateFileError The state file is not a valid download state, or belongs to
           another download.
    \value RequestError An S3 request failed, or its answer was not what was asked (another
           range, a wrong length): requestError() and errorString() say how.
    \value ChecksumMismatchError The downloaded file has another size than the object, or
           bytes whose MD5 is not the object's ETag; the partial file is discarded.
    \value OperationCanceledError cancel() or stop() was called.
*/

/*! \fn void AwsS3Download::progress(qint64 bytesReceived, qint64 bytesTotal)
    Emitted as the object arrives: \a bytesReceived of \a bytesTotal bytes (parts a resumed
    download already held count as received). It never goes back, and ends at
    \a bytesTotal on success. */
/*! \fn void AwsS3Download::partFinished(int partNumber)
    Emitted when part \a partNumber is written to the disk and recorded in the state file. */
/*! \fn void AwsS3Download::restarted(const QString &reason)
    Emitted when a saved state could not be resumed and the download starts over, with the
    \a reason (the object changed, the partial file is missing). */
/*! \fn void AwsS3Download::finished()
    Emitted once, when the download has succeeded, failed or been canceled. */

/*!
    Starts downloading \a key of \a bucket to the file \a filePath with \a options, and
    returns the job (a child of this client; the caller deletes it, usually with
    deleteLater() once it has finished). The download starts when control returns to the
    event loop.
*/
AwsS3Download *AwsS3Client::downloadFile(const QString &bucket, const QString &key,
                                         const QString &filePath, const AwsS3DownloadOptions &options)
{
    return new AwsS3Download(this, bucket, key, filePath, options);
}

AwsS3Download::AwsS3Download(AwsS3Client *client, const QString &bucket, const QString &key,
                             const QString &filePath, const AwsS3DownloadOptions &options)
    : QObject(client), d(new AwsS3DownloadPrivate(this))
{
    d->client = client;
    d->bucket = bucket;
    d->key = key;
    d->path = filePath;
    d->options = options;
    d->temporaryPath = filePath + QStringLiteral(".s3download.part");
    d->statePath = options.stateFilePath().isEmpty() ? filePath + QStringLiteral(".s3download")
                                                     : options.stateFilePath();
    QMetaObject::invokeMethod(this, [this] { d->start(); }, Qt::QueuedConnection);
}

/*!
    Destroys the job. A running download stops (without emitting finished()); a resumable
    download in parts keeps its temporary and state files, so that it can be resumed.
*/
AwsS3Download::~AwsS3Download()
{
    if (!d->finished)
        d->abandon();
}

/*! Returns the bucket. */
QString AwsS3Download::bucket() const { return d->bucket; }
/*! Returns the key of the object. */
QString AwsS3Download::key() const { return d->key; }
/*! Returns the path of the file the object is written to. */
QString AwsS3Download::filePath() const { return d->path; }
/*! Returns the options of the download. */
AwsS3DownloadOptions AwsS3Download::options() const { return d->options; }
/*! Returns the path of the resume state file (used by downloads in parts only). */
QString AwsS3Download::stateFilePath() const { return d->statePath; }
/*!
    Returns the path of the temporary file the object is written to before it is renamed to
    filePath(): filePath() with \c{.s3download.part} appended.
*/
QString AwsS3Download::temporaryFilePath() const { return d->temporaryPath; }
/*! Returns \c true when the object is fetched in parts (known once its size is). */
bool AwsS3Download::isMultipart() const { return d->multipart; }
/*! Returns the part size of a download in parts, 0 otherwise or before it started. */
qint64 AwsS3Download::partSize() const { return d->multipart ? d->state.partSize : 0; }
/*! Returns the number of parts of a download in parts, 0 otherwise or before it started. */
int AwsS3Download::partCount() const { return d->multipart ? d->state.partCount() : 0; }
/*! Returns the numbers of the parts this job fetched, in the order they finished. */
QList<int> AwsS3Download::fetchedParts() const { return d->fetched; }
/*! Returns the numbers of the parts a resumed download already held and did not fetch. */
QList<int> AwsS3Download::resumedParts() const { return d->resumed; }
/*! Returns \c true when a saved state was discarded and the download started over. */
bool AwsS3Download::wasRestarted() const { return d->restarted; }
/*! Returns why the download started over (see restarted()), empty when it did not. */
QString AwsS3Download::restartReason() const { return d->restartReason; }

/*! Returns the bytes received so far (parts a resumed download held count as received). */
qint64 AwsS3Download::bytesReceived() const
{
    qint64 received = d->done;
    for (const auto &entry : d->inFlight) {
        if (entry.second.reply)
            received += entry.second.reply->bytesReceived();
    }
    return received;
}
/*! Returns the size of the object, 0 before it is known. */
qint64 AwsS3Download::bytesTotal() const { return d->total; }

/*!
    Returns the average rate of this run in bytes per second (parts a resumed download held
    do not count), 0 before anything was received.
*/
double AwsS3Download::bytesPerSecond() const
{
    return AwsS3Transfer::bytesPerSecond(d->timer, bytesReceived() - d->resumedBytes);
}

/*! Returns the estimated seconds until all bytes are received, -1 while unknown. */
qint64 AwsS3Download::secondsRemaining() const
{
    return AwsS3Transfer::secondsRemaining(d->finished, bytesPerSecond(), d->total - bytesReceived());
}

/*! Returns \c true when the download has ended. */
bool AwsS3Download::isFinished() const { return d->finished; }
/*! Returns the error, NoError while running and on success. */
AwsS3Download::Error AwsS3Download::error() const { return d->error; }
/*! Returns a readable description of the error (never a secret). */
QString AwsS3Download::errorString() const { return d->errorString; }
/*! Returns the error of the S3 request that failed, with RequestError. */
AwsS3Reply::Error AwsS3Download::requestError() const { return d->requestError; }
/*! Returns the ETag of the object, once known. */
QString AwsS3Download::eTag() const { return d->eTag; }

/*!
    Cancels the download for good: requests in flight are aborted, the temporary file and
    the state file are removed (filePath() is left as it was); then finished() is emitted with
    OperationCanceledError. Use stop() to keep what was downloaded for later.
*/
void AwsS3Download::cancel()
{
    if (d->finished)
        return;
    d->fail(OperationCanceledError, QStringLiteral("Operation canceled"), AwsS3Reply::NoError,
            AwsS3DownloadPrivate::DiscardFiles);
}

/*!
    Stops the download and keeps its temporary and state files (a download in parts with
    AwsS3DownloadOptions::isResumable()), so that the same download started again resumes
    where it stopped; then finished() is emitted with OperationCanceledError.
*/
void AwsS3Download::stop()
{
    if (d->finished)
        return;
    d->fail(OperationCanceledError,
            QStringLiteral("Operation stopped; the download resumes when it is started again"));
}
