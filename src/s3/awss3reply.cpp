// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3reply.h>

#include "s3/awss3reply_p.h"
#include "s3/awss3xml_p.h"

#include <qtsigv4/awsnetworkaccessmanager.h>

#include <QtCore/qsavefile.h>
#include <QtNetwork/qnetworkreply.h>

/*!
    \class AwsS3Reply
    \inmodule QtSigV4
    \brief The answer of one AwsS3Client operation, delivered asynchronously.

    Like QNetworkReply, an AwsS3Reply is returned at once and emits finished() when the
    operation is over, successful or not; error() and errorString() then say what happened,
    and the accessors of the operation hold its result: buckets() for ListBuckets,
    listResult() for ListObjectsV2, object() for HeadObject, GetObject, PutObject and
    CopyObject, deletedKeys() and deleteErrors() for DeleteObjects, uploadId() and parts() for
    the multipart operations.

    The caller owns the reply (it is parented to the client) and deletes it, usually with
    deleteLater() in a slot connected to finished(). finished() is never emitted before the
    function that created the reply returns, even for a request refused before sending, so
    connecting after the call is always in time. abort() ends the operation at once with
    OperationCanceledError; a file being downloaded is then discarded.

    What a server sends is bounded: an XML answer larger than 8 MiB or an error body larger
    than 64 KiB ends the operation with InvalidResponseError, and so does XML that is
    malformed, truncated or of the wrong kind. When nothing moves for the client's
    transferTimeout(), the operation ends with TimeoutError.

    \sa AwsS3Client
*/

/*!
    \enum AwsS3Reply::Operation
    The S3 operation of a reply.
    \value ListBuckets   ListBuckets (AwsS3Client::listBuckets()).
    \value CreateBucket  CreateBucket.
    \value DeleteBucket  DeleteBucket.
    \value ListObjects   ListObjectsV2, one page or all pages.
    \value HeadObject    HeadObject.
    \value GetObject     GetObject, into a device or a file.
    \value PutObject     PutObject, from memory, a device or a file.
    \value CopyObject    CopyObject.
    \value DeleteObject  DeleteObject.
    \value DeleteObjects DeleteObjects, in batches of at most 1000 keys.
    \value CreateMultipartUpload CreateMultipartUpload (uploadId()).
    \value UploadPart UploadPart (the part in parts()).
    \value CompleteMultipartUpload CompleteMultipartUpload (the object's ETag in object()).
    \value AbortMultipartUpload AbortMultipartUpload.
    \value ListParts ListParts, every page (parts()).
*/

/*!
    \enum AwsS3Reply::Error
    Why an operation failed.
    \value NoError No error.
    \value NetworkError The connection failed or broke (errorString() says how).
    \value TimeoutError Nothing was sent or received for AwsS3Client::transferTimeout().
    \value OperationCanceledError abort() was called, or the client's network access manager
           was destroyed while the request ran.
    \value InvalidRequestError The request was refused before sending: an invalid bucket
           name, key, range or metadata, or a request the signer cannot send unchanged.
    \value LocalFileError A local file could not be opened, read or written.
    \value CredentialsError No credentials could be obtained to sign the request.
    \value InvalidResponseError The server's answer was not what S3 sends: malformed,
           truncated or oversized XML, a range it did not honour, a short body.
    \value AuthenticationError The service refused the signature or the credentials
           (SignatureDoesNotMatch, InvalidAccessKeyId, ExpiredToken, RequestTimeTooSkewed).
    \value AccessDeniedError The credentials may not do this (AccessDenied, HTTP 403).
    \value NoSuchBucketError The bucket does not exist.
    \value NoSuchKeyError The object does not exist (also a HeadObject answered with 404).
    \value BucketAlreadyExistsError The bucket name is taken (BucketAlreadyExists,
           BucketAlreadyOwnedByYou).
    \value BucketNotEmptyError The bucket still holds objects.
    \value InvalidRangeError The requested byte range is outside the object (HTTP 416).
    \value PreconditionFailedError A condition of the request did not hold (HTTP 412).
    \value PartialDeleteError DeleteObjects could not delete some keys (deleteErrors()).
    \value ServiceError Another error of the service (serviceErrorCode() names it).
    \value NoSuchUploadError The multipart upload does not exist (any more): it was
           completed or aborted.
    \value ChecksumMismatchError The checksum the server echoed for a part is not the one
           sent, or the service refused a part's checksum (BadDigest, InvalidChecksum).
*/

/*! \fn void AwsS3Reply::finished()
    Emitted once, when the operation has ended. */
/*! \fn void AwsS3Reply::uploadProgress(qint64 bytesSent, qint64 bytesTotal)
    Emitted while a body is sent: \a bytesSent of \a bytesTotal bytes. */
/*! \fn void AwsS3Reply::downloadProgress(qint64 bytesReceived, qint64 bytesTotal)
    Emitted while an answer arrives: \a bytesReceived of \a bytesTotal bytes (-1: unknown). */
/*! \fn void AwsS3Reply::pageReceived(const AwsS3ListResult &page)
    Emitted by a listing for each \a page as it arrives. */

AwsS3Reply::AwsS3Reply(Operation operation, const QString &bucket, const QString &key,
                       QObject *parent)
    : QObject(parent), d(new AwsS3ReplyPrivate(this))
{
    d->operation = operation;
    d->bucket = bucket;
    d->key = key;
}

/*!
    Destroys the reply, aborting the operation if it is still running (without emitting
    finished(); a file being downloaded is discarded).
*/
AwsS3Reply::~AwsS3Reply()
{
    d->finished = true;   // the private's destructor stops the transfer, QSaveFile discards
}

/*! Returns the operation of this reply. */
AwsS3Reply::Operation AwsS3Reply::operation() const { return d->operation; }
/*! Returns the bucket the operation is about (the target bucket of a copy). */
QString AwsS3Reply::bucket() const { return d->bucket; }
/*! Returns the key the operation is about, if any (the target key of a copy). */
QString AwsS3Reply::key() const { return d->key; }
/*! Returns \c true when the operation has ended. */
bool AwsS3Reply::isFinished() const { return d->finished; }
/*! Returns the error, NoError while running and on success. */
AwsS3Reply::Error AwsS3Reply::error() const { return d->error; }
/*!
    Returns a readable description of the error: the service's code and message (escaped and
    cut to a readable length) with the HTTP status and request id, or the local reason.
    Never a secret.
*/
QString AwsS3Reply::errorString() const { return d->errorString; }
/*! Returns the HTTP status of the last answer, 0 when none arrived. */
int AwsS3Reply::httpStatus() const { return d->httpStatus; }
/*! Returns the service's error code, such as \c NoSuchKey, or an empty string. */
QString AwsS3Reply::serviceErrorCode() const { return d->serviceCode; }
/*! Returns the service's request id of the last answer (for a support case), if any. */
QString AwsS3Reply::requestId() const { return d->requestId; }
/*! Returns the buckets of a ListBuckets operation. */
QList<AwsS3Bucket> AwsS3Reply::buckets() const { return d->buckets; }
/*!
    Returns the page of a listObjects() operation, or every page of a listAllObjects()
    operation (as far as it went, when it failed).
*/
AwsS3ListResult AwsS3Reply::listResult() const { return d->listResult; }
/*!
    Returns the object: its headers after HeadObject and GetObject (size, ETag, content type,
    user metadata), its new ETag after PutObject and CopyObject.
*/
AwsS3Object AwsS3Reply::object() const { return d->object; }
/*! Returns the number of body bytes a GetObject wrote so far. */
qint64 AwsS3Reply::bytesReceived() const { return d->received; }
/*! Returns the keys a DeleteObjects operation deleted. */
QStringList AwsS3Reply::deletedKeys() const { return d->deleted; }
/*! Returns the keys a DeleteObjects operation could not delete, with the reasons. */
QList<AwsS3DeleteError> AwsS3Reply::deleteErrors() const { return d->deleteErrors; }
/*! Returns the upload id a CreateMultipartUpload operation received (or was given). */
QString AwsS3Reply::uploadId() const { return d->uploadId; }
/*!
    Returns the part an UploadPart operation stored (with its ETag and, when sent, its
    CRC32C), or every part a ListParts operation listed, in order.
*/
QList<AwsS3Part> AwsS3Reply::parts() const { return d->parts; }

/*!
    Ends the operation now with OperationCanceledError and emits finished(). A file being
    downloaded is discarded; keys already deleted by a DeleteObjects batch stay deleted.
*/
void AwsS3Reply::abort()
{
    if (!d->finished)
        d->abort();
}

// --- AwsS3ReplyPrivate ---------------------------------------------------------------------

namespace {

constexpr qint64 ReadBufferSize = 1024 * 1024;

QString unquotedETag(const QNetworkReply *reply)
{
    QString eTag = QString::fromLatin1(reply->rawHeader("ETag").trimmed());
    if (eTag.size() >= 2 && eTag.startsWith(u'"') && eTag.endsWith(u'"'))
        eTag = eTag.mid(1, eTag.size() - 2);
    return eTag;
}

} // namespace

AwsS3ReplyPrivate::~AwsS3ReplyPrivate()
{
    detach();
}

void AwsS3ReplyPrivate::send(AwsNetworkAccessManager *manager, const QByteArray &verb,
                             const QNetworkRequest &request, const QByteArray &body,
                             Handler handler)
{
    if (refused)
        return;
    QNetworkReply *reply = nullptr;
    if (verb == "HEAD")
        reply = manager->head(request);   // as a custom verb, Qt would wait for a body
    else if (!body.isEmpty() || verb == "PUT" || verb == "POST")
        reply = manager->sendCustomRequest(request, verb, body);
    else
        reply = manager->sendCustomRequest(request, verb);
    start(reply, std::move(handler));
}

void AwsS3ReplyPrivate::send(AwsNetworkAccessManager *manager, const QByteArray &verb,
                             const QNetworkRequest &request, QIODevice *body, Handler handler)
{
    if (refused)
        return;
    start(manager->sendCustomRequest(request, verb, body), std::move(handler));
}

void AwsS3ReplyPrivate::start(QNetworkReply *reply, Handler handler)
{
    m_reply = reply;
    m_handler = std::move(handler);
    m_body.clear();
    m_checkedMetaData = false;
    m_timedOut = false;
    // The network reply stays the manager's child: it must never outlive the manager (it
    // reports to it), even when this reply is reparented and outlives the client.
    // Qt's HTTP thread otherwise reads a whole body ahead into memory while this thread is
    // busy: with several large ranged GETs that is their sum, not a buffer each.
    reply->setReadBufferSize(ReadBufferSize);
    QObject::connect(reply, &QObject::destroyed, q, [this] {
        fail(AwsS3Reply::OperationCanceledError,
             QStringLiteral("the request was canceled: its network access manager was destroyed"));
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, q, [this] { onMetaData(); });
    QObject::connect(reply, &QNetworkReply::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(reply, &QNetworkReply::finished, q, [this] { onFinished(); });
    QObject::connect(reply, &QNetworkReply::uploadProgress, q, [this](qint64 sent, qint64 total) {
        m_idle.start();
        Q_EMIT q->uploadProgress(sent, total);
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, q, [this](qint64 got, qint64 total) {
        m_idle.start();
        Q_EMIT q->downloadProgress(got, total);
    });
    m_idle.setSingleShot(true);
    m_idle.setInterval(timeout);
    QObject::disconnect(&m_idle, nullptr, q, nullptr);
    QObject::connect(&m_idle, &QTimer::timeout, q, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
    m_idle.start();
}

void AwsS3ReplyPrivate::setSink(QIODevice *device, qint64 offset, qint64 length)
{
    m_sink = device;
    m_offset = offset;
    m_length = length;
    m_ranged = offset > 0 || length >= 0;
}

void AwsS3ReplyPrivate::expectObject(qint64 size, const QString &eTag)
{
    m_objectSize = size;
    m_eTag = eTag;
}

// The most body bytes the sink may receive, -1 when unbounded.
qint64 AwsS3ReplyPrivate::bodyLimit() const
{
    if (m_objectSize >= 0)
        return m_ranged ? m_length : m_objectSize;
    return m_ranged ? m_length : -1;
}

AwsS3Reply::Error AwsS3ReplyPrivate::checkObject(QNetworkReply *reply, int status, QString *problem) const
{
    const auto clean = [](const QByteArray &text) {
        return AwsS3Xml::cleanText(QString::fromLatin1(text), 80);
    };
    if (status != (m_ranged ? 206 : 200)) {
        *problem = m_ranged ? QStringLiteral("the server ignored the byte range (HTTP %1)").arg(status)
                            : QStringLiteral("the server answered HTTP %1 instead of 200").arg(status);
        return AwsS3Reply::InvalidResponseError;
    }
    if (m_ranged) {
        const QByteArray range = reply->rawHeader("Content-Range").trimmed();
        const QByteArray expected = "bytes " + QByteArray::number(m_offset) + '-'
                + QByteArray::number(m_offset + m_length - 1) + '/' + QByteArray::number(m_objectSize);
        if (range != expected) {
            *problem = QStringLiteral("the server sent the byte range \"%1\" instead of \"%2\"")
                               .arg(clean(range), clean(expected));
            return AwsS3Reply::InvalidResponseError;
        }
    }
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() != bodyLimit()) {
        *problem = QStringLiteral("the server announced %1 bytes instead of %2")
                           .arg(clean(reply->rawHeader("Content-Length"))).arg(bodyLimit());
        return AwsS3Reply::InvalidResponseError;
    }
    const QString eTag = unquotedETag(reply);
    if (eTag != m_eTag) {
        // A server that ignores If-Match still cannot mix two versions of the object.
        *problem = QStringLiteral("the object changed: its ETag is now \"%1\", not \"%2\"")
                           .arg(AwsS3Xml::cleanText(eTag, 80), m_eTag);
        return AwsS3Reply::PreconditionFailedError;
    }
    return AwsS3Reply::NoError;
}

bool AwsS3ReplyPrivate::setFileSink(const QString &path, qint64 offset, qint64 length)
{
    // Written beside the target and renamed into place by commit() only when complete.
    m_saveFile = std::make_unique<QSaveFile>(path);
    if (!m_saveFile->open(QIODevice::WriteOnly)) {
        errorString = QStringLiteral("cannot write %1: %2").arg(path, m_saveFile->errorString());
        m_saveFile.reset();
        return false;
    }
    setSink(m_saveFile.get(), offset, length);
    return true;
}

void AwsS3ReplyPrivate::takeBodyDevice(QIODevice *device)
{
    m_bodyDevice.reset(device);
}

bool AwsS3ReplyPrivate::checkRange(QNetworkReply *reply, QString *problem) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_ranged)
        return true;
    if (status != 206) {
        *problem = QStringLiteral("the server ignored the byte range (HTTP %1)").arg(status);
        return false;
    }
    const QByteArray range = reply->rawHeader("Content-Range").trimmed();
    const QByteArray expected = "bytes " + QByteArray::number(m_offset) + '-';
    if (!range.startsWith(expected)) {
        *problem = QStringLiteral("the server sent another byte range (%1)")
                           .arg(AwsS3Xml::cleanText(QString::fromLatin1(range), 80));
        return false;
    }
    if (m_length >= 0) {
        const qint64 last = range.mid(expected.size(), range.indexOf('/') - expected.size()).toLongLong();
        if (last > m_offset + m_length - 1) {
            *problem = QStringLiteral("the server sent more than the requested range (%1)")
                               .arg(AwsS3Xml::cleanText(QString::fromLatin1(range), 80));
            return false;
        }
    }
    return true;
}

void AwsS3ReplyPrivate::onMetaData()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_checkedMetaData)
        return;
    const QVariant statusValue = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusValue.isValid())
        return;
    m_checkedMetaData = true;
    const int status = statusValue.toInt();
    const bool streamed = m_sink && status >= 200 && status < 300;
    QString problem;
    if (streamed && m_objectSize >= 0) {
        const AwsS3Reply::Error e = checkObject(reply, status, &problem);
        if (e != AwsS3Reply::NoError)
            return fail(e, problem);
    }
    if (streamed && m_objectSize < 0 && !checkRange(reply, &problem))
        return fail(AwsS3Reply::InvalidResponseError, problem);
    const qint64 cap = status >= 300 ? MaxErrorBody : MaxXmlBody;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    // A HEAD answer announces the object's length and has no body.
    const bool bodiless = operation == AwsS3Reply::HeadObject && status < 300;
    if (!streamed && !bodiless && length.isValid() && length.toLongLong() > cap)
        fail(AwsS3Reply::InvalidResponseError,
             QStringLiteral("the answer is larger than %1 bytes (Content-Length %2)")
                     .arg(cap).arg(length.toLongLong()));
}

void AwsS3ReplyPrivate::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onMetaData();
    if (!m_reply)
        return;
    m_idle.start();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_sink && status >= 200 && status < 300) {
        const qint64 limit = bodyLimit();
        while (reply->bytesAvailable() > 0) {
            const QByteArray chunk = reply->read(256 * 1024);
            // Checked before writing: a body too long never reaches the sink.
            if (limit >= 0 && received + chunk.size() > limit)
                return fail(AwsS3Reply::InvalidResponseError,
                            m_ranged ? QStringLiteral("the server sent more than the requested range")
                                     : QStringLiteral("the server sent more than the object's %1 bytes")
                                               .arg(limit));
            if (m_sink->write(chunk) != chunk.size())
                return fail(AwsS3Reply::LocalFileError,
                            QStringLiteral("cannot write the object: %1").arg(m_sink->errorString()));
            received += chunk.size();
        }
        return;
    }
    const qint64 cap = status >= 300 ? MaxErrorBody : MaxXmlBody;
    m_body += reply->read(cap + 1 - m_body.size());
    if (m_body.size() > cap)
        fail(AwsS3Reply::InvalidResponseError,
             QStringLiteral("the answer is larger than %1 bytes").arg(cap));
}

void AwsS3ReplyPrivate::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || finished)
        return;
    onReadyRead();
    if (finished)
        return;
    m_idle.stop();
    httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    requestId = AwsS3Xml::cleanText(QString::fromLatin1(reply->rawHeader("x-amz-request-id")), 128);
    if (httpStatus >= 300)
        return finishServiceError(reply);
    if (httpStatus == 0 || reply->error() != QNetworkReply::NoError)
        return finishNetworkError(reply);
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 expected = m_objectSize >= 0 ? bodyLimit()
            : length.isValid() ? length.toLongLong() : -1;
    if (m_sink && expected >= 0 && expected != received && operation == AwsS3Reply::GetObject)
        return fail(AwsS3Reply::InvalidResponseError,
                    QStringLiteral("the body ended after %1 of %2 bytes").arg(received).arg(expected));
    const QByteArray body = m_body;
    const Handler handler = m_handler;
    detach();
    handler(reply, body);
}

void AwsS3ReplyPrivate::finishNetworkError(QNetworkReply *reply)
{
    if (m_timedOut)
        return fail(AwsS3Reply::TimeoutError,
                    QStringLiteral("no answer for %1 ms").arg(timeout));
    AwsS3Reply::Error e = AwsS3Reply::NetworkError;
    switch (reply->error()) {
    case QNetworkReply::AuthenticationRequiredError: e = AwsS3Reply::CredentialsError; break;
    case QNetworkReply::ProtocolInvalidOperationError: e = AwsS3Reply::InvalidRequestError; break;
    case QNetworkReply::ContentReSendError: e = AwsS3Reply::InvalidRequestError; break;
    case QNetworkReply::OperationCanceledError: e = AwsS3Reply::OperationCanceledError; break;
    case QNetworkReply::TimeoutError: e = AwsS3Reply::TimeoutError; break;
    default: break;
    }
    fail(e, reply->errorString());
}

void AwsS3ReplyPrivate::finishServiceError(QNetworkReply *reply)
{
    AwsS3Xml::ServiceError se;
    QString text;
    if (AwsS3Xml::parseError(m_body, &se)) {
        serviceCode = se.code;
        if (!se.requestId.isEmpty())
            requestId = se.requestId;
        text = se.message.isEmpty() ? se.code : se.code + QStringLiteral(": ") + se.message;
    } else {
        text = QStringLiteral("%1 %2").arg(httpStatus).arg(AwsS3Xml::cleanText(
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), 80));
    }
    text += QStringLiteral(" (HTTP %1").arg(httpStatus);
    if (!requestId.isEmpty())
        text += QStringLiteral(", request id %1").arg(requestId);
    text += u')';
    fail(errorForCode(serviceCode, httpStatus, !key.isEmpty()), text);
}

AwsS3Reply::Error AwsS3ReplyPrivate::errorForCode(const QString &code, int status, bool hasKey)
{
    static const QHash<QString, AwsS3Reply::Error> codes = {
        { QStringLiteral("NoSuchBucket"), AwsS3Reply::NoSuchBucketError },
        { QStringLiteral("NoSuchKey"), AwsS3Reply::NoSuchKeyError },
        { QStringLiteral("AccessDenied"), AwsS3Reply::AccessDeniedError },
        { QStringLiteral("AllAccessDisabled"), AwsS3Reply::AccessDeniedError },
        { QStringLiteral("BucketNotEmpty"), AwsS3Reply::BucketNotEmptyError },
        { QStringLiteral("BucketAlreadyExists"), AwsS3Reply::BucketAlreadyExistsError },
        { QStringLiteral("BucketAlreadyOwnedByYou"), AwsS3Reply::BucketAlreadyExistsError },
        { QStringLiteral("InvalidRange"), AwsS3Reply::InvalidRangeError },
        { QStringLiteral("PreconditionFailed"), AwsS3Reply::PreconditionFailedError },
        { QStringLiteral("SignatureDoesNotMatch"), AwsS3Reply::AuthenticationError },
        { QStringLiteral("InvalidAccessKeyId"), AwsS3Reply::AuthenticationError },
        { QStringLiteral("ExpiredToken"), AwsS3Reply::AuthenticationError },
        { QStringLiteral("InvalidToken"), AwsS3Reply::AuthenticationError },
        { QStringLiteral("RequestTimeTooSkewed"), AwsS3Reply::AuthenticationError },
        { QStringLiteral("InvalidBucketName"), AwsS3Reply::InvalidRequestError },
        { QStringLiteral("KeyTooLongError"), AwsS3Reply::InvalidRequestError },
        { QStringLiteral("NoSuchUpload"), AwsS3Reply::NoSuchUploadError },
        { QStringLiteral("BadDigest"), AwsS3Reply::ChecksumMismatchError },
        { QStringLiteral("InvalidChecksum"), AwsS3Reply::ChecksumMismatchError },
        { QStringLiteral("XAmzContentChecksumMismatch"), AwsS3Reply::ChecksumMismatchError },
    };
    if (!code.isEmpty())
        return codes.value(code, AwsS3Reply::ServiceError);
    switch (status) {
    case 403: return AwsS3Reply::AccessDeniedError;
    case 404: return hasKey ? AwsS3Reply::NoSuchKeyError : AwsS3Reply::NoSuchBucketError;
    case 412: return AwsS3Reply::PreconditionFailedError;
    case 416: return AwsS3Reply::InvalidRangeError;
    default: return AwsS3Reply::ServiceError;
    }
}

AwsS3Object AwsS3ReplyPrivate::objectFromHeaders(const QNetworkReply *reply, const QString &key)
{
    AwsS3Object object(key);
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid())
        object.setSize(length.toLongLong());
    object.setETag(unquotedETag(reply));
    object.setLastModified(reply->header(QNetworkRequest::LastModifiedHeader).toDateTime());
    object.setContentType(reply->rawHeader("Content-Type"));
    object.setStorageClass(QString::fromLatin1(reply->rawHeader("x-amz-storage-class")));
    QMap<QString, QString> metadata;
    for (const auto &header : reply->rawHeaderPairs()) {
        const QByteArray name = header.first.toLower();
        if (name.startsWith("x-amz-meta-"))
            metadata.insert(QString::fromLatin1(name.mid(11)), QString::fromUtf8(header.second));
    }
    object.setMetadata(metadata);
    return object;
}

void AwsS3ReplyPrivate::detach()
{
    m_idle.stop();
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        QObject::disconnect(reply, nullptr, q, nullptr);
        if (!reply->isFinished())
            reply->abort();
        reply->deleteLater();
        m_spent = reply;
    }
}

void AwsS3ReplyPrivate::whenReleased(AwsS3Reply *reply, QObject *context,
                                     std::function<void()> released)
{
    QNetworkReply *spent = reply->d->m_spent;
    if (!spent)
        return released();
    QObject::connect(spent, &QObject::destroyed, context, std::move(released), Qt::QueuedConnection);
}

void AwsS3ReplyPrivate::succeed()
{
    if (finished)
        return;
    if (m_saveFile && !m_saveFile->commit())
        return fail(AwsS3Reply::LocalFileError,
                    QStringLiteral("cannot write %1: %2")
                            .arg(m_saveFile->fileName(), m_saveFile->errorString()));
    detach();
    finished = true;
    m_bodyDevice.reset();
    Q_EMIT q->finished();
}

void AwsS3ReplyPrivate::fail(AwsS3Reply::Error e, const QString &message)
{
    if (finished)
        return;
    detach();
    finished = true;
    error = e;
    errorString = message;
    if (m_saveFile)
        m_saveFile->cancelWriting();   // the temporary file is removed, the target untouched
    m_saveFile.reset();
    m_bodyDevice.reset();
    Q_EMIT q->finished();
}

// A request refused before sending: send() will send nothing; finished() comes once the
// caller could connect to it.
void AwsS3ReplyPrivate::failLater(AwsS3Reply::Error e, const QString &message)
{
    if (finished || refused)
        return;
    refused = true;
    QPointer<AwsS3Reply> guard(q);
    QMetaObject::invokeMethod(q, [guard, e, message] {
        if (guard)
            guard->d->fail(e, message);
    }, Qt::QueuedConnection);
}

void AwsS3ReplyPrivate::abort()
{
    fail(AwsS3Reply::OperationCanceledError, QStringLiteral("Operation canceled"));
}
