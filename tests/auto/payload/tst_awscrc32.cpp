// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// CRC-32 and CRC-32C: the check values of the catalogue of CRC algorithms, and random data fed
// at every alignment and in uneven pieces, compared with a bit-at-a-time reference, for the
// table path and for the CPU's CRC instructions when this machine has them.
#include "payload/awscrc32_p.h"

#include <QtCore/qrandom.h>
#include <QtTest/qtest.h>

using QtSigV4Private::Crc32;

class tst_AwsCrc32 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkValues_data();
    void checkValues();
    void matchesReference_data();
    void matchesReference();
};

// One bit at a time, straight from the definition (reflected polynomials).
static quint32 reference(QByteArrayView data, Crc32::Variant variant)
{
    const quint32 polynomial = variant == Crc32::Castagnoli ? 0x82F63B78u : 0xEDB88320u;
    quint32 crc = 0xFFFFFFFFu;
    for (char c : data) {
        crc ^= uchar(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ polynomial : crc >> 1;
    }
    return ~crc;
}

void tst_AwsCrc32::checkValues_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("variant");
    QTest::addColumn<quint32>("expected");
    QTest::newRow("crc32 123456789") << QByteArray("123456789") << int(Crc32::Iso) << 0xCBF43926u;
    QTest::newRow("crc32c 123456789") << QByteArray("123456789") << int(Crc32::Castagnoli) << 0xE3069283u;
    QTest::newRow("crc32 empty") << QByteArray() << int(Crc32::Iso) << 0u;
    QTest::newRow("crc32c empty") << QByteArray() << int(Crc32::Castagnoli) << 0u;
    // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, of 0xFF.
    QTest::newRow("crc32c 32 zeros") << QByteArray(32, '\0') << int(Crc32::Castagnoli) << 0x8A9136AAu;
    QTest::newRow("crc32c 32 ones") << QByteArray(32, '\xFF') << int(Crc32::Castagnoli) << 0x62A8AB43u;
}

void tst_AwsCrc32::checkValues()
{
    QFETCH(QByteArray, data);
    QFETCH(int, variant);
    QFETCH(quint32, expected);
    const auto v = Crc32::Variant(variant);
    QCOMPARE(Crc32::checksum(data, v), expected);
    QCOMPARE(Crc32::tableChecksum(data, v), expected);
    QCOMPARE(reference(data, v), expected);
}

void tst_AwsCrc32::matchesReference_data()
{
    QTest::addColumn<int>("variant");
    QTest::newRow("crc32") << int(Crc32::Iso);
    QTest::newRow("crc32c") << int(Crc32::Castagnoli);
}

void tst_AwsCrc32::matchesReference()
{
    QFETCH(int, variant);
    const auto v = Crc32::Variant(variant);
    qInfo("CPU CRC instructions used: %s", Crc32::usesHardware(v) ? "yes" : "no");
    QByteArray data(4099, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &c : data)
        c = char(generator.bounded(256));
    // Every start alignment and lengths around the 8-byte steps.
    for (int start = 0; start < 16; ++start) {
        for (int length : { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4083 }) {
            const QByteArrayView piece = QByteArrayView(data).sliced(start, length);
            const quint32 expected = reference(piece, v);
            QCOMPARE(Crc32::checksum(piece, v), expected);
            QCOMPARE(Crc32::tableChecksum(piece, v), expected);
        }
    }
    // Fed in uneven pieces, the running value is the same.
    Crc32 crc(v);
    qsizetype at = 0;
    for (int step = 1; at < data.size(); step = step * 3 % 97 + 1) {
        crc.addData(QByteArrayView(data).sliced(at, qMin<qsizetype>(step, data.size() - at)));
        at += step;
    }
    QCOMPARE(crc.value(), reference(data, v));
    QCOMPARE(crc.result().toHex(), QByteArray::number(reference(data, v), 16).rightJustified(8, '0'));
}

QTEST_APPLESS_MAIN(tst_AwsCrc32)
#include "tst_awscrc32.moc"
