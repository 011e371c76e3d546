// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// OpenSSL 3 deprecates the low-level SHA-256 functions in favour of EVP, whose per-digest
// provider dispatch and context allocation cost more than the hashing of a canonical
// request; they remain available (and use the same SHA-NI/AVX block functions).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/awshmacsha256_p.h"

#include "core/awscrypto_p.h"

#include <cstring>

#if defined(QTSIGV4_CRYPTO_QT) // no libcrypto: the backend's functions
#  define QTSIGV4_HMAC_FALLBACK
#else
#  include <openssl/crypto.h>
#  include <openssl/opensslconf.h>
#  include <openssl/sha.h>
#  if defined(OPENSSL_NO_DEPRECATED_3_0)
#    define QTSIGV4_HMAC_FALLBACK
#  endif
#endif

namespace QtSigV4Private {

namespace {

constexpr int BlockSize = 64;

} // namespace

#ifndef QTSIGV4_HMAC_FALLBACK

static_assert(sizeof(SHA256_CTX) <= 112, "HmacSha256Key::StateSize is too small for SHA256_CTX");

void sha256Direct(QByteArrayView data, unsigned char *out)
{
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data.data(), size_t(data.size()));
    SHA256_Final(out, &ctx);
}

HmacSha256Key::HmacSha256Key() : HmacSha256Key(QByteArrayView()) { }

HmacSha256Key::HmacSha256Key(QByteArrayView key)
{
    unsigned char block[BlockSize] = {};
    if (key.size() > BlockSize)
        sha256Direct(key, block);
    else if (!key.isEmpty())
        std::memcpy(block, key.data(), size_t(key.size()));
    unsigned char pad[BlockSize];
    for (unsigned char xorWith : { 0x36, 0x5c }) {
        for (int i = 0; i < BlockSize; ++i)
            pad[i] = block[i] ^ xorWith;
        SHA256_CTX ctx;
        SHA256_Init(&ctx);
        SHA256_Update(&ctx, pad, BlockSize);
        std::memcpy(xorWith == 0x36 ? m_inner : m_outer, &ctx, sizeof ctx);
        OPENSSL_cleanse(&ctx, sizeof ctx);
    }
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
}

void HmacSha256Key::sign(QByteArrayView data, unsigned char *out) const
{
    SHA256_CTX ctx;
    std::memcpy(&ctx, m_inner, sizeof ctx);
    SHA256_Update(&ctx, data.data(), size_t(data.size()));
    unsigned char inner[Sha256Size];
    SHA256_Final(inner, &ctx);
    std::memcpy(&ctx, m_outer, sizeof ctx);
    SHA256_Update(&ctx, inner, Sha256Size);
    SHA256_Final(out, &ctx);
    OPENSSL_cleanse(&ctx, sizeof ctx);
}

#else // the backend's functions, with the key kept as it is

void sha256Direct(QByteArrayView data, unsigned char *out)
{
    sha256Into(data, out);
}

HmacSha256Key::HmacSha256Key() : HmacSha256Key(QByteArrayView()) { }

HmacSha256Key::HmacSha256Key(QByteArrayView key)
{
    std::memset(m_inner, 0, sizeof m_inner);
    std::memset(m_outer, 0, sizeof m_outer);
    if (key.size() > BlockSize)
        sha256Into(key, m_inner);
    else if (!key.isEmpty())
        std::memcpy(m_inner, key.data(), size_t(key.size()));
}

void HmacSha256Key::sign(QByteArrayView data, unsigned char *out) const
{
    hmacSha256Into(QByteArrayView(m_inner, BlockSize), data, out); // zero-padded: the same HMAC
}

#endif

HmacSha256Key::HmacSha256Key(const HmacSha256Key &other)
{
    std::memcpy(m_inner, other.m_inner, sizeof m_inner);
    std::memcpy(m_outer, other.m_outer, sizeof m_outer);
}

HmacSha256Key &HmacSha256Key::operator=(const HmacSha256Key &other)
{
    std::memcpy(m_inner, other.m_inner, sizeof m_inner);
    std::memcpy(m_outer, other.m_outer, sizeof m_outer);
    return *this;
}

// Key material is wiped, not just freed: a store the compiler may not drop (libcrypto may be
// absent, so no OPENSSL_cleanse here).
static void wipe(unsigned char *bytes, size_t size)
{
    volatile unsigned char *p = bytes;
    while (size--)
        *p++ = 0;
}

HmacSha256Key::~HmacSha256Key()
{
    wipe(m_inner, sizeof m_inner);
    wipe(m_outer, sizeof m_outer);
}

} // namespace QtSigV4Private
