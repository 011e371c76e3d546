// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awscredentials.h>

#include <QtCore/qdebug.h>

/*!
    \class AwsCredentials
    \inmodule QtSigV4
    \brief An implicitly shared AWS credential set: access key id, secret access key,
    optional session token and optional expiration time.

    The secret and the session token never appear in QDebug output: streaming an
    AwsCredentials prints the access key id, whether a secret and token are present,
    and the expiry.
*/

class AwsCredentialsPrivate : public QSharedData
{
public:
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QDateTime expiration;
    QString providerName;
};

/*! Constructs null credentials. */
AwsCredentials::AwsCredentials() : d(new AwsCredentialsPrivate) { }

/*! Constructs credentials from their parts. An invalid \a expiration means "never expires". */
AwsCredentials::AwsCredentials(const QString &accessKeyId, const QString &secretAccessKey,
                               const QString &sessionToken, const QDateTime &expiration)
    : d(new AwsCredentialsPrivate)
{
    d->accessKeyId = accessKeyId;
    d->secretAccessKey = secretAccessKey;
    d->sessionToken = sessionToken;
    d->expiration = expiration;
}

AwsCredentials::AwsCredentials(const AwsCredentials &other) = default;
AwsCredentials::AwsCredentials(AwsCredentials &&other) noexcept = default;
AwsCredentials &AwsCredentials::operator=(const AwsCredentials &other) = default;
AwsCredentials &AwsCredentials::operator=(AwsCredentials &&other) noexcept = default;
AwsCredentials::~AwsCredentials() = default;

/*! The access key id (AKIA…/ASIA…). */
QString AwsCredentials::accessKeyId() const { return d->accessKeyId; }
void AwsCredentials::setAccessKeyId(const QString &id) { d->accessKeyId = id; }
/*! The secret access key. Never log it. */
QString AwsCredentials::secretAccessKey() const { return d->secretAccessKey; }
void AwsCredentials::setSecretAccessKey(const QString &secret) { d->secretAccessKey = secret; }
/*! The session token of temporary credentials, or an empty string. */
QString AwsCredentials::sessionToken() const { return d->sessionToken; }
void AwsCredentials::setSessionToken(const QString &token) { d->sessionToken = token; }
/*! When the credentials expire; invalid for long-term credentials. */
QDateTime AwsCredentials::expiration() const { return d->expiration; }
void AwsCredentials::setExpiration(const QDateTime &expiration) { d->expiration = expiration; }
/*! The name of the provider that produced these credentials (for diagnostics). */
QString AwsCredentials::providerName() const { return d->providerName; }
void AwsCredentials::setProviderName(const QString &name) { d->providerName = name; }

/*! Returns \c true when no field is set. */
bool AwsCredentials::isNull() const
{
    return d->accessKeyId.isEmpty() && d->secretAccessKey.isEmpty() && d->sessionToken.isEmpty();
}

/*! Returns \c true when both the access key id and the secret are set. */
bool AwsCredentials::isValid() const
{
    return !d->accessKeyId.isEmpty() && !d->secretAccessKey.isEmpty();
}

bool AwsCredentials::hasSessionToken() const { return !d->sessionToken.isEmpty(); }
bool AwsCredentials::canExpire() const { return d->expiration.isValid(); }

/*! Returns \c true when the credentials have an expiration at or before \a now. */
bool AwsCredentials::isExpired(const QDateTime &now) const
{
    return canExpire() && d->expiration <= now;
}

/*! Returns \c true when the credentials expire within \a seconds of \a now. */
bool AwsCredentials::expiresWithin(qint64 seconds, const QDateTime &now) const
{
    return canExpire() && d->expiration <= now.addSecs(seconds);
}

bool AwsCredentials::operator==(const AwsCredentials &other) const
{
    return d == other.d
            || (d->accessKeyId == other.d->accessKeyId
                && d->secretAccessKey == other.d->secretAccessKey
                && d->sessionToken == other.d->sessionToken
                && d->expiration == other.d->expiration);
}

/*!
    \relates AwsCredentials

    Writes \a credentials to \a debug with the secret and the token redacted.
*/
QDebug operator<<(QDebug debug, const AwsCredentials &credentials)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "AwsCredentials(accessKeyId=" << credentials.accessKeyId()
                    << ", secret=" << (credentials.secretAccessKey().isEmpty() ? "<none>" : "<redacted>")
                    << ", sessionToken=" << (credentials.hasSessionToken() ? "<redacted>" : "<none>");
    if (credentials.canExpire())
        debug << ", expiration=" << credentials.expiration().toUTC().toString(Qt::ISODate);
    if (!credentials.providerName().isEmpty())
        debug << ", provider=" << credentials.providerName();
    debug << ')';
    return debug;
}
