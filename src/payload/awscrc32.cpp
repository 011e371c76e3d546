// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "payload/awscrc32_p.h"

#include <QtCore/qendian.h>

#include <array>
#include <cstring>

#if defined(__aarch64__) && defined(__linux__) && defined(__GNUC__)
#  include <asm/hwcap.h>
#  include <sys/auxv.h>
#  define QTSIGV4_CRC32_AARCH64
#elif defined(__x86_64__) && defined(__GNUC__)
#  define QTSIGV4_CRC32_SSE42
#endif

namespace QtSigV4Private {

namespace {

// Reflected polynomials: CRC-32 (0x04C11DB7) and CRC-32C (0x1EDC6F41).
constexpr quint32 IsoPolynomial = 0xEDB88320u;
constexpr quint32 CastagnoliPolynomial = 0x82F63B78u;

// Slicing-by-8: table k maps a byte to its CRC after k more zero bytes, so that eight bytes
// are folded with eight lookups and no dependency between them.
using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables(quint32 polynomial)
{
    Tables t {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) ? (c >> 1) ^ polynomial : c >> 1;
        t[0][i] = c;
    }
    for (size_t k = 1; k < t.size(); ++k) {
        for (quint32 i = 0; i < 256; ++i)
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
    }
    return t;
}

constexpr Tables IsoTables = makeTables(IsoPolynomial);
constexpr Tables CastagnoliTables = makeTables(CastagnoliPolynomial);

quint32 crcTables(const Tables &t, quint32 crc, const uchar *p, qsizetype n)
{
    for (; n >= 8; p += 8, n -= 8) {
        const quint32 lo = qFromLittleEndian<quint32>(p) ^ crc;
        const quint32 hi = qFromLittleEndian<quint32>(p + 4);
        crc = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24]
                ^ t[3][hi & 0xFFu] ^ t[2][(hi >> 8) & 0xFFu] ^ t[1][(hi >> 16) & 0xFFu] ^ t[0][hi >> 24];
    }
    for (; n > 0; ++p, --n)
        crc = t[0][(crc ^ *p) & 0xFFu] ^ (crc >> 8);
    return crc;
}

// The CPU's own CRC instructions, where there are some: CRC-32C on x86-64 (SSE 4.2), both
// polynomials on AArch64 (the CRC extension). Checked at run time, once.
#if defined(QTSIGV4_CRC32_SSE42)
__attribute__((target("sse4.2"))) quint32 crcHardware(Crc32::Variant, quint32 crc, const uchar *p,
                                                      qsizetype n)
{
    quint64 wide = crc;
    for (; n >= 8; p += 8, n -= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        wide = __builtin_ia32_crc32di(wide, v);
    }
    crc = quint32(wide);
    for (; n > 0; ++p, --n)
        crc = __builtin_ia32_crc32qi(crc, *p);
    return crc;
}

bool hasHardware(Crc32::Variant variant)
{
    static const bool sse42 = __builtin_cpu_supports("sse4.2");
    return variant == Crc32::Castagnoli && sse42;
}
#elif defined(QTSIGV4_CRC32_AARCH64)
__attribute__((target("+crc"))) quint32 crcHardware(Crc32::Variant variant, quint32 crc,
                                                    const uchar *p, qsizetype n)
{
    const bool c = variant == Crc32::Castagnoli;
    for (; n >= 8; p += 8, n -= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        crc = c ? __builtin_aarch64_crc32cx(crc, v) : __builtin_aarch64_crc32x(crc, v);
    }
    for (; n > 0; ++p, --n)
        crc = c ? __builtin_aarch64_crc32cb(crc, *p) : __builtin_aarch64_crc32b(crc, *p);
    return crc;
}

bool hasHardware(Crc32::Variant)
{
    static const bool crc = (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
    return crc;
}
#else
quint32 crcHardware(Crc32::Variant, quint32 crc, const uchar *, qsizetype) { return crc; }
bool hasHardware(Crc32::Variant) { return false; }
#endif

} // namespace

Crc32::Crc32(Variant variant) : m_variant(variant), m_hardware(hasHardware(variant)) { }

void Crc32::addData(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const uchar *>(data.data());
    m_crc = m_hardware ? crcHardware(m_variant, m_crc, p, data.size())
                       : crcTables(m_variant == Castagnoli ? CastagnoliTables : IsoTables, m_crc, p,
                                   data.size());
}

QByteArray Crc32::result() const
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(value(), out.data());
    return out;
}

quint32 Crc32::checksum(QByteArrayView data, Variant variant)
{
    Crc32 crc(variant);
    crc.addData(data);
    return crc.value();
}

quint32 Crc32::tableChecksum(QByteArrayView data, Variant variant)
{
    return ~crcTables(variant == Castagnoli ? CastagnoliTables : IsoTables, 0xFFFFFFFFu,
                      reinterpret_cast<const uchar *>(data.data()), data.size());
}

bool Crc32::usesHardware(Variant variant)
{
    return hasHardware(variant);
}

} // namespace QtSigV4Private
