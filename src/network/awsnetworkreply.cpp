// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsnetworkreply_p.h"

#include "network/awscredentialswait_p.h"
#include "network/awsnetworkaccessmanager_p.h"
#include "network/awsoutgoingrequest_p.h"
#include "network/awsredirect_p.h"
#include "network/awsrequestcheck_p.h"

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
#include <QtCore/qrandom.h>

#include <cstring>
#include <memory>

/*!
    \class AwsNetworkReply
    \internal
    \brief The proxy reply of a signed request.

    Stages: the body hash (AwsRequestBody), the credentials (the rule's provider), the
    signature, then the transport reply created by QNetworkAccessManager, whose signals are
    forwarded. Error answers (HTTP >= 400) are held until complete so that a clock-skew error,
    a throttling or a transient error can be retried invisibly and the service's message can
    become errorString(); redirects are followed here, since Qt's own following would forward
    the credentials anywhere. Every retry (AwsRetryPolicy) and the clock-skew re-send go
    through sendAgain(): the transport reply is dropped unseen, and the request is signed
    and sent again.
*/

namespace {

using QtSigV4Private::redactCredentials;

} // namespace

AwsNetworkReply::AwsNetworkReply(AwsNetworkAccessManager *manager,
                                 QNetworkAccessManager::Operation op,
                                 const QNetworkRequest &request, QIODevice *outgoingData,
                                 const AwsSigningRule &rule,
                                 QNetworkRequest::RedirectPolicy callerPolicy, bool autoDelete)
    : AwsForwardingReply(manager),
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
    m_maxAttempts = AwsRetryPolicy::maxAttemptsFor(
            request.attribute(AwsNetworkAccessManager::MaxAttemptsAttribute), manager->maxAttempts());

    const AwsSigningConfig config = m_rule.signingConfig();
    const bool presign = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    AwsRequestBody::Options options;
    options.memoryLimit = manager->bodyMemoryLimit();
    options.asyncThreshold = manager->asyncHashThreshold();
    options.idleTimeoutMs = manager->bodyReadTimeout();
    options.streamed = config.isStreaming() && !presign;
    options.computeHash = AwsOutgoingRequest::needsPayloadHash(config, request);
    m_body = new AwsRequestBody(outgoingData, options, this);
    connect(m_body, &AwsRequestBody::ready, this, &AwsNetworkReply::resend);
    connect(m_body, &AwsRequestBody::failed, this, [this](const QString &message) {
        finishWithError(QNetworkReply::UnknownContentError, message); // it names the body
    });

    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

AwsNetworkAccessManagerPrivate *AwsNetworkReply::managerPrivate() const
{
    return AwsNetworkAccessManagerPrivate::get(m_manager.data());
}

AwsNetworkReply::~AwsNetworkReply()
{
    m_done = true; // AwsForwardingReply deletes the transport replies before the body goes
}

QByteArray AwsNetworkReply::verb() const
{
    return QtSigV4Private::methodFor(m_op, m_customVerb);
}

/*!
    Starts the stages. Everything the reply emits comes later, from the event loop.
*/
void AwsNetworkReply::start()
{
    QString error = QtSigV4Private::dotSegmentError(m_url, m_rule.signingConfig());
    if (error.isEmpty())
        error = QtSigV4Private::requestLineError(verb(), m_original);
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
    stopSendAgain();
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

    const QUrl url = AwsOutgoingRequest::signableUrl(m_url);
    QNetworkRequest request = AwsOutgoingRequest::prepared(m_original, m_op, method,
                                                           m_rule.signedHost(), m_sendBody);

    const bool streamed = m_sendBody && m_body->strategy() == AwsRequestBody::Streamed;
    qint64 decodedLength = 0;
    if (streamed) {
        const QString problem = addStreamingHeaders(request, &decodedLength);
        if (!problem.isEmpty()) {
            finishWithError(QNetworkReply::ProtocolInvalidOperationError, problem);
            return;
        }
    }

    AwsHttpRequest http = AwsOutgoingRequest::httpRequest(request, method, url, config);
    if (!m_sendBody)
        http.setPayloadHash(AwsSigner::emptyPayloadHash());
    else if (!m_body->payloadHash().isEmpty())
        http.setPayloadHash(m_body->payloadHash());

    const AwsSigningResult result = managerPrivate()->sign(http, config, credentials, &m_signedAt);
    if (!result.isValid()) {
        finishWithError(QNetworkReply::AuthenticationRequiredError,
                        QStringLiteral("cannot sign the request: %1").arg(result.errorString()));
        return;
    }
    m_result = result;

    const bool presigned = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    const QUrl sendUrl = AwsOutgoingRequest::applySignature(&request, http, result, url, config, m_secrets);

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
    attach(managerPrivate()->createTransportReply(m_op, request, device));
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
    const QNetworkRequest request =
            AwsOutgoingRequest::unsignedRequest(m_original, m_op, m_url, m_sendBody);
    qCDebug(lcNetwork).noquote() << "sending" << verb() << m_url.toDisplayString()
                                 << "without credentials (cross-origin redirect)";
    if (!m_body->rewind()) {
        finishWithError(QNetworkReply::ContentReSendError,
                        QStringLiteral("cannot rewind the request body %1 to send it again")
                                .arg(m_body->deviceName()));
        return;
    }
    QIODevice *device = m_sendBody ? m_body->device() : nullptr;
    attach(managerPrivate()->createTransportReply(m_op, request, device));
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
    if (AwsRedirect::isRedirectStatus(status) && m_callerPolicy != QNetworkRequest::ManualRedirectPolicy
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

void AwsNetworkReply::onErrorOccurred(QNetworkReply::NetworkError error)
{
    // Before any answer reached the caller the error may be retried: decided at finished(),
    // which follows at once (aborting the transport reply from here would report it twice).
    if (m_done || !m_inner || m_mode != Mode::Forwarding || !m_metaDataForwarded)
        return;
    forwardError(error);
}

// The transport reply's error, as the caller's, with what happened when Qt says "Unknown
// error" or "Operation canceled" (see AwsTransferError); or, while nothing of the answer has
// reached the caller, a retry. Returns true when the request is sent again.
bool AwsNetworkReply::forwardError(QNetworkReply::NetworkError error)
{
    QString message = m_inner->errorString();
    AwsTransferError::Facts facts;
    if (m_sendBody && (m_chunked || m_body->device())) {
        facts.body = m_body;
        facts.device = m_chunked ? nullptr : m_body->device();
    }
    facts.bytesSent = m_bytesSent;
    facts.bytesTotal = m_bytesTotal;
    if (m_bytesTotal <= 0 && facts.device) {
        // Qt reported no progress (its uploadProgress(0, 0) when the reply ends says so).
        facts.bytesSent = 0;
        facts.bytesTotal = m_body->size();
    }
    facts.transferTimeoutMs = m_original.transferTimeout();
    if (facts.transferTimeoutMs == 0 && m_manager)
        facts.transferTimeoutMs = m_manager->transferTimeout();
    facts.elapsedMs = m_attemptTimer.elapsed();
    AwsTransferError::explain(facts, &error, &message);
    QString note;
    if (!m_metaDataForwarded
        && retryLater(AwsRetryPolicy::classifyTransferError(error), message, &note)) {
        return true;
    }
    reportError(error, message + note);
    return false;
}

// AWS's standard retry mode: sends the request again after a backoff when a failure of kind
// (failure says what happened, for the log) may pass. Returns true when it will; otherwise
// *note says why a retryable failure was not retried, for the caller's error string.
bool AwsNetworkReply::retryLater(AwsRetryPolicy::Kind kind, const QString &failure, QString *note)
{
    if (kind == AwsRetryPolicy::NotRetryable || !m_manager)
        return false;
    const int attempt = m_retries + 1;
    if (attempt >= m_maxAttempts) {
        *note = AwsRetryPolicy::gaveUpNote(attempt);
        return false;
    }
    if (m_sendBody && !m_body->canSendAgain()) {
        *note = AwsRetryPolicy::bodyNotResendableNote(m_body->deviceName());
        return false;
    }
    const int delay = AwsRetryPolicy::delayMs(attempt, m_manager->retryBaseDelay(),
                                              QRandomGenerator::global()->generateDouble());
    qCDebug(lcNetwork).noquote() << verb() << redactCredentials(m_url.toDisplayString()) << "attempt"
                                 << attempt << "of" << m_maxAttempts << "failed ("
                                 << AwsRetryPolicy::kindName(kind) << "):"
                                 << redactCredentials(failure, m_secrets) << "- retrying in"
                                 << delay << "ms";
    ++m_retries;
    sendAgain(delay);
    return true;
}

// Sends the request once the body is ready, and again for a retry: signed (credentials
// first), or without credentials after a cross-origin redirect.
void AwsNetworkReply::resend()
{
    if (m_done)
        return;
    if (m_signed)
        requestCredentials();
    else
        sendUnsigned();
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
        const bool failed = m_inner->error() != QNetworkReply::NoError && error() == QNetworkReply::NoError;
        if (!m_metaDataForwarded) {
            // Nothing of this answer reached the caller: a failure may be retried unseen.
            if (failed && forwardError(m_inner->error()))
                return; // sent again
            copyMetaData(m_inner);
            if (m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
                Q_EMIT metaDataChanged();
        } else if (failed) {
            forwardError(m_inner->error());
        }
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
            sendAgain(0);
            return;
        }
        if (skew.verdict() == AwsClockSkew::Implausible) {
            refusal = QStringLiteral("; not signed again: ") + skew.refusal();
            qCDebug(lcNetwork).noquote() << "clock skew correction refused:" << skew.refusal();
        }
    }

    QString note;
    const QString failure = QStringLiteral("HTTP %1 %2").arg(status).arg(serviceError.code).trimmed();
    if (retryLater(AwsRetryPolicy::classifyAnswer(status, serviceError.code), failure, &note))
        return;

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
    reportError(code, message + refusal + note);
    complete();
}

void AwsNetworkReply::handleRedirect()
{
    AwsRedirect::Answer answer;
    answer.current = m_url;
    answer.status = m_inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.location = m_inner->rawHeader("Location");
    answer.operation = m_op;
    answer.policy = m_callerPolicy;
    answer.redirectsSoFar = m_redirects++;
    answer.maxRedirects = m_maxRedirects;
    detachInner();

    const AwsRedirect redirect = AwsRedirect::decide(answer);
    switch (redirect.action()) {
    case AwsRedirect::Refuse:
        finishWithError(redirect.error(), redirect.errorString());
        return;
    case AwsRedirect::AskCaller: {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &QNetworkReply::redirectAllowed, this,
                              [this, redirect, status = answer.status, connection] {
                                  disconnect(*connection);
                                  followRedirect(redirect, status);
                              });
        Q_EMIT redirected(redirect.target());
        return;
    }
    case AwsRedirect::Follow:
        Q_EMIT redirected(redirect.target());
        followRedirect(redirect, answer.status);
        return;
    }
}

void AwsNetworkReply::followRedirect(const AwsRedirect &redirect, int status)
{
    if (m_done)
        return;
    if (redirect.becomesGet()) {
        m_op = QNetworkAccessManager::GetOperation;
        m_customVerb.clear();
        m_sendBody = false;
    }
    const QUrl &target = redirect.target();
    const bool same = redirect.isSameOrigin();
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
