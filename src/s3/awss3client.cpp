// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3client.h>

#include "s3/awss3client_p.h"
#include "s3/awss3reply_p.h"
#include "s3/awss3xml_p.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awspresignreply.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qfile.h>
#include <QtCore/qmimedatabase.h>
#include <QtNetwork/qnetworkreply.h>

/*!
    \class AwsS3Client
    \inmodule QtSigV4
    \brief An asynchronous Amazon S3 client on top of AwsNetworkAccessManager.

    Each operation returns an AwsS3Reply at once; the reply emits \l{AwsS3Reply::}{finished()}
    when the operation is over and then holds its result or its error. Nothing blocks.
    Every request is signed by the client's AwsNetworkAccessManager, with the rules the
    client adds to it for its endpoint (service \c s3, the client's region and credentials
    provider). Several clients may share one manager.

    \snippet s3.cpp s3

    Without an endpoint the client talks to AWS (\c{s3.REGION.amazonaws.com}); setEndpoint()
    names another S3-compatible service (MinIO, Cloudflare R2, Ceph, moto, s3rver), which may
    have a path (\c{http://ceph.local/s3}). Buckets are addressed virtual-hosted-style
    (\c{bucket.s3.REGION.amazonaws.com/key}) on AWS when the name is a DNS label, path-style
    (\c{endpoint/bucket/key}) otherwise and on custom endpoints; setAddressingStyle() forces
    one.

    Keys may hold any character: they are sent with AWS's strict encoding (\c{+}, \c{%},
    \c{?}, \c{#}, spaces, non-ASCII, \c{//}, a leading \c{/} survive), and signed as S3 wants
    (no path normalisation). One exception: Qt removes \c{.} and \c{..} segments from every
    path it sends, even percent-encoded, so a key such as \c{a/../b} would silently address
    another object; such keys are refused with AwsS3Reply::InvalidRequestError before
    anything is sent (deleteObjects() accepts them: its keys travel in the body).

    \sa AwsS3Reply, AwsNetworkAccessManager
*/

/*!
    \enum AwsS3Client::AddressingStyle
    How a bucket is named in a request's URL.
    \value AutomaticAddressing Virtual-hosted on AWS for DNS-compatible names without dots,
           path-style otherwise.
    \value PathStyleAddressing \c{https://endpoint/bucket/key}.
    \value VirtualHostedAddressing \c{https://bucket.endpoint/key} (the bucket must be a DNS
           label).
*/

/*! Constructs a client with a manager of its own, child of \a parent. */
AwsS3Client::AwsS3Client(QObject *parent)
    : AwsS3Client(nullptr, parent)
{
}

/*!
    Constructs a client that sends through \a manager (a manager of its own when null), child
    of \a parent. The client adds its signing rules to the manager.
*/
AwsS3Client::AwsS3Client(AwsNetworkAccessManager *manager, QObject *parent)
    : QObject(parent), d(new AwsS3ClientPrivate(this))
{
    d->manager = manager ? manager : new AwsNetworkAccessManager(this);
    d->updateRules();
}

/*! Destroys the client and removes its signing rules from the manager. */
AwsS3Client::~AwsS3Client()
{
    d->endpoint = QUrl();
    d->region.clear();
    d->updateRules();
}

/*! Returns the manager that signs and sends the client's requests. */
AwsNetworkAccessManager *AwsS3Client::networkAccessManager() const { return d->manager; }

/*! Returns the region requests are signed for (default \c us-east-1). */
QString AwsS3Client::region() const { return d->region; }

/*! Signs requests for \a region; on AWS it also chooses the endpoint. */
void AwsS3Client::setRegion(const QString &region)
{
    d->region = region.isEmpty() ? QStringLiteral("us-east-1") : region;
    d->updateRules();
}

/*! Returns the custom endpoint, or an empty URL for AWS. */
QUrl AwsS3Client::endpoint() const { return d->endpoint; }

/*!
    Sends requests to \a endpoint (\c{http://127.0.0.1:9000}, \c{https://ACCOUNT.r2.cloudflarestorage.com})
    instead of AWS. An empty URL returns to AWS.
*/
void AwsS3Client::setEndpoint(const QUrl &endpoint)
{
    d->endpoint = endpoint;
    d->updateRules();
}

/*! Returns the addressing style. */
AwsS3Client::AddressingStyle AwsS3Client::addressingStyle() const { return d->addressing; }

/*! Addresses buckets with \a style. */
void AwsS3Client::setAddressingStyle(AddressingStyle style) { d->addressing = style; }

/*! Returns the credentials provider of the client's signing rules (null: the manager's default). */
AwsCredentialsProvider *AwsS3Client::credentialsProvider() const { return d->provider; }

/*! Signs the client's requests with credentials from \a provider (not owned). */
void AwsS3Client::setCredentialsProvider(AwsCredentialsProvider *provider)
{
    d->provider = provider;
    d->updateRules();
}

/*! Returns the inactivity timeout of a request in milliseconds (default 60000). */
int AwsS3Client::transferTimeout() const { return d->timeout; }

/*!
    Ends a request with AwsS3Reply::TimeoutError when nothing was sent or received for
    \a msecs milliseconds. Applies to requests started afterwards.
*/
void AwsS3Client::setTransferTimeout(int msecs) { d->timeout = qMax(1, msecs); }

/*! Returns the URL of the service (ListBuckets), ending with \c{/}. */
QUrl AwsS3Client::serviceUrl() const
{
    if (d->endpoint.isEmpty())
        return QUrl(QStringLiteral("https://s3.%1.amazonaws.com/").arg(d->region));
    QUrl url = d->endpoint;
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path() + u'/');
    return url;
}

/*!
    Returns the URL of \a key in \a bucket (of the bucket when \a key is empty), or an empty
    URL with \a errorString set when the name or key cannot be addressed.
*/
QUrl AwsS3Client::objectUrl(const QString &bucket, const QString &key, QString *errorString) const
{
    QString problem = AwsS3Addressing::bucketProblem(bucket, false);
    if (problem.isEmpty() && !key.isEmpty())
        problem = AwsS3Addressing::keyProblem(key);
    if (!problem.isEmpty()) {
        if (errorString)
            *errorString = problem;
        return QUrl();
    }
    return d->url(bucket, key);
}

/*! Lists the buckets of the account (AwsS3Reply::buckets()). */
AwsS3Reply *AwsS3Client::listBuckets()
{
    auto *reply = new AwsS3Reply(AwsS3Reply::ListBuckets, QString(), QString(), this);
    reply->d->timeout = d->timeout;
    reply->d->send(d->manager, "GET", d->request(serviceUrl()), QByteArray(),
                   [reply](QNetworkReply *, const QByteArray &body) {
        QString problem;
        if (!AwsS3Xml::parseBuckets(body, &reply->d->buckets, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        reply->d->succeed();
    });
    return reply;
}

/*!
    Creates \a bucket in the client's region (a \c LocationConstraint outside
    \c us-east-1).
*/
AwsS3Reply *AwsS3Client::createBucket(const QString &bucket)
{
    auto *reply = new AwsS3Reply(AwsS3Reply::CreateBucket, bucket, QString(), this);
    reply->d->timeout = d->timeout;
    const QString problem = AwsS3Addressing::bucketProblem(bucket, true);
    if (!problem.isEmpty()) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
        return reply;
    }
    QNetworkRequest request = d->request(d->url(bucket, QString()));
    const QByteArray body = AwsS3Xml::createBucketConfiguration(d->region);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml"));
    reply->d->send(d->manager, "PUT", request, body,
                   [reply](QNetworkReply *, const QByteArray &) { reply->d->succeed(); });
    return reply;
}

/*! Deletes \a bucket, which must be empty (else AwsS3Reply::BucketNotEmptyError). */
AwsS3Reply *AwsS3Client::deleteBucket(const QString &bucket)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::DeleteBucket, bucket, QString(), false);
    if (!reply->isFinished())
        reply->d->send(d->manager, "DELETE", d->request(d->url(bucket, QString())), QByteArray(),
                       [reply](QNetworkReply *, const QByteArray &) { reply->d->succeed(); });
    return reply;
}

/*!
    Lists one page of the keys of \a bucket with \a options (ListObjectsV2). The page is in
    AwsS3Reply::listResult(); while it is truncated, pass its continuation token in the
    options of the next call.
*/
AwsS3Reply *AwsS3Client::listObjects(const QString &bucket, const AwsS3ListOptions &options)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::ListObjects, bucket, QString(), false);
    if (!reply->isFinished())
        d->sendListPage(reply, options, false);
    return reply;
}

/*!
    Lists every key of \a bucket with \a options, page after page (AwsS3ListOptions::maxKeys()
    is the page size). Each page is announced by AwsS3Reply::pageReceived(); all of them are
    in AwsS3Reply::listResult() at the end. A server that claims more pages without a new
    continuation token ends the listing with AwsS3Reply::InvalidResponseError.
*/
AwsS3Reply *AwsS3Client::listAllObjects(const QString &bucket, const AwsS3ListOptions &options)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::ListObjects, bucket, QString(), false);
    if (!reply->isFinished())
        d->sendListPage(reply, options, true);
    return reply;
}

/*! Reads the headers of \a key in \a bucket (AwsS3Reply::object()). */
AwsS3Reply *AwsS3Client::headObject(const QString &bucket, const QString &key)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::HeadObject, bucket, key, true);
    if (!reply->isFinished())
        reply->d->send(d->manager, "HEAD", d->request(d->url(bucket, key)), QByteArray(),
                       [reply](QNetworkReply *network, const QByteArray &) {
            reply->d->object = AwsS3ReplyPrivate::objectFromHeaders(network, reply->d->key);
            reply->d->opaqueETag = network->hasRawHeader("x-amz-server-side-encryption-customer-algorithm")
                    || network->rawHeader("x-amz-server-side-encryption").startsWith("aws:kms");
            reply->d->succeed();
        });
    return reply;
}

/*!
    Downloads \a key of \a bucket into \a device (open for writing, not owned; it must live
    until the reply has finished), as the body arrives. With \a offset or \a length (-1: to
    the end) only that byte range is asked for; a server that answers with another range
    fails the reply with AwsS3Reply::InvalidResponseError.
*/
AwsS3Reply *AwsS3Client::getObject(const QString &bucket, const QString &key, QIODevice *device,
                                   qint64 offset, qint64 length)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::GetObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    if (!device || !device->isWritable()) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError,
                            QStringLiteral("the device is not open for writing"));
        return reply;
    }
    reply->d->setSink(device, offset, length);
    d->get(reply, offset, length);
    return reply;
}

/*!
    Downloads \a key of \a bucket (or its range \a offset, \a length) into the file
    \a filePath. The body is written to a temporary file beside it, renamed into place only
    when complete: on any error or abort the file at \a filePath is left as it was.
*/
AwsS3Reply *AwsS3Client::getObjectToFile(const QString &bucket, const QString &key,
                                         const QString &filePath, qint64 offset, qint64 length)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::GetObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    if (!reply->d->setFileSink(filePath, offset, length)) {
        reply->d->failLater(AwsS3Reply::LocalFileError, reply->d->errorString);
        return reply;
    }
    d->get(reply, offset, length);
    return reply;
}

/*!
    Uploads \a data as \a key of \a bucket with the headers of \a options (PutObject). The
    new ETag is in AwsS3Reply::object().
*/
AwsS3Reply *AwsS3Client::putObject(const QString &bucket, const QString &key,
                                   const QByteArray &data, const AwsS3PutOptions &options)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::PutObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    auto *buffer = new QBuffer;
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    reply->d->takeBodyDevice(buffer);
    return d->put(reply, key, buffer, options, QByteArrayLiteral("application/octet-stream"));
}

/*!
    Uploads the bytes of \a device (open for reading, not owned; it must live until the reply
    has finished) as \a key of \a bucket with the headers of \a options. The manager hashes
    a random-access device before sending it (AwsNetworkAccessManager explains how it treats
    sequential ones).
*/
AwsS3Reply *AwsS3Client::putObject(const QString &bucket, const QString &key, QIODevice *device,
                                   const AwsS3PutOptions &options)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::PutObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    if (!device || !device->isReadable()) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError,
                            QStringLiteral("the device is not open for reading"));
        return reply;
    }
    return d->put(reply, key, device, options, QByteArrayLiteral("application/octet-stream"));
}

/*!
    Uploads the file \a filePath as \a key of \a bucket with the headers of \a options, in one
    PutObject request. Without a content type in \a options, the type is guessed from the
    file name.
*/
AwsS3Reply *AwsS3Client::putObjectFromFile(const QString &bucket, const QString &key,
                                           const QString &filePath, const AwsS3PutOptions &options)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::PutObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    auto *file = new QFile(filePath);
    reply->d->takeBodyDevice(file);
    if (!file->open(QIODevice::ReadOnly)) {
        reply->d->failLater(AwsS3Reply::LocalFileError,
                            QStringLiteral("cannot read %1: %2").arg(filePath, file->errorString()));
        return reply;
    }
    static const QMimeDatabase mimeDatabase;
    QByteArray type = mimeDatabase.mimeTypeForFile(filePath, QMimeDatabase::MatchExtension).name().toLatin1();
    // Never the form type: Qt and some servers would treat the body as a form.
    if (type.isEmpty() || type == "application/x-www-form-urlencoded")
        type = "application/octet-stream";
    return d->put(reply, key, file, options, type);
}

/*!
    Copies \a sourceKey of \a sourceBucket to \a key of \a bucket on the server (CopyObject,
    objects up to 5 GiB), with its metadata. An error S3 reports inside a 200 answer fails
    the reply like any other.
*/
AwsS3Reply *AwsS3Client::copyObject(const QString &sourceBucket, const QString &sourceKey,
                                    const QString &bucket, const QString &key)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::CopyObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    QString problem = AwsS3Addressing::bucketProblem(sourceBucket, false);
    if (problem.isEmpty())
        problem = AwsS3Addressing::keyProblem(sourceKey);
    if (!problem.isEmpty()) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, QStringLiteral("source: ") + problem);
        return reply;
    }
    QNetworkRequest request = d->request(d->url(bucket, key));
    request.setRawHeader("x-amz-copy-source",
                         '/' + sourceBucket.toLatin1() + '/' + AwsS3Addressing::encodeKey(sourceKey));
    reply->d->send(d->manager, "PUT", request, QByteArray(),
                   [reply](QNetworkReply *, const QByteArray &body) {
        if (AwsS3ClientPrivate::failOnErrorBody(reply, body))
            return;
        QString problem;
        AwsS3Object object(reply->d->key);
        if (!AwsS3Xml::parseCopyResult(body, &object, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        reply->d->object = object;
        reply->d->succeed();
    });
    return reply;
}

/*! Deletes \a key of \a bucket (S3 answers success for a key that does not exist). */
AwsS3Reply *AwsS3Client::deleteObject(const QString &bucket, const QString &key)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::DeleteObject, bucket, key, true);
    if (!reply->isFinished())
        reply->d->send(d->manager, "DELETE", d->request(d->url(bucket, key)), QByteArray(),
                       [reply](QNetworkReply *, const QByteArray &) { reply->d->succeed(); });
    return reply;
}

/*!
    Deletes \a keys of \a bucket with DeleteObjects requests of at most 1000 keys each, one
    after the other. AwsS3Reply::deletedKeys() lists what was deleted; keys the service
    refused are in AwsS3Reply::deleteErrors() and the reply ends with
    AwsS3Reply::PartialDeleteError. A key XML cannot carry (most control characters) is
    refused before anything is sent.
*/
AwsS3Reply *AwsS3Client::deleteObjects(const QString &bucket, const QStringList &keys)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::DeleteObjects, bucket, QString(), false);
    if (reply->isFinished())
        return reply;
    for (const QString &key : keys) {
        // Dot segments travel in the XML body here, not in the path.
        QString problem = key.isEmpty() || key.toUtf8().size() > 1024
                ? AwsS3Addressing::keyProblem(key) : QString();
        if (problem.isEmpty() && !AwsS3Xml::isXmlSafe(key))
            problem = QStringLiteral("the key \"%1\" has characters XML cannot carry")
                              .arg(AwsS3Xml::cleanText(key, 64));
        if (!problem.isEmpty()) {
            reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
            return reply;
        }
    }
    d->sendDeleteBatch(reply, keys, int(keys.size()));
    return reply;
}

/*!
    Starts a multipart upload of \a key in \a bucket with the headers of \a options
    (CreateMultipartUpload); the new id is in AwsS3Reply::uploadId(). With \a checksum
    AwsSigningConfig::ChecksumAlgorithm::Crc32c the object is created with
    \c{x-amz-checksum-algorithm: CRC32C}, and each part must then carry its CRC32C (pass the
    same \a checksum to uploadPart()). Other algorithms are refused with
    AwsS3Reply::InvalidRequestError.

    Most callers want uploadFile(), which runs the whole upload.
*/
AwsS3Reply *AwsS3Client::createMultipartUpload(const QString &bucket, const QString &key,
                                               const AwsS3PutOptions &options,
                                               AwsSigningConfig::ChecksumAlgorithm checksum)
{
    AwsS3Reply *reply = d->newReply(AwsS3Reply::CreateMultipartUpload, bucket, key, true);
    if (reply->isFinished())
        return reply;
    QNetworkRequest request = d->request(d->url(bucket, key, { { QStringLiteral("uploads"), QString() } }));
    QString problem;
    if (!d->addPutHeaders(&request, options, QByteArrayLiteral("application/octet-stream"), &problem)
        || !AwsS3ClientPrivate::addChecksumAlgorithm(&request, checksum, &problem)) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
        return reply;
    }
    reply->d->send(d->manager, "POST", request, QByteArray(),
                   [reply](QNetworkReply *, const QByteArray &body) {
        QString problem;
        QString id;
        if (!AwsS3Xml::parseInitiateMultipartUpload(body, &id, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        if (!AwsS3Addressing::isUploadId(id))
            return reply->d->fail(AwsS3Reply::InvalidResponseError,
                                  QStringLiteral("the upload id \"%1\" has characters an upload id "
                                                 "cannot hold").arg(AwsS3Xml::cleanText(id, 64)));
        reply->d->uploadId = id;
        reply->d->succeed();
    });
    return reply;
}

/*!
    Uploads \a data as part \a partNumber (1 to 10000) of the multipart upload \a uploadId
    of \a key in \a bucket (UploadPart). The stored part, with its ETag, is the only entry
    of AwsS3Reply::parts(). With \a checksum AwsSigningConfig::ChecksumAlgorithm::Crc32c the
    part carries \c{x-amz-checksum-crc32c}; when the server echoes a checksum that differs,
    the reply fails with AwsS3Reply::ChecksumMismatchError.

    S3 wants every part but the last to hold at least 5 MiB, and none more than 5 GiB.
*/
AwsS3Reply *AwsS3Client::uploadPart(const QString &bucket, const QString &key,
                                    const QString &uploadId, int partNumber,
                                    const QByteArray &data,
                                    AwsSigningConfig::ChecksumAlgorithm checksum)
{
    AwsS3Reply *reply = d->newUploadReply(AwsS3Reply::UploadPart, bucket, key, uploadId);
    if (!reply->isFinished())
        d->sendPart(reply, partNumber, data, checksum);
    return reply;
}

/*!
    Uploads \a length bytes of \a device from \a offset as part \a partNumber of
    \a uploadId, as the other overload. The range is read into memory first (to compute its
    checksum and hash), so memory use is \a length; a device that ends early fails the reply
    with AwsS3Reply::LocalFileError.
*/
AwsS3Reply *AwsS3Client::uploadPart(const QString &bucket, const QString &key,
                                    const QString &uploadId, int partNumber, QIODevice *device,
                                    qint64 offset, qint64 length,
                                    AwsSigningConfig::ChecksumAlgorithm checksum)
{
    AwsS3Reply *reply = d->newUploadReply(AwsS3Reply::UploadPart, bucket, key, uploadId);
    if (reply->isFinished())
        return reply;
    QByteArray data;
    QString problem;
    if (!AwsS3ClientPrivate::readRange(device, offset, length, &data, &problem)) {
        reply->d->failLater(AwsS3Reply::LocalFileError, problem);
        return reply;
    }
    d->sendPart(reply, partNumber, data, checksum);
    return reply;
}

/*!
    Completes the multipart upload \a uploadId of \a key in \a bucket from \a parts, in
    ascending part numbers (CompleteMultipartUpload). The object's ETag is in
    AwsS3Reply::object(). S3 may report an error inside a 200 answer to this request; the
    reply then fails like for any other error.
*/
AwsS3Reply *AwsS3Client::completeMultipartUpload(const QString &bucket, const QString &key,
                                                 const QString &uploadId,
                                                 const QList<AwsS3Part> &parts)
{
    AwsS3Reply *reply = d->newUploadReply(AwsS3Reply::CompleteMultipartUpload, bucket, key, uploadId);
    if (reply->isFinished())
        return reply;
    QString problem = AwsS3ClientPrivate::partsProblem(parts);
    if (!problem.isEmpty()) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
        return reply;
    }
    QNetworkRequest request = d->request(d->uploadUrl(reply));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml"));
    reply->d->send(d->manager, "POST", request, AwsS3Xml::completeMultipartRequest(parts),
                   [reply](QNetworkReply *, const QByteArray &body) {
        if (AwsS3ClientPrivate::failOnErrorBody(reply, body))
            return;
        QString problem;
        AwsS3Object object(reply->d->key);
        if (!AwsS3Xml::parseCompleteMultipartUpload(body, &object, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        reply->d->object = object;
        reply->d->succeed();
    });
    return reply;
}

/*!
    Aborts the multipart upload \a uploadId of \a key in \a bucket: the server discards
    its parts (AbortMultipartUpload).
*/
AwsS3Reply *AwsS3Client::abortMultipartUpload(const QString &bucket, const QString &key,
                                              const QString &uploadId)
{
    AwsS3Reply *reply = d->newUploadReply(AwsS3Reply::AbortMultipartUpload, bucket, key, uploadId);
    if (!reply->isFinished())
        reply->d->send(d->manager, "DELETE", d->request(d->uploadUrl(reply)), QByteArray(),
                       [reply](QNetworkReply *, const QByteArray &) { reply->d->succeed(); });
    return reply;
}

/*!
    Lists every part the server holds for the multipart upload \a uploadId of \a key in
    \a bucket, page after page (ListParts); they are in AwsS3Reply::parts(). A server whose
    pages do not advance ends the listing with AwsS3Reply::InvalidResponseError.
*/
AwsS3Reply *AwsS3Client::listParts(const QString &bucket, const QString &key, const QString &uploadId)
{
    AwsS3Reply *reply = d->newUploadReply(AwsS3Reply::ListParts, bucket, key, uploadId);
    if (!reply->isFinished())
        d->sendListPartsPage(reply, 0);
    return reply;
}

/*!
    Returns a presigned URL to download \a key of \a bucket, valid for \a expiresInSeconds
    (at most 7 days), through the manager's AwsNetworkAccessManager::presign(): the reply
    holds the URL when it has finished.
*/
AwsPresignReply *AwsS3Client::presignGetObject(const QString &bucket, const QString &key,
                                               qint64 expiresInSeconds)
{
    return d->manager->presign(d->request(objectUrl(bucket, key)), "GET", expiresInSeconds);
}

/*!
    Returns a presigned URL to upload \a key of \a bucket with a PUT, valid for
    \a expiresInSeconds.
*/
AwsPresignReply *AwsS3Client::presignPutObject(const QString &bucket, const QString &key,
                                               qint64 expiresInSeconds)
{
    return d->manager->presign(d->request(objectUrl(bucket, key)), "PUT", expiresInSeconds);
}
