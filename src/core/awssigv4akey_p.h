// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGV4AKEY_P_H
#define AWSSIGV4AKEY_P_H

// Internal: the ECDSA P-256 key of SigV4a, derived from the secret access key.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qstring.h>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace QtSigV4Private {

class QTSIGV4_AUTOTEST_EXPORT SigV4aKey
{
public:
    ~SigV4aKey();
    SigV4aKey(const SigV4aKey &) = delete;
    SigV4aKey &operator=(const SigV4aKey &) = delete;

    // Derives the key as the SigV4a specification describes: a counter-mode HMAC-SHA256
    // KDF over "AWS4A" + secret, retried while the candidate is out of range.
    static std::shared_ptr<const SigV4aKey> derive(const QString &accessKeyId,
                                                   const QString &secretAccessKey,
                                                   QString *errorString = nullptr);
    // Signs SHA-256(message); returns the DER-encoded signature (empty on failure).
    QByteArray sign(QByteArrayView message) const;
    QByteArray publicKeyX() const { return m_x; } // 32 bytes, big-endian
    QByteArray publicKeyY() const { return m_y; }

    static bool verify(QByteArrayView x, QByteArrayView y, QByteArrayView message,
                       QByteArrayView derSignature);

    // False in a build without SigV4a (awssigv4akey_unavailable.cpp): derive() then fails
    // with unavailableError().
    static bool isAvailable();
    static QString unavailableError()
    {
        return QStringLiteral("SigV4a is not available in this build (it needs qtsigv4 built "
                              "with QTSIGV4_CRYPTO=openssl and QTSIGV4_WITH_SIGV4A=ON)");
    }

private:
    SigV4aKey() = default;
    EVP_PKEY *m_key = nullptr;
    QByteArray m_x;
    QByteArray m_y;
};

} // namespace QtSigV4Private

#endif // AWSSIGV4AKEY_P_H
