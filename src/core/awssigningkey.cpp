// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awssigningkey_p.h"

#include "core/awsinputcheck_p.h"

#include "core/awscrypto_p.h"
#include "core/awssigv4akey_p.h"
#include "core/awssigv4names_p.h"
#include "core/awsutc_p.h"

#include <qtsigv4/awsdate.h>


/*!
    \class AwsSigningKey
    \inmodule QtSigV4
    \brief The SigV4 signing key derived from a secret for one (date, region, service)
    scope, cached so that signing needs a single HMAC.

    A key is derived once and reused: it is valid for ValidityDays days. When a request is
    dated on another day, or signed for another region or service, the key derives the
    matching key again, provided it still holds the secret. With \c DiscardSecret the
    secret is dropped right after derivation (the key can then only sign within its own
    scope, and a request for another scope gives a clear "no secret key" error).

    AwsSigningKey is implicitly shared and thread-safe: many threads may sign with one
    key at once.
*/

/*!
    \enum AwsSigningKey::SecretStorage
    \value StoreSecret The key keeps the secret, so it can derive the key of another date,
           region or service when a request needs it.
    \value DiscardSecret The secret is dropped once the key is derived; the key then signs
           only for its own scope.
*/

QByteArray AwsSigningKeyPrivate::derive(const QString &secret, QDate date, const QString &region,
                                        const QString &service)
{
    using QtSigV4Private::hmacSha256;
    using namespace QtSigV4Private::SigV4Names;
    const QByteArray kSecret = SecretPrefix.toByteArray() + secret.toUtf8();
    const QByteArray kDate = hmacSha256(kSecret, AwsDate::toScopeDate(date));
    const QByteArray kRegion = hmacSha256(kDate, region.toUtf8());
    const QByteArray kService = hmacSha256(kRegion, service.toUtf8());
    return hmacSha256(kService, ScopeTerminator);
}

QByteArray AwsSigningKeyPrivate::lookup(QDate wantDate, const QString &wantRegion,
                                        const QString &wantService, bool allowRegenerate,
                                        QString *errorString) const
{
    QMutexLocker lock(&mutex);
    if (!derived.isEmpty() && derivedDate == wantDate && derivedRegion == wantRegion
        && derivedService == wantService) {
        return derived;
    }
    const QString wanted = QStringLiteral("%1/%2/%3").arg(
            QString::fromLatin1(AwsDate::toScopeDate(wantDate)), wantRegion, wantService);
    const QString have = QStringLiteral("%1/%2/%3").arg(
            QString::fromLatin1(AwsDate::toScopeDate(derivedDate)), derivedRegion, derivedService);
    if (!allowRegenerate) {
        if (errorString) {
            *errorString = QStringLiteral("the request's scope %1 does not match the signing "
                                          "key's scope %2 (strict date mode)").arg(wanted, have);
        }
        return QByteArray();
    }
    if (credentials.secretAccessKey().isEmpty()) {
        if (errorString) {
            *errorString = QStringLiteral("no secret key: the signing key for %1 cannot sign for "
                                          "%2 because its secret was not stored").arg(have, wanted);
        }
        return QByteArray();
    }
    derived = derive(credentials.secretAccessKey(), wantDate, wantRegion, wantService);
    derivedDate = wantDate;
    derivedRegion = wantRegion;
    derivedService = wantService;
    return derived;
}

void AwsSigningKeyPrivate::setOwn(const QByteArray &key)
{
    own = key;
    ownHmac.reset();
    if (!key.isEmpty())
        ownHmac.emplace(key);
}

/*! Constructs a null key. */
AwsSigningKey::AwsSigningKey() : d(new AwsSigningKeyPrivate) { }

/*!
    Derives the key of \a credentials for \a date, \a region and \a service. With
    \a storage == DiscardSecret the secret is dropped once the key is derived.
*/
AwsSigningKey::AwsSigningKey(const AwsCredentials &credentials, QDate date, const QString &region,
                             const QString &service, SecretStorage storage)
    : d(new AwsSigningKeyPrivate)
{
    d->credentials = credentials;
    d->credentialsProblem = QtSigV4Private::credentialsProblem(credentials);
    d->accessKeyIdUtf8 = credentials.accessKeyId().toUtf8();
    d->sessionTokenUtf8 = credentials.sessionToken().toUtf8();
    d->date = date;
    d->region = region;
    d->service = service;
    if (date.isValid() && !credentials.secretAccessKey().isEmpty())
        d->setOwn(d->lookup(date, region, service, true, nullptr));
    if (storage == DiscardSecret)
        d->credentials.setSecretAccessKey(QString());
}

AwsSigningKey::AwsSigningKey(const AwsSigningKey &other) = default;
AwsSigningKey::AwsSigningKey(AwsSigningKey &&other) noexcept = default;
AwsSigningKey &AwsSigningKey::operator=(const AwsSigningKey &other) = default;
AwsSigningKey &AwsSigningKey::operator=(AwsSigningKey &&other) noexcept = default;
AwsSigningKey::~AwsSigningKey() = default;

bool AwsSigningKey::isNull() const { return d->credentials.accessKeyId().isEmpty(); }

// For AwsSigner: why the credentials must not reach a header (empty: they may).
QString AwsSigningKey::credentialsProblem() const { return d->credentialsProblem; }

/*! Returns \c true when the key has an access key id and either a derived key or the secret. */
bool AwsSigningKey::isValid() const
{
    return !isNull() && (hasSecret() || !key().isEmpty());
}

QDate AwsSigningKey::date() const { return d->date; }
QString AwsSigningKey::region() const { return d->region; }
QString AwsSigningKey::service() const { return d->service; }

/*! The credential scope, e.g. \c{20150830/us-east-1/iam/aws4_request}. */
QByteArray AwsSigningKey::scope() const
{
    return AwsDate::toScopeDate(d->date) + '/' + d->region.toUtf8() + '/' + d->service.toUtf8() + '/'
            + QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::ScopeTerminator);
}

/*! The derived key (32 raw bytes) for the key's own scope, or empty if it cannot be derived. */
QByteArray AwsSigningKey::key() const
{
    if (!d->own.isEmpty())
        return d->own;
    return d->lookup(d->date, d->region, d->service, hasSecret(), nullptr);
}

bool AwsSigningKey::hasSecret() const { return !d->credentials.secretAccessKey().isEmpty(); }
/*! The credentials the key was made from (without the secret if it was discarded). */
AwsCredentials AwsSigningKey::credentials() const { return d->credentials; }
QString AwsSigningKey::accessKeyId() const { return d->credentials.accessKeyId(); }
QString AwsSigningKey::sessionToken() const { return d->credentials.sessionToken(); }

/*! The end of the key's validity: ValidityDays after the start of its scope date (UTC). */
QDateTime AwsSigningKey::expiresAt() const
{
    return QtSigV4Private::utcDateTime(d->date, QTime(0, 0)).addDays(ValidityDays);
}

bool AwsSigningKey::isExpired(const QDateTime &now) const
{
    return !d->date.isValid() || now.toUTC() >= expiresAt();
}

/*!
    Derives the key again for a new scope; an invalid \a date or empty \a region or
    \a service keeps the current one. Returns \c false (and sets \a errorString) without the
    secret.
*/
bool AwsSigningKey::regenerate(QDate date, const QString &region, const QString &service,
                               QString *errorString)
{
    const QDate newDate = date.isValid() ? date : d->date;
    const QString newRegion = region.isEmpty() ? d->region : region;
    const QString newService = service.isEmpty() ? d->service : service;
    const QByteArray key = d->lookup(newDate, newRegion, newService, true, errorString);
    if (key.isEmpty())
        return false;
    d->date = newDate;
    d->region = newRegion;
    d->service = newService;
    d->setOwn(key);
    return true;
}

/*!
    Drops the secret, keeping the derived key for the current scope (and the SigV4a key,
    if one was derived before).
*/
void AwsSigningKey::forgetSecret()
{
    key();
    d->credentials.setSecretAccessKey(QString());
}

/*!
    Returns the derived key for the scope of \a date, \a region and \a service: the cached
    one when it matches, else (when
    \a allowRegenerate and the secret is held) a newly derived one that replaces the cache.
    Returns an empty array and sets \a errorString otherwise. Thread-safe.
*/
QByteArray AwsSigningKey::keyFor(QDate date, const QString &region, const QString &service,
                                 bool allowRegenerate, QString *errorString) const
{
    return d->lookup(date, region, service, allowRegenerate, errorString);
}

// The SigV4a key does not depend on the scope: derived once per credentials and cached.
std::shared_ptr<const QtSigV4Private::SigV4aKey> AwsSigningKey::sigV4aKey(QString *errorString) const
{
    QMutexLocker lock(&d->mutex);
    if (!d->ecdsa) {
        if (!hasSecret()) {
            if (errorString)
                *errorString = QStringLiteral("no secret key: a SigV4a key cannot be derived without the secret");
            return nullptr;
        }
        d->ecdsa = QtSigV4Private::SigV4aKey::derive(accessKeyId(), d->credentials.secretAccessKey(),
                                                     errorString);
    }
    return d->ecdsa;
}
