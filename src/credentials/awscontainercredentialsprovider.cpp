// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awscontainercredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

using namespace QtSigV4Private;

/*!
    \class AwsContainerCredentialsProvider
    \inmodule QtSigV4
    \brief Provides credentials from the ECS / EKS Pod Identity container endpoint.

    Configured by the environment at every refresh:
    \list
    \li \c AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, resolved against \c{http://169.254.170.2}
        (relativeUriBase()), or
    \li \c AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be HTTPS, or HTTP to a loopback
        address or to one of the container agents' link-local addresses (169.254.170.2,
        169.254.170.23, fd00:ec2::23);
    \li the \c Authorization header from \c AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at
        every refresh) or \c AWS_CONTAINER_AUTHORIZATION_TOKEN.
    \endlist

    The endpoint answers JSON with \c AccessKeyId, \c SecretAccessKey, \c Token and
    \c Expiration. Each attempt is bounded by timeout() (2 s); a network error, a time-out or
    an HTTP 5xx is retried until attempts() (2) are used. No proxy is used. An answer larger
    than 256 KiB is aborted as soon as that is known, and credentials or a token with a control
    character (which would end up in a header) are refused (InvalidConfigurationError).
*/

class AwsContainerCredentialsProviderPrivate
{
public:
    QUrl relativeBase = QUrl(QStringLiteral("http://169.254.170.2"));
    int timeoutMs = AwsContainerCredentialsProvider::DefaultTimeoutMs;
    int attempts = 2;
    QPointer<QNetworkAccessManager> manager;
    QPointer<QNetworkReply> reply;
};

/*!
    Constructs the provider with the given \a parent.
*/
AwsContainerCredentialsProvider::AwsContainerCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsContainerCredentialsProviderPrivate)
{
}

/*!
    Destroys the provider, aborting a running request.
*/
AwsContainerCredentialsProvider::~AwsContainerCredentialsProvider()
{
    QtSigV4Private::abortAndDelete(d->reply, this);
}

/*!
    Returns "container".
*/
QString AwsContainerCredentialsProvider::name() const
{
    return QStringLiteral("container");
}

/*! Returns the base URL of a relative URI. */
QUrl AwsContainerCredentialsProvider::relativeUriBase() const { return d->relativeBase; }
/*! Resolves relative URIs against \a base instead (for tests). */
void AwsContainerCredentialsProvider::setRelativeUriBase(const QUrl &base) { d->relativeBase = base; }
/*! Returns the time-out of one attempt in milliseconds. */
int AwsContainerCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of one attempt to \a msecs milliseconds. */
void AwsContainerCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }
/*! Returns how many attempts are made. */
int AwsContainerCredentialsProvider::attempts() const { return d->attempts; }
/*! Sets how many \a attempts are made (at least 1). */
void AwsContainerCredentialsProvider::setAttempts(int attempts) { d->attempts = qMax(1, attempts); }
/*! Uses \a manager (not owned, same thread, no proxy advised) for requests. */
void AwsContainerCredentialsProvider::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

/*!
    Returns \c true when \a url may be used as \c AWS_CONTAINER_CREDENTIALS_FULL_URI: HTTPS, or
    HTTP to a loopback address or to a container agent address.
*/
bool AwsContainerCredentialsProvider::isAllowedFullUri(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    if (scheme != u"http")
        return false;
    const QString host = url.host().toLower();
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    if (address.isLoopback())
        return true;
    return address == QHostAddress(QStringLiteral("169.254.170.2"))
            || address == QHostAddress(QStringLiteral("169.254.170.23"))
            || address == QHostAddress(QStringLiteral("fd00:ec2::23"));
}

/*!
    \reimp
*/
void AwsContainerCredentialsProvider::startFetch()
{
    const QString relative = environmentValue("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const QString full = environmentValue("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    QUrl url;
    if (!relative.isEmpty()) {
        url = QUrl(d->relativeBase.toString(QUrl::StripTrailingSlash)
                   + (relative.startsWith(u'/') ? relative : u'/' + relative));
    } else if (!full.isEmpty()) {
        url = QUrl(full);
        if (!isAllowedFullUri(url)) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI %1 is not allowed: it "
                                       "must be https, or http to a loopback or container agent "
                                       "address")
                                .arg(url.toString(QUrl::RemoveUserInfo)));
            return;
        }
    } else {
        reportError(NotConfiguredError,
                    QStringLiteral("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
                                   "AWS_CONTAINER_CREDENTIALS_FULL_URI are not set"));
        return;
    }
    if (!url.isValid()) {
        reportError(InvalidConfigurationError,
                    QStringLiteral("the container credentials URI is not a valid URL"));
        return;
    }

    QByteArray token;
    const QString tokenFile = environmentValue("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (!tokenFile.isEmpty()) {
        QString error;
        if (!readSmallFile(tokenFile, &token, &error)) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: ") + error);
            return;
        }
    } else {
        token = qgetenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }
    token = token.trimmed();
    if (const QString problem = controlCharacterProblem(
                QStringLiteral("the container authorization token"), token);
        !problem.isEmpty()) {
        reportError(InvalidConfigurationError, problem);
        return;
    }
    attempt(url, token, d->attempts);
}

void AwsContainerCredentialsProvider::attempt(const QUrl &url, const QByteArray &token,
                                              int attemptsLeft)
{
    if (!d->manager)
        d->manager = createDirectNetworkAccessManager(this);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!token.isEmpty())
        request.setRawHeader("Authorization", token);
    qCDebug(lcCredentials).noquote() << "container credentials from"
                                     << url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QNetworkReply *reply = sendWithTimeout(d->manager, request, "GET", QByteArray(), d->timeoutMs);
    d->reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, token, attemptsLeft] {
        if (d->reply != reply)
            return;
        d->reply = nullptr;
        QByteArray body;
        // An answer cut at the size bound has status 0 (and is not retried).
        const int status = takeReplyAnswer(reply, &body);
        if (status == 200) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                reportError(InvalidConfigurationError,
                            QStringLiteral("the container endpoint %1 did not answer a JSON object")
                                    .arg(url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
                return;
            }
            QString error;
            const AwsCredentials credentials = credentialsFromJson(document.object(), &error);
            if (!credentials.isValid()) {
                reportError(InvalidConfigurationError,
                            QStringLiteral("container endpoint: ") + error);
                return;
            }
            reportCredentials(credentials);
            return;
        }
        const bool retryable = (status == 0 && !replyTooLarge(reply)) || status >= 500;
        if (retryable && attemptsLeft > 1) {
            attempt(url, token, attemptsLeft - 1);
            return;
        }
        const Error type = status == 0 ? replyErrorType(reply)
                : (status == 401 || status == 403) ? InvalidConfigurationError
                                                   : NetworkError;
        reportError(type, QStringLiteral("container endpoint: ") + describeReplyFailure(reply, body));
    });
}
