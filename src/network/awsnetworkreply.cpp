// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsnetworkreply_p.h"

#include "network/awscredentialswait_p.h"

#include "core/awscanonical_p.h"
#include "network/awschunkedupload_p.h"
#include "network/awsclockskew_p.h"
#include "core/awsredaction_p.h"
#include "network/awsrequestbody_p.h"
#include "network/awsserviceerror_p.h"
#include "network/awstransfererror_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awsdate.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>
#include <QtNetwork/qsslerror.h>

#include <cstring>
#include <memory>

/*!
    \class AwsNetworkReply
    \internal
    \brief The proxy reply of a signed request.

    Stages: the body hash (AwsRequestBody), the credentials (the rule's provider), the
    signature, then the transport reply created by QNetworkAccessManager, whose signals are
    forwarded. Error answers (HTTP >= 400) are held until complete so that a clock-skew error
    can be retried invisibly and the service's message can become errorString(); redirects
    are followed here, since Qt's own following would forward the credentials anywhere.
*/

namespace {

using QtSigV4Private::defaultPortFor;
using QtSigV4Private::isHttpScheme;

using QtSigV4Private::redactCredentials;

constexpr qsizetype MaxHeldErrorBody = 1024 * 1024;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
            && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(defaultPortFor(a.scheme())) == b.port(defaultPortFor(b.scheme()));
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QByteArray methodFor(QNetworkAccessManager::Operation op, const QByteArray &customVerb)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return QByteArrayLiteral("HEAD");
    case QNetworkAccessManager::GetOperation: return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PutOperation: return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::PostOperation: return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation: return QByteArrayLiteral("DELETE");
    case QNetworkAccessManager::CustomOperation: return customVerb;
    case QNetworkAccessManager::UnknownOperation: break;
    }
    return QByteArray();
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
        if (!ok || c == '\0')
            return false;
    }
    return true;
}

// Qt writes the verb and the raw headers to the wire verbatim: a verb that is not an HTTP
// token, or a header line with CR, LF or NUL, would split the request (RFC 9110 5.5, 9.1).
QString requestLineError(const QByteArray &method, const QNetworkRequest &request)
{
    if (!isToken(method)) {
        return QStringLiteral("refusing to send a request whose method is not an HTTP token "
                              "(empty, or with spaces, control or non-ASCII characters)");
    }
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (!isToken(name)) {
            return QStringLiteral("refusing to send a header whose name is not an HTTP token: \"%1\"")
                    .arg(QString::fromLatin1(name.left(64).toPercentEncoding()));
        }
        const QByteArray value = request.rawHeader(name);
        if (value.contains('\r') || value.contains('\n') || value.contains('\0')) {
            return QStringLiteral("refusing to send header %1: its value contains CR, LF or NUL")
                    .arg(QString::fromLatin1(name.left(64)));
        }
    }
    return QString();
}

} // namespace

AwsNetworkReply::AwsNetworkReply(AwsNetworkAccessManager *manager,
                                 QNetworkAccessManager::Operation op,
                                 const QNetworkRequest &request, QIODevice *outgoingData,
                                 const AwsSigningRule &rule,
                                 QNetworkRequest::RedirectPolicy callerPolicy, bool autoDelete)
    : QNetworkReply(manager),
      m_manager(manager),
      m_op(op),
      m_original(request),
      m_url(request.url()),
      m_rule(rule),
      m_callerPolicy(callerPolicy)
{
    // QNetworkAccessManager::get() & co. pass the reply we return through their postProcess(),
    // which connects finished() (with the auto-delete attribute of request()), encrypted() and
    // the SSL signals to the manager's own signals, and sets manager().
    QNetworkRequest visible(request);
    if (autoDelete)
        visible.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, true);
    setRequest(visible);
    setUrl(request.url());
    setOperation(op);
    m_customVerb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    m_maxRedirects = request.maximumRedirectsAllowed();

    const AwsSigningConfig config = m_rule.signingConfig();
    const bool presign = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    AwsRequestBody::Options options;
    options.memoryLimit = manager->bodyMemoryLimit();
    options.asyncThreshold = manager->asyncHashThreshold();
    options.idleTimeoutMs = manager->bodyReadTimeout();
    options.streamed = config.isStreaming() && !presign;
    options.computeHash = !(options.streamed || config.unsignedPayload()
                            || request.hasRawHeader("x-amz-content-sha256")
                            || (presign && config.usesS3Rules() && !config.isSignBodySet()));
    m_body = new AwsRequestBody(outgoingData, options, this);
    connect(m_body, &AwsRequestBody::ready, this, &AwsNetworkReply::bodyReady);
    connect(m_body, &AwsRequestBody::failed, this, [this](const QString &message) {
        finishWithError(QNetworkReply::UnknownContentError, message); // it names the body
    });

    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

AwsNetworkReply::~AwsNetworkReply()
{
    // Every slot connected to the transport reply returns at once when m_done is set, which
    // is cheaper than disconnecting them (the string-based disconnect() walks all of the
    // transport reply's connections: a twentieth of a small request's cost).
    m_done = true;
    delete m_inner.data();
    // Transport replies of earlier attempts (aborted, deleted later) still hold the body
    // device, which dies with this object: they must go first.
    for (const QPointer<QNetworkReply> &inner : std::as_const(m_detached))
        delete inner.data();
}

QByteArray AwsNetworkReply::verb() const
{
    return methodFor(m_op, m_customVerb);
}

/*!
    Starts the stages. Everything the reply emits comes later, from the event loop.
*/
void AwsNetworkReply::start()
{
    QString error = QtSigV4Private::dotSegmentError(m_url, m_rule.signingConfig());
    if (error.isEmpty())
        error = requestLineError(verb(), m_original);
    if (!error.isEmpty()) {
        finishWithError(QNetworkReply::ProtocolInvalidOperationError, error);
        return;
    }
    m_body->start();
}

/*!
    Finishes with \a error and \a message from the event loop (never from within
    createRequest(), where nobody is connected yet).
*/
void AwsNetworkReply::failLater(QNetworkReply::NetworkError error, const QString &message)
{
    finishWithError(error, message);
}

// Ends everything still in flight (body hashing, the wait for credentials, the transport
// reply) once the reply is decided: by an error or by abort().
void AwsNetworkReply::stopPendingWork()
{
    m_done = true;
    m_body->cancel();
    if (m_credentialsWait)
        m_credentialsWait->stop();
    detachInner();
}

void AwsNetworkReply::finishWithError(QNetworkReply::NetworkError error, const QString &message)
{
    if (m_done)
        return;
    stopPendingWork();
    // The caller gets the error through the reply: not also a warning.
    qCDebug(lcNetwork).noquote() << verb() << redactCredentials(m_url.toDisplayString())
                                 << "failed:" << redactCredentials(message, m_secrets);
    QMetaObject::invokeMethod(
            this,
            [this, error, message] {
                if (isFinished())
                    return;
                reportError(error, message);
                complete();
            },
            Qt::QueuedConnection);
}

// Every error the caller sees goes through here: without a credential in it.
void AwsNetworkReply::reportError(QNetworkReply::NetworkError error, const QString &message)
{
    setError(error, redactCredentials(message, m_secrets));
    Q_EMIT errorOccurred(error);
}

void AwsNetworkReply::complete()
{
    m_done = true;
    // A failed or aborted request leaves the caller's random-access body where it was.
    if (error() != QNetworkReply::NoError) {
        if (QIODevice *device = m_body->device(); device && device->isOpen() && !device->isSequential())
            m_body->rewind();
    }
    m_body->cancel(); // the caller may delete the device now
    setFinished(true);
    Q_EMIT finished();
}

void AwsNetworkReply::bodyReady()
{
    if (m_done)
        return;
    if (m_signed)
        requestCredentials();
    else
        sendUnsigned();
}

void AwsNetworkReply::requestCredentials()
{
    AwsCredentialsProvider *provider = m_rule.credentialsProvider();
    if (!provider && m_manager)
        provider = m_manager->defaultCredentialsProvider();
    if (!provider) {
        finishWithError(QNetworkReply::AuthenticationRequiredError,
                        QStringLiteral("no credentials provider for %1: give the signing rule one "
                                       "or set the manager's default provider")
                                .arg(m_url.host()));
        return;
    }
    AwsCredentials credentials;
    if (AwsCredentialsWait::takeReady(provider, &credentials)) {
        sendSigned(credentials);
        return;
    }
    if (!m_credentialsWait)
        m_credentialsWait = new AwsCredentialsWait(this);
    m_credentialsWait->start(
            provider, m_manager ? m_manager->credentialsTimeout() : 30000,
            [this](const AwsCredentials &ready) {
                if (!m_done)
                    sendSigned(ready);
            },
            [this](AwsCredentialsWait::Failure failure, const QString &message) {
                finishWithError(failure == AwsCredentialsWait::TimedOut
                                        ? QNetworkReply::TimeoutError
                                        : QNetworkReply::AuthenticationRequiredError,
                                message);
            });
}

void AwsNetworkReply::sendSigned(const AwsCredentials &credentials)
{
    if (m_done || !m_manager)
        return;
    ++m_attempts;
    m_secrets = QtSigV4Private::secretsOf(credentials);
    const AwsSigningConfig config = m_rule.signingConfig();
    const QByteArray method = verb();

    QUrl url = m_url;
    url.setUserInfo(QString());
    url.setFragment(QString());
    if (url.port() == defaultPortFor(url.scheme()))
        url.setPort(-1);

    QNetworkRequest request(m_original);
    if (m_op != QNetworkAccessManager::CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
    // We are the signer: a signature or date the caller left in is replaced.
    for (const char *name : { "Authorization", "X-Amz-Date", "X-Amz-Security-Token" })
        request.setRawHeader(name, QByteArray());
    if (!m_sendBody) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
        request.setHeader(QNetworkRequest::ContentLengthHeader, QVariant());
        request.setRawHeader("x-amz-content-sha256", QByteArray());
    }
    // Qt adds this Content-Type to a POST without one after we signed: add it now.
    if (method == "POST" && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    const QByteArray signedHost = m_rule.signedHost();
    if (!signedHost.isEmpty()) {
        request.setRawHeader("Host", signedHost);
        // HTTP/2 would replace Host by an :authority taken from the URL.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    }

    const bool streamed = m_sendBody && m_body->strategy() == AwsRequestBody::Streamed;
    qint64 decodedLength = 0;
    if (streamed) {
        const QString problem = addStreamingHeaders(request, &decodedLength);
        if (!problem.isEmpty()) {
            finishWithError(QNetworkReply::ProtocolInvalidOperationError, problem);
            return;
        }
    }

    AwsHeaderList headers;
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        headers.append({ name, request.rawHeader(name) });
    AwsHttpRequest http = AwsHttpRequest::fromUrl(method, url, headers);
    if (!config.usesS3Rules() && config.normalizePath()) {
        // Send the path without dot segments, as it is signed: Qt's own removal of them is
        // not always RFC 3986's (measured: Qt 6.4.2 sent "/a/./b/../c" as "/a//c").
        http.setTarget(QtSigV4Private::targetWithoutDotSegments(http.target()));
    }
    if (!m_sendBody)
        http.setPayloadHash(AwsSigner::emptyPayloadHash());
    else if (!m_body->payloadHash().isEmpty())
        http.setPayloadHash(m_body->payloadHash());

    m_signedAt = QDateTime::currentDateTimeUtc();
    const QDateTime signingTime = m_signedAt.addMSecs(m_manager->clockOffset());
    const AwsSigningResult result = credentials.isValid()
            ? AwsSigner(config).sign(http,
                                     m_manager->signingKeyFor(credentials, signingTime.date(),
                                                              config.region(), config.service()),
                                     signingTime)
            : AwsSigner(config).sign(http, credentials, signingTime); // its clear error
    if (!result.isValid()) {
        finishWithError(QNetworkReply::AuthenticationRequiredError,
                        QStringLiteral("cannot sign the request: %1").arg(result.errorString()));
        return;
    }
    m_result = result;

    QByteArray target;
    const bool presigned = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    if (presigned) {
        target = result.presignedTarget();
    } else {
        target = http.target();
        const AwsHeaderList added = result.headersToAdd();
        for (const auto &[name, value] : added)
            request.setRawHeader(name, value);
    }
    const QByteArray base = url.scheme().toLatin1() + "://" + url.authority(QUrl::FullyEncoded).toLatin1();
    const QUrl sendUrl = QUrl::fromEncoded(base + target, QUrl::StrictMode);
    const QByteArray wireTarget = sendUrl.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                                    | QUrl::RemoveFragment
                                                    | QUrl::NormalizePathSegments);
    if (wireTarget != target && (config.usesS3Rules() || !config.normalizePath())) {
        qCWarning(lcNetwork).noquote() << "Qt will send" << redactCredentials(wireTarget, m_secrets)
                                       << "but" << redactCredentials(target, m_secrets) << "was signed";
    }
    request.setUrl(sendUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);

    // A presigned URL is a credential until it expires: log the URL it was made from.
    qCDebug(lcNetwork).noquote() << (presigned ? "presigned" : "signed") << method
                                 << redactCredentials((presigned ? url : sendUrl).toDisplayString())
                                 << "for" << config.service() << config.region()
                                 << "\ncanonical request:\n"
                                 << redactCredentials(result.canonicalRequest(), m_secrets)
                                 << "\nstring to sign:\n"
                                 << result.stringToSign();
    Q_EMIT m_manager->requestSigned(this, result);
    if (m_done)
        return; // aborted from a slot

    if (!m_body->rewind()) {
        finishWithError(QNetworkReply::ContentReSendError,
                        QStringLiteral("cannot rewind the request body %1 to send it").arg(m_body->deviceName()));
        return;
    }
    if (const QString change = m_body->sizeChange(QStringLiteral("before it was sent"));
        m_sendBody && !change.isEmpty()) {
        finishWithError(QNetworkReply::UnknownContentError, change);
        return;
    }
    QIODevice *device = m_sendBody ? m_body->device() : nullptr;
    if (streamed && !(device = chunkedDevice(decodedLength, credentials)))
        return;
    attach(m_manager->createTransportReply(m_op, request, device));
}

// aws-chunked uploads: the encoder's headers (signed with the request), the length of the body
// they need, and no buffering by QNAM (it would read a sequential body to its end first).
QString AwsNetworkReply::addStreamingHeaders(QNetworkRequest &request, qint64 *decodedLength) const
{
    qint64 length = m_body->device() ? m_body->size() : 0;
    if (length < 0) {
        bool ok = false;
        length = m_original.rawHeader("x-amz-decoded-content-length").trimmed().toLongLong(&ok);
        if (!ok || length < 0) {
            return QStringLiteral("an aws-chunked upload announces the length of the body before sending "
                                  "it, but the sequential %1 has no known size: set the request's "
                                  "x-amz-decoded-content-length header to the number of bytes it will deliver")
                    .arg(QString::fromLatin1(m_body->device()->metaObject()->className()));
        }
    }
    AwsHeaderList headers;
    if (QString problem = QtSigV4Private::ChunkedUpload::headers(m_rule.signingConfig(), length, &headers);
        !problem.isEmpty()) {
        return problem;
    }
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    *decodedLength = length;
    return QString();
}

// The device QNAM uploads for an aws-chunked body: the body, encoded and signed chunk by chunk
// from the signature just computed. Null (and the reply failed) when the chunks cannot be signed.
QIODevice *AwsNetworkReply::chunkedDevice(qint64 decodedLength, const AwsCredentials &credentials)
{
    const AwsSigningConfig config = m_rule.signingConfig();
    const AwsSigningKey key(credentials, m_result.signingTime().date(), config.region(), config.service());
    QString problem;
    QIODevice *device = QtSigV4Private::ChunkedUpload::createDevice(
            config, m_result, key, m_body->device(), decodedLength, m_body->sourceFinished(), this,
            [this](const QString &message) {
                finishWithError(QNetworkReply::UnknownContentError,
                                QStringLiteral("cannot send the request body: %1").arg(message));
            },
            &problem);
    if (!device) {
        finishWithError(QNetworkReply::AuthenticationRequiredError,
                        QStringLiteral("cannot sign the aws-chunked body: %1").arg(problem));
        return nullptr;
    }
    if (m_chunked)
        m_chunked->deleteLater();
    m_chunked = device;
    return device;
}

void AwsNetworkReply::sendUnsigned()
{
    if (m_done || !m_manager)
        return;
    ++m_attempts;
    QNetworkRequest request(m_original);
    if (m_op != QNetworkAccessManager::CustomOperation)
        request.setAttribute(QNetworkRequest::CustomVerbAttribute, QVariant());
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower.startsWith("x-amz-") || lower == "host")
            request.setRawHeader(name, QByteArray());
    }
    if (!m_sendBody) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
        request.setHeader(QNetworkRequest::ContentLengthHeader, QVariant());
    }
    request.setUrl(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);
    qCDebug(lcNetwork).noquote() << "sending" << verb() << m_url.toDisplayString()
                                 << "without credentials (cross-origin redirect)";
    if (!m_body->rewind()) {
        finishWithError(QNetworkReply::ContentReSendError,
                        QStringLiteral("cannot rewind the request body %1 to send it again")
                                .arg(m_body->deviceName()));
        return;
    }
    QIODevice *device = m_sendBody ? m_body->device() : nullptr;
    attach(m_manager->createTransportReply(m_op, request, device));
}

void AwsNetworkReply::attach(QNetworkReply *inner)
{
    m_inner = inner;
    m_mode = Mode::Forwarding;
    m_metaDataForwarded = false;
    m_held.clear();
    m_heldPos = 0;
    m_bytesSent = 0;
    m_bytesTotal = -1;
    m_attemptTimer.start();

    if (m_readBufferSize > 0)
        inner->setReadBufferSize(m_readBufferSize);
#if QT_CONFIG(ssl)
    if (m_sslConfiguration)
        inner->setSslConfiguration(*m_sslConfiguration);
    if (m_ignoreAllSslErrors)
        inner->ignoreSslErrors();
    if (!m_ignoredSslErrors.isEmpty())
        inner->ignoreSslErrors(m_ignoredSslErrors);
#endif

    connect(inner, &QNetworkReply::metaDataChanged, this, &AwsNetworkReply::onMetaDataChanged);
    connect(inner, &QNetworkReply::readyRead, this, &AwsNetworkReply::onReadyRead);
    connect(inner, &QNetworkReply::errorOccurred, this, &AwsNetworkReply::onErrorOccurred);
    connect(inner, &QNetworkReply::finished, this, &AwsNetworkReply::onFinished);
    connect(inner, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (!m_done && m_mode == Mode::Forwarding)
            Q_EMIT downloadProgress(received, total);
    });
    connect(inner, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        m_bytesSent = sent;
        m_bytesTotal = total;
        Q_EMIT uploadProgress(sent, total);
    });
    connect(inner, &QNetworkReply::socketStartedConnecting, this,
            &QNetworkReply::socketStartedConnecting);
    connect(inner, &QNetworkReply::requestSent, this, &QNetworkReply::requestSent);
#if QT_CONFIG(ssl)
    connect(inner, &QNetworkReply::encrypted, this, &QNetworkReply::encrypted);
    connect(inner, &QNetworkReply::sslErrors, this, &QNetworkReply::sslErrors);
    connect(inner, &QNetworkReply::preSharedKeyAuthenticationRequired, this,
            &QNetworkReply::preSharedKeyAuthenticationRequired);
#endif
}

void AwsNetworkReply::detachInner()
{
    if (!m_inner)
        return;
    QNetworkReply *inner = m_inner.data();
    m_inner.clear();
    disconnect(inner, nullptr, this, nullptr);
    if (!inner->isFinished())
        inner->abort();
    inner->deleteLater();
    m_detached.removeIf([](const QPointer<QNetworkReply> &p) { return p.isNull(); });
    m_detached.append(inner);
}

void AwsNetworkReply::copyMetaData(QNetworkReply *from)
{
    // Qt's own attributes: User is 1000, far beyond the last of them (about 30 in Qt 6), and
    // the 1000 look-ups per answer were a tenth of a small request's cost.
    constexpr int QtAttributeBound = 64;
    static_assert(int(QNetworkRequest::Http2CleartextAllowedAttribute) < QtAttributeBound);
    for (int a = 0; a < QtAttributeBound; ++a) {
        const auto attribute = QNetworkRequest::Attribute(a);
        const QVariant value = from->attribute(attribute);
        if (value.isValid())
            setAttribute(attribute, value);
    }
    const QList<QNetworkReply::RawHeaderPair> pairs = from->rawHeaderPairs();
    for (const auto &[name, value] : pairs)
        setRawHeader(name, value);
}

void AwsNetworkReply::onMetaDataChanged()
{
    if (m_done || !m_inner)
        return;
    if (m_mode != Mode::Forwarding)
        return;
    if (m_metaDataForwarded) {
        copyMetaData(m_inner);
        Q_EMIT metaDataChanged();
        return;
    }
    const int status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (isRedirectStatus(status) && m_callerPolicy != QNetworkRequest::ManualRedirectPolicy
        && m_inner->hasRawHeader("Location")) {
        m_mode = Mode::Redirecting;
        return;
    }
    if (status >= 400) {
        m_mode = Mode::Holding;
        return;
    }
    copyMetaData(m_inner);
    m_metaDataForwarded = true;
    Q_EMIT metaDataChanged();
}

void AwsNetworkReply::onReadyRead()
{
    if (m_done || !m_inner)
        return;
    switch (m_mode) {
    case Mode::Forwarding:
        Q_EMIT readyRead();
        break;
    case Mode::Holding:
        m_held += m_inner->readAll();
        if (m_held.size() > MaxHeldErrorBody)
            release();
        break;
    case Mode::Redirecting:
        m_inner->readAll();
        break;
    }
}

void AwsNetworkReply::onErrorOccurred(QNetworkReply::NetworkError error)
{
    if (m_done || !m_inner || m_mode != Mode::Forwarding)
        return;
    forwardError(error);
}

// The transport reply's error, as the caller's, with what happened when Qt says "Unknown
// error" or "Operation canceled" (see AwsTransferError).
void AwsNetworkReply::forwardError(QNetworkReply::NetworkError error)
{
    QString message = m_inner->errorString();
    AwsTransferError::Facts facts;
    if (m_sendBody && (m_chunked || m_body->device())) {
        facts.body = m_body;
        facts.device = m_chunked ? nullptr : m_body->device();
    }
    facts.bytesSent = m_bytesSent;
    facts.bytesTotal = m_bytesTotal;
    facts.transferTimeoutMs = m_original.transferTimeout();
    if (facts.transferTimeoutMs == 0 && m_manager)
        facts.transferTimeoutMs = m_manager->transferTimeout();
    facts.elapsedMs = m_attemptTimer.elapsed();
    AwsTransferError::explain(facts, &error, &message);
    reportError(error, message);
}

void AwsNetworkReply::release()
{
    copyMetaData(m_inner);
    m_mode = Mode::Forwarding;
    m_released = true;
    m_metaDataForwarded = true;
    Q_EMIT metaDataChanged();
    if (m_heldPos < m_held.size())
        Q_EMIT readyRead();
}

void AwsNetworkReply::onFinished()
{
    if (m_done || !m_inner)
        return;
    if (m_mode == Mode::Redirecting) {
        handleRedirect();
        return;
    }
    if (m_mode == Mode::Forwarding) {
        if (!m_metaDataForwarded) {
            copyMetaData(m_inner);
            if (m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
                Q_EMIT metaDataChanged();
        }
        if (m_inner->error() != QNetworkReply::NoError && error() == QNetworkReply::NoError)
            forwardError(m_inner->error());
        complete();
        return;
    }

    // Holding: an error answer, complete in m_held.
    m_held += m_inner->readAll();
    const int status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const AwsServiceError serviceError =
            AwsServiceError::parse(m_held, m_inner->rawHeader("x-amzn-ErrorType"));

    QString refusal;
    if (m_signed && !m_skewRetried && m_manager && m_manager->isClockSkewCorrectionEnabled()
        && (status == 400 || status == 401 || status == 403)) {
        const AwsClockSkew skew = AwsClockSkew::assess(
                serviceError, m_inner->rawHeader("Date"),
                m_signedAt.addMSecs(m_manager->clockOffset()), QDateTime::currentDateTimeUtc());
        if (skew.verdict() == AwsClockSkew::Correctable) {
            qCWarning(lcNetwork).noquote()
                    << redactCredentials(serviceError.summary(), m_secrets) << "- the server's clock is"
                    << skew.offset() / 1000 << "s away from ours; signing again with that offset";
            m_manager->setClockOffset(skew.offset());
            m_skewRetried = true;
            detachInner();
            m_held.clear();
            requestCredentials();
            return;
        }
        if (skew.verdict() == AwsClockSkew::Implausible) {
            refusal = QStringLiteral("; not signed again: ") + skew.refusal();
            qCDebug(lcNetwork).noquote() << "clock skew correction refused:" << skew.refusal();
        }
    }

    QNetworkReply *inner = m_inner.data();
    release();
    QNetworkReply::NetworkError code = inner->error();
    if (code == QNetworkReply::NoError)
        code = QNetworkReply::UnknownServerError;
    QString message = inner->errorString();
    if (!serviceError.isNull()) {
        message = QStringLiteral("%1 (HTTP %2 from %3)")
                          .arg(serviceError.summary())
                          .arg(status)
                          .arg(m_url.host());
        // The diagnosis goes with the error, not into a warning of its own.
        if (m_signed && serviceError.isSignatureError())
            message += QStringLiteral("; ") + AwsServiceError::diagnoseSignatureMismatch(serviceError, m_result, m_secrets);
    }
    reportError(code, message + refusal);
    complete();
}

void AwsNetworkReply::handleRedirect()
{
    const int status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray location = m_inner->rawHeader("Location").trimmed();
    const QUrl target = m_url.resolved(QUrl::fromEncoded(location, QUrl::TolerantMode));
    detachInner();

    if (++m_redirects > m_maxRedirects) {
        finishWithError(QNetworkReply::TooManyRedirectsError,
                        QStringLiteral("too many redirects (more than %1)").arg(m_maxRedirects));
        return;
    }
    if (!target.isValid() || !isHttpScheme(target.scheme())) {
        finishWithError(QNetworkReply::ProtocolUnknownError,
                        QStringLiteral("redirect to an unsupported URL: %1")
                                .arg(QString::fromLatin1(location)));
        return;
    }
    const bool downgrade = m_url.scheme().compare(u"https", Qt::CaseInsensitive) == 0
            && target.scheme().compare(u"http", Qt::CaseInsensitive) == 0;
    switch (m_callerPolicy) {
    case QNetworkRequest::NoLessSafeRedirectPolicy:
        if (downgrade) {
            finishWithError(QNetworkReply::InsecureRedirectError,
                            QStringLiteral("insecure redirect from https to %1")
                                    .arg(target.toDisplayString()));
            return;
        }
        break;
    case QNetworkRequest::SameOriginRedirectPolicy:
        if (!sameOrigin(m_url, target)) {
            finishWithError(QNetworkReply::InsecureRedirectError,
                            QStringLiteral("redirect to another origin (%1) refused by the "
                                           "SameOriginRedirectPolicy")
                                    .arg(target.toDisplayString()));
            return;
        }
        break;
    case QNetworkRequest::UserVerifiedRedirectPolicy: {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &QNetworkReply::redirectAllowed, this,
                              [this, target, status, connection] {
                                  disconnect(*connection);
                                  followRedirect(target, status);
                              });
        Q_EMIT redirected(target);
        return;
    }
    case QNetworkRequest::ManualRedirectPolicy:
        break; // not reached: manual redirects are forwarded as they are
    }
    Q_EMIT redirected(target);
    followRedirect(target, status);
}

void AwsNetworkReply::followRedirect(const QUrl &target, int status)
{
    if (m_done)
        return;
    if (status == 303 ? m_op != QNetworkAccessManager::HeadOperation
                      : ((status == 301 || status == 302)
                         && m_op == QNetworkAccessManager::PostOperation)) {
        m_op = QNetworkAccessManager::GetOperation;
        m_customVerb.clear();
        m_sendBody = false;
    }
    const bool same = sameOrigin(m_url, target);
    qCDebug(lcNetwork).noquote() << "following the" << status << "redirect to"
                                 << target.toDisplayString()
                                 << (same && m_signed ? "(same origin: signed again)"
                                                      : "(other origin: without credentials)");
    m_url = target;
    setUrl(target);
    if (!same)
        m_signed = false;
    if (m_signed) {
        const QString error = QtSigV4Private::dotSegmentError(m_url, m_rule.signingConfig());
        if (!error.isEmpty()) {
            finishWithError(QNetworkReply::ProtocolInvalidOperationError, error);
            return;
        }
        requestCredentials();
    } else {
        sendUnsigned();
    }
}

void AwsNetworkReply::abort()
{
    if (isFinished())
        return;
    stopPendingWork();
    reportError(QNetworkReply::OperationCanceledError, tr("Operation canceled"));
    complete();
}

void AwsNetworkReply::close()
{
    if (!isFinished())
        abort();
    QNetworkReply::close();
}

qint64 AwsNetworkReply::bytesAvailable() const
{
    qint64 available = QNetworkReply::bytesAvailable() + (m_held.size() - m_heldPos);
    if (m_inner && m_mode == Mode::Forwarding)
        available += m_inner->bytesAvailable();
    return available;
}

qint64 AwsNetworkReply::readData(char *data, qint64 maxSize)
{
    if (m_heldPos < m_held.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_held.size() - m_heldPos);
        std::memcpy(data, m_held.constData() + m_heldPos, size_t(n));
        m_heldPos += n;
        if (m_heldPos == m_held.size()) {
            m_held.clear();
            m_heldPos = 0;
        }
        return n;
    }
    if (m_inner && m_mode == Mode::Forwarding) {
        const qint64 n = m_inner->read(data, maxSize);
        if (n > 0)
            return n;
    }
    return isFinished() ? -1 : 0;
}

void AwsNetworkReply::setReadBufferSize(qint64 size)
{
    m_readBufferSize = size;
    QNetworkReply::setReadBufferSize(size);
    if (m_inner)
        m_inner->setReadBufferSize(size);
}

void AwsNetworkReply::ignoreSslErrors()
{
    m_ignoreAllSslErrors = true;
    if (m_inner)
        m_inner->ignoreSslErrors();
}

void AwsNetworkReply::ignoreSslErrorsImplementation(const QList<QSslError> &errors)
{
    m_ignoredSslErrors = errors;
#if QT_CONFIG(ssl)
    if (m_inner)
        m_inner->ignoreSslErrors(errors);
#endif
}

#if QT_CONFIG(ssl)
void AwsNetworkReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    if (m_inner)
        configuration = m_inner->sslConfiguration();
    else
        configuration = m_sslConfiguration ? *m_sslConfiguration : m_original.sslConfiguration();
}

void AwsNetworkReply::setSslConfigurationImplementation(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    if (m_inner)
        m_inner->setSslConfiguration(configuration);
}
#endif
