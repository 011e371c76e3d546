// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The signer's direct SHA-256 and fixed-key HMAC-SHA256 against RFC 4231 and against the
// Qt's own implementations, across the block boundaries of the key and the message.
#include "core/awshmacsha256_p.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qmessageauthenticationcode.h>
#include <QtTest/qtest.h>

using namespace QtSigV4Private;

namespace {

QByteArray hmacHex(const HmacSha256Key &key, QByteArrayView data)
{
    unsigned char mac[32];
    key.sign(data, mac);
    return QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toHex();
}

// A byte pattern that differs from one length to the next.
QByteArray pattern(int size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = char((i * 131 + seed * 17 + 7) & 0xff);
    return out;
}

} // namespace

class tst_AwsHmacSha256 : public QObject
{
    Q_OBJECT
private slots:
    void rfc4231_data();
    void rfc4231();
    void sameAsQt_data();
    void sameAsQt();
    void copies();
};

void tst_AwsHmacSha256::rfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac");
    QTest::newRow("case-1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("case-2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("case-6-long-key") << QByteArray(131, '\xaa')
                                     << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
                                     << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

void tst_AwsHmacSha256::rfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);
    QCOMPARE(hmacHex(HmacSha256Key(key), data), mac);
}

void tst_AwsHmacSha256::sameAsQt_data()
{
    QTest::addColumn<int>("keySize");
    for (int keySize : { 0, 1, 32, 63, 64, 65, 100 })
        QTest::addRow("key-%d", keySize) << keySize;
}

void tst_AwsHmacSha256::sameAsQt()
{
    QFETCH(int, keySize);
    const QByteArray key = pattern(keySize, 1);
    const HmacSha256Key hmac(key);
    for (int size = 0; size <= 300; ++size) {
        const QByteArray data = pattern(size, size);
        QCOMPARE(hmacHex(hmac, data), QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex());
        unsigned char digest[32];
        sha256Direct(data, digest);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest),
                 QCryptographicHash::hash(data, QCryptographicHash::Sha256));
    }
}

void tst_AwsHmacSha256::copies()
{
    const HmacSha256Key a(QByteArray("key a")), b(QByteArray("key b"));
    HmacSha256Key c(a);
    QCOMPARE(hmacHex(c, "m"), hmacHex(a, "m"));
    c = b;
    QCOMPARE(hmacHex(c, "m"), hmacHex(b, "m"));
    QVERIFY(hmacHex(a, "m") != hmacHex(b, "m"));
    QCOMPARE(hmacHex(HmacSha256Key(), "m"),
             QMessageAuthenticationCode::hash("m", QByteArray(), QCryptographicHash::Sha256).toHex());
}

QTEST_GUILESS_MAIN(tst_AwsHmacSha256)
#include "tst_awshmacsha256.moc"
