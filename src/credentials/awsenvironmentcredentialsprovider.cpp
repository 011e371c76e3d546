// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsenvironmentcredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"

using namespace QtSigV4Private;

/*!
    \class AwsEnvironmentCredentialsProvider
    \inmodule QtSigV4
    \brief Provides credentials from environment variables.

    Reads \c AWS_ACCESS_KEY_ID, \c AWS_SECRET_ACCESS_KEY and the optional \c AWS_SESSION_TOKEN
    (the legacy names \c AWS_ACCESS_KEY, \c AWS_SECRET_KEY and \c AWS_SECURITY_TOKEN are used
    when the standard ones are unset), plus the optional \c AWS_CREDENTIAL_EXPIRATION
    (ISO 8601), at every refresh. Neither key set is NotConfiguredError; only one of them set is
    InvalidConfigurationError.
*/

/*!
    Constructs the provider with the given \a parent.
*/
AwsEnvironmentCredentialsProvider::AwsEnvironmentCredentialsProvider(QObject *parent)
    : AwsCredentialsProvider(parent)
{
}

/*!
    Returns "environment".
*/
QString AwsEnvironmentCredentialsProvider::name() const
{
    return QStringLiteral("environment");
}

/*!
    Reads the credentials from the environment now. Returns null credentials and sets \a error
    and \a errorString when they are missing or incomplete.
*/
AwsCredentials AwsEnvironmentCredentialsProvider::readEnvironment(Error *error,
                                                                  QString *errorString)
{
    auto fail = [&](Error e, const QString &message) {
        if (error)
            *error = e;
        if (errorString)
            *errorString = message;
        return AwsCredentials();
    };
    QString keyId = environmentValue("AWS_ACCESS_KEY_ID");
    if (keyId.isEmpty())
        keyId = environmentValue("AWS_ACCESS_KEY");
    QString secret = environmentValue("AWS_SECRET_ACCESS_KEY");
    if (secret.isEmpty())
        secret = environmentValue("AWS_SECRET_KEY");
    QString token = environmentValue("AWS_SESSION_TOKEN");
    if (token.isEmpty())
        token = environmentValue("AWS_SECURITY_TOKEN");

    if (keyId.isEmpty() && secret.isEmpty())
        return fail(NotConfiguredError,
                    QStringLiteral("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"));
    if (keyId.isEmpty())
        return fail(InvalidConfigurationError,
                    QStringLiteral("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"));
    if (secret.isEmpty())
        return fail(InvalidConfigurationError,
                    QStringLiteral("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));

    QDateTime expiration;
    const QString expirationText = environmentValue("AWS_CREDENTIAL_EXPIRATION");
    if (!expirationText.isEmpty()) {
        expiration = parseTimestamp(expirationText);
        if (!expiration.isValid())
            return fail(InvalidConfigurationError,
                        QStringLiteral("AWS_CREDENTIAL_EXPIRATION \"%1\" is not an ISO 8601 "
                                       "timestamp")
                                .arg(echoableText(expirationText.toUtf8())));
    }
    AwsCredentials credentials(keyId, secret, token, expiration);
    if (const QString problem = credentialsProblem(credentials, QStringLiteral("AWS_ACCESS_KEY_ID"),
                                                   QStringLiteral("AWS_SECRET_ACCESS_KEY"),
                                                   QStringLiteral("AWS_SESSION_TOKEN"));
        !problem.isEmpty()) {
        return fail(InvalidConfigurationError, problem);
    }
    if (error)
        *error = NoError;
    if (errorString)
        errorString->clear();
    credentials.setProviderName(QStringLiteral("environment"));
    return credentials;
}

/*!
    \reimp
*/
void AwsEnvironmentCredentialsProvider::startFetch()
{
    Error error = NoError;
    QString message;
    const AwsCredentials credentials = readEnvironment(&error, &message);
    if (credentials.isValid())
        reportCredentials(credentials);
    else
        reportError(error, message);
}
