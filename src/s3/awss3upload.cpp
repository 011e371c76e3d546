// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3upload.h>

#include "s3/awss3transfer_p.h"
#include "s3/awss3upload_p.h"

#include <qtsigv4/awss3client.h>

#include <QtCore/qfileinfo.h>

/*!
    \class AwsS3Upload
    \inmodule QtSigV4
    \brief Uploads one file to S3, in parts sent in parallel, resumable after a restart.

    AwsS3Client::uploadFile() creates the job and starts it when the event loop runs, so
    connecting to its signals after the call is always in time. A file smaller than
    AwsS3UploadOptions::multipartThreshold() is sent with one PutObject; a larger one with a
    multipart upload: CreateMultipartUpload, parts sent AwsS3UploadOptions::partsInFlight()
    at a time (each read from the file into memory once, with its CRC32C checksum), then
    CompleteMultipartUpload. progress() reports the bytes sent; bytesPerSecond() and
    secondsRemaining() give the rate and an estimate of the time left.

    \snippet s3.cpp s3upload

    \section1 Resuming

    A multipart upload writes its progress to a state file (stateFilePath()) after each
    part: bucket, key, upload id, part size, the file's size, modification time and a hash
    of its first MiB, and the finished parts with their ETags and checksums. The file is
    written atomically, readable by its owner only, and removed when the upload succeeds or
    is canceled. When an upload of the same file to the same bucket and key is started
    again with the same state file (after a crash, a lost network or a deleted job), it
    checks that the file is unchanged (else FileChangedError, or a new upload with
    AwsS3UploadOptions::setRestartsWhenFileChanged()), asks the server which parts it holds
    (ListParts), and sends only the parts that are missing: resumedParts() lists those it
    kept, sentParts() those it sent. When the server no longer knows the upload (it was
    completed, aborted or expired), a new one starts. A state file that is not a valid
    state (too large, malformed, an upload id or ETag with characters they cannot hold) or
    that belongs to another bucket or key fails the upload with StateFileError; delete the
    file to start over.

    Deleting the job stops it: requests in flight are aborted and the state file is kept,
    so the upload can be resumed. A job that fails keeps the state file as well; the job does
    not retry by itself, the same upload started again resumes it. cancel() ends it for good: it aborts the multipart upload
    on the server (AbortMultipartUpload), so that no parts remain stored, and removes the
    state file.

    \sa AwsS3UploadOptions, AwsS3Client
*/

/*!
    \enum AwsS3Upload::Error
    Why an upload failed.
    \value NoError No error.
    \value InvalidRequestError The bucket, key or options cannot be used.
    \value LocalFileError The file cannot be read, or the state file cannot be written.
    \value FileTooLargeError The file is larger than S3's 5 TiB object limit.
    \value FileChangedError The file changed since the state file was written, or while it
           was being uploaded.
    \value StateFileError The state file is not a valid upload state, or belongs to another
           upload.
    \value RequestError An S3 request failed: requestError() and errorString() say how.
    \value OperationCanceledError cancel() was called.
*/

/*! \fn void AwsS3Upload::progress(qint64 bytesSent, qint64 bytesTotal)
    Emitted as the file is sent: \a bytesSent of \a bytesTotal bytes (parts a resumed
    upload found on the server count as sent). */
/*! \fn void AwsS3Upload::partFinished(int partNumber)
    Emitted when part \a partNumber is stored on the server and recorded in the state
    file. */
/*! \fn void AwsS3Upload::finished()
    Emitted once, when the upload has succeeded, failed or been canceled. */

/*!
    Starts uploading the file \a filePath as \a key of \a bucket with \a options, and returns
    the job (a child of this client; the caller deletes it, usually with deleteLater() once
    it has finished). The upload starts when control returns to the event loop.
*/
AwsS3Upload *AwsS3Client::uploadFile(const QString &bucket, const QString &key,
                                     const QString &filePath, const AwsS3UploadOptions &options)
{
    return new AwsS3Upload(this, bucket, key, filePath, options);
}

AwsS3Upload::AwsS3Upload(AwsS3Client *client, const QString &bucket, const QString &key,
                         const QString &filePath, const AwsS3UploadOptions &options)
    : QObject(client), d(new AwsS3UploadPrivate(this))
{
    d->client = client;
    d->bucket = bucket;
    d->key = key;
    d->path = filePath;
    d->options = options;
    d->statePath = options.stateFilePath().isEmpty() ? filePath + QStringLiteral(".s3upload")
                                                     : options.stateFilePath();
    QMetaObject::invokeMethod(this, [this] { d->start(); }, Qt::QueuedConnection);
}

/*!
    Destroys the job. A running upload stops (without emitting finished()); its state file
    is kept, so that it can be resumed.
*/
AwsS3Upload::~AwsS3Upload()
{
    d->finished = true;
    d->stopRequests();
}

/*! Returns the bucket. */
QString AwsS3Upload::bucket() const { return d->bucket; }
/*! Returns the key of the object. */
QString AwsS3Upload::key() const { return d->key; }
/*! Returns the path of the file. */
QString AwsS3Upload::filePath() const { return d->path; }
/*! Returns the options of the upload. */
AwsS3UploadOptions AwsS3Upload::options() const { return d->options; }
/*! Returns the path of the resume state file (used by multipart uploads only). */
QString AwsS3Upload::stateFilePath() const { return d->statePath; }
/*! Returns \c true when the file is sent as a multipart upload (known once started). */
bool AwsS3Upload::isMultipart() const { return d->multipart; }
/*! Returns the id of the multipart upload, once created or resumed. */
QString AwsS3Upload::uploadId() const { return d->state.uploadId; }
/*! Returns the part size of a multipart upload, 0 before it started. */
qint64 AwsS3Upload::partSize() const { return d->multipart ? d->state.partSize : 0; }
/*! Returns the number of parts of a multipart upload, 0 before it started. */
int AwsS3Upload::partCount() const { return d->multipart ? d->state.partCount() : 0; }
/*! Returns the numbers of the parts this job sent and the server stored, in that order. */
QList<int> AwsS3Upload::sentParts() const { return d->sent; }
/*! Returns the numbers of the parts a resumed upload found on the server and did not send. */
QList<int> AwsS3Upload::resumedParts() const { return d->resumed; }
/*! Returns the bytes sent so far (parts found on the server count as sent). */
qint64 AwsS3Upload::bytesSent() const
{
    qint64 sent = d->done;
    for (qint64 bytes : std::as_const(d->inFlightSent))
        sent += bytes;
    return sent;
}
/*! Returns the size of the file, 0 before the upload started. */
qint64 AwsS3Upload::bytesTotal() const { return d->total; }

/*!
    Returns the average rate of this run in bytes per second (parts found on the server
    when resuming do not count), 0 before anything was sent.
*/
double AwsS3Upload::bytesPerSecond() const
{
    return AwsS3Transfer::bytesPerSecond(d->timer, bytesSent() - d->resumedBytes);
}

/*! Returns the estimated seconds until all bytes are sent, -1 while unknown. */
qint64 AwsS3Upload::secondsRemaining() const
{
    return AwsS3Transfer::secondsRemaining(d->finished, bytesPerSecond(), d->total - bytesSent());
}

/*! Returns \c true when the upload has ended. */
bool AwsS3Upload::isFinished() const { return d->finished; }
/*! Returns the error, NoError while running and on success. */
AwsS3Upload::Error AwsS3Upload::error() const { return d->error; }
/*! Returns a readable description of the error (never a secret). */
QString AwsS3Upload::errorString() const { return d->errorString; }
/*! Returns the error of the S3 request that failed, with RequestError. */
AwsS3Reply::Error AwsS3Upload::requestError() const { return d->requestError; }
/*! Returns the ETag of the uploaded object, once finished. */
QString AwsS3Upload::eTag() const { return d->eTag; }

/*!
    Cancels the upload: requests in flight are aborted, a multipart upload is aborted on the
    server (its parts are discarded) and the state file removed; then finished() is emitted
    with OperationCanceledError. When the server refuses to abort, errorString() says so and
    the state file is kept (it holds the upload id).
*/
void AwsS3Upload::cancel()
{
    if (d->finished || d->canceling)
        return;
    d->canceling = true;
    // A CreateMultipartUpload in flight is awaited, so that its upload can be aborted.
    if (d->controlReply && d->controlReply->operation() == AwsS3Reply::CreateMultipartUpload)
        return;
    d->stopRequests();
    if (d->multipart && !d->state.uploadId.isEmpty())
        return d->abortServerUpload();
    d->fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}
