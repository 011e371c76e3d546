// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsinstancemetadatacredentialsprovider.h>

#include <qtsigv4/awsconfigfile.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

using namespace QtSigV4Private;

/*!
    \class AwsInstanceMetadataCredentialsProvider
    \inmodule QtSigV4
    \brief Provides the credentials of an EC2 instance's IAM role through IMDSv2.

    A refresh does what the SDKs do:
    \list 1
    \li \c{PUT /latest/api/token} with \c{X-aws-ec2-metadata-token-ttl-seconds} (21600 by
        default) gets a session token, which is cached until it expires;
    \li \c{GET /latest/meta-data/iam/security-credentials/} with \c{X-aws-ec2-metadata-token}
        names the instance's role;
    \li \c{GET /latest/meta-data/iam/security-credentials/ROLE} returns the JSON credentials.
    \endlist

    A 401 answer means the cached token is no longer valid: a new token is fetched and the
    request repeated once. When the token request is refused with 403, 404 or 405 the provider
    falls back to IMDSv1 (no token) unless \c AWS_EC2_METADATA_V1_DISABLED is \c true or
    setAllowV1Fallback(false) was called.

    \c AWS_EC2_METADATA_DISABLED=true disables the provider (NotConfiguredError, no request).
    The endpoint is \c AWS_EC2_METADATA_SERVICE_ENDPOINT, the profile's
    \c ec2_metadata_service_endpoint, or \c{http://169.254.169.254}
    (\c{http://[fd00:ec2::254]} with \c AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE or the profile's
    \c ec2_metadata_service_endpoint_mode set to \c IPv6). Every request is bounded by
    timeout() (1 s), so a machine that is not an EC2 instance fails fast. No proxy is used.
    Every answer is read up to 256 KiB only; a session token, role name or credentials with a
    control character are refused (InvalidConfigurationError), so nothing from the endpoint
    reaches a header unchecked.
*/

class AwsInstanceMetadataCredentialsProviderPrivate
{
public:
    QUrl endpoint;
    int timeoutMs = AwsInstanceMetadataCredentialsProvider::DefaultTimeoutMs;
    int tokenTtl = AwsInstanceMetadataCredentialsProvider::DefaultTokenTtlSeconds;
    bool allowV1 = true;
    QPointer<QNetworkAccessManager> manager;
    QPointer<QNetworkReply> reply;

    // Per refresh.
    QUrl base;
    QByteArray token;
    QDateTime tokenExpiry;
    bool useV1 = false;
    bool retriedAfter401 = false;
    QString role;
};

/*!
    Constructs the provider with the given \a parent.
*/
AwsInstanceMetadataCredentialsProvider::AwsInstanceMetadataCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsInstanceMetadataCredentialsProviderPrivate)
{
}

/*!
    Destroys the provider, aborting a running request.
*/
AwsInstanceMetadataCredentialsProvider::~AwsInstanceMetadataCredentialsProvider()
{
    QtSigV4Private::abortAndDelete(d->reply, this);
}

/*!
    Returns "instance metadata".
*/
QString AwsInstanceMetadataCredentialsProvider::name() const
{
    return QStringLiteral("instance metadata");
}

/*! Returns the endpoint set with setEndpoint(), else configuredEndpoint(). */
QUrl AwsInstanceMetadataCredentialsProvider::endpoint() const
{
    return d->endpoint.isEmpty() ? configuredEndpoint() : d->endpoint;
}

/*! Uses \a endpoint instead of the configured one. */
void AwsInstanceMetadataCredentialsProvider::setEndpoint(const QUrl &endpoint)
{
    d->endpoint = endpoint;
}

/*!
    Returns the endpoint configured by the environment or \a profile (the active profile when
    empty), or the default one.
*/
QUrl AwsInstanceMetadataCredentialsProvider::configuredEndpoint(const QString &profile)
{
    const QString env = environmentValue("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (!env.isEmpty())
        return QUrl(env);
    const QString name = profile.isEmpty() ? AwsConfigFile::activeProfileName() : profile;
    const AwsConfigFile::Properties props = AwsConfigFile::mergedProfile(
            AwsConfigFile::loadConfig(), AwsConfigFile::loadCredentials(), name);
    const QString fromProfile = props.value(QStringLiteral("ec2_metadata_service_endpoint"));
    if (!fromProfile.isEmpty())
        return QUrl(fromProfile);
    QString mode = environmentValue("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
    if (mode.isEmpty())
        mode = props.value(QStringLiteral("ec2_metadata_service_endpoint_mode"));
    if (mode.compare(u"ipv6", Qt::CaseInsensitive) == 0)
        return QUrl(QStringLiteral("http://[fd00:ec2::254]"));
    return QUrl(QStringLiteral("http://169.254.169.254"));
}

/*!
    Returns \c true when \c AWS_EC2_METADATA_DISABLED is \c true.
*/
bool AwsInstanceMetadataCredentialsProvider::isDisabled()
{
    return environmentIsTrue("AWS_EC2_METADATA_DISABLED");
}

/*! Returns the time-out of each request in milliseconds (1000). */
int AwsInstanceMetadataCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of each request to \a msecs milliseconds. */
void AwsInstanceMetadataCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }
/*! Returns the lifetime asked for session tokens (21600 s). */
int AwsInstanceMetadataCredentialsProvider::tokenTtlSeconds() const { return d->tokenTtl; }
/*! Asks for session tokens that live \a seconds (1 to 21600). */
void AwsInstanceMetadataCredentialsProvider::setTokenTtlSeconds(int seconds)
{
    d->tokenTtl = qBound(1, seconds, 21600);
}
/*! Returns whether an IMDSv1 fallback is allowed (also off with AWS_EC2_METADATA_V1_DISABLED). */
bool AwsInstanceMetadataCredentialsProvider::allowsV1Fallback() const
{
    return d->allowV1 && !environmentIsTrue("AWS_EC2_METADATA_V1_DISABLED");
}
/*! Allows or forbids (\a allow) the IMDSv1 fallback. */
void AwsInstanceMetadataCredentialsProvider::setAllowV1Fallback(bool allow) { d->allowV1 = allow; }
/*! Uses \a manager (not owned, same thread, no proxy advised) for requests. */
void AwsInstanceMetadataCredentialsProvider::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

/*!
    \reimp
*/
void AwsInstanceMetadataCredentialsProvider::startFetch()
{
    if (isDisabled()) {
        reportError(NotConfiguredError, QStringLiteral("AWS_EC2_METADATA_DISABLED is true"));
        return;
    }
    d->base = endpoint();
    if (!d->base.isValid() || d->base.host().isEmpty()) {
        reportError(InvalidConfigurationError,
                    QStringLiteral("the instance metadata endpoint \"%1\" is not a valid URL")
                            .arg(d->base.toString()));
        return;
    }
    d->retriedAfter401 = false;
    d->useV1 = false;
    d->role.clear();
    const bool tokenValid = !d->token.isEmpty() && d->tokenExpiry.isValid()
            && d->tokenExpiry > QDateTime::currentDateTimeUtc().addSecs(1);
    runStep(tokenValid ? RoleStep : TokenStep);
}

void AwsInstanceMetadataCredentialsProvider::runStep(Step step)
{
    if (!d->manager)
        d->manager = createDirectNetworkAccessManager(this);
    QUrl url = d->base;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QByteArray verb = "GET";
    QNetworkRequest request;
    switch (step) {
    case TokenStep:
        url.setPath(basePath + QStringLiteral("/latest/api/token"));
        verb = "PUT";
        request.setRawHeader("X-aws-ec2-metadata-token-ttl-seconds",
                             QByteArray::number(d->tokenTtl));
        break;
    case RoleStep:
        url.setPath(basePath + QStringLiteral("/latest/meta-data/iam/security-credentials/"));
        break;
    case CredentialsStep:
        url.setPath(basePath + QStringLiteral("/latest/meta-data/iam/security-credentials/")
                    + d->role);
        break;
    }
    request.setUrl(url);
    if (step != TokenStep && !d->useV1)
        request.setRawHeader("X-aws-ec2-metadata-token", d->token);
    QNetworkReply *reply = sendWithTimeout(d->manager, request, verb,
                                           verb == "PUT" ? QByteArray("") : QByteArray(),
                                           d->timeoutMs);
    d->reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, step] {
        if (d->reply != reply)
            return;
        d->reply = nullptr;
        QByteArray body;
        // An answer cut at the size bound has status 0.
        const int status = takeReplyAnswer(reply, &body);
        if (step == TokenStep && status == 200) {
            const QByteArray ttl = reply->rawHeader("X-aws-ec2-metadata-token-ttl-seconds");
            bool ok = false;
            const int seconds = ttl.toInt(&ok);
            d->tokenExpiry = QDateTime::currentDateTimeUtc().addSecs(ok && seconds > 0 ? seconds
                                                                                       : d->tokenTtl);
        }
        finishStep(step, status, body,
                   status == 200 ? QString() : describeReplyFailure(reply, body),
                   status == 0 ? replyErrorType(reply) : NetworkError);
    });
}

void AwsInstanceMetadataCredentialsProvider::finishStep(Step step, int status,
                                                        const QByteArray &body,
                                                        const QString &failure,
                                                        Error failureType)
{
    // Messages do not name the provider: the chain, the manager and the CLI do (with name()).
    switch (step) {
    case TokenStep:
        if (status == 200 && !body.trimmed().isEmpty()) {
            // The token is sent back as a header: nothing from the answer reaches the wire unchecked.
            if (const QString problem = controlCharacterProblem(QStringLiteral("the session token"),
                                                                body.trimmed());
                !problem.isEmpty()) {
                reportError(InvalidConfigurationError, problem);
                return;
            }
            d->token = body.trimmed();
            runStep(RoleStep);
            return;
        }
        d->token.clear();
        d->tokenExpiry = QDateTime();
        if ((status == 403 || status == 404 || status == 405) && allowsV1Fallback()) {
            qCDebug(lcCredentials) << "IMDSv2 token refused with HTTP" << status
                                   << "- falling back to IMDSv1";
            d->useV1 = true;
            runStep(RoleStep);
            return;
        }
        reportError(status == 0 ? failureType : NetworkError,
                    QStringLiteral("cannot get a session token: ")
                            + (failure.isEmpty() ? QStringLiteral("empty token") : failure));
        return;
    case RoleStep:
    case CredentialsStep:
        if (status == 401 && !d->useV1 && !d->retriedAfter401) {
            qCDebug(lcCredentials) << "IMDS answered 401: the session token expired; getting a new one";
            d->retriedAfter401 = true;
            d->token.clear();
            d->tokenExpiry = QDateTime();
            runStep(TokenStep);
            return;
        }
        if (status != 200) {
            if (step == RoleStep && status == 404) {
                reportError(NotConfiguredError,
                            QStringLiteral("the instance has no IAM role (%1)").arg(failure));
                return;
            }
            reportError(status == 0 ? failureType : NetworkError, failure);
            return;
        }
        break;
    }

    if (step == RoleStep) {
        const QList<QByteArray> lines = body.split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty()) {
                d->role = QString::fromUtf8(line.trimmed());
                break;
            }
        }
        // IAM role names have at most 64 characters; the name goes into the next URL and errors.
        if (d->role.size() > 64) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("the role name is longer than 64 characters"));
            return;
        }
        if (const QString problem = controlCharacterProblem(QStringLiteral("the role name"), d->role);
            !problem.isEmpty()) {
            reportError(InvalidConfigurationError, problem);
            return;
        }
        if (d->role.isEmpty() || d->role.contains(u'/')) {
            reportError(NotConfiguredError, QStringLiteral("the instance has no IAM role"));
            return;
        }
        runStep(CredentialsStep);
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        reportError(InvalidConfigurationError,
                    QStringLiteral("the credentials of role %1 are not a JSON object").arg(d->role));
        return;
    }
    const QJsonObject object = document.object();
    const QString code = object.value(QLatin1String("Code")).toString();
    if (!code.isEmpty() && code != u"Success") {
        reportError(NetworkError,
                    QStringLiteral("role %1: Code %2: %3")
                            .arg(d->role, echoableText(code.toUtf8()),
                                 echoableText(object.value(QLatin1String("Message")).toString().toUtf8())));
        return;
    }
    QString error;
    const AwsCredentials credentials = credentialsFromJson(object, &error);
    if (!credentials.isValid()) {
        reportError(InvalidConfigurationError, error);
        return;
    }
    reportCredentials(credentials);
}
