// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSHMACSHA256_P_H
#define AWSHMACSHA256_P_H

// Internal: the signer's small-message SHA-256 and HMAC-SHA256. Kept apart from the crypto
// backend (awscrypto.cpp) on purpose: these are the signer's hot path and, with OpenSSL, go
// to its SHA-256 block function directly. EVP costs a provider dispatch and an allocation
// per digest, more than hashing a 300-byte canonical request, and HMAC with a fixed key
// hashes the key's two padded blocks once instead of on every signature. Without OpenSSL's
// low-level SHA-256 (or with another backend) the same functions fall back to awscrypto_p.h.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearrayview.h>

namespace QtSigV4Private {

// SHA-256 of data into out[32] (any size; the signer hashes small bodies with it too).
QTSIGV4_AUTOTEST_EXPORT void sha256Direct(QByteArrayView data, unsigned char *out);

// HMAC-SHA256 with one key, ready to sign many messages: const, so any number of threads
// may use one object at once. The key material is wiped on destruction.
class QTSIGV4_AUTOTEST_EXPORT HmacSha256Key
{
public:
    HmacSha256Key();
    explicit HmacSha256Key(QByteArrayView key);
    HmacSha256Key(const HmacSha256Key &other);
    HmacSha256Key &operator=(const HmacSha256Key &other);
    ~HmacSha256Key();

    // HMAC-SHA256(key, data) into out[32].
    void sign(QByteArrayView data, unsigned char *out) const;

private:
    // The inner and outer hash states after the padded key block (a SHA256_CTX each), or
    // the key itself for the fallback. Opaque here: no OpenSSL header in private headers.
    static constexpr int StateSize = 112;
    alignas(8) unsigned char m_inner[StateSize];
    alignas(8) unsigned char m_outer[StateSize];
};

} // namespace QtSigV4Private

#endif // AWSHMACSHA256_P_H
