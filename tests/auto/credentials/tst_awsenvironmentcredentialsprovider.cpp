// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (and legacy names).
#include <qtsigv4/awsenvironmentcredentialsprovider.h>

#include "awstestenvironment.h"

#include <QtTest/QtTest>

class tst_AwsEnvironmentCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fetch_data();
    void fetch();
    void readsEnvironmentAtEveryRefresh();
};

void tst_AwsEnvironmentCredentialsProvider::fetch_data()
{
    QTest::addColumn<QByteArrayList>("environment");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expiration");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("key and secret")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=SECRETENV" }
            << AwsCredentialsProvider::NoError << "AKIDENV" << "" << "" << "";
    QTest::newRow("with session token")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=ASIAENV", "AWS_SECRET_ACCESS_KEY=SECRETENV",
                               "AWS_SESSION_TOKEN=TOKENENV" }
            << AwsCredentialsProvider::NoError << "ASIAENV" << "TOKENENV" << "" << "";
    QTest::newRow("legacy names")
            << QByteArrayList{ "AWS_ACCESS_KEY=AKIDOLD", "AWS_SECRET_KEY=SECRETOLD",
                               "AWS_SECURITY_TOKEN=TOKENOLD" }
            << AwsCredentialsProvider::NoError << "AKIDOLD" << "TOKENOLD" << "" << "";
    QTest::newRow("standard names win")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDNEW", "AWS_ACCESS_KEY=AKIDOLD",
                               "AWS_SECRET_ACCESS_KEY=SECRETNEW" }
            << AwsCredentialsProvider::NoError << "AKIDNEW" << "" << "" << "";
    QTest::newRow("expiration")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=SECRETENV",
                               "AWS_CREDENTIAL_EXPIRATION=2999-01-01T00:00:00Z" }
            << AwsCredentialsProvider::NoError << "AKIDENV" << "" << "2999-01-01T00:00:00Z" << "";
    QTest::newRow("nothing set") << QByteArrayList() << AwsCredentialsProvider::NotConfiguredError
                                 << "" << "" << "" << "AWS_ACCESS_KEY_ID";
    QTest::newRow("only key id") << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDENV" }
                                 << AwsCredentialsProvider::InvalidConfigurationError << "" << ""
                                 << "" << "AWS_SECRET_ACCESS_KEY is not";
    QTest::newRow("only secret") << QByteArrayList{ "AWS_SECRET_ACCESS_KEY=SECRETENV" }
                                 << AwsCredentialsProvider::InvalidConfigurationError << "" << ""
                                 << "" << "AWS_ACCESS_KEY_ID is not";
    QTest::newRow("blank values") << QByteArrayList{ "AWS_ACCESS_KEY_ID=  ", "AWS_SECRET_ACCESS_KEY=" }
                                  << AwsCredentialsProvider::NotConfiguredError << "" << "" << ""
                                  << "not set";
    QTest::newRow("bad expiration")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=SECRETENV",
                               "AWS_CREDENTIAL_EXPIRATION=tomorrow" }
            << AwsCredentialsProvider::InvalidConfigurationError << "" << "" << ""
            << "AWS_CREDENTIAL_EXPIRATION";
    QTest::newRow("expired")
            << QByteArrayList{ "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=SECRETENV",
                               "AWS_CREDENTIAL_EXPIRATION=2000-01-01T00:00:00Z" }
            << AwsCredentialsProvider::ExpiredError << "" << "" << "" << "expired";
}

void tst_AwsEnvironmentCredentialsProvider::fetch()
{
    QFETCH(QByteArrayList, environment);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, keyId);
    QFETCH(QString, token);
    QFETCH(QString, expiration);
    QFETCH(QString, messagePart);
    AwsTestEnvironment env;
    for (const QByteArray &assignment : environment) {
        const int eq = assignment.indexOf('=');
        env.set(assignment.left(eq), assignment.mid(eq + 1));
    }
    AwsEnvironmentCredentialsProvider provider;
    QCOMPARE(provider.name(), QStringLiteral("environment"));
    AwsCredentialsProvider::Error actualError = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(1000, &actualError, &message);
    QCOMPARE(actualError, error);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), keyId);
        QCOMPARE(credentials.sessionToken(), token);
        QCOMPARE(credentials.providerName(), QStringLiteral("environment"));
        if (expiration.isEmpty())
            QVERIFY(!credentials.canExpire());
        else
            QCOMPARE(credentials.expiration(), QDateTime::fromString(expiration, Qt::ISODate));
    } else {
        QVERIFY(credentials.isNull());
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("SECRETENV")));
    }
}

void tst_AwsEnvironmentCredentialsProvider::readsEnvironmentAtEveryRefresh()
{
    AwsTestEnvironment env;
    AwsEnvironmentCredentialsProvider provider;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(provider.waitForCredentials(1000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NotConfiguredError);
    env.set("AWS_ACCESS_KEY_ID", "AKIDLATER");
    env.set("AWS_SECRET_ACCESS_KEY", "S");
    QCOMPARE(provider.waitForCredentials(1000, &error).accessKeyId(), QStringLiteral("AKIDLATER"));
}

QTEST_GUILESS_MAIN(tst_AwsEnvironmentCredentialsProvider)
#include "tst_awsenvironmentcredentialsprovider.moc"
