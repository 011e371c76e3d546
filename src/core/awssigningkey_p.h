// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGKEY_P_H
#define AWSSIGNINGKEY_P_H

#include <qtsigv4/awssigningkey.h>

#include "core/awshmacsha256_p.h"

#include <QtCore/qmutex.h>

#include <optional>

class AwsSigningKeyPrivate : public QSharedData
{
public:
    AwsSigningKeyPrivate() = default;
    AwsSigningKeyPrivate(const AwsSigningKeyPrivate &other)
        : QSharedData(other), credentials(other.credentials),
          credentialsProblem(other.credentialsProblem), accessKeyIdUtf8(other.accessKeyIdUtf8),
          sessionTokenUtf8(other.sessionTokenUtf8), date(other.date), region(other.region),
          service(other.service), own(other.own), ownHmac(other.ownHmac)
    {
        QMutexLocker lock(&other.mutex);
        derived = other.derived;
        derivedDate = other.derivedDate;
        derivedRegion = other.derivedRegion;
        derivedService = other.derivedService;
        ecdsa = other.ecdsa;
    }

    static QByteArray derive(const QString &secret, QDate date, const QString &region,
                             const QString &service);
    QByteArray lookup(QDate date, const QString &region, const QString &service,
                      bool allowRegenerate, QString *errorString) const;
    // The HMAC of the key's own scope when date, region and service are that scope: no
    // lock, no copy (set only while the private is unshared, by the constructor and
    // regenerate()). Null otherwise: then keyFor() decides.
    const QtSigV4Private::HmacSha256Key *ownHmacFor(QDate date, const QString &region,
                                                    const QString &service) const
    {
        return ownHmac && date == this->date && region == this->region && service == this->service
                ? &*ownHmac
                : nullptr;
    }
    void setOwn(const QByteArray &key);

    AwsCredentials credentials;
    // What credentialsProblem() says of them, checked once here rather than on every signature
    // (forgetSecret() only removes the secret, which cannot add a problem).
    QString credentialsProblem;
    // What the signer writes of the credentials, in UTF-8 once rather than per signature.
    QByteArray accessKeyIdUtf8;
    QByteArray sessionTokenUtf8;
    QDate date;
    QString region;
    QString service;
    QByteArray own; // the derived key of date, region and service (empty: not derived)
    std::optional<QtSigV4Private::HmacSha256Key> ownHmac; // of own, its pads hashed once

    mutable QMutex mutex;
    mutable QByteArray derived;
    mutable QDate derivedDate;
    mutable QString derivedRegion;
    mutable QString derivedService;
    mutable std::shared_ptr<const QtSigV4Private::SigV4aKey> ecdsa; // SigV4a, derived on first use
};

#endif // AWSSIGNINGKEY_P_H
