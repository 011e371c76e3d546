// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The STS client against a local fake: request shape, XML parsing, error answers, time-outs.
// (The real service behaviour is tested against moto in tests/integration/credentials.)
#include <qtsigv4/awsstsclient.h>

#include "testhttpserver.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qurlquery.h>
#include <QtTest/QtTest>

static const QByteArray okBody =
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
        "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/R/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>"
        "<Credentials><AccessKeyId>ASIASTS</AccessKeyId><SecretAccessKey>SECRETSTS</SecretAccessKey>"
        "<SessionToken>TOKENSTS</SessionToken><Expiration>2999-01-01T10:00:00Z</Expiration>"
        "</Credentials></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
        "</AssumeRoleResponse>";

class tst_AwsStsClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseCredentials_data();
    void parseCredentials();
    void parseError();
    void defaultEndpoint_data();
    void defaultEndpoint();
    void answers_data();
    void answers();
    void webIdentityIsUnsigned();
    void timeout();
    void abortEmitsNothing();
};

void tst_AwsStsClient::parseCredentials_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<bool>("valid");
    QTest::newRow("AssumeRole") << okBody << true;
    QTest::newRow("no expiration")
            << QByteArray("<R><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey></Credentials></R>")
            << true;
    QTest::newRow("no credentials") << QByteArray("<R><Other/></R>") << false;
    QTest::newRow("malformed") << QByteArray("<R><Credentials><AccessKeyId>A</Acc") << false;
    QTest::newRow("bad expiration")
            << QByteArray("<R><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
                          "<Expiration>later</Expiration></Credentials></R>")
            << false;
}

void tst_AwsStsClient::parseCredentials()
{
    QFETCH(QByteArray, xml);
    QFETCH(bool, valid);
    QString error;
    const AwsCredentials c = AwsStsClient::parseCredentialsResponse(xml, &error);
    QCOMPARE(c.isValid(), valid);
    QCOMPARE(error.isEmpty(), valid);
    if (QTest::currentDataTag() == QLatin1String("AssumeRole")) {
        QCOMPARE(c.accessKeyId(), QStringLiteral("ASIASTS"));
        QCOMPARE(c.secretAccessKey(), QStringLiteral("SECRETSTS"));
        QCOMPARE(c.sessionToken(), QStringLiteral("TOKENSTS"));
        QCOMPARE(c.expiration(), QDateTime(QDate(2999, 1, 1), QTime(10, 0), QTimeZone::utc()));
    }
}

void tst_AwsStsClient::parseError()
{
    QString code;
    QCOMPARE(AwsStsClient::parseErrorResponse(
                     "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                     "<Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token "
                     "included in the request is expired</Message></Error><RequestId>x</RequestId>"
                     "</ErrorResponse>",
                     &code),
             QStringLiteral("The security token included in the request is expired"));
    QCOMPARE(code, QStringLiteral("ExpiredToken"));
    QCOMPARE(AwsStsClient::parseErrorResponse("not xml", &code), QString());
    QCOMPARE(code, QString());
}

void tst_AwsStsClient::defaultEndpoint_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");
    QTest::newRow("global") << "" << "https://sts.amazonaws.com/";
    QTest::newRow("regional") << "eu-west-1" << "https://sts.eu-west-1.amazonaws.com/";
    QTest::newRow("china") << "cn-north-1" << "https://sts.cn-north-1.amazonaws.com.cn/";
}

void tst_AwsStsClient::defaultEndpoint()
{
    QFETCH(QString, region);
    QFETCH(QString, expected);
    QCOMPARE(AwsStsClient::defaultEndpoint(region).toString(), expected);
    AwsStsClient client;
    client.setRegion(region);
    QCOMPARE(client.effectiveEndpoint().toString(), expected);
    client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")));
    QCOMPARE(client.effectiveEndpoint().toString(), QStringLiteral("http://127.0.0.1:9/"));
}

void tst_AwsStsClient::answers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("ok") << 200 << okBody << AwsCredentialsProvider::NoError << "";
    QTest::newRow("access denied") << 403
                                   << QByteArray("<ErrorResponse><Error><Code>AccessDenied</Code>"
                                                 "<Message>not allowed</Message></Error></ErrorResponse>")
                                   << AwsCredentialsProvider::InvalidConfigurationError
                                   << "HTTP 403: AccessDenied: not allowed";
    QTest::newRow("throttled") << 503 << QByteArray("<ErrorResponse><Error><Code>Throttling</Code>"
                                                    "<Message>slow down</Message></Error></ErrorResponse>")
                               << AwsCredentialsProvider::NetworkError << "Throttling: slow down";
    QTest::newRow("200 without credentials") << 200 << QByteArray("<x/>")
                                             << AwsCredentialsProvider::InvalidConfigurationError
                                             << "unexpected answer";
    QTest::newRow("error without xml") << 400 << QByteArray("bad")
                                       << AwsCredentialsProvider::InvalidConfigurationError << "HTTP 400";
    // Issue 13: answers are bounded, and nothing in them may become a header.
    QTest::newRow("answer larger than 256 KiB")
            << 200 << QByteArray(okBody).replace("TOKENSTS", QByteArray(1 << 20, 'T'))
            << AwsCredentialsProvider::NetworkError << "larger than 262144 bytes";
    QTest::newRow("error answer larger than 256 KiB")
            << 400 << QByteArray(1 << 20, 'e')
            << AwsCredentialsProvider::NetworkError << "larger than 262144 bytes";
    QTest::newRow("SessionToken with CR LF")
            << 200 << QByteArray(okBody).replace("TOKENSTS", "T&#13;&#10;X-Injected: 1")
            << AwsCredentialsProvider::InvalidConfigurationError
            << "SessionToken contains a control character (at offset 1)";
}

void tst_AwsStsClient::answers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, messagePart);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(status, body);
    });
    AwsStsClient client;
    client.setEndpoint(server.url());
    client.setRegion(QStringLiteral("us-west-2"));
    QSignalSpy finished(&client, &AwsStsClient::finished);
    QSignalSpy failed(&client, &AwsStsClient::failed);
    AwsStsClient::AssumeRoleParameters parameters;
    parameters.roleArn = QStringLiteral("arn:aws:iam::1:role/R");
    parameters.policy = QStringLiteral("{\"Version\":\"2012-10-17\"}");
    client.assumeRole(AwsCredentials(QStringLiteral("AKIDSRC"), QStringLiteral("S")), parameters);
    QTRY_VERIFY(finished.count() + failed.count() == 1);
    QVERIFY(!client.isBusy());
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(finished.at(0).at(0).value<AwsCredentials>().accessKeyId(), QStringLiteral("ASIASTS"));
    } else {
        QCOMPARE(failed.at(0).at(0).value<AwsCredentialsProvider::Error>(), error);
        const QString message = failed.at(0).at(1).toString();
        QVERIFY2(message.contains(messagePart), qPrintable(message.left(2000)));
        QVERIFY2(message.size() < 1200 && !message.contains(u"X-Injected"), qPrintable(message.left(2000)));
        QVERIFY2(message.contains(QStringLiteral("arn:aws:iam::1:role/R")), qPrintable(message));
    }
    const TestHttpServer::Request request = server.requests().constFirst();
    QVERIFY(request.header("authorization").contains("/us-west-2/sts/aws4_request"));
    QVERIFY(request.header("x-amz-security-token").isEmpty());
    const QUrlQuery form(QString::fromUtf8(request.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("Policy"), QUrl::FullyDecoded), parameters.policy);
    QVERIFY(form.queryItemValue(QStringLiteral("RoleSessionName")).startsWith(u"qtsigv4-session-"));
}

void tst_AwsStsClient::webIdentityIsUnsigned()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(200, QByteArray(okBody).replace("AssumeRole", "AssumeRoleWithWebIdentity"));
    });
    AwsStsClient client;
    client.setEndpoint(server.url());
    QSignalSpy finished(&client, &AwsStsClient::finished);
    client.assumeRoleWithWebIdentity(QStringLiteral("arn:aws:iam::1:role/W"), QStringLiteral("sess"),
                                     "header.pay+load/=.sig\n", 900);
    QVERIFY(finished.wait(5000));
    const TestHttpServer::Request request = server.requests().constFirst();
    QVERIFY(request.header("authorization").isEmpty());
    QVERIFY(request.header("x-amz-date").isEmpty());
    const QUrlQuery form(QString::fromUtf8(request.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("Action")), QStringLiteral("AssumeRoleWithWebIdentity"));
    QCOMPARE(form.queryItemValue(QStringLiteral("WebIdentityToken"), QUrl::FullyDecoded),
             QStringLiteral("header.pay+load/=.sig"));
    QCOMPARE(form.queryItemValue(QStringLiteral("DurationSeconds")), QStringLiteral("900"));
    QCOMPARE(form.queryItemValue(QStringLiteral("RoleSessionName")), QStringLiteral("sess"));
}

void tst_AwsStsClient::timeout()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &) { return TestHttpServer::Response::hanging(); });
    AwsStsClient client;
    QCOMPARE(client.timeout(), 15000);
    client.setTimeout(300);
    client.setEndpoint(server.url());
    QSignalSpy failed(&client, &AwsStsClient::failed);
    QElapsedTimer timer;
    timer.start();
    client.assumeRoleWithWebIdentity(QStringLiteral("arn:aws:iam::1:role/W"), QString(), "t");
    QVERIFY(failed.wait(5000));
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(failed.at(0).at(0).value<AwsCredentialsProvider::Error>(), AwsCredentialsProvider::TimeoutError);
}

void tst_AwsStsClient::abortEmitsNothing()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &) { return TestHttpServer::Response::hanging(); });
    AwsStsClient client;
    client.setEndpoint(server.url());
    QSignalSpy finished(&client, &AwsStsClient::finished);
    QSignalSpy failed(&client, &AwsStsClient::failed);
    client.assumeRoleWithWebIdentity(QStringLiteral("arn:aws:iam::1:role/W"), QString(), "t");
    QTRY_COMPARE(server.requestCount(), 1);
    client.abort();
    QVERIFY(!client.isBusy());
    QTest::qWait(100);
    QCOMPARE(finished.count() + failed.count(), 0);
}

QTEST_GUILESS_MAIN(tst_AwsStsClient)
#include "tst_awsstsclient.moc"
