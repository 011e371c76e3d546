// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The parts of awscrypto_p.h every crypto backend shares (hex, the allocating forms).
#include "core/awscrypto_p.h"

#include <cstring>

namespace QtSigV4Private {

QByteArray Sha256::hash(QByteArrayView data)
{
    QByteArray out(Sha256Size, Qt::Uninitialized);
    sha256Into(data, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray out(Sha256Size, Qt::Uninitialized);
    hmacSha256Into(key, data, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

namespace {

// The two hex digits of every byte value: one 2-byte copy per input byte.
struct HexPairs
{
    char pairs[256][2];
    constexpr HexPairs() : pairs()
    {
        constexpr char digits[] = "0123456789abcdef";
        for (int i = 0; i < 256; ++i) {
            pairs[i][0] = digits[i >> 4];
            pairs[i][1] = digits[i & 0xf];
        }
    }
};

constexpr HexPairs hexPairs;

} // namespace

char *putHex(char *dst, const unsigned char *bytes, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i)
        std::memcpy(dst + 2 * i, hexPairs.pairs[bytes[i]], 2);
    return dst + 2 * size;
}

} // namespace QtSigV4Private
