// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsnetworkaccessmanager_p.h"

#include "network/awscredentialswait_p.h"
#include "network/awsoutgoingrequest_p.h"
#include "network/awsrequestcheck_p.h"
#include "core/awscanonical_p.h"
#include "core/awscrypto_p.h"
#include "core/awsredaction_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>

QNetworkReply *AwsNetworkAccessManagerPrivate::createTransportReply(
        QNetworkAccessManager::Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    return q->QNetworkAccessManager::createRequest(op, request, outgoingData);
}

AwsSigningKey AwsNetworkAccessManagerPrivate::signingKeyFor(const AwsCredentials &credentials,
                                                            QDate date, const QString &region,
                                                            const QString &service)
{
    constexpr qsizetype MaxKeys = 64; // a bound for applications that rotate through many scopes
    const std::pair<QString, QString> name(region, service);
    const auto it = signingKeys.constFind(name);
    if (it != signingKeys.cend() && it->date() == date && it->credentials() == credentials)
        return *it;
    if (signingKeys.size() >= MaxKeys)
        signingKeys.clear();
    const AwsSigningKey key(credentials, date, region, service);
    signingKeys.insert(name, key);
    return key;
}

AwsSigningResult AwsNetworkAccessManagerPrivate::sign(const AwsHttpRequest &http,
                                                      const AwsSigningConfig &config,
                                                      const AwsCredentials &credentials,
                                                      QDateTime *signedAt)
{
    *signedAt = QDateTime::currentDateTimeUtc();
    const QDateTime signingTime = signedAt->addMSecs(clockOffset);
    if (!credentials.isValid())
        return AwsSigner(config).sign(http, credentials, signingTime); // its clear error
    return AwsSigner(config).sign(
            http, signingKeyFor(credentials, signingTime.date(), config.region(), config.service()),
            signingTime);
}

QNetworkReply *AwsNetworkAccessManagerPrivate::directReply(QNetworkAccessManager::Operation op,
                                                           const QNetworkRequest &request,
                                                           QIODevice *outgoingData,
                                                           const AwsSigningRule &rule)
{
    const AwsSigningConfig config = rule.signingConfig();
    auto *buffer = qobject_cast<QBuffer *>(outgoingData);
    if (config.isStreaming() || (outgoingData && (!buffer || !buffer->isReadable())))
        return nullptr;
    const QByteArrayView body = buffer ? QByteArrayView(buffer->data()).sliced(buffer->pos())
                                       : QByteArrayView();
    if (body.size() >= asyncThreshold)
        return nullptr;
    AwsCredentialsProvider *provider = rule.credentialsProvider();
    if (!provider)
        provider = defaultProvider.data();
    AwsCredentials credentials;
    if (!provider || !AwsCredentialsWait::takeReady(provider, &credentials) || !credentials.isValid())
        return nullptr;
    // Whatever would fail goes through the proxy, which reports it.
    const QByteArray method = QtSigV4Private::methodFor(
            op, request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray());
    const QUrl url = AwsOutgoingRequest::signableUrl(request.url());
    if (!QtSigV4Private::requestLineError(method, request).isEmpty()
        || !QtSigV4Private::dotSegmentError(url, config).isEmpty()) {
        return nullptr;
    }

    QNetworkRequest prepared = AwsOutgoingRequest::prepared(request, op, method, rule.signedHost(), true);
    AwsHttpRequest http = AwsOutgoingRequest::httpRequest(prepared, method, url, config);
    if (AwsOutgoingRequest::needsPayloadHash(config, request))
        http.setPayloadHash(QtSigV4Private::Sha256::hashHex(body));
    QDateTime signedAt;
    const AwsSigningResult result = sign(http, config, credentials, &signedAt);
    if (!result.isValid())
        return nullptr;
    const QStringList secrets = QtSigV4Private::secretsOf(credentials);
    AwsOutgoingRequest::applySignature(&prepared, http, result, url, config, secrets);
    // The caller's auto-delete choice stays; redirects stay manual (see setDirectRepliesEnabled()).
    prepared.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute,
                          request.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute));
    qCDebug(lcNetwork).noquote() << "signed" << method
                                 << QtSigV4Private::redactCredentials(url.toDisplayString())
                                 << "for" << config.service() << config.region() << "(direct reply)";
    QNetworkReply *reply = createTransportReply(op, prepared, outgoingData);
    Q_EMIT q->requestSigned(reply, result);
    return reply;
}
