// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The ECS / container credentials endpoint contract, served on 127.0.0.1.
#include <qtsigv4/awscontainercredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtCore/qelapsedtimer.h>
#include <QtTest/QtTest>

static QByteArray credentialsJson(const QByteArray &keyId)
{
    return "{\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\"SECRETECS\",\"Token\":\"TOKENECS\","
           "\"Expiration\":\"" + QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1()
            + "\",\"RoleArn\":\"arn:aws:iam::123456789012:role/ecs\"}";
}

class tst_AwsContainerCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void allowedFullUri_data();
    void allowedFullUri();
    void contract_data();
    void contract();
    void retriesServerErrors();
    void hangingEndpointTimesOut();
};

void tst_AwsContainerCredentialsProvider::allowedFullUri_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https anywhere") << "https://creds.example.com/x" << true;
    QTest::newRow("http loopback v4") << "http://127.0.0.1:8080/x" << true;
    QTest::newRow("http loopback 127/8") << "http://127.1.2.3/x" << true;
    QTest::newRow("http loopback v6") << "http://[::1]:80/x" << true;
    QTest::newRow("http localhost") << "http://localhost/x" << true;
    QTest::newRow("http ecs agent") << "http://169.254.170.2/v2/credentials" << true;
    QTest::newRow("http eks pod identity v4") << "http://169.254.170.23/v1/credentials" << true;
    QTest::newRow("http eks pod identity v6") << "http://[fd00:ec2::23]/v1/credentials" << true;
    QTest::newRow("http remote host") << "http://creds.example.com/x" << false;
    QTest::newRow("http private address") << "http://10.0.0.1/x" << false;
    QTest::newRow("imds address") << "http://169.254.169.254/x" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1/x" << false;
    QTest::newRow("garbage") << "::nonsense" << false;
}

void tst_AwsContainerCredentialsProvider::allowedFullUri()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(AwsContainerCredentialsProvider::isAllowedFullUri(QUrl(url)), allowed);
}

void tst_AwsContainerCredentialsProvider::contract_data()
{
    QTest::addColumn<QString>("mode");            // relative, full, none, full-remote
    QTest::addColumn<QByteArray>("tokenEnv");
    QTest::addColumn<QByteArray>("tokenFile");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QByteArray>("expectedAuthorization");
    QTest::addColumn<int>("expectedRequests");

    const QByteArray good = credentialsJson("ASIAECS");
    QTest::newRow("relative uri") << "relative" << QByteArray() << QByteArray() << 200 << good
                                  << AwsCredentialsProvider::NoError << QByteArray() << 1;
    QTest::newRow("full uri with token") << "full" << QByteArray("Bearer abc") << QByteArray()
                                         << 200 << good << AwsCredentialsProvider::NoError
                                         << QByteArray("Bearer abc") << 1;
    QTest::newRow("full uri with token file (wins)")
            << "full" << QByteArray("from-env") << QByteArray("from-file\n") << 200 << good
            << AwsCredentialsProvider::NoError << QByteArray("from-file") << 1;
    QTest::newRow("not configured") << "none" << QByteArray() << QByteArray() << 200 << good
                                    << AwsCredentialsProvider::NotConfiguredError << QByteArray() << 0;
    QTest::newRow("remote http full uri refused")
            << "full-remote" << QByteArray() << QByteArray() << 200 << good
            << AwsCredentialsProvider::InvalidConfigurationError << QByteArray() << 0;
    QTest::newRow("token with line break refused")
            << "full" << QByteArray("abc\r\nX-Evil: 1") << QByteArray() << 200 << good
            << AwsCredentialsProvider::InvalidConfigurationError << QByteArray() << 0;
    QTest::newRow("unauthorized") << "full" << QByteArray("wrong") << QByteArray() << 401
                                  << QByteArray("denied")
                                  << AwsCredentialsProvider::InvalidConfigurationError
                                  << QByteArray("wrong") << 1;
    QTest::newRow("not found") << "relative" << QByteArray() << QByteArray() << 404
                               << QByteArray("nope") << AwsCredentialsProvider::NetworkError
                               << QByteArray() << 1;
    QTest::newRow("bad json") << "relative" << QByteArray() << QByteArray() << 200
                              << QByteArray("{oops") << AwsCredentialsProvider::InvalidConfigurationError
                              << QByteArray() << 1;
    QTest::newRow("missing secret") << "relative" << QByteArray() << QByteArray() << 200
                                    << QByteArray(R"({"AccessKeyId":"A"})")
                                    << AwsCredentialsProvider::InvalidConfigurationError
                                    << QByteArray() << 1;
    // Issue 13: the answer is read up to 256 KiB only (and not retried); nothing in it may
    // become a header.
    QTest::newRow("answer larger than 256 KiB")
            << "relative" << QByteArray() << QByteArray() << 200
            << QByteArray(good).replace("TOKENECS", QByteArray(1 << 20, 'T'))
            << AwsCredentialsProvider::NetworkError << QByteArray() << 1;
    QTest::newRow("error answer larger than 256 KiB")
            << "relative" << QByteArray() << QByteArray() << 500 << QByteArray(1 << 20, 'e')
            << AwsCredentialsProvider::NetworkError << QByteArray() << 1;
    QTest::newRow("Token with CR LF")
            << "relative" << QByteArray() << QByteArray() << 200
            << QByteArray(good).replace("TOKENECS", "T\\r\\nX-Injected: 1")
            << AwsCredentialsProvider::InvalidConfigurationError << QByteArray() << 1;
    QTest::newRow("token file is /dev/zero")
            << "full" << QByteArray() << QByteArray("/dev/zero") << 200 << good
            << AwsCredentialsProvider::InvalidConfigurationError << QByteArray() << 0;
}

void tst_AwsContainerCredentialsProvider::contract()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, tokenEnv);
    QFETCH(QByteArray, tokenFile);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QByteArray, expectedAuthorization);
    QFETCH(int, expectedRequests);

    AwsTestEnvironment env;
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const TestHttpServer::Request &) {
        return TestHttpServer::Response::json(status, body);
    });

    AwsContainerCredentialsProvider provider;
    QCOMPARE(provider.name(), QStringLiteral("container"));
    QCOMPARE(provider.relativeUriBase(), QUrl(QStringLiteral("http://169.254.170.2")));
    provider.setRelativeUriBase(server.url(QString()));
    if (mode == u"relative")
        env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc?x=1");
    else if (mode == u"full")
        env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url(QStringLiteral("/full/creds")).toString());
    else if (mode == u"full-remote")
        env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://creds.example.com/x");
    if (!tokenEnv.isEmpty())
        env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", tokenEnv);
    if (tokenFile.startsWith("/dev/"))
        env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile);
    else if (!tokenFile.isEmpty())
        env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", env.writeFile(QStringLiteral("token"), tokenFile));

    AwsCredentialsProvider::Error actual = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(10000, &actual, &message);
    QCOMPARE(actual, error);
    QCOMPARE(server.requestCount(), expectedRequests);
    if (expectedRequests > 0) {
        const TestHttpServer::Request request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, mode == u"relative" ? QByteArray("/v2/credentials/abc?x=1")
                                                     : QByteArray("/full/creds"));
        QCOMPARE(request.header("authorization"), expectedAuthorization);
    }
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIAECS"));
        QCOMPARE(credentials.secretAccessKey(), QStringLiteral("SECRETECS"));
        QCOMPARE(credentials.sessionToken(), QStringLiteral("TOKENECS"));
        QVERIFY(credentials.canExpire());
    } else {
        QVERIFY(!message.isEmpty());
        QVERIFY(!message.contains(QStringLiteral("from-file")));
        // The rows of issue 13 name what was wrong, and never echo much of the answer.
        const QMap<QString, QString> mentions = {
            { QStringLiteral("answer larger than 256 KiB"), QStringLiteral("larger than 262144 bytes") },
            { QStringLiteral("error answer larger than 256 KiB"), QStringLiteral("larger than 262144 bytes") },
            { QStringLiteral("Token with CR LF"), QStringLiteral("container endpoint: Token contains a control character") },
            { QStringLiteral("token file is /dev/zero"), QStringLiteral("/dev/zero: not a regular file or pipe") },
        };
        const QString mention = mentions.value(QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY2(message.contains(mention) && message.size() < 1200 && !message.contains(u"X-Injected"),
                 qPrintable(message.left(2000)));
    }
}

void tst_AwsContainerCredentialsProvider::retriesServerErrors()
{
    AwsTestEnvironment env;
    TestHttpServer server;
    QVERIFY(server.listen());
    int calls = 0;
    server.setHandler([&](const TestHttpServer::Request &) {
        return ++calls == 1 ? TestHttpServer::Response::text(500, "busy")
                            : TestHttpServer::Response::json(200, credentialsJson("ASIARETRY"));
    });
    env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url(QStringLiteral("/c")).toString());
    AwsContainerCredentialsProvider provider;
    QCOMPARE(provider.attempts(), 2);
    QCOMPARE(provider.waitForCredentials(10000).accessKeyId(), QStringLiteral("ASIARETRY"));
    QCOMPARE(server.requestCount(), 2);

    // With one attempt, the 500 is the answer.
    calls = 0;
    server.clearRequests();
    AwsContainerCredentialsProvider once;
    once.setAttempts(1);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(once.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NetworkError);
    QVERIFY2(message.contains(QStringLiteral("HTTP 500")), qPrintable(message));
}

void tst_AwsContainerCredentialsProvider::hangingEndpointTimesOut()
{
    AwsTestEnvironment env;
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &) { return TestHttpServer::Response::hanging(); });
    env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url(QStringLiteral("/c")).toString());
    AwsContainerCredentialsProvider provider;
    QCOMPARE(provider.timeout(), 2000);
    provider.setTimeout(300);
    QElapsedTimer timer;
    timer.start();
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(provider.waitForCredentials(10000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::TimeoutError);
    QVERIFY(timer.elapsed() < 3000); // 2 attempts of 300 ms
    QCOMPARE(server.requestCount(), 2);
}

QTEST_GUILESS_MAIN(tst_AwsContainerCredentialsProvider)
#include "tst_awscontainercredentialsprovider.moc"
