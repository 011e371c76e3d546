// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsstaticcredentialsprovider.h>

/*!
    \class AwsStaticCredentialsProvider
    \inmodule QtSigV4
    \brief Provides credentials given in code.

    The first source of the default chain. Credentials without an expiry never need a refresh;
    credentials with an expiry are reported as ExpiredError once they have expired (there is
    nothing to refresh them from; call setCredentials() with new ones).
*/

/*!
    Constructs a provider of \a credentials with the given \a parent.
*/
AwsStaticCredentialsProvider::AwsStaticCredentialsProvider(const AwsCredentials &credentials,
                                                           QObject *parent)
    : AwsCredentialsProvider(parent), m_credentials(credentials)
{
}

/*!
    Returns "static".
*/
QString AwsStaticCredentialsProvider::name() const
{
    return QStringLiteral("static");
}

/*!
    Replaces the credentials with \a credentials. Call it from the provider's thread. Valid
    credentials are published at once (credentialsReady() is emitted); null ones make the next
    fetch() fail.
*/
void AwsStaticCredentialsProvider::setCredentials(const AwsCredentials &credentials)
{
    m_credentials = credentials;
    invalidate();
    if (credentials.isValid() && !credentials.isExpired())
        reportCredentials(credentials);
}

/*!
    \reimp
*/
void AwsStaticCredentialsProvider::startFetch()
{
    if (m_credentials.isNull() || m_credentials.accessKeyId().isEmpty()
        || m_credentials.secretAccessKey().isEmpty()) {
        reportError(NotConfiguredError,
                    tr("static: no access key id and secret access key were given"));
        return;
    }
    reportCredentials(m_credentials);
}
