// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The OpenSSL backend of awscrypto_p.h (QTSIGV4_CRYPTO=openssl).
#include "core/awscrypto_p.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstring>

namespace QtSigV4Private {

namespace {

// Fetch the digest once: EVP_sha256() would do an implicit fetch on every init in OpenSSL 3.
const EVP_MD *sha256Md()
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    static const EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md ? md : EVP_sha256();
#else
    return EVP_sha256();
#endif
}

// One digest context per thread: the signer is const and called from many threads.
struct ThreadDigest
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~ThreadDigest() { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX *threadContext()
{
    thread_local ThreadDigest digest;
    return digest.ctx;
}

void digestParts(EVP_MD_CTX *ctx, const unsigned char *a, size_t alen, const void *b, size_t blen,
                 unsigned char *out)
{
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, a, alen);
    EVP_DigestUpdate(ctx, b, blen);
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
}

} // namespace

struct Sha256::Context
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_ctx(new Context)
{
    reset();
}

Sha256::~Sha256()
{
    delete m_ctx;
}

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx->md, sha256Md(), nullptr);
}

void Sha256::addData(const char *data, qsizetype size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx->md, data, size_t(size));
}

QByteArray Sha256::result()
{
    QByteArray out(Sha256Size, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx->md, reinterpret_cast<unsigned char *>(out.data()), &len);
    return out;
}

void sha256Into(QByteArrayView data, unsigned char *out)
{
    EVP_MD_CTX *ctx = threadContext();
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, data.data(), size_t(data.size()));
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
}

// RFC 2104 over the thread's digest context: avoids the per-call allocation of
// EVP_MAC/HMAC_CTX, which dominates the cost of the tiny messages SigV4 signs.
void hmacSha256Into(QByteArrayView key, QByteArrayView data, unsigned char *out)
{
    constexpr int BlockSize = 64;
    unsigned char block[BlockSize] = {};
    EVP_MD_CTX *ctx = threadContext();
    if (key.size() > BlockSize)
        sha256Into(key, block);
    else if (!key.isEmpty())
        std::memcpy(block, key.data(), size_t(key.size()));
    unsigned char pad[BlockSize];
    for (int i = 0; i < BlockSize; ++i)
        pad[i] = block[i] ^ 0x36;
    unsigned char inner[Sha256Size];
    digestParts(ctx, pad, BlockSize, data.data(), size_t(data.size()), inner);
    for (int i = 0; i < BlockSize; ++i)
        pad[i] = block[i] ^ 0x5c;
    digestParts(ctx, pad, BlockSize, inner, Sha256Size, out);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

// OpenSSL frees a thread's state (its error queue, at least) when the thread exits, but only
// if OPENSSL_cleanup() has not run yet. QCoreApplication's destructor waits for the pool's
// threads to finish their work, not for them to exit, so at application exit a worker can
// outlive OpenSSL and its state leaks: the body-hash worker calls this at the end of every task.
void releaseThreadState()
{
    OPENSSL_thread_stop();
}

const char *backendName()
{
    return "openssl";
}

} // namespace QtSigV4Private
