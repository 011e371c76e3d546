// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsnetworkaccessmanager.h>

#include "network/awsnetworkaccessmanager_p.h"
#include "network/awsnetworkreply_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awspresignreply.h>

/*!
    \class AwsNetworkAccessManager
    \inmodule QtSigV4
    \brief A QNetworkAccessManager that signs requests to AWS with Signature Version 4.

    Replace an application's QNetworkAccessManager with this class and add signing rules:
    every request whose URL matches a rule is signed in createRequest() with the rule's
    service, region and credentials, whatever its body; every other request is sent exactly
    as QNetworkAccessManager would send it, so credentials never go to a host the application
    did not configure.

    \code
    auto *credentials = new AwsStaticCredentialsProvider(AwsCredentials(keyId, secret), this);
    auto *manager = new AwsNetworkAccessManager(this);
    manager->addRule(AwsSigningRule::forAwsEndpoints(credentials));
    QNetworkReply *reply = manager->get(QNetworkRequest(
            QUrl("https://my-bucket.s3.eu-west-1.amazonaws.com/photos/cat.jpg")));
    \endcode

    What it takes care of (see docs/design.md, section 2, for Qt's behaviour behind each point):
    \list
    \li \b{Bodies.} A QByteArray or QBuffer is hashed in place; a QFile or other random-access
        device is streamed through SHA-256 and put back at its original position; a
        QHttpMultiPart is rewound with \c reset(); a sequential device (QProcess, a socket,
        a custom device) is read to its end into memory, and into a temporary file above
        bodyMemoryLimit(). A device that fails, or delivers nothing and never signals its end
        for bodyReadTimeout(), gives an error reply instead of a hang; a request that fails
        or is aborted puts a random-access body back at its original position. Bodies of
        asyncHashThreshold() bytes and more are hashed on a worker thread: createRequest()
        returns at once and the event loop stays responsive. The worker never touches the
        caller's device: a QFile is reopened by name, any other device is read in its own
        thread a chunk at a time and only the chunks go to the worker.
    \li \b{Body lifetime.} As with QNetworkAccessManager::put(), the body device must stay
        alive and open until the reply has finished (finished() emitted); a random-access
        device must not change size either. Deleting it earlier, while it is hashed, while the
        request waits for credentials or while it is sent, fails the reply with
        UnknownContentError naming the device (never an empty body sent with the hash of the
        full one); a file that shrinks or grows after it was hashed fails it too ("shrank
        while it was being sent: expected N bytes, got M"). The device may be deleted as soon
        as finished() has been emitted.
    \li \b{The reply.} For a signed request the returned QNetworkReply is a proxy: it forwards
        metaDataChanged(), readyRead(), the progress signals, errors and finished() of the
        real request, which starts once the hash and the credentials are ready; abort()
        cancels whichever stage is running. The manager's finished(), encrypted() and
        sslErrors() signals are emitted with the proxy, and autoDeleteReplies() applies to it.
    \li \b{The URL.} The request is sent with the strict AWS encoding of its path and query,
        exactly as signed. Qt removes \c . and \c .. path segments (even percent-encoded) before
        sending, which would address a different S3 object, so a request whose path keeps such
        segments (S3, or normalisation disabled) is refused with an error naming the reason.
        The \c Host is signed as sent: with the port unless it is the scheme's default.
    \li \b{Headers.} Qt adds \c{Content-Type: application/x-www-form-urlencoded} to a POST
        without one after signing; the manager sets it before signing. Headers that Qt adds
        later (\c User-Agent, \c Accept-Encoding, \c Connection, \c Cookie, ...) are not
        signed. Qt writes the verb and raw headers verbatim, so a verb or header name that is
        not an HTTP token, or a header value with CR, LF or NUL, is refused with an error
        instead of splitting the request on the wire. (From Qt 6.7 on,
        QNetworkRequest::setRawHeader() itself drops such a header with a warning of its own,
        before the manager sees it: check values from outside before you set them.)
    \li \b{Redirects.} Qt would follow them itself and forward \c Authorization and
        \c X-Amz-* headers to any host. The manager follows them itself instead, honouring the
        caller's redirect policy (the request's \c RedirectPolicyAttribute, else
        redirectPolicy()): a same-origin redirect is signed again, a cross-origin one is sent
        without \c Authorization and \c X-Amz-* headers.
    \li \b{Clock skew.} An answer saying the request time is too far from the server's
        (\c RequestTimeTooSkewed, an expired signature, or a signature error whose server
        \c Date is more than five minutes away) makes the manager learn the offset
        (clockOffset()), sign again and retry once; later requests use the offset. The
        correction is logged under \c qtsigv4.network. A server time more than one day from
        the local clock is not believed (a server or a man in the middle could otherwise
        make every later request carry the year 9999): the offset is left unchanged and the
        reply fails with the service's error and the reason it was not corrected.
    \li \b{Errors.} An error answer's service code and message become the reply's
        errorString() (the body stays readable). For S3's \c SignatureDoesNotMatch the server's
        canonical request is compared with ours and the first differing line and the likely
        cause are appended to errorString(). Errors reach the caller through the reply only:
        they are not also printed as warnings (enable \c qtsigv4.network debug output to
        log them). Transfer failures say what happened: the
        server closed the connection after N bytes of the body were sent
        (RemoteHostClosedError), the body device failed or changed size
        (UnknownContentError), or the request's transfer timeout expired (TimeoutError,
        "timed out after N s"). No error string, warning or diagnostic contains a credential:
        session tokens, secret keys, the access key id of a \c Credential and signatures are
        replaced by \c{<redacted>}, wherever they appear (even in what a server sends back).
    \li \b{Retries.} Throttling and transient errors (HTTP 500, 502, 503, 504, 429,
        \c SlowDown, \c RequestTimeout, a lost connection, ...) are retried as in AWS's
        standard retry mode, up to maxAttempts() attempts with exponential backoff and full
        jitter; the caller sees one reply, the last attempt's. See setMaxAttempts().
    \li \b{Credentials} are asked from the rule's provider (else defaultCredentialsProvider())
        before each signing, so refreshed credentials are used without restarting. Credentials
        that expired while the request waited for them (a busy event loop) are never signed
        with: the provider is asked again, twice at most before the reply fails.
    \endlist

    Enable the \c qtsigv4.network logging category at debug level to see each canonical
    request and string to sign; secrets never appear in the log.
*/

/*!
    \fn void AwsNetworkAccessManager::requestSigned(QNetworkReply *reply, const AwsSigningResult &result)

    Emitted each time the request of \a reply has been signed (again after a same-origin
    redirect, a clock-skew correction or a retry), with the signing \a result: its canonical
    request and string to sign are what the \c -v option of \c{sigv4 curl} prints.
*/

/*!
    \fn void AwsNetworkAccessManager::clockOffsetChanged(qint64 msecs)

    Emitted when the manager learned a new offset of \a msecs milliseconds between the
    servers' clock and the local one.
*/

/*!
    Constructs a manager without signing rules with the given \a parent.
*/
AwsNetworkAccessManager::AwsNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent), d(new AwsNetworkAccessManagerPrivate(this))
{
    qRegisterMetaType<AwsSigningResult>();
    qRegisterMetaType<QNetworkReply *>();
}

/*!
    Destroys the manager and every reply it created.
*/
AwsNetworkAccessManager::~AwsNetworkAccessManager()
{
    // The proxies own their transport replies, which are children of this manager too;
    // delete the proxies first so that ~QNetworkAccessManager does not see both.
    const QList<AwsNetworkReply *> proxies =
            findChildren<AwsNetworkReply *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(proxies);
}

/*!
    Adds \a rule. When several rules match a URL the most specific one wins (see
    AwsSigningRule::matchScore()); among equally specific ones, the first added, unless they
    are for different services: then the request must name its service (ServiceAttribute).
*/
void AwsNetworkAccessManager::addRule(const AwsSigningRule &rule)
{
    d->rules.append(rule);
}

/*! Replaces all rules by \a rules. */
void AwsNetworkAccessManager::setRules(const QList<AwsSigningRule> &rules)
{
    d->rules = rules;
}

/*! Returns the rules in the order they were added. */
QList<AwsSigningRule> AwsNetworkAccessManager::rules() const
{
    return d->rules;
}

/*! Removes all rules: from now on nothing is signed. */
void AwsNetworkAccessManager::clearRules()
{
    d->rules.clear();
}

/*!
    \variable AwsNetworkAccessManager::ServiceAttribute

    A request attribute (a QString) naming the signing name of the service the request is
    for, such as \c s3, \c sts or \c dynamodb. One endpoint often serves several services
    (LocalStack, moto, a VPC endpoint, a proxy); with this attribute one manager signs for all
    of them:

    \code
    manager->addRule(AwsSigningRule::forBaseUrl(endpoint, QString(), u"us-east-1"_s, provider));
    QNetworkRequest request(endpoint);
    request.setAttribute(AwsNetworkAccessManager::ServiceAttribute, u"sts"_s);
    \endcode

    The request is signed with the most specific matching rule whose service is this one or
    unset (then this one is used). A request that names a service no matching rule serves
    fails with an error instead of being signed for another service. See ruleFor().
*/

/*!
    \variable AwsNetworkAccessManager::MaxAttemptsAttribute

    A request attribute (an int) with the most attempts for this request (1 to 10; 1: no
    retries), instead of maxAttempts(). A value that is not a number is ignored.

    \code
    QNetworkRequest request(url);
    request.setAttribute(AwsNetworkAccessManager::MaxAttemptsAttribute, 1); // no retries
    \endcode
*/

/*!
    \variable AwsNetworkAccessManager::RegionAttribute

    A request attribute (a QString) with the region to sign the request for, instead of the
    rule's (or the one inferred from the host).
*/

/*!
    Returns the rule that applies to \a url, with its service and region resolved for the
    URL's host, or a null rule when no rule matches. When a rule matches but its service or
    region cannot be inferred, or when equally specific rules for different services match
    (see ServiceAttribute), returns a null rule and sets \a errorString.
*/
AwsSigningRule AwsNetworkAccessManager::ruleFor(const QUrl &url, QString *errorString) const
{
    return ruleFor(QNetworkRequest(url), errorString);
}

namespace {

void setError(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
}

} // namespace

/*!
    \overload

    Returns the rule that applies to \a request: the most specific rule matching its URL, for
    the service and region its ServiceAttribute and RegionAttribute name when it has them.
    Sets \a errorString and returns a null rule when rules match but none can sign it: the
    request names a service no matching rule is for, or it names none and equally specific
    rules for different services match (which one the caller meant cannot be guessed).
*/
AwsSigningRule AwsNetworkAccessManager::ruleFor(const QNetworkRequest &request, QString *errorString) const
{
    const QUrl url = request.url();
    const QString wanted = request.attribute(ServiceAttribute).toString().trimmed();
    const QString region = request.attribute(RegionAttribute).toString().trimmed();
    int bestScore = -1;
    QList<const AwsSigningRule *> best;
    QStringList otherServices;
    for (const AwsSigningRule &rule : std::as_const(d->rules)) {
        const int score = rule.matchScore(url);
        if (score < 0)
            continue;
        if (!wanted.isEmpty() && !rule.service().isEmpty()
            && rule.service().compare(wanted, Qt::CaseInsensitive) != 0) {
            otherServices.append(rule.service());
            continue;
        }
        if (score > bestScore) {
            bestScore = score;
            best.clear();
        }
        if (score == bestScore)
            best.append(&rule);
    }
    if (best.isEmpty()) {
        if (!otherServices.isEmpty()) {
            otherServices.removeDuplicates();
            setError(errorString, QStringLiteral("the request to %1 is for service \"%2\", but the signing "
                                                 "rules for it are for %3")
                                          .arg(url.host(), wanted, otherServices.join(QStringLiteral(", "))));
        }
        return AwsSigningRule();
    }
    QStringList services;
    for (const AwsSigningRule *rule : std::as_const(best)) {
        if (!rule->service().isEmpty() && !services.contains(rule->service()))
            services.append(rule->service());
    }
    if (wanted.isEmpty() && services.size() > 1) {
        setError(errorString, QStringLiteral("signing rules for several services (%1) match %2: name the "
                                             "request's service with AwsNetworkAccessManager::ServiceAttribute")
                                      .arg(services.join(QStringLiteral(", ")), url.toDisplayString(
                                                   QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
        return AwsSigningRule();
    }
    AwsSigningRule rule = *best.constFirst();
    if (!wanted.isEmpty() && rule.service().isEmpty())
        rule.setService(wanted); // a rule's own service keeps its spelling
    if (!region.isEmpty())
        rule.setRegion(region);
    return rule.resolvedFor(url, errorString);
}

/*!
    Presigns \a request for the HTTP method \a verb: returns a reply whose
    AwsPresignReply::url() is the request's URL with a signature valid for
    \a expiresInSeconds seconds (at most 604800, 7 days) in its query.

    The URL is signed as this manager would sign the request: with the matching rule's
    service, region and credentials provider (else defaultCredentialsProvider()), the
    learned clockOffset(), and the request's raw headers (whoever uses the URL must send
    them too). S3 URLs are signed with \c UNSIGNED-PAYLOAD, so they work for any body.
    A URL that no rule matches is not presigned (AwsPresignReply::NoSigningRuleError).

    \code
    AwsPresignReply *reply = manager->presign(QNetworkRequest(objectUrl), "GET", 600);
    connect(reply, &AwsPresignReply::finished, this, [reply] {
        qDebug() << reply->url() << reply->errorString();
        reply->deleteLater();
    });
    \endcode

    The reply is a child of the manager. When the credentials are at hand it is finished on
    return; its finished() signal is emitted from the event loop in every case.
*/
AwsPresignReply *AwsNetworkAccessManager::presign(const QNetworkRequest &request, const QByteArray &verb,
                                                  qint64 expiresInSeconds)
{
    QString ruleError;
    const AwsSigningRule rule = ruleFor(request, &ruleError);
    return new AwsPresignReply(this, request, verb, expiresInSeconds, rule, ruleError);
}

/*!
    The provider used by rules that name none. The manager does not own it.
*/
AwsCredentialsProvider *AwsNetworkAccessManager::defaultCredentialsProvider() const
{
    return d->defaultProvider.data();
}

void AwsNetworkAccessManager::setDefaultCredentialsProvider(AwsCredentialsProvider *provider)
{
    d->defaultProvider = provider;
}

/*!
    \property AwsNetworkAccessManager::clockOffset
    The offset in milliseconds added to the local clock when signing (the servers' time
    minus the local time). Learned from clock-skew errors; 0 by default.
*/
qint64 AwsNetworkAccessManager::clockOffset() const
{
    return d->clockOffset;
}

void AwsNetworkAccessManager::setClockOffset(qint64 msecs)
{
    if (d->clockOffset == msecs)
        return;
    d->clockOffset = msecs;
    Q_EMIT clockOffsetChanged(msecs);
}

/*!
    Returns whether requests that can be signed at once get Qt's own reply (default \c false).

    \sa setDirectRepliesEnabled()
*/
bool AwsNetworkAccessManager::directRepliesEnabled() const
{
    return d->directReplies;
}

/*!
    Sets whether requests that can be signed at once get Qt's own reply to \a enabled.

    A request can be signed at once when it has no body or a body in memory (a QByteArray,
    or a QBuffer below asyncHashThreshold()), is not an aws-chunked upload, and its
    credentials provider has credentials at hand. createRequest() then signs it and returns
    the QNetworkReply that QNetworkAccessManager creates, with all of its behaviour and none
    of the proxy's cost (the requestSigned() signal is emitted before createRequest() returns).
    Every other request still gets the proxy reply.

    What a direct reply does not do, and the proxy does:
    \list
    \li It does not follow redirects: a 3xx answer is the reply's answer, as with
        QNetworkRequest::ManualRedirectPolicy. Qt's own following would send the signature
        and the session token to wherever the answer points.
    \li It is not signed again after a clock-skew error, and does not teach the manager the
        offset (clockOffset()); set it yourself when the device's clock may be wrong.
    \li Its errorString() is Qt's (\e{server replied: Forbidden}); the service's error code
        and message are in the body.
    \li It is not retried after a throttling or transient error (see setMaxAttempts()).
    \endlist
*/
void AwsNetworkAccessManager::setDirectRepliesEnabled(bool enabled)
{
    d->directReplies = enabled;
}

/*!
    Returns whether clock-skew answers make the manager learn the offset and retry once
    (default \c true).
*/
bool AwsNetworkAccessManager::isClockSkewCorrectionEnabled() const
{
    return d->skewCorrection;
}

void AwsNetworkAccessManager::setClockSkewCorrectionEnabled(bool enabled)
{
    d->skewCorrection = enabled;
}

/*!
    The number of bytes of a sequential body kept in memory; a longer body is spilled to a
    temporary file. Default 8 MiB.
*/
qint64 AwsNetworkAccessManager::bodyMemoryLimit() const
{
    return d->memoryLimit;
}

void AwsNetworkAccessManager::setBodyMemoryLimit(qint64 bytes)
{
    d->memoryLimit = qMax<qint64>(0, bytes);
}

/*!
    Random-access bodies of this many bytes or more are hashed on a worker thread instead of
    in createRequest(). Default 4 MiB.
*/
qint64 AwsNetworkAccessManager::asyncHashThreshold() const
{
    return d->asyncThreshold;
}

void AwsNetworkAccessManager::setAsyncHashThreshold(qint64 bytes)
{
    d->asyncThreshold = qMax<qint64>(0, bytes);
}

/*!
    How long, in milliseconds, a sequential body device may deliver no data without
    signalling its end before the request fails. Default 30000.
*/
int AwsNetworkAccessManager::bodyReadTimeout() const
{
    return d->bodyReadTimeout;
}

void AwsNetworkAccessManager::setBodyReadTimeout(int msecs)
{
    d->bodyReadTimeout = qMax(1, msecs);
}

/*!
    How long, in milliseconds, a request waits for its credentials provider before it fails.
    Default 30000.
*/
int AwsNetworkAccessManager::credentialsTimeout() const
{
    return d->credentialsTimeout;
}

void AwsNetworkAccessManager::setCredentialsTimeout(int msecs)
{
    d->credentialsTimeout = qMax(1, msecs);
}

/*!
    Returns the most attempts a signed request makes (default 3, as in AWS's standard retry
    mode); 1 means no retries.

    \sa setMaxAttempts(), MaxAttemptsAttribute
*/
int AwsNetworkAccessManager::maxAttempts() const
{
    return d->maxAttempts;
}

/*!
    Sets the most attempts a signed request makes to \a attempts, bounded to 1 (no retries)
    through 10, for requests created afterwards; a request's MaxAttemptsAttribute overrides it.

    As in AWS's standard retry mode, retried are: answers with HTTP 500, 502, 503, 504 or 429,
    answers whose error code is a throttling one (\c SlowDown, \c Throttling,
    \c ThrottlingException, \c ProvisionedThroughputExceededException, ...) or a transient one
    (\c RequestTimeout, \c RequestTimeoutException, \c InternalError, ...), and transfers that
    ended without an answer (connection refused or closed, the request's transfer timeout, a
    temporary network failure). Before attempt n + 1 the reply waits a random time between 0
    and min(retryBaseDelay() * 2^(n-1), 20 s), then asks the credentials provider and signs
    again (a new \c X-Amz-Date and signature).

    Nothing of a failed attempt reaches the caller (metaDataChanged(), readyRead(), data);
    uploadProgress() starts again from 0 with each attempt; abort() during the wait ends the
    reply at once with OperationCanceledError. After the last attempt its error is the
    reply's, errorString() ending with "gave up after N attempts". Other errors
    (\c AccessDenied, \c NoSuchKey, \c SignatureDoesNotMatch, any other 4xx) are the reply's
    after one attempt.

    Not retried: an answer whose headers already reached the caller, an aws-chunked body
    streamed from a sequential device (it cannot be sent again: errorString() says so), and
    direct replies (setDirectRepliesEnabled()). Other bodies are sent again whole. The
    clock-skew correction does not count as an attempt. Each retry is logged under
    \c qtsigv4.network at debug level.

    \sa setRetryBaseDelay()
*/
void AwsNetworkAccessManager::setMaxAttempts(int attempts)
{
    d->maxAttempts = AwsRetryPolicy::boundedAttempts(attempts);
}

/*!
    Returns the base of the exponential backoff between attempts, in milliseconds
    (default 1000, AWS's).

    \sa setMaxAttempts()
*/
int AwsNetworkAccessManager::retryBaseDelay() const
{
    return d->retryBaseDelay;
}

/*!
    Sets the base of the exponential backoff between attempts to \a msecs milliseconds,
    bounded to 0 through 20000. The wait before attempt n + 1 is a random time between 0 and
    min(\a msecs * 2^(n-1), 20000) ms. A smaller base suits tests and local servers; against
    AWS keep the default.
*/
void AwsNetworkAccessManager::setRetryBaseDelay(int msecs)
{
    d->retryBaseDelay = qBound(0, msecs, AwsRetryPolicy::MaxDelayMs);
}

/*!
    \reimp

    Signs \a request when a rule matches its URL and returns a proxy reply (see the class
    description); otherwise hands \a op, \a request and \a outgoingData to
    QNetworkAccessManager unchanged.
*/
QNetworkReply *AwsNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                      QIODevice *outgoingData)
{
    const QUrl url = request.url();
    QString ruleError;
    const AwsSigningRule rule = ruleFor(request, &ruleError);
    if (rule.isNull() && ruleError.isEmpty()) {
        qCDebug(lcNetwork).noquote() << "no signing rule for" << url.host() << "- sent unsigned";
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }

    if (d->directReplies && ruleError.isEmpty()) {
        if (QNetworkReply *reply = d->directReply(op, request, outgoingData, rule))
            return reply;
    }

    const QVariant policyAttribute = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    const auto policy = policyAttribute.isValid()
            ? QNetworkRequest::RedirectPolicy(policyAttribute.toInt())
            : redirectPolicy();
    const QVariant autoDeleteAttribute =
            request.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute);
    const bool autoDelete = autoDeleteAttribute.isValid() ? autoDeleteAttribute.toBool()
                                                          : autoDeleteReplies();

    auto *reply = new AwsNetworkReply(this, op, request, outgoingData, rule, policy, autoDelete);
    if (!ruleError.isEmpty())
        reply->failLater(QNetworkReply::ProtocolInvalidOperationError, ruleError);
    else
        reply->start();
    return reply;
}
