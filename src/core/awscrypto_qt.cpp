// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The Qt backend of awscrypto_p.h (QTSIGV4_CRYPTO=qt): QCryptographicHash and
// QMessageAuthenticationCode, for platforms whose Qt uses another TLS backend than OpenSSL.
#include "core/awscrypto_p.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qmessageauthenticationcode.h>

#include <cstring>

namespace QtSigV4Private {

namespace {

void copyDigest(QByteArrayView digest, unsigned char *out)
{
    Q_ASSERT(digest.size() == Sha256Size);
    std::memcpy(out, digest.data(), Sha256Size);
}

} // namespace

struct Sha256::Context
{
    QCryptographicHash hash{ QCryptographicHash::Sha256 };
};

Sha256::Sha256() : m_ctx(new Context) { }

Sha256::~Sha256()
{
    delete m_ctx;
}

void Sha256::reset()
{
    m_ctx->hash.reset();
}

void Sha256::addData(const char *data, qsizetype size)
{
    if (size > 0)
        m_ctx->hash.addData(QByteArrayView(data, size));
}

QByteArray Sha256::result()
{
    return m_ctx->hash.result();
}

void sha256Into(QByteArrayView data, unsigned char *out)
{
    // One hash object per thread: the signer is const and called from many threads.
    thread_local QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.reset();
    hash.addData(data);
    copyDigest(hash.resultView(), out);
}

void hmacSha256Into(QByteArrayView key, QByteArrayView data, unsigned char *out)
{
    // A local object: the key it keeps (a signing key) dies with it, not in a thread's cache.
    // fromRawData: no copy of the key; the object does not outlive the caller's buffer.
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256,
                                   QByteArray::fromRawData(key.data(), key.size()));
    mac.addData(data.data(), data.size());
    const QByteArray digest = mac.result();
    copyDigest(digest, out);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    // Every byte is compared, whatever the first difference: no early exit to time.
    volatile unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
    return difference == 0;
}

void releaseThreadState() { }

const char *backendName()
{
    return "qt";
}

} // namespace QtSigV4Private
