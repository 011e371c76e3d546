// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// SigV4aKey in a build without SigV4a (QTSIGV4_WITH_SIGV4A=OFF, or QTSIGV4_CRYPTO=qt: ECDSA
// P-256 needs OpenSSL). No key can be derived: signing with SigV4a fails with this error.
#include "core/awssigv4akey_p.h"

namespace QtSigV4Private {

SigV4aKey::~SigV4aKey() = default;

std::shared_ptr<const SigV4aKey> SigV4aKey::derive(const QString &, const QString &, QString *errorString)
{
    if (errorString)
        *errorString = unavailableError();
    return nullptr;
}

QByteArray SigV4aKey::sign(QByteArrayView) const
{
    return QByteArray();
}

bool SigV4aKey::verify(QByteArrayView, QByteArrayView, QByteArrayView, QByteArrayView)
{
    return false;
}

bool SigV4aKey::isAvailable()
{
    return false;
}

} // namespace QtSigV4Private
