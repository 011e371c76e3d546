// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCRYPTO_P_H
#define AWSCRYPTO_P_H

// Internal: SHA-256 and HMAC-SHA256. Not part of the public API, but exported so the network
// layer, tests and benchmarks can share one implementation. Two backends implement it
// (QTSIGV4_CRYPTO): awscrypto_openssl.cpp (OpenSSL EVP) and awscrypto_qt.cpp
// (QCryptographicHash, QMessageAuthenticationCode); awscrypto.cpp holds what they share.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>

namespace QtSigV4Private {

constexpr int Sha256Size = 32;

// Incremental SHA-256 (one backend context, reused across reset()).
class QTSIGV4_EXPORT Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void reset();
    void addData(const char *data, qsizetype size);
    void addData(QByteArrayView data) { addData(data.data(), data.size()); }
    QByteArray result(); // raw 32 bytes; call reset() before reusing
    QByteArray resultHex() { return result().toHex(); }

    static QByteArray hash(QByteArrayView data);
    static QByteArray hashHex(QByteArrayView data) { return hash(data).toHex(); }

private:
    struct Context; // the backend's
    Context *m_ctx;
};

// HMAC-SHA256 computed with the calling thread's reusable digest context.
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

// Allocation-free forms for the signer's hot path: the 32-byte digest goes to out.
void sha256Into(QByteArrayView data, unsigned char *out);
void hmacSha256Into(QByteArrayView key, QByteArrayView data, unsigned char *out);
// Writes the lower-case hex of size bytes (2 * size characters); returns the end.
char *putHex(char *dst, const unsigned char *bytes, qsizetype size);

// Constant-time comparison (for verifying signatures).
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Frees what the backend keeps for the calling thread (OpenSSL's per-thread state); a worker
// thread calls it when its task ends.
void releaseThreadState();

// The backend's name as QTSIGV4_CRYPTO spells it ("openssl" or "qt").
QTSIGV4_AUTOTEST_EXPORT const char *backendName();

} // namespace QtSigV4Private

#endif // AWSCRYPTO_P_H
