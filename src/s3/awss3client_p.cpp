// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3client_p.h"

#include "s3/awss3reply_p.h"
#include "s3/awss3xml_p.h"

#include <qtsigv4/awsnetworkaccessmanager.h>

#include <QtCore/qcryptographichash.h>
#include <QtNetwork/qnetworkreply.h>

namespace {

constexpr int MaxKeysPerDelete = 1000;

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

void AwsS3ClientPrivate::get(AwsS3Reply *reply, qint64 offset, qint64 length)
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
    reply->d->send(manager, "GET", request, QByteArray(),
                   [reply](QNetworkReply *network, const QByteArray &) {
        reply->d->object = AwsS3ReplyPrivate::objectFromHeaders(network, reply->key());
        reply->d->succeed();
    });
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
