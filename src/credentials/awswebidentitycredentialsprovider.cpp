// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awswebidentitycredentialsprovider.h>

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awsstsclient.h>

#include "credentials/awscredentialsutil_p.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>

using namespace QtSigV4Private;

/*!
    \class AwsWebIdentityCredentialsProvider
    \inmodule QtSigV4
    \brief Exchanges a web identity token (OIDC, e.g. an EKS service account token) for
    temporary credentials with STS AssumeRoleWithWebIdentity.

    Constructed without arguments, it reads \c AWS_WEB_IDENTITY_TOKEN_FILE, \c AWS_ROLE_ARN and
    the optional \c AWS_ROLE_SESSION_NAME at every refresh; the token file is read again at every
    refresh too, since such tokens rotate. The call is unsigned, as STS specifies. The STS
    endpoint and region are resolved with AwsConfigFile (\c AWS_ENDPOINT_URL_STS, ...) unless set
    with setStsEndpoint() and setRegion(). The token is never logged.
*/

class AwsWebIdentityCredentialsProviderPrivate
{
public:
    bool fromEnvironment = true;
    QString roleArn;
    QString tokenFile;
    QString sessionName;
    int durationSeconds = 0;
    QString region;
    bool regionSet = false;
    QUrl endpoint;
    int timeoutMs = AwsStsClient::DefaultTimeoutMs;
    QPointer<QNetworkAccessManager> manager;
    AwsStsClient *client = nullptr;
};

/*!
    Constructs a provider configured from the environment, with the given \a parent.
*/
AwsWebIdentityCredentialsProvider::AwsWebIdentityCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsWebIdentityCredentialsProviderPrivate)
{
}

/*!
    Constructs a provider that assumes \a roleArn with the token in \a tokenFile, as session
    \a roleSessionName (a default name when empty), with the given \a parent.
*/
AwsWebIdentityCredentialsProvider::AwsWebIdentityCredentialsProvider(
        const QString &roleArn, const QString &tokenFile, const QString &roleSessionName,
        QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsWebIdentityCredentialsProviderPrivate)
{
    d->fromEnvironment = false;
    d->roleArn = roleArn;
    d->tokenFile = tokenFile;
    d->sessionName = roleSessionName;
}

/*!
    Destroys the provider.
*/
AwsWebIdentityCredentialsProvider::~AwsWebIdentityCredentialsProvider() = default;

/*!
    Returns "web identity".
*/
QString AwsWebIdentityCredentialsProvider::name() const
{
    return QStringLiteral("web identity");
}

/*! Returns the role ARN (from \c AWS_ROLE_ARN when configured from the environment). */
QString AwsWebIdentityCredentialsProvider::roleArn() const
{
    return d->fromEnvironment ? environmentValue("AWS_ROLE_ARN") : d->roleArn;
}

/*! Returns the token file (from \c AWS_WEB_IDENTITY_TOKEN_FILE when configured from the environment). */
QString AwsWebIdentityCredentialsProvider::tokenFile() const
{
    return AwsConfigFile::expandHome(d->fromEnvironment ? environmentValue("AWS_WEB_IDENTITY_TOKEN_FILE")
                                                        : d->tokenFile);
}

/*! Returns the role session name (from \c AWS_ROLE_SESSION_NAME when configured from the environment). */
QString AwsWebIdentityCredentialsProvider::roleSessionName() const
{
    return d->fromEnvironment ? environmentValue("AWS_ROLE_SESSION_NAME") : d->sessionName;
}

/*! Returns the requested session duration (0: the STS default). */
int AwsWebIdentityCredentialsProvider::durationSeconds() const { return d->durationSeconds; }
/*! Requests sessions of \a seconds. */
void AwsWebIdentityCredentialsProvider::setDurationSeconds(int seconds) { d->durationSeconds = seconds; }

/*! Returns the STS region, resolved with AwsConfigFile::resolveRegion() unless set. */
QString AwsWebIdentityCredentialsProvider::region() const
{
    return d->regionSet ? d->region : AwsConfigFile::resolveRegion();
}

/*! Sets the STS \a region. */
void AwsWebIdentityCredentialsProvider::setRegion(const QString &region)
{
    d->region = region;
    d->regionSet = true;
}

/*! Returns the STS endpoint, resolved with AwsConfigFile::resolveEndpointUrl() unless set. */
QUrl AwsWebIdentityCredentialsProvider::stsEndpoint() const
{
    return d->endpoint.isEmpty() ? AwsConfigFile::resolveEndpointUrl(QStringLiteral("sts"))
                                 : d->endpoint;
}

/*! Sets the STS \a endpoint. */
void AwsWebIdentityCredentialsProvider::setStsEndpoint(const QUrl &endpoint) { d->endpoint = endpoint; }
/*! Returns the time-out of the STS call in milliseconds. */
int AwsWebIdentityCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time-out of the STS call to \a msecs milliseconds. */
void AwsWebIdentityCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = msecs; }
/*! Uses \a manager (not owned, same thread) for the STS call. */
void AwsWebIdentityCredentialsProvider::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

/*!
    \reimp
*/
void AwsWebIdentityCredentialsProvider::startFetch()
{
    const QString file = tokenFile();
    const QString arn = roleArn();
    if (file.isEmpty()) {
        reportError(NotConfiguredError,
                    d->fromEnvironment ? QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE is not set")
                                       : QStringLiteral("no web identity token file given"));
        return;
    }
    if (arn.isEmpty()) {
        reportError(InvalidConfigurationError,
                    d->fromEnvironment
                            ? QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
                            : QStringLiteral("no role ARN given for the web identity token"));
        return;
    }
    QByteArray token;
    QString error;
    if (!readSmallFile(file, &token, &error)) {
        reportError(InvalidConfigurationError, QStringLiteral("web identity token: ") + error);
        return;
    }
    if (token.trimmed().isEmpty()) {
        reportError(InvalidConfigurationError,
                    QStringLiteral("the web identity token file %1 is empty").arg(file));
        return;
    }

    if (!d->client) {
        d->client = new AwsStsClient(this);
        connect(d->client, &AwsStsClient::finished, this,
                [this](const AwsCredentials &credentials) { reportCredentials(credentials); });
        connect(d->client, &AwsStsClient::failed, this,
                [this](Error error, const QString &message) { reportError(error, message); });
    }
    d->client->setRegion(region());
    d->client->setEndpoint(stsEndpoint());
    d->client->setTimeout(d->timeoutMs);
    if (d->manager)
        d->client->setNetworkAccessManager(d->manager);
    d->client->assumeRoleWithWebIdentity(arn, roleSessionName(), token, d->durationSeconds);
}
