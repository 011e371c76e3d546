// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigner.h>

#include <QtCore/qthread.h>
#include <QtCore/qtimezone.h>
#include <QtTest/qtest.h>

#include <vector>

namespace {
const AwsCredentials Credentials(QStringLiteral("AKIDEXAMPLE"),
                                 QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
const QDate Day(2015, 8, 30);
const QString Region = QStringLiteral("us-east-1");
const QString Service = QStringLiteral("iam");
}

class tst_AwsSigningKey : public QObject
{
    Q_OBJECT
private slots:
    void documentedDerivation();
    void scopeAndExpiry();
    void regeneratesAcrossMidnight();
    void discardedSecret_data();
    void discardedSecret();
    void forgetSecretKeepsScope();
    void strictModeNeverRegenerates();
    void explicitRegenerate();
    void threadsShareOneKey();
};

// The example of the AWS documentation "Deriving the signing key".
void tst_AwsSigningKey::documentedDerivation()
{
    const AwsSigningKey key(Credentials, QDate(2012, 2, 15), QStringLiteral("us-east-1"), QStringLiteral("iam"));
    QCOMPARE(key.key().toHex(), QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
}

void tst_AwsSigningKey::scopeAndExpiry()
{
    const AwsSigningKey key(Credentials, Day, Region, Service);
    QVERIFY(key.isValid());
    QCOMPARE(key.scope(), QByteArray("20150830/us-east-1/iam/aws4_request"));
    QCOMPARE(key.expiresAt(), QDateTime(QDate(2015, 9, 6), QTime(0, 0), QTimeZone::utc()));
    QVERIFY(!key.isExpired(QDateTime(QDate(2015, 9, 5), QTime(23, 59, 59), QTimeZone::utc())));
    QVERIFY(key.isExpired(QDateTime(QDate(2015, 9, 6), QTime(0, 0), QTimeZone::utc())));
    QVERIFY(AwsSigningKey().isNull());
}

void tst_AwsSigningKey::regeneratesAcrossMidnight()
{
    const AwsSigningKey key(Credentials, Day, Region, Service);
    const AwsSigner signer(AwsSigningConfig(Service, Region));
    const AwsHttpRequest request("GET", "/", { { "Host", "iam.amazonaws.com" } });
    const QDateTime beforeMidnight(Day, QTime(23, 59, 59), QTimeZone::utc());
    const QDateTime afterMidnight = beforeMidnight.addSecs(2);
    const AwsSigningResult before = signer.sign(request, key, beforeMidnight);
    const AwsSigningResult after = signer.sign(request, key, afterMidnight);
    QVERIFY(before.isValid() && after.isValid());
    QCOMPARE(before.credentialScope(), QByteArray("20150830/us-east-1/iam/aws4_request"));
    QCOMPARE(after.credentialScope(), QByteArray("20150831/us-east-1/iam/aws4_request"));
    // Same signature as a key derived for the new day from scratch.
    const AwsSigningKey fresh(Credentials, Day.addDays(1), Region, Service);
    QCOMPARE(after.signature(), signer.sign(request, fresh, afterMidnight).signature());
    QCOMPARE(key.keyFor(Day.addDays(1), Region, Service, false), fresh.key());
}

void tst_AwsSigningKey::discardedSecret_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("ok");
    QTest::newRow("same-scope") << QDateTime(Day, QTime(12, 0), QTimeZone::utc()) << Region << true;
    QTest::newRow("next-day") << QDateTime(Day.addDays(1), QTime(0, 0), QTimeZone::utc()) << Region << false;
    QTest::newRow("other-region") << QDateTime(Day, QTime(12, 0), QTimeZone::utc()) << QStringLiteral("eu-west-1") << false;
}

void tst_AwsSigningKey::discardedSecret()
{
    QFETCH(QDateTime, when);
    QFETCH(QString, region);
    QFETCH(bool, ok);
    const AwsSigningKey key(Credentials, Day, Region, Service, AwsSigningKey::DiscardSecret);
    QVERIFY(!key.hasSecret());
    QVERIFY(key.credentials().secretAccessKey().isEmpty());
    QVERIFY(key.isValid());
    const AwsSigningResult result = AwsSigner(AwsSigningConfig(Service, region))
            .sign(AwsHttpRequest("GET", "/", { { "Host", "h" } }), key, when);
    QCOMPARE(result.isValid(), ok);
    if (!ok) {
        QCOMPARE(result.error(), AwsSigningResult::NoSecretKeyError);
        QVERIFY2(result.errorString().contains(u"no secret key"), qPrintable(result.errorString()));
        QVERIFY(!result.errorString().contains(Credentials.secretAccessKey()));
    }
}

void tst_AwsSigningKey::forgetSecretKeepsScope()
{
    AwsSigningKey key(Credentials, Day, Region, Service);
    const QByteArray derived = key.key();
    key.forgetSecret();
    QVERIFY(!key.hasSecret());
    QCOMPARE(key.key(), derived);
    QString error;
    QVERIFY(!key.regenerate(Day.addDays(1), QString(), QString(), &error));
    QVERIFY(error.contains(u"no secret key"));
    QCOMPARE(key.date(), Day);
}

void tst_AwsSigningKey::strictModeNeverRegenerates()
{
    const AwsSigningKey key(Credentials, Day, Region, Service);
    AwsSigningConfig config(Service, Region);
    config.setDateMode(AwsSigningConfig::DateMode::Strict);
    const AwsSigningResult result = AwsSigner(config).sign(
            AwsHttpRequest("GET", "/", { { "Host", "h" } }), key, QDateTime(Day.addDays(1), QTime(1, 0), QTimeZone::utc()));
    QCOMPARE(result.error(), AwsSigningResult::DateMismatchError);
    QVERIFY(result.errorString().contains(u"20150831/us-east-1/iam"));
}

void tst_AwsSigningKey::explicitRegenerate()
{
    AwsSigningKey key(Credentials, Day, Region, Service);
    QVERIFY(key.regenerate(QDate(2012, 2, 15)));
    QCOMPARE(key.key().toHex(), QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
    QVERIFY(key.regenerate(QDate(), QStringLiteral("eu-west-1")));
    QCOMPARE(key.region(), QStringLiteral("eu-west-1"));
    QCOMPARE(key.date(), QDate(2012, 2, 15));
}

void tst_AwsSigningKey::threadsShareOneKey()
{
    const AwsSigningKey key(Credentials, Day, Region, Service);
    const AwsSigner signer(AwsSigningConfig(Service, Region));
    const AwsHttpRequest request("POST", "/?a=b", { { "Host", "h" }, { "Content-Type", "x/y" } }, "body");
    const QDateTime t1(Day, QTime(12, 0), QTimeZone::utc()), t2(Day.addDays(1), QTime(12, 0), QTimeZone::utc());
    const QByteArray expected1 = signer.sign(request, Credentials, t1).signature();
    const QByteArray expected2 = signer.sign(request, Credentials, t2).signature();
    constexpr int Threads = 8, Rounds = 400;
    std::vector<int> mismatches(Threads, 0);
    QList<QThread *> threads;
    for (int i = 0; i < Threads; ++i) {
        threads << QThread::create([&, i] {
            for (int r = 0; r < Rounds; ++r) {
                // Alternate days too, so the key's cache is replaced concurrently.
                const bool second = (r + i) % 2;
                const QByteArray sig = signer.sign(request, key, second ? t2 : t1).signature();
                if (sig != (second ? expected2 : expected1))
                    ++mismatches[i];
            }
        });
        threads.last()->start();
    }
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    for (int i = 0; i < Threads; ++i)
        QCOMPARE(mismatches[i], 0);
}

QTEST_GUILESS_MAIN(tst_AwsSigningKey)
#include "tst_awssigningkey.moc"
