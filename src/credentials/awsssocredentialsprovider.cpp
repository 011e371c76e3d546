// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsssocredentialsprovider.h>

#include <qtsigv4/awsconfigfile.h>

#include "credentials/awscredentialsutil_p.h"
#include "credentials/awsssotokencache_p.h"
#include "core/awsredaction_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qdir.h>
#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

using namespace QtSigV4Private;

/*!
    \class AwsSsoCredentialsProvider
    \inmodule QtSigV4
    \brief Provides the credentials of an IAM Identity Center (SSO) role, with the token that
    \c{aws sso login} cached.

    After \c{aws sso login} the AWS CLI keeps an access token in
    \c{~/.aws/sso/cache/<sha1>.json}. This provider reads it, exchanges it for the temporary
    credentials of a role in an account (\c GetRoleCredentials of the IAM Identity Center
    portal, \c{GET /federation/credentials} with the token in the header
    \c x-amz-sso_bearer_token) and caches them until refreshMarginSeconds() before they
    expire.

    Profiles of the config file that use IAM Identity Center are handled by
    AwsProfileCredentialsProvider (and so by the default chain and \c{sigv4 --profile}), which
    configures this provider from them. It can also be configured from code:

    \code
    auto *sso = new AwsSsoCredentialsProvider(this);
    sso->setSessionName(QStringLiteral("my-sso"));              // [sso-session my-sso]
    sso->setStartUrl(QStringLiteral("https://my-sso-portal.awsapps.com/start"));
    sso->setSsoRegion(QStringLiteral("us-east-1"));
    sso->setAccountId(QStringLiteral("111122223333"));
    sso->setRoleName(QStringLiteral("ReadOnly"));
    \endcode

    Two forms exist, as in the AWS CLI:
    \list
    \li With a session name (\c sso_session, the current form) the token is cached under the
        SHA-1 of the session name. When it expires within 15 minutes (botocore's refresh
        window) and the cache holds a refresh token and a client registration that has not
        expired, it is refreshed with the SSO OIDC \c CreateToken refresh-token grant
        (\c{POST /token} of \c{https://oidc.REGION.amazonaws.com}) and the cache file is
        replaced atomically, readable by its owner only, keeping the fields it does not know.
        A failed refresh of a token that has not expired yet is logged, and the token used.
    \li Without one (the legacy \c sso_start_url form) the token is cached under the SHA-1 of
        the start URL and never refreshed.
    \endlist

    The portal and OIDC endpoints follow the SDK conventions for the services \c sso and
    \c sso_oidc (\c AWS_ENDPOINT_URL_SSO, \c AWS_ENDPOINT_URL_SSO_OIDC, \c AWS_ENDPOINT_URL and
    the \c{[services]} section of profile(); see AwsConfigFile::resolveEndpointUrl()), unless
    set with setPortalEndpoint() and setOidcEndpoint().

    The cache file is read up to 256 KiB, each answer up to 256 KiB and within timeout(). No
    token, refresh token, client secret or secret key appears in a log or an error string.
    Errors:
    \list
    \li NotConfiguredError: neither a start URL, a session name, an account nor a role is set.
    \li InvalidConfigurationError: a setting is missing or contains a control character; the
        cache file is malformed; the portal refused the account or role (HTTP 403
        \c ForbiddenException, 404, 400: the message names both); an answer cannot be used.
    \li LoginRequiredError: there is no cached token, or it has expired and cannot be
        refreshed (no refresh token, the registration expired, the OIDC endpoint refused the
        refresh token), or the portal refused it (HTTP 401 \c UnauthorizedException). The
        message says which \c{aws sso login} to run.
    \li NetworkError, TimeoutError: an endpoint cannot be reached, answered HTTP 5xx or 429,
        more than 256 KiB, or nothing within timeout().
    \endlist
*/

class AwsSsoCredentialsProviderPrivate
{
public:
    QString startUrl;
    QString ssoRegion;
    QString accountId;
    QString roleName;
    QString sessionName;
    QString profile;
    QString cacheDirectory;
    QUrl portalEndpoint;
    QUrl oidcEndpoint;
    int timeoutMs = AwsSsoCredentialsProvider::DefaultTimeoutMs;
    QPointer<QNetworkAccessManager> manager;
    QNetworkAccessManager *ownManager = nullptr;
    QPointer<QNetworkReply> reply;

    // Per refresh; dropped as soon as it is over.
    SsoToken token;

    QString tokenName() const
    {
        return sessionName.isEmpty()
                ? QStringLiteral("the SSO token of start URL %1").arg(startUrl)
                : QStringLiteral("the SSO token of session %1").arg(sessionName);
    }
    QString safe(const QString &text) const { return redactCredentials(text, token.secrets()); }

    // The running request's reply when it is the one that finished (else null), with its
    // answer's body and status.
    QNetworkReply *takeFinished(QObject *sender, QByteArray *body, int *status)
    {
        QNetworkReply *finished = reply;
        if (!finished || finished != sender)
            return nullptr;
        reply = nullptr;
        *status = takeReplyAnswer(finished, body);
        return finished;
    }
};

namespace {

QUrl defaultEndpoint(const QString &prefix, const QString &region)
{
    const QString suffix = region.startsWith(u"cn-") ? QStringLiteral("amazonaws.com.cn")
                                                      : QStringLiteral("amazonaws.com");
    return QUrl(QStringLiteral("https://%1.%2.%3").arg(prefix, region, suffix));
}

QString endpointProblem(const QString &what, const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && (scheme == u"https" || scheme == u"http") && !url.host().isEmpty()
        && url.userInfo().isEmpty())
        return QString();
    return QStringLiteral("the %1 endpoint \"%2\" is not an http(s) URL with a host and no "
                          "user info")
            .arg(what, echoableText(url.toString(QUrl::RemoveUserInfo).toUtf8()));
}

// endpoint + path, keeping a path prefix the endpoint may have (a proxy's).
QByteArray endpointPlus(const QUrl &endpoint, const QByteArray &path)
{
    QUrl base = endpoint;
    base.setQuery(QString());
    base.setFragment(QString());
    QByteArray encoded = base.toEncoded();
    while (encoded.endsWith('/'))
        encoded.chop(1);
    return encoded + path;
}

// HTTP status with the service's error type and message when it sent them.
QString failureText(QNetworkReply *reply, int status, const QByteArray &body)
{
    const QString summary = status > 0 ? ssoErrorSummary(reply->rawHeader("x-amzn-ErrorType"), body)
                                       : QString();
    if (summary.isEmpty())
        return describeReplyFailure(reply, body);
    return QStringLiteral("HTTP %1 from %2: %3")
            .arg(status)
            .arg(reply->url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), summary);
}

bool isClientError(int status)
{
    return status >= 400 && status < 500 && status != 429;
}

} // namespace

/*!
    Constructs a provider with the given \a parent. It needs at least a start URL, the SSO
    region, an account and a role.
*/
AwsSsoCredentialsProvider::AwsSsoCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsSsoCredentialsProviderPrivate)
{
}

/*!
    Destroys the provider, aborting a running request.
*/
AwsSsoCredentialsProvider::~AwsSsoCredentialsProvider()
{
    abortAndDelete(d->reply, this);
}

/*!
    Returns "sso".
*/
QString AwsSsoCredentialsProvider::name() const
{
    return QStringLiteral("sso");
}

/*! Returns the start URL of the AWS access portal (\c sso_start_url). */
QString AwsSsoCredentialsProvider::startUrl() const { return d->startUrl; }
/*! Sets the start URL of the AWS access portal to \a url. */
void AwsSsoCredentialsProvider::setStartUrl(const QString &url) { d->startUrl = url.trimmed(); }
/*! Returns the region of IAM Identity Center (\c sso_region). */
QString AwsSsoCredentialsProvider::ssoRegion() const { return d->ssoRegion; }
/*! Sets the region of IAM Identity Center (not of the requests signed) to \a region. */
void AwsSsoCredentialsProvider::setSsoRegion(const QString &region) { d->ssoRegion = region.trimmed(); }
/*! Returns the account whose role is assumed (\c sso_account_id). */
QString AwsSsoCredentialsProvider::accountId() const { return d->accountId; }
/*! Sets the account whose role is assumed to \a accountId. */
void AwsSsoCredentialsProvider::setAccountId(const QString &accountId) { d->accountId = accountId.trimmed(); }
/*! Returns the role (permission set) whose credentials are returned (\c sso_role_name). */
QString AwsSsoCredentialsProvider::roleName() const { return d->roleName; }
/*! Sets the role whose credentials are returned to \a roleName. */
void AwsSsoCredentialsProvider::setRoleName(const QString &roleName) { d->roleName = roleName.trimmed(); }
/*!
    Returns the name of the \c{[sso-session]} (\c sso_session), or an empty string for the
    legacy form.
*/
QString AwsSsoCredentialsProvider::sessionName() const { return d->sessionName; }
/*!
    Sets the session name to \a sessionName: the token is then cached under its SHA-1 and
    refreshed when it expires. Empty: the legacy form.
*/
void AwsSsoCredentialsProvider::setSessionName(const QString &sessionName)
{
    d->sessionName = sessionName.trimmed();
}
/*! Returns the profile the settings come from (may be empty). */
QString AwsSsoCredentialsProvider::profile() const { return d->profile; }
/*!
    Sets the \a profile the settings come from: its \c{[services]} section may name the
    endpoints, and errors advise \c{aws sso login --profile} with it.
*/
void AwsSsoCredentialsProvider::setProfile(const QString &profile) { d->profile = profile.trimmed(); }

/*! Returns the directory of the token cache (default \c{~/.aws/sso/cache}). */
QString AwsSsoCredentialsProvider::cacheDirectory() const
{
    return d->cacheDirectory.isEmpty() ? defaultSsoCacheDirectory() : d->cacheDirectory;
}
/*! Reads (and writes refreshed) tokens in the directory \a path instead of the default. */
void AwsSsoCredentialsProvider::setCacheDirectory(const QString &path) { d->cacheDirectory = path; }

/*!
    Returns the cache file of the token: \c{cacheDirectory()/<sha1>.json}, the lower-case hex
    SHA-1 of sessionName(), or of startUrl() when there is no session name.
*/
QString AwsSsoCredentialsProvider::tokenCacheFile() const
{
    const QString key = d->sessionName.isEmpty() ? d->startUrl : d->sessionName;
    return QDir(cacheDirectory()).filePath(ssoTokenCacheKey(key) + QStringLiteral(".json"));
}

/*!
    Returns the portal endpoint that is called: the one set with setPortalEndpoint(), else
    the one configured for the service \c sso (AwsConfigFile::resolveEndpointUrl() with
    profile()), else \c{https://portal.sso.REGION.amazonaws.com} of ssoRegion().
*/
QUrl AwsSsoCredentialsProvider::portalEndpoint() const
{
    if (!d->portalEndpoint.isEmpty())
        return d->portalEndpoint;
    const QUrl configured = AwsConfigFile::resolveEndpointUrl(QStringLiteral("sso"), d->profile);
    return configured.isEmpty() ? defaultEndpoint(QStringLiteral("portal.sso"), d->ssoRegion)
                                : configured;
}
/*! Calls the portal at \a endpoint (an http or https URL) instead. */
void AwsSsoCredentialsProvider::setPortalEndpoint(const QUrl &endpoint) { d->portalEndpoint = endpoint; }

/*!
    Returns the SSO OIDC endpoint that refreshes tokens: the one set with setOidcEndpoint(),
    else the one configured for the service \c sso_oidc, else
    \c{https://oidc.REGION.amazonaws.com} of ssoRegion().
*/
QUrl AwsSsoCredentialsProvider::oidcEndpoint() const
{
    if (!d->oidcEndpoint.isEmpty())
        return d->oidcEndpoint;
    const QUrl configured = AwsConfigFile::resolveEndpointUrl(QStringLiteral("sso_oidc"), d->profile);
    return configured.isEmpty() ? defaultEndpoint(QStringLiteral("oidc"), d->ssoRegion) : configured;
}
/*! Refreshes tokens at \a endpoint (an http or https URL) instead. */
void AwsSsoCredentialsProvider::setOidcEndpoint(const QUrl &endpoint) { d->oidcEndpoint = endpoint; }

/*! Returns the time-out of each request in milliseconds (10000 by default). */
int AwsSsoCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of each request (connection and answer) to \a msecs milliseconds. */
void AwsSsoCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }
/*! Uses \a manager (not owned, same thread) for the requests. */
void AwsSsoCredentialsProvider::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

QString AwsSsoCredentialsProvider::loginAdvice() const
{
    if (!d->profile.isEmpty())
        return QStringLiteral("run aws sso login --profile %1").arg(d->profile);
    if (!d->sessionName.isEmpty())
        return QStringLiteral("run aws sso login --sso-session %1").arg(d->sessionName);
    return QStringLiteral("run aws sso login");
}

QString AwsSsoCredentialsProvider::configurationProblem() const
{
    const QList<QPair<const char *, QString>> required{
        { "sso_start_url", d->startUrl }, { "sso_region", d->ssoRegion },
        { "sso_account_id", d->accountId }, { "sso_role_name", d->roleName },
    };
    QStringList missing;
    for (const auto &[key, value] : required) {
        if (value.isEmpty())
            missing.append(QLatin1String(key));
    }
    if (!missing.isEmpty())
        return QStringLiteral("no %1 is set").arg(missing.join(QStringLiteral(", ")));
    const QList<QPair<const char *, QString>> optional{ { "sso_session", d->sessionName },
                                                        { "profile", d->profile } };
    for (const auto &[key, value] : required + optional) {
        if (const QString problem = controlCharacterProblem(QLatin1String(key), value);
            !problem.isEmpty())
            return problem;
    }
    static const QRegularExpression regionName(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    if (!regionName.match(d->ssoRegion).hasMatch())
        return QStringLiteral("sso_region \"%1\" is not a region name")
                .arg(echoableText(d->ssoRegion.toUtf8()));
    if (const QString problem = endpointProblem(QStringLiteral("portal"), portalEndpoint());
        !problem.isEmpty())
        return problem;
    return d->sessionName.isEmpty() ? QString()
                                    : endpointProblem(QStringLiteral("SSO OIDC"), oidcEndpoint());
}

/*!
    \reimp
*/
void AwsSsoCredentialsProvider::startFetch()
{
    abortAndDelete(d->reply, this);
    d->token = SsoToken();
    if (d->startUrl.isEmpty() && d->sessionName.isEmpty() && d->accountId.isEmpty()
        && d->roleName.isEmpty()) {
        reportError(NotConfiguredError,
                    QStringLiteral("no IAM Identity Center start URL, session, account or role is set"));
        return;
    }
    if (const QString problem = configurationProblem(); !problem.isEmpty()) {
        reportError(InvalidConfigurationError, QStringLiteral("IAM Identity Center: ") + problem);
        return;
    }
    const QString path = tokenCacheFile();
    QString problem;
    switch (loadSsoToken(path, &d->token, &problem)) {
    case SsoTokenLoad::Missing:
        reportError(LoginRequiredError,
                    QStringLiteral("there is no cached SSO token (%1; it is written by aws sso "
                                   "login): %2")
                            .arg(problem, loginAdvice()));
        return;
    case SsoTokenLoad::Malformed:
        failWithToken(InvalidConfigurationError,
                      QStringLiteral("%1; %2 to write it again").arg(problem, loginAdvice()));
        return;
    case SsoTokenLoad::Loaded:
        break;
    }
    qCDebug(lcCredentials).noquote() << d->tokenName() << "from" << path << "expires at"
                                     << d->token.expiresAt.toString(Qt::ISODate);
    useToken();
}

void AwsSsoCredentialsProvider::useToken()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 remaining = now.secsTo(d->token.expiresAt);
    const QString expiry = d->token.expiresAt.toString(Qt::ISODate);
    if (!d->sessionName.isEmpty() && remaining < SsoTokenRefreshWindowSeconds) {
        const QString whyNot = d->token.refreshProblem(now);
        if (whyNot.isEmpty()) {
            refreshToken();
            return;
        }
        if (remaining > 0) {
            qCDebug(lcCredentials).noquote()
                    << QStringLiteral("%1 cannot be refreshed (%2); using it until it expires")
                               .arg(d->tokenName(), whyNot);
        } else {
            failWithToken(LoginRequiredError,
                          QStringLiteral("%1 expired at %2 and cannot be refreshed (%3): %4")
                                  .arg(d->tokenName(), expiry, whyNot, loginAdvice()));
            return;
        }
    }
    if (remaining <= 0) {
        failWithToken(LoginRequiredError, QStringLiteral("%1 expired at %2: %3")
                                                  .arg(d->tokenName(), expiry, loginAdvice()));
        return;
    }
    requestRoleCredentials();
}

static QNetworkAccessManager *networkOf(AwsSsoCredentialsProviderPrivate *d, QObject *owner)
{
    if (d->manager)
        return d->manager;
    if (!d->ownManager) {
        d->ownManager = new QNetworkAccessManager(owner);
        d->ownManager->setAutoDeleteReplies(false);
    }
    return d->ownManager;
}

void AwsSsoCredentialsProvider::refreshToken()
{
    const QUrl url = QUrl::fromEncoded(endpointPlus(oidcEndpoint(), "/token"), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("Accept", "application/json");
    qCDebug(lcCredentials).noquote() << "refreshing" << d->tokenName() << "at" << url.toDisplayString();
    d->reply = sendWithTimeout(networkOf(d.data(), this), request, "POST",
                               ssoRefreshRequestBody(d->token), d->timeoutMs);
    connect(d->reply, &QNetworkReply::finished, this, &AwsSsoCredentialsProvider::finishRefresh);
}

void AwsSsoCredentialsProvider::finishRefresh()
{
    QByteArray body;
    int status = 0;
    QNetworkReply *reply = d->takeFinished(sender(), &body, &status);
    if (!reply)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString problem;
    if (status == 200) {
        const SsoToken refreshed = refreshedSsoToken(d->token, body, now, d->startUrl,
                                                     d->ssoRegion, &problem);
        if (problem.isEmpty()) {
            d->token = refreshed;
            QString writeError;
            // The new token is good whether or not it can be cached.
            if (!saveSsoToken(tokenCacheFile(), d->token, &writeError))
                qCWarning(lcCredentials).noquote() << "the refreshed SSO token is not cached:" << writeError;
            requestRoleCredentials();
            return;
        }
        problem = QStringLiteral("the answer of %1 cannot be used: %2")
                          .arg(reply->url().toDisplayString(), problem);
    } else {
        problem = failureText(reply, status, body);
    }
    if (d->token.expiresAt > now) {
        qCWarning(lcCredentials).noquote()
                << QStringLiteral("refreshing %1 failed (%2); using it until it expires at %3")
                           .arg(d->tokenName(), d->safe(problem),
                                d->token.expiresAt.toString(Qt::ISODate));
        requestRoleCredentials();
        return;
    }
    const Error error = isClientError(status) ? LoginRequiredError
            : status == 200                   ? InvalidConfigurationError
            : status == 0                     ? replyErrorType(reply)
                                              : NetworkError;
    QString message = QStringLiteral("%1 expired at %2 and refreshing it failed (%3)")
                              .arg(d->tokenName(), d->token.expiresAt.toString(Qt::ISODate), problem);
    if (error == LoginRequiredError)
        message += QStringLiteral(": the refresh token expired or was revoked; ") + loginAdvice();
    failWithToken(error, message);
}

void AwsSsoCredentialsProvider::requestRoleCredentials()
{
    const QUrl url = QUrl::fromEncoded(
            endpointPlus(portalEndpoint(), "/federation/credentials") + "?account_id="
                    + QUrl::toPercentEncoding(d->accountId) + "&role_name="
                    + QUrl::toPercentEncoding(d->roleName),
            QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("x-amz-sso_bearer_token", d->token.accessToken.toUtf8());
    qCDebug(lcCredentials).noquote() << "credentials of role" << d->roleName << "in account"
                                     << d->accountId << "from"
                                     << url.toDisplayString(QUrl::RemoveQuery);
    d->reply = sendWithTimeout(networkOf(d.data(), this), request, "GET", QByteArray(), d->timeoutMs);
    connect(d->reply, &QNetworkReply::finished, this,
            &AwsSsoCredentialsProvider::finishRoleCredentials);
}

void AwsSsoCredentialsProvider::finishRoleCredentials()
{
    QByteArray body;
    int status = 0;
    QNetworkReply *reply = d->takeFinished(sender(), &body, &status);
    if (!reply)
        return;
    if (status == 200) {
        QString problem;
        const AwsCredentials credentials = ssoRoleCredentials(body, &problem);
        if (credentials.isValid()) {
            d->token = SsoToken();
            reportCredentials(credentials);
            return;
        }
        failWithToken(InvalidConfigurationError,
                      QStringLiteral("the answer of %1 cannot be used: %2")
                              .arg(reply->url().toDisplayString(QUrl::RemoveQuery), problem));
        return;
    }
    const QString failure = failureText(reply, status, body);
    if (status == 401) {
        failWithToken(LoginRequiredError,
                      QStringLiteral("the IAM Identity Center portal refused %1 for role %2 in "
                                     "account %3 (%4): it expired or was revoked; %5")
                              .arg(d->tokenName(), d->roleName, d->accountId, failure,
                                   loginAdvice()));
    } else if (isClientError(status)) {
        failWithToken(InvalidConfigurationError,
                      QStringLiteral("no access to role %1 in account %2 (%3): check "
                                     "sso_account_id and sso_role_name, and that your user is "
                                     "assigned that permission set in that account")
                              .arg(d->roleName, d->accountId, failure));
    } else {
        failWithToken(status == 0 ? replyErrorType(reply) : NetworkError,
                      QStringLiteral("IAM Identity Center portal: ") + failure);
    }
}

void AwsSsoCredentialsProvider::failWithToken(Error error, const QString &message)
{
    const QString text = d->safe(message);
    d->token = SsoToken();
    reportError(error, text);
}
