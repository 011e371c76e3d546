// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsoutgoingrequest_p.h"

#include "core/awscanonical_p.h"
#include "core/awsredaction_p.h"
#include "core/qtsigv4logging_p.h"

using QtSigV4Private::redactCredentials;

QUrl AwsOutgoingRequest::signableUrl(QUrl url)
{
    url.setUserInfo(QString());
    url.setFragment(QString());
    if (url.port() == QtSigV4Private::defaultPortFor(url.scheme()))
        url.setPort(-1);
    return url;
}

void AwsOutgoingRequest::dropBodyHeaders(QNetworkRequest *request)
{
    request->setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
    request->setHeader(QNetworkRequest::ContentLengthHeader, QVariant());
}

// Redirects and the reply's lifetime stay ours, whatever the caller asked of Qt.
void AwsOutgoingRequest::keepControl(QNetworkRequest *request)
{
    request->setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
    request->setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);
}

QNetworkRequest AwsOutgoingRequest::prepared(const QNetworkRequest &original,
                                             QNetworkAccessManager::Operation op,
                                             const QByteArray &method,
                                             const QByteArray &signedHost, bool sendBody)
{
    QNetworkRequest request(original);
    if (op != QNetworkAccessManager::CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
    // We are the signer: a signature or date the caller left in is replaced.
    for (const char *name : { "Authorization", "X-Amz-Date", "X-Amz-Security-Token" })
        request.setRawHeader(name, QByteArray());
    if (!sendBody) {
        dropBodyHeaders(&request);
        request.setRawHeader("x-amz-content-sha256", QByteArray());
    }
    // Qt adds this Content-Type to a POST without one after we signed: add it now.
    if (method == "POST" && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    if (!signedHost.isEmpty()) {
        request.setRawHeader("Host", signedHost);
        // HTTP/2 would replace Host by an :authority taken from the URL.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    }
    return request;
}

AwsHttpRequest AwsOutgoingRequest::httpRequest(const QNetworkRequest &prepared,
                                               const QByteArray &method, const QUrl &url,
                                               const AwsSigningConfig &config)
{
    AwsHeaderList headers;
    const QList<QByteArray> names = prepared.rawHeaderList();
    headers.reserve(names.size());
    for (const QByteArray &name : names)
        headers.append({ name, prepared.rawHeader(name) });
    AwsHttpRequest http = AwsHttpRequest::fromUrl(method, url, headers);
    if (!config.usesS3Rules() && config.normalizePath()) {
        // Send the path without dot segments, as it is signed: Qt's own removal of them is
        // not always RFC 3986's (measured: Qt 6.4.2 sent "/a/./b/../c" as "/a//c").
        http.setTarget(QtSigV4Private::targetWithoutDotSegments(http.target()));
    }
    return http;
}

QUrl AwsOutgoingRequest::applySignature(QNetworkRequest *request, const AwsHttpRequest &http,
                                        const AwsSigningResult &result, const QUrl &url,
                                        const AwsSigningConfig &config, const QStringList &secrets)
{
    QByteArray target;
    if (config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString) {
        target = result.presignedTarget();
    } else {
        target = http.target();
        const AwsHeaderList added = result.headersToAdd();
        for (const auto &[name, value] : added)
            request->setRawHeader(name, value);
    }
    const QByteArray base = url.scheme().toLatin1() + "://" + url.authority(QUrl::FullyEncoded).toLatin1();
    const QUrl sendUrl = QUrl::fromEncoded(base + target, QUrl::StrictMode);
    const QByteArray wireTarget = sendUrl.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                                    | QUrl::RemoveFragment
                                                    | QUrl::NormalizePathSegments);
    if (wireTarget != target && (config.usesS3Rules() || !config.normalizePath())) {
        qCWarning(lcNetwork).noquote() << "Qt will send" << redactCredentials(wireTarget, secrets)
                                       << "but" << redactCredentials(target, secrets) << "was signed";
    }
    request->setUrl(sendUrl);
    keepControl(request);
    return sendUrl;
}

bool AwsOutgoingRequest::needsPayloadHash(const AwsSigningConfig &config,
                                          const QNetworkRequest &request)
{
    const bool presign = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    const bool streamed = config.isStreaming() && !presign;
    return !(streamed || config.unsignedPayload() || request.hasRawHeader("x-amz-content-sha256")
             || (presign && config.usesS3Rules() && !config.isSignBodySet()));
}

QNetworkRequest AwsOutgoingRequest::unsignedRequest(const QNetworkRequest &original,
                                                    QNetworkAccessManager::Operation op,
                                                    const QUrl &url, bool sendBody)
{
    QNetworkRequest request(original);
    if (op != QNetworkAccessManager::CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower.startsWith("x-amz-") || lower == "host")
            request.setRawHeader(name, QByteArray());
    }
    if (!sendBody)
        dropBodyHeaders(&request);
    request.setUrl(url);
    keepControl(&request);
    return request;
}
