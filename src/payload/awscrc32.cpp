// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "payload/awscrc32_p.h"

#include <QtCore/qendian.h>

#include <array>

namespace QtSigV4Private {

namespace {

// Reflected polynomials: CRC-32 (0x04C11DB7) and CRC-32C (0x1EDC6F41).
constexpr quint32 IsoPolynomial = 0xEDB88320u;
constexpr quint32 CastagnoliPolynomial = 0x82F63B78u;

constexpr std::array<quint32, 256> makeTable(quint32 polynomial)
{
    std::array<quint32, 256> table {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) ? (c >> 1) ^ polynomial : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr std::array<quint32, 256> IsoTable = makeTable(IsoPolynomial);
constexpr std::array<quint32, 256> CastagnoliTable = makeTable(CastagnoliPolynomial);

} // namespace

Crc32::Crc32(Variant variant)
    : m_table(variant == Castagnoli ? CastagnoliTable.data() : IsoTable.data())
{
}

void Crc32::addData(QByteArrayView data)
{
    quint32 crc = m_crc;
    const auto *p = reinterpret_cast<const uchar *>(data.data());
    for (qsizetype i = 0; i < data.size(); ++i)
        crc = m_table[(crc ^ p[i]) & 0xFFu] ^ (crc >> 8);
    m_crc = crc;
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

} // namespace QtSigV4Private
