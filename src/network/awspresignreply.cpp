// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awspresignreply.h>

#include "core/awscanonical_p.h"
#include "network/awscredentialswait_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningrule.h>

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkrequest.h>

/*!
    \class AwsPresignReply
    \inmodule QtSigV4
    \brief The pending result of AwsNetworkAccessManager::presign(): a presigned URL.

    A presigned URL carries its signature in its query (\c X-Amz-Signature and friends), so
    anyone holding it can make that one request, without credentials, until it expires: give
    it to a browser, \c curl, a media player or another service.

    The reply is made with the credentials of the manager's rule for the URL (else the
    manager's default provider). When they are at hand, the reply is already finished when
    presign() returns; otherwise it finishes once the provider answered, or fails after
    AwsNetworkAccessManager::credentialsTimeout(). finished() is emitted once either way,
    always from the event loop.

    \code
    AwsPresignReply *reply = manager->presign(QNetworkRequest(objectUrl));
    connect(reply, &AwsPresignReply::finished, this, [reply] {
        if (reply->error() == AwsPresignReply::NoError)
            share(reply->url());
        else
            qWarning() << reply->errorString();
        reply->deleteLater();
    });
    \endcode

    The reply is a child of the manager; delete it (deleteLater()) when done with it.
*/

/*!
    \enum AwsPresignReply::Error

    \value NoError                 url() is the presigned URL.
    \value NoSigningRuleError      No rule of the manager matches the URL: it is not presigned,
                                   so credentials never go to a host nobody configured.
    \value InvalidRequestError     The URL cannot be presigned as it is: its rule has no
                                   service or region for it, it is not an HTTP(S) URL, or its
                                   path has \c . or \c .. segments that S3 signs as they are
                                   but every HTTP client removes.
    \value CredentialsError        No credentials provider, or the provider failed.
    \value TimeoutError            The provider did not answer in time.
    \value SigningError            The signer refused the request (e.g. an expiry over 7 days).
    \value OperationCanceledError  abort() was called first.
*/

/*!
    \fn void AwsPresignReply::finished()

    Emitted once, from the event loop, when url() or error() is known.
*/

class AwsPresignReplyPrivate
{
public:
    QPointer<AwsNetworkAccessManager> manager;
    AwsSigningRule rule;
    QUrl requestUrl;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray verb;
    qint64 expires = AwsSigningConfig::DefaultExpiry;
    AwsCredentialsWait *wait = nullptr;
    QUrl url;
    AwsSigningResult result;
    AwsPresignReply::Error error = AwsPresignReply::NoError;
    QString errorString;
    bool finished = false;
};

AwsPresignReply::AwsPresignReply(AwsNetworkAccessManager *manager, const QNetworkRequest &request,
                                 const QByteArray &verb, qint64 expiresInSeconds,
                                 const AwsSigningRule &rule, const QString &ruleError)
    : QObject(manager), d(new AwsPresignReplyPrivate)
{
    d->manager = manager;
    d->rule = rule;
    d->requestUrl = request.url();
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names)
        d->headers.append({ name, request.rawHeader(name) });
    d->verb = verb.isEmpty() ? QByteArrayLiteral("GET") : verb;
    d->expires = expiresInSeconds;
    d->wait = new AwsCredentialsWait(this);
    begin(ruleError);
}

void AwsPresignReply::begin(const QString &ruleError)
{
    if (!ruleError.isEmpty())
        return finish(InvalidRequestError, ruleError);
    if (d->rule.isNull()) {
        return finish(NoSigningRuleError,
                      QStringLiteral("no signing rule matches %1: add one to the manager")
                              .arg(d->requestUrl.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
    }
    if (!QtSigV4Private::isHttpScheme(d->requestUrl.scheme()) || d->requestUrl.host().isEmpty()) {
        return finish(InvalidRequestError, QStringLiteral("cannot presign %1: not an http(s) URL with a host")
                                                   .arg(d->requestUrl.toDisplayString(QUrl::RemoveUserInfo)));
    }
    const QString dots = QtSigV4Private::dotSegmentError(d->requestUrl, d->rule.signingConfig());
    if (!dots.isEmpty())
        return finish(InvalidRequestError, dots);

    AwsCredentialsProvider *provider = d->rule.credentialsProvider();
    if (!provider)
        provider = d->manager->defaultCredentialsProvider();
    if (!provider) {
        return finish(CredentialsError,
                      QStringLiteral("no credentials provider for %1: give the signing rule one "
                                     "or set the manager's default provider")
                              .arg(d->requestUrl.host()));
    }
    AwsCredentials credentials;
    if (AwsCredentialsWait::takeReady(provider, &credentials))
        return sign(credentials);
    d->wait->start(
            provider, d->manager->credentialsTimeout(),
            [this](const AwsCredentials &ready) { sign(ready); },
            [this](AwsCredentialsWait::Failure failure, const QString &message) {
                finish(failure == AwsCredentialsWait::TimedOut ? TimeoutError : CredentialsError, message);
            });
    // A provider that has them at hand (static keys) caches them in fetch() and only signals
    // later: sign now.
    if (!d->finished && AwsCredentialsWait::takeReady(provider, &credentials))
        sign(credentials);
}

/*! Destroys the reply; a pending one stops waiting for credentials. */
AwsPresignReply::~AwsPresignReply() = default;

void AwsPresignReply::sign(const AwsCredentials &credentials)
{
    if (d->finished)
        return;
    AwsSigningConfig config = d->rule.signingConfig();
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(d->expires);

    QUrl url = d->requestUrl;
    url.setUserInfo(QString());
    url.setFragment(QString());
    if (url.port() == QtSigV4Private::defaultPortFor(url.scheme()))
        url.setPort(-1);
    AwsHeaderList headers;
    for (const auto &[name, value] : std::as_const(d->headers)) {
        // We are the signer: a signature, date or token the caller left in is not signed.
        const QByteArray lower = name.toLower();
        if (lower != "authorization" && lower != "x-amz-date" && lower != "x-amz-security-token")
            headers.append({ name, value });
    }
    AwsHttpRequest http = AwsHttpRequest::fromUrl(d->verb, url, headers);
    if (!d->rule.signedHost().isEmpty())
        http.setHeader("Host", d->rule.signedHost());
    if (!config.usesS3Rules() && config.normalizePath())
        http.setTarget(QtSigV4Private::targetWithoutDotSegments(http.target()));

    const qint64 offset = d->manager ? d->manager->clockOffset() : 0;
    const AwsSigningResult result =
            AwsSigner(config).sign(http, credentials, QDateTime::currentDateTimeUtc().addMSecs(offset));
    if (!result.isValid())
        return finish(SigningError, QStringLiteral("cannot presign the request: %1").arg(result.errorString()));
    d->result = result;
    d->url = QUrl::fromEncoded(url.scheme().toLatin1() + "://" + url.authority(QUrl::FullyEncoded).toLatin1()
                                       + result.presignedTarget(),
                               QUrl::StrictMode);
    // The presigned URL is a credential until it expires: log the URL it was made from.
    qCDebug(lcNetwork).noquote() << "presigned" << d->verb << url.toDisplayString() << "for"
                                 << config.service() << config.region() << "valid" << d->expires << "s";
    finish(NoError, QString());
}

// Decides the reply; finished() follows from the event loop, so that a caller connecting to
// it after presign() returned never misses it.
void AwsPresignReply::finish(Error error, const QString &errorString)
{
    if (d->finished)
        return;
    d->wait->stop();
    d->finished = true;
    d->error = error;
    d->errorString = errorString;
    if (error != NoError)
        d->url.clear();
    if (error != NoError && error != OperationCanceledError)
        qCDebug(lcNetwork).noquote() << "presign failed:" << errorString;
    QMetaObject::invokeMethod(this, &AwsPresignReply::finished, Qt::QueuedConnection);
}

/*! Returns true once url() or error() is known. */
bool AwsPresignReply::isFinished() const
{
    return d->finished;
}

/*!
    \property AwsPresignReply::url
    The presigned URL, or an empty URL until the reply finished without an error.
*/
QUrl AwsPresignReply::url() const
{
    return d->url;
}

/*! The URL that was presigned, as given to AwsNetworkAccessManager::presign(). */
QUrl AwsPresignReply::requestUrl() const
{
    return d->requestUrl;
}

/*! The HTTP method the presigned URL is valid for. */
QByteArray AwsPresignReply::verb() const
{
    return d->verb;
}

/*!
    The signing result (canonical request and string to sign, for diagnostics), or an
    invalid result unless the reply finished without an error.
*/
AwsSigningResult AwsPresignReply::signingResult() const
{
    return d->result;
}

/*! The error, NoError while pending and on success. */
AwsPresignReply::Error AwsPresignReply::error() const
{
    return d->error;
}

/*! A human-readable description of error(); never contains a secret. */
QString AwsPresignReply::errorString() const
{
    return d->errorString;
}

/*! Stops waiting for credentials and finishes with OperationCanceledError. */
void AwsPresignReply::abort()
{
    finish(OperationCanceledError, tr("Operation canceled"));
}
