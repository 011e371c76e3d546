// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCRC32_P_H
#define AWSCRC32_P_H

// Internal: CRC-32 (ISO-HDLC, as zlib) and CRC-32C (Castagnoli), the checksums S3 accepts in
// x-amz-checksum-crc32 / -crc32c: with the CPU's CRC instructions where it has them (x86-64
// SSE 4.2 for CRC-32C, AArch64 CRC for both), else slicing-by-8 tables. Exported (private API, as Qt's) for QtSigV4S3
// (multipart part checksums) and the unit tests.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>

namespace QtSigV4Private {

class QTSIGV4_EXPORT Crc32
{
public:
    enum Variant { Iso, Castagnoli };

    explicit Crc32(Variant variant = Iso);

    void reset() { m_crc = 0xFFFFFFFFu; }
    void addData(QByteArrayView data);
    quint32 value() const { return m_crc ^ 0xFFFFFFFFu; }
    QByteArray result() const; // the 4 bytes, big-endian (as S3 base64-encodes them)

    static quint32 checksum(QByteArrayView data, Variant variant = Iso);
    // For the tests: the table path whatever the CPU has, and whether checksum() uses the CPU's.
    static quint32 tableChecksum(QByteArrayView data, Variant variant);
    static bool usesHardware(Variant variant);

private:
    Variant m_variant;
    bool m_hardware;
    quint32 m_crc = 0xFFFFFFFFu;
};

} // namespace QtSigV4Private

#endif // AWSCRC32_P_H
