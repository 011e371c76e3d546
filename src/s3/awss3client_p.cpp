// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3client_p.h"

#include "s3/awss3reply_p.h"
#include "s3/awss3xml_p.h"

#include <qtsigv4/awsnetworkaccessmanager.h>

#include <qtsigv4/qtsigv4config.h>
#if QTSIGV4_HAS_PAYLOAD
#  include "payload/awscrc32_p.h"
#endif

#include <QtCore/qcryptographichash.h>
#include <QtNetwork/qnetworkreply.h>

namespace {

constexpr int MaxKeysPerDelete = 1000;
constexpr int MaxPartNumber = 10000;
constexpr qint64 MaxPartSize = Q_INT64_C(5) * 1024 * 1024 * 1024;

QByteArray crc32cBase64(const QByteArray &data)
{
#if QTSIGV4_HAS_PAYLOAD
    QtSigV4Private::Crc32 crc(QtSigV4Private::Crc32::Castagnoli);
    crc.addData(data);
    return crc.result().toBase64();
#else
    Q_UNUSED(data);
    return QByteArray();   // checksumProblem() refuses CRC32C first
#endif
}

bool sameTarget(const AwsSigningRule &a, const AwsSigningRule &b)
{
    return a.hostPattern() == b.hostPattern() && a.baseUrl() == b.baseUrl()
            && a.region() == b.region() && a.credentialsProvider() == b.credentialsProvider();
}

} // namespace

// The client's rules in its manager: removed and added again whenever the endpoint, region
// or provider change, leaving the rules of others alone.
void AwsS3ClientPrivate::updateRules()
{
    if (!manager)
        return;
    QList<AwsSigningRule> rules = manager->rules();
    rules.erase(std::remove_if(rules.begin(), rules.end(), [this](const AwsSigningRule &rule) {
                    return std::any_of(addedRules.cbegin(), addedRules.cend(),
                                       [&rule](const AwsSigningRule &mine) { return sameTarget(rule, mine); });
                }), rules.end());
    addedRules.clear();
    const QString service = QStringLiteral("s3");
    if (!region.isEmpty()) {
        if (endpoint.isEmpty()) {
            const QString host = QStringLiteral("s3.%1.amazonaws.com").arg(region);
            addedRules.append(AwsSigningRule::forHost(host + QStringLiteral(" *.") + host, service,
                                                      region, provider));
        } else if (endpoint.isValid() && !endpoint.host().isEmpty()) {
            addedRules.append(AwsSigningRule::forBaseUrl(endpoint, service, region, provider));
            const QString authority = endpoint.port() > 0
                    ? QStringLiteral("%1:%2").arg(endpoint.host()).arg(endpoint.port())
                    : endpoint.host();
            addedRules.append(AwsSigningRule::forHost(QStringLiteral("*.") + authority, service,
                                                      region, provider));
        }
    }
    manager->setRules(rules + addedRules);
}

bool AwsS3ClientPrivate::virtualHosted(const QString &bucket) const
{
    switch (addressing) {
    case AwsS3Client::PathStyleAddressing: return false;
    case AwsS3Client::VirtualHostedAddressing: return true;
    case AwsS3Client::AutomaticAddressing: break;
    }
    return endpoint.isEmpty() && AwsS3Addressing::isDnsCompatible(bucket);
}

QUrl AwsS3ClientPrivate::url(const QString &bucket, const QString &key,
                             const AwsS3Addressing::Query &query) const
{
    return AwsS3Addressing::url(q->serviceUrl(), virtualHosted(bucket), bucket, key, query);
}

QNetworkRequest AwsS3ClientPrivate::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    // Redirects are the manager's to follow (it never forwards credentials elsewhere).
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    return request;
}

AwsS3Reply *AwsS3ClientPrivate::newReply(AwsS3Reply::Operation operation, const QString &bucket,
                                         const QString &key, bool checkKey)
{
    auto *reply = new AwsS3Reply(operation, bucket, key, q);
    reply->d->timeout = timeout;
    QString problem = AwsS3Addressing::bucketProblem(bucket, false);
    if (problem.isEmpty() && checkKey)
        problem = AwsS3Addressing::keyProblem(key);
    if (problem.isEmpty() && checkKey && virtualHosted(bucket) && !AwsS3Addressing::isDnsCompatible(bucket))
        problem = QStringLiteral("\"%1\" cannot be a host name (virtual-hosted-style addressing)").arg(bucket);
    if (!problem.isEmpty())
        reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
    return reply;
}

bool AwsS3ClientPrivate::addPutHeaders(QNetworkRequest *request, const AwsS3PutOptions &options,
                                       const QByteArray &defaultType, QString *problem) const
{
    const QByteArray type = options.contentType().isEmpty() ? defaultType : options.contentType();
    const QList<QPair<QByteArray, QByteArray>> fixed = {
        { "Content-Type", type },
        { "Cache-Control", options.cacheControl() },
        { "Content-Disposition", options.contentDisposition() },
    };
    for (const auto &header : fixed) {
        if (header.second.isEmpty())
            continue;
        if (!AwsS3Addressing::isSafeHeaderValue(QString::fromLatin1(header.second))) {
            *problem = QStringLiteral("the %1 value has characters a header cannot carry")
                               .arg(QString::fromLatin1(header.first));
            return false;
        }
        request->setRawHeader(header.first, header.second);
    }
    const QMap<QString, QString> metadata = options.metadata();
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        if (!AwsS3Addressing::isToken(it.key()) || !AwsS3Addressing::isSafeHeaderValue(it.value())) {
            *problem = QStringLiteral("the metadata \"%1\" is not an HTTP token with a printable "
                                      "ASCII value")
                               .arg(AwsS3Xml::cleanText(it.key(), 64));
            return false;
        }
        request->setRawHeader("x-amz-meta-" + it.key().toLower().toLatin1(), it.value().toLatin1());
    }
    return true;
}

AwsS3Reply *AwsS3ClientPrivate::put(AwsS3Reply *reply, const QString &key, QIODevice *device,
                                    const AwsS3PutOptions &options, const QByteArray &defaultType)
{
    QNetworkRequest request = this->request(url(reply->bucket(), key));
    QString problem;
    if (!addPutHeaders(&request, options, defaultType, &problem)) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
        return reply;
    }
    const qint64 size = device->isSequential() ? -1 : device->size() - device->pos();
    reply->d->send(manager, "PUT", request, device,
                   [reply, size](QNetworkReply *network, const QByteArray &) {
        AwsS3Object object = AwsS3ReplyPrivate::objectFromHeaders(network, reply->key());
        object.setSize(size);
        object.setMetadata({});
        object.setContentType(QByteArray());
        reply->d->object = object;
        reply->d->succeed();
    });
    return reply;
}

void AwsS3ClientPrivate::get(AwsS3Reply *reply, qint64 offset, qint64 length, const QString &ifMatch)
{
    if (offset < 0 || length == 0 || length < -1) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError,
                            QStringLiteral("invalid byte range (offset %1, length %2)").arg(offset).arg(length));
        return;
    }
    QNetworkRequest request = this->request(url(reply->bucket(), reply->key()));
    if (offset > 0 || length > 0) {
        const QByteArray last = length > 0 ? QByteArray::number(offset + length - 1) : QByteArray();
        request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-' + last);
    }
    if (!ifMatch.isEmpty())
        request.setRawHeader("If-Match", '"' + ifMatch.toLatin1() + '"');
    reply->d->send(manager, "GET", request, QByteArray(),
                   [reply](QNetworkReply *network, const QByteArray &) {
        reply->d->object = AwsS3ReplyPrivate::objectFromHeaders(network, reply->key());
        reply->d->succeed();
    });
}

AwsS3Reply *AwsS3ClientPrivate::getObjectPart(const QString &bucket, const QString &key,
                                              QIODevice *sink, qint64 offset, qint64 length,
                                              qint64 size, const QString &eTag)
{
    AwsS3Reply *reply = newReply(AwsS3Reply::GetObject, bucket, key, true);
    if (reply->isFinished())
        return reply;
    if (!AwsS3Addressing::isETag(eTag)) {
        reply->d->failLater(AwsS3Reply::InvalidRequestError, QStringLiteral("invalid ETag"));
        return reply;
    }
    reply->d->setSink(sink, offset, length);
    reply->d->expectObject(size, eTag);
    get(reply, offset, length, eTag);
    return reply;
}

bool AwsS3ClientPrivate::hasOpaqueETag(const AwsS3Reply *reply)
{
    return reply->d->opaqueETag;
}

void AwsS3ClientPrivate::sendListPage(AwsS3Reply *reply, AwsS3ListOptions options, bool all)
{
    AwsS3Addressing::Query query = { { QStringLiteral("list-type"), QStringLiteral("2") },
                                     { QStringLiteral("encoding-type"), QStringLiteral("url") } };
    const QList<QPair<QString, QString>> optional = {
        { QStringLiteral("prefix"), options.prefix() },
        { QStringLiteral("delimiter"), options.delimiter() },
        { QStringLiteral("start-after"), options.startAfter() },
        { QStringLiteral("continuation-token"), options.continuationToken() },
        { QStringLiteral("max-keys"), options.maxKeys() > 0 ? QString::number(options.maxKeys()) : QString() },
    };
    for (const auto &item : optional) {
        if (!item.second.isEmpty())
            query.append(item);
    }
    reply->d->send(manager, "GET", request(url(reply->bucket(), QString(), query)), QByteArray(),
                   [this, reply, options, all](QNetworkReply *, const QByteArray &body) mutable {
        AwsS3ListResult page;
        QString problem;
        if (!AwsS3Xml::parseListObjectsV2(body, &page, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        if (!all)
            reply->d->listResult = page;
        else
            reply->d->listResult.append(page);
        QPointer<AwsS3Reply> guard(reply);
        Q_EMIT reply->pageReceived(page);
        if (!guard || reply->isFinished())
            return;
        if (!all || !page.isTruncated())
            return reply->d->succeed();
        const QString token = page.nextContinuationToken();
        if (token.isEmpty() || token == options.continuationToken()
            || reply->d->seenTokens.contains(token))
            return reply->d->fail(AwsS3Reply::InvalidResponseError,
                                  QStringLiteral("the server says more keys follow but gives no new "
                                                 "continuation token"));
        reply->d->seenTokens.insert(token);
        options.setContinuationToken(token);
        sendListPage(reply, options, true);
    });
}

QString AwsS3ClientPrivate::checksumProblem(AwsSigningConfig::ChecksumAlgorithm checksum)
{
    if (checksum == AwsSigningConfig::ChecksumAlgorithm::None)
        return QString();
    if (checksum != AwsSigningConfig::ChecksumAlgorithm::Crc32c)
        return QStringLiteral("multipart uploads support the CRC32C checksum only");
    if (!QTSIGV4_HAS_PAYLOAD)
        return QStringLiteral("CRC32C checksums are not available in this build (qtsigv4 was "
                              "built with QTSIGV4_WITH_PAYLOAD=OFF)");
    return QString();
}

bool AwsS3ClientPrivate::addChecksumAlgorithm(QNetworkRequest *request,
                                              AwsSigningConfig::ChecksumAlgorithm checksum,
                                              QString *problem)
{
    *problem = checksumProblem(checksum);
    if (!problem->isEmpty())
        return false;
    if (checksum == AwsSigningConfig::ChecksumAlgorithm::Crc32c)
        request->setRawHeader("x-amz-checksum-algorithm", "CRC32C");
    return true;
}

bool AwsS3ClientPrivate::readRange(QIODevice *device, qint64 offset, qint64 length,
                                   QByteArray *data, QString *problem)
{
    if (!device || !device->isReadable() || device->isSequential()) {
        *problem = QStringLiteral("the device is not a random-access device open for reading");
        return false;
    }
    if (offset < 0 || length < 0 || length > MaxPartSize) {
        *problem = QStringLiteral("invalid part range (offset %1, length %2)").arg(offset).arg(length);
        return false;
    }
    if (!device->seek(offset)) {
        *problem = QStringLiteral("cannot seek to %1: %2").arg(offset).arg(device->errorString());
        return false;
    }
    *data = device->read(length);
    if (data->size() != length) {
        *problem = QStringLiteral("read %1 of %2 bytes at offset %3%4")
                           .arg(data->size()).arg(length).arg(offset)
                           .arg(device->errorString().isEmpty() ? QString()
                                                                : QStringLiteral(": ") + device->errorString());
        return false;
    }
    return true;
}

QString AwsS3ClientPrivate::partsProblem(const QList<AwsS3Part> &parts)
{
    if (parts.isEmpty())
        return QStringLiteral("a multipart upload needs at least one part");
    int previous = 0;
    for (const AwsS3Part &part : parts) {
        if (part.partNumber() <= previous || part.partNumber() > MaxPartNumber)
            return QStringLiteral("part numbers must ascend from 1 to %1 (part %2 after %3)")
                    .arg(MaxPartNumber).arg(part.partNumber()).arg(previous);
        if (!AwsS3Addressing::isETag(part.eTag()))
            return QStringLiteral("part %1 has an invalid ETag").arg(part.partNumber());
        if (!part.checksumCrc32c().isEmpty() && !AwsS3Addressing::isCrc32cBase64(part.checksumCrc32c()))
            return QStringLiteral("part %1 has an invalid CRC32C").arg(part.partNumber());
        previous = part.partNumber();
    }
    return QString();
}

bool AwsS3ClientPrivate::failOnErrorBody(AwsS3Reply *reply, const QByteArray &body)
{
    AwsS3Xml::ServiceError error;
    if (!AwsS3Xml::parseError(body, &error))
        return false;
    reply->d->serviceCode = error.code;
    reply->d->fail(AwsS3ReplyPrivate::errorForCode(error.code, 200, true),
                   error.code + QStringLiteral(": ") + error.message);
    return true;
}

AwsS3Reply *AwsS3ClientPrivate::newUploadReply(AwsS3Reply::Operation operation,
                                               const QString &bucket, const QString &key,
                                               const QString &uploadId)
{
    AwsS3Reply *reply = newReply(operation, bucket, key, true);
    reply->d->uploadId = uploadId;
    if (!AwsS3Addressing::isUploadId(uploadId))
        reply->d->failLater(AwsS3Reply::InvalidRequestError,
                            QStringLiteral("\"%1\" is not an upload id (letters, digits, '.', '_', "
                                           "'~', '-')").arg(AwsS3Xml::cleanText(uploadId, 64)));
    return reply;
}

QUrl AwsS3ClientPrivate::uploadUrl(AwsS3Reply *reply, const AwsS3Addressing::Query &extra) const
{
    return url(reply->bucket(), reply->key(),
               AwsS3Addressing::Query { { QStringLiteral("uploadId"), reply->d->uploadId } } + extra);
}

void AwsS3ClientPrivate::sendPart(AwsS3Reply *reply, int partNumber, const QByteArray &data,
                                  AwsSigningConfig::ChecksumAlgorithm checksum)
{
    QString problem;
    if (partNumber < 1 || partNumber > MaxPartNumber)
        problem = QStringLiteral("part number %1 is outside 1 to %2").arg(partNumber).arg(MaxPartNumber);
    else if (data.size() > MaxPartSize)
        problem = QStringLiteral("a part may hold at most 5 GiB");
    else
        problem = checksumProblem(checksum);
    if (!problem.isEmpty())
        return reply->d->failLater(AwsS3Reply::InvalidRequestError, problem);
    QNetworkRequest request = this->request(uploadUrl(reply, { { QStringLiteral("partNumber"),
                                                                 QString::number(partNumber) } }));
    QByteArray crc;
    if (checksum == AwsSigningConfig::ChecksumAlgorithm::Crc32c) {
        crc = crc32cBase64(data);
        request.setRawHeader("x-amz-sdk-checksum-algorithm", "CRC32C");
        request.setRawHeader("x-amz-checksum-crc32c", crc);
    }
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    const qint64 size = data.size();
    reply->d->send(manager, "PUT", request, data,
                   [reply, partNumber, size, crc](QNetworkReply *network, const QByteArray &) {
        const AwsS3Object object = AwsS3ReplyPrivate::objectFromHeaders(network, reply->key());
        if (!AwsS3Addressing::isETag(object.eTag()))
            return reply->d->fail(AwsS3Reply::InvalidResponseError,
                                  QStringLiteral("the server gave part %1 no valid ETag").arg(partNumber));
        const QByteArray echoed = network->rawHeader("x-amz-checksum-crc32c").trimmed();
        if (!crc.isEmpty() && !echoed.isEmpty() && echoed != crc)
            return reply->d->fail(AwsS3Reply::ChecksumMismatchError,
                                  QStringLiteral("the server stored part %1 with CRC32C %2, sent %3")
                                          .arg(partNumber)
                                          .arg(AwsS3Xml::cleanText(QString::fromLatin1(echoed), 16),
                                               QString::fromLatin1(crc)));
        reply->d->parts = { AwsS3Part(partNumber, object.eTag(), size, crc) };
        reply->d->succeed();
    });
}

void AwsS3ClientPrivate::sendListPartsPage(AwsS3Reply *reply, int marker)
{
    AwsS3Addressing::Query query = { { QStringLiteral("max-parts"), QStringLiteral("1000") } };
    if (marker > 0)
        query.append({ QStringLiteral("part-number-marker"), QString::number(marker) });
    reply->d->send(manager, "GET", request(uploadUrl(reply, query)), QByteArray(),
                   [this, reply, marker](QNetworkReply *, const QByteArray &body) {
        QString problem;
        int next = 0;
        if (!AwsS3Xml::parseListParts(body, &reply->d->parts, &next, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        if (reply->d->parts.size() > MaxPartNumber || (next != 0 && next <= marker))
            return reply->d->fail(AwsS3Reply::InvalidResponseError,
                                  QStringLiteral("the server's part listing does not advance"));
        if (next == 0)
            return reply->d->succeed();
        sendListPartsPage(reply, next);
    });
}

void AwsS3ClientPrivate::sendDeleteBatch(AwsS3Reply *reply, QStringList keys, int total)
{
    if (keys.isEmpty())
        return finishDeletes(reply, total);
    const QStringList batch = keys.mid(0, MaxKeysPerDelete);
    keys.remove(0, batch.size());
    const QByteArray body = AwsS3Xml::deleteRequest(batch);
    QNetworkRequest request = this->request(url(reply->bucket(), QString(),
                                                { { QStringLiteral("delete"), QString() } }));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml"));
    // S3 refuses DeleteObjects without Content-MD5 or a checksum header.
    request.setRawHeader("Content-MD5", QCryptographicHash::hash(body, QCryptographicHash::Md5).toBase64());
    reply->d->send(manager, "POST", request, body,
                   [this, reply, keys, total](QNetworkReply *, const QByteArray &answer) {
        QString problem;
        if (!AwsS3Xml::parseDeleteResult(answer, &reply->d->deleted, &reply->d->deleteErrors, &problem))
            return reply->d->fail(AwsS3Reply::InvalidResponseError, problem);
        sendDeleteBatch(reply, keys, total);
    });
}

void AwsS3ClientPrivate::finishDeletes(AwsS3Reply *reply, int total)
{
    const QList<AwsS3DeleteError> errors = reply->d->deleteErrors;
    if (errors.isEmpty())
        return reply->d->succeed();
    const AwsS3DeleteError &first = errors.constFirst();
    reply->d->fail(AwsS3Reply::PartialDeleteError,
                   QStringLiteral("%1 of %2 keys were not deleted (first: \"%3\": %4 %5)")
                           .arg(errors.size())
                           .arg(total)
                           .arg(AwsS3Xml::cleanText(first.key(), 64), first.code(), first.message()));
}
