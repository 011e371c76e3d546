// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsIotCredentialsProvider (issue 18) against an AWS IoT credentials endpoint of this test's
// own: an HTTPS server on 127.0.0.1 that requires a client certificate of the device CA
// (mutual TLS), with CAs and certificates made at run time by the openssl CLI.
#include "testcertificateauthority.h"
#include "testhttpsserver.h"
#include "testsecrets.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awsiotcredentialsprovider.h>

#include <QtCore/qfile.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qsslsocket.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const QByteArray thing = "sensor-0042";
const QString alias = QStringLiteral("sensor-role-alias");
const QString secretKey = QStringLiteral("iot/SECRET+key=abcdefghijklmnopqrstuvwxyz01234");
const QString sessionToken = QStringLiteral("iot/SESSION+token=only-for-the-device");

QByteArray iotAnswer(const QByteArray &keyId, const QDateTime &expiration,
                     const QByteArray &token = sessionToken.toUtf8())
{
    return "{\"credentials\":{\"accessKeyId\":\"" + keyId + "\",\"secretAccessKey\":\""
            + secretKey.toUtf8() + "\",\"sessionToken\":\"" + token + "\",\"expiration\":\""
            + expiration.toUTC().toString(Qt::ISODate).toLatin1() + "\"}}";
}

QDateTime inOneHour()
{
    return QDateTime::currentDateTimeUtc().addSecs(3600);
}

} // namespace

class tst_AwsIotCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void deviceCertificate_data();
    void deviceCertificate();
    void roleAliasIsOnePathSegment();
    void tlsFailures_data();
    void tlsFailures();
    void badAnswers_data();
    void badAnswers();
    void badConfiguration_data();
    void badConfiguration();
    void hangingEndpointTimesOut();
    void refreshesBeforeExpiry();
    void rereadsRotatedCertificateFiles();

private:
    void configure(AwsIotCredentialsProvider *provider, bool files = true) const;
    AwsCredentials fetch(AwsIotCredentialsProvider *provider, AwsCredentialsProvider::Error *error,
                         QString *errorString) const;

    std::unique_ptr<TestCertificateAuthority> m_serverCa;
    std::unique_ptr<TestCertificateAuthority> m_deviceCa;
    std::unique_ptr<TestCertificateAuthority> m_otherCa;
    TestCertificateAuthority::Identity m_serverIdentity;
    TestCertificateAuthority::Identity m_device;
    TestCertificateAuthority::Identity m_strangerDevice;   // signed by another CA
    TestCertificateAuthority::Identity m_impostorServer;   // signed by another CA
    std::unique_ptr<TestHttpsServer> m_server;
};

void tst_AwsIotCredentialsProvider::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend");
    if (!TestCertificateAuthority::isOpensslAvailable())
        QSKIP("the openssl command is not installed");
    publishTestSecrets(AwsCredentials(QStringLiteral("AKID"), secretKey, sessionToken));
    m_serverCa.reset(new TestCertificateAuthority(QStringLiteral("test Amazon Root CA")));
    m_deviceCa.reset(new TestCertificateAuthority(QStringLiteral("test device CA")));
    m_otherCa.reset(new TestCertificateAuthority(QStringLiteral("someone else's CA")));
    for (const auto *ca : { m_serverCa.get(), m_deviceCa.get(), m_otherCa.get() })
        QVERIFY2(ca->isValid(), qPrintable(ca->errorString()));
    m_serverIdentity = m_serverCa->issue(QStringLiteral("credentials.iot"),
                                         { QStringLiteral("IP:127.0.0.1") });
    m_device = m_deviceCa->issue(QString::fromLatin1(thing), {});
    m_strangerDevice = m_otherCa->issue(QString::fromLatin1(thing), {});
    m_impostorServer = m_otherCa->issue(QStringLiteral("credentials.iot"),
                                        { QStringLiteral("IP:127.0.0.1") });
    for (const auto &identity : { m_serverIdentity, m_device, m_strangerDevice, m_impostorServer })
        QVERIFY(identity.isValid());
}

void tst_AwsIotCredentialsProvider::init()
{
    m_server.reset(new TestHttpsServer(m_serverIdentity.certificate, m_serverIdentity.key));
    m_server->setClientCaCertificates({ m_deviceCa->certificate() });
    QVERIFY(m_server->listen());
    m_server->setHandler([](const TestHttpServer::Request &request) {
        if (request.path() != "/role-aliases/" + alias.toUtf8() + "/credentials"
            || request.header("x-amzn-iot-thingname") != thing || request.peerCommonName != thing)
            return TestHttpServer::Response::json(403, "{\"message\":\"Access Denied\"}");
        return TestHttpServer::Response::json(200, iotAnswer("ASIAIOTDEVICE", inOneHour()));
    });
}

void tst_AwsIotCredentialsProvider::cleanup()
{
    m_server.reset();
}

void tst_AwsIotCredentialsProvider::configure(AwsIotCredentialsProvider *provider, bool files) const
{
    provider->setEndpoint(QStringLiteral("127.0.0.1:%1").arg(m_server->port()));
    provider->setRoleAlias(alias);
    provider->setThingName(QString::fromLatin1(thing));
    if (files) {
        provider->setCertificateFile(m_device.certificatePath);
        provider->setPrivateKeyFile(m_device.keyPath);
        provider->setCaFile(m_serverCa->certificatePath());
    } else {
        provider->setCertificate(m_device.certificate);
        provider->setPrivateKey(m_device.key);
        provider->setCaCertificates({ m_serverCa->certificate() });
    }
}

AwsCredentials tst_AwsIotCredentialsProvider::fetch(AwsIotCredentialsProvider *provider,
                                                    AwsCredentialsProvider::Error *error,
                                                    QString *errorString) const
{
    return provider->waitForCredentials(30000, error, errorString);
}

void tst_AwsIotCredentialsProvider::deviceCertificate_data()
{
    QTest::addColumn<bool>("files");
    QTest::newRow("PEM files") << true;
    QTest::newRow("QSslCertificate and QSslKey") << false;
}

void tst_AwsIotCredentialsProvider::deviceCertificate()
{
    QFETCH(bool, files);
    AwsIotCredentialsProvider provider;
    configure(&provider, files);
    AwsCredentialsProvider::Error error;
    QString errorString;
    const AwsCredentials credentials = fetch(&provider, &error, &errorString);
    QVERIFY2(credentials.isValid(), qPrintable(errorString));
    QCOMPARE(error, AwsCredentialsProvider::NoError);
    QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIAIOTDEVICE"));
    QCOMPARE(credentials.secretAccessKey(), secretKey);
    QCOMPARE(credentials.sessionToken(), sessionToken);
    QVERIFY(qAbs(credentials.expiration().secsTo(inOneHour())) < 60);
    QCOMPARE(credentials.providerName(), QStringLiteral("iot"));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().at(0).method, QByteArray("GET"));
}

void tst_AwsIotCredentialsProvider::roleAliasIsOnePathSegment()
{
    AwsIotCredentialsProvider provider;
    configure(&provider);
    provider.setRoleAlias(QStringLiteral("a/../b c?x#y"));
    QCOMPARE(provider.credentialsUrl().toEncoded(),
             QByteArray("https://127.0.0.1:" + QByteArray::number(m_server->port())
                        + "/role-aliases/a%2F..%2Fb%20c%3Fx%23y/credentials"));
    AwsCredentialsProvider::Error error;
    fetch(&provider, &error, nullptr);
    QCOMPARE(error, AwsCredentialsProvider::InvalidConfigurationError); // 403 from the handler
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().at(0).target,
             QByteArray("/role-aliases/a%2F..%2Fb%20c%3Fx%23y/credentials"));
}

void tst_AwsIotCredentialsProvider::tlsFailures_data()
{
    QTest::addColumn<int>("setup");
    QTest::addColumn<QString>("message");
    QTest::newRow("device certificate of another CA") << 0 << QStringLiteral("refused the device certificate");
    QTest::newRow("server certificate of another CA") << 1 << QStringLiteral("TLS handshake failed");
    QTest::newRow("no device certificate") << 2 << QStringLiteral("no device certificate");
    QTest::newRow("no private key") << 3 << QStringLiteral("no private key");
}

// None of them gets credentials; the server never sees a request.
void tst_AwsIotCredentialsProvider::tlsFailures()
{
    QFETCH(int, setup);
    QFETCH(QString, message);
    AwsIotCredentialsProvider provider;
    configure(&provider, false);
    switch (setup) {
    case 0:
        provider.setCertificate(m_strangerDevice.certificate);
        provider.setPrivateKey(m_strangerDevice.key);
        break;
    case 1:
        m_server.reset(new TestHttpsServer(m_impostorServer.certificate, m_impostorServer.key));
        m_server->setClientCaCertificates({ m_deviceCa->certificate() });
        QVERIFY(m_server->listen());
        configure(&provider, false);
        break;
    case 2:
        provider.setCertificate(QSslCertificate());
        break;
    case 3:
        provider.setPrivateKey(QSslKey());
        break;
    }
    AwsCredentialsProvider::Error error;
    QString errorString;
    QVERIFY(!fetch(&provider, &error, &errorString).isValid());
    QVERIFY2(errorString.contains(message), qPrintable(errorString));
    QCOMPARE(error, AwsCredentialsProvider::InvalidConfigurationError);
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_AwsIotCredentialsProvider::badAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("message");
    using P = AwsCredentialsProvider;
    const QDateTime later = inOneHour();
    QTest::newRow("not JSON") << 200 << QByteArray("<html>hello</html>")
                              << P::InvalidConfigurationError << QStringLiteral("not a JSON object");
    QTest::newRow("no credentials object") << 200 << QByteArray("{\"AccessKeyId\":\"x\"}")
                                           << P::InvalidConfigurationError
                                           << QStringLiteral("\"credentials\"");
    QByteArray noToken = iotAnswer("ASIA1", later);
    noToken.replace("\"sessionToken\"", "\"token\"");
    QTest::newRow("no sessionToken") << 200 << noToken << P::InvalidConfigurationError
                                     << QStringLiteral("no sessionToken");
    QTest::newRow("control character in the token")
            << 200 << iotAnswer("ASIA1", later, sessionToken.toUtf8() + "\\r\\nX-Injected: 1")
            << P::InvalidConfigurationError << QStringLiteral("sessionToken contains a control character");
    QTest::newRow("control character in the key id")
            << 200 << iotAnswer("ASIA\\u0000", later) << P::InvalidConfigurationError
            << QStringLiteral("accessKeyId contains a control character");
    QByteArray badDate = iotAnswer("ASIA1", later);
    badDate.replace(later.toString(Qt::ISODate).toLatin1(), "tomorrow");
    QTest::newRow("bad expiration") << 200 << badDate << P::InvalidConfigurationError
                                    << QStringLiteral("\"tomorrow\" is not an ISO 8601");
    QTest::newRow("already expired")
            << 200 << iotAnswer("ASIA1", QDateTime::currentDateTimeUtc().addSecs(-60))
            << P::ExpiredError << QStringLiteral("expired at");
    QTest::newRow("oversized answer") << 200 << QByteArray(300 * 1024, ' ') + iotAnswer("ASIA1", later)
                                      << P::NetworkError
                                      << QStringLiteral("larger than 262144 bytes");
    QTest::newRow("HTTP 403") << 403 << QByteArray("{\"message\":\"Access Denied\"}")
                              << P::InvalidConfigurationError
                              << QStringLiteral("HTTP 403 from https://127.0.0.1:");
    QTest::newRow("HTTP 503") << 503 << QByteArray("busy") << P::NetworkError
                              << QStringLiteral("HTTP 503");
}

void tst_AwsIotCredentialsProvider::badAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, message);
    m_server->setHandler([status, body](const TestHttpServer::Request &) {
        return TestHttpServer::Response::json(status, body);
    });
    AwsIotCredentialsProvider provider;
    configure(&provider);
    AwsCredentialsProvider::Error actual;
    QString errorString;
    QVERIFY(!fetch(&provider, &actual, &errorString).isValid());
    QCOMPARE(actual, error);
    QVERIFY2(errorString.contains(message), qPrintable(errorString));
    QVERIFY2(!errorString.contains(sessionToken) && !errorString.contains(secretKey),
             qPrintable(errorString));
}

void tst_AwsIotCredentialsProvider::badConfiguration_data()
{
    QTest::addColumn<QString>("property");
    QTest::addColumn<QString>("value");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("message");
    using P = AwsCredentialsProvider;
    QTest::newRow("no endpoint") << "endpoint" << QString() << P::NotConfiguredError
                                 << QStringLiteral("no IoT credentials endpoint");
    QTest::newRow("http endpoint") << "endpoint" << QStringLiteral("http://127.0.0.1:1")
                                   << P::InvalidConfigurationError << QStringLiteral("https URL");
    QTest::newRow("endpoint with a path") << "endpoint" << QStringLiteral("https://127.0.0.1:1/x")
                                          << P::InvalidConfigurationError
                                          << QStringLiteral("without a path");
    QTest::newRow("no role alias") << "roleAlias" << QString() << P::InvalidConfigurationError
                                   << QStringLiteral("no role alias");
    QTest::newRow("role alias with a line break")
            << "roleAlias" << QStringLiteral("alias\r\nX: 1") << P::InvalidConfigurationError
            << QStringLiteral("the role alias contains a control character");
    QTest::newRow("no thing name") << "thingName" << QString() << P::InvalidConfigurationError
                                   << QStringLiteral("no thing name");
    QTest::newRow("thing name with a line break")
            << "thingName" << QStringLiteral("thing\r\nX-Injected: 1") << P::InvalidConfigurationError
            << QStringLiteral("the thing name contains a control character");
    QTest::newRow("thing name too long") << "thingName" << QString(129, u'x')
                                         << P::InvalidConfigurationError
                                         << QStringLiteral("longer than 128");
    QTest::newRow("missing certificate file") << "certificateFile" << QStringLiteral("/nonexistent/cert.pem")
                                              << P::InvalidConfigurationError
                                              << QStringLiteral("the certificate file:");
    QTest::newRow("certificate file without PEM") << "certificateFile" << QStringLiteral("garbage")
                                                  << P::InvalidConfigurationError
                                                  << QStringLiteral("holds no PEM certificate");
    QTest::newRow("key file without a key") << "privateKeyFile" << QStringLiteral("garbage")
                                            << P::InvalidConfigurationError
                                            << QStringLiteral("holds no unencrypted PEM private key");
    QTest::newRow("CA file without PEM") << "caFile" << QStringLiteral("garbage")
                                         << P::InvalidConfigurationError
                                         << QStringLiteral("holds no PEM certificate");
}

// Refused before anything is sent.
void tst_AwsIotCredentialsProvider::badConfiguration()
{
    QFETCH(QString, property);
    QFETCH(QString, value);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.pem"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a certificate\n");
    file.close();

    AwsIotCredentialsProvider provider;
    configure(&provider);
    const QString v = value == u"garbage" ? garbage : value;
    if (property == u"endpoint")
        provider.setEndpoint(v);
    else if (property == u"roleAlias")
        provider.setRoleAlias(v);
    else if (property == u"thingName")
        provider.setThingName(v);
    else if (property == u"certificateFile")
        provider.setCertificateFile(v);
    else if (property == u"privateKeyFile")
        provider.setPrivateKeyFile(v);
    else if (property == u"caFile")
        provider.setCaFile(v);
    AwsCredentialsProvider::Error actual;
    QString errorString;
    QVERIFY(!fetch(&provider, &actual, &errorString).isValid());
    QCOMPARE(actual, error);
    QVERIFY2(errorString.contains(message), qPrintable(errorString));
    QVERIFY2(!errorString.contains(u'\r') && !errorString.contains(u'\n'), qPrintable(errorString));
    QCOMPARE(m_server->requestCount(), 0);
    QVERIFY(m_server->received().isEmpty());
}

void tst_AwsIotCredentialsProvider::hangingEndpointTimesOut()
{
    m_server->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::hanging();
    });
    AwsIotCredentialsProvider provider;
    configure(&provider);
    provider.setTimeout(500);
    AwsCredentialsProvider::Error error;
    QString errorString;
    QVERIFY(!fetch(&provider, &error, &errorString).isValid());
    QCOMPARE(error, AwsCredentialsProvider::TimeoutError);
    QVERIFY2(errorString.contains(QStringLiteral("no answer from https://127.0.0.1:")),
             qPrintable(errorString));
    QCOMPARE(m_server->requestCount(), 1);
}

// Credentials that expire soon are refreshed while still usable, with the device certificate.
void tst_AwsIotCredentialsProvider::refreshesBeforeExpiry()
{
    int served = 0;
    m_server->setHandler([&served](const TestHttpServer::Request &request) {
        ++served;
        if (request.peerCommonName != thing)
            return TestHttpServer::Response::json(403, "{}");
        // The first ones live 6 s: refreshed once half their lifetime is over.
        return TestHttpServer::Response::json(
                200, served == 1 ? iotAnswer("ASIAFIRST", QDateTime::currentDateTimeUtc().addSecs(6))
                                 : iotAnswer("ASIASECOND", inOneHour()));
    });
    AwsIotCredentialsProvider provider;
    configure(&provider);
    QString errorString;
    QCOMPARE(fetch(&provider, nullptr, &errorString).accessKeyId(), QStringLiteral("ASIAFIRST"));
    QVERIFY(!provider.needsRefresh());
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 10000);
    QVERIFY(provider.hasUsableCredentials());
    // Still usable: handed out at once, and refreshed in the background.
    QCOMPARE(fetch(&provider, nullptr, &errorString).accessKeyId(), QStringLiteral("ASIAFIRST"));
    QTRY_COMPARE_WITH_TIMEOUT(provider.currentCredentials().accessKeyId(),
                              QStringLiteral("ASIASECOND"), 20000);
    QCOMPARE(served, 2);
    QVERIFY(!provider.needsRefresh());
}

// A certificate rotated on disk is used at the next refresh, without a new provider.
void tst_AwsIotCredentialsProvider::rereadsRotatedCertificateFiles()
{
    const auto rotated = m_deviceCa->issue(QStringLiteral("rotated-certificate"), {});
    QVERIFY(rotated.isValid());
    m_server->setHandler([](const TestHttpServer::Request &request) {
        return TestHttpServer::Response::json(
                200, iotAnswer(request.peerCommonName == thing ? "ASIAORIGINAL" : "ASIAROTATED",
                               inOneHour()));
    });
    QTemporaryDir dir;
    const QString certificate = dir.filePath(QStringLiteral("device.pem"));
    const QString key = dir.filePath(QStringLiteral("device.key"));
    QVERIFY(QFile::copy(m_device.certificatePath, certificate));
    QVERIFY(QFile::copy(m_device.keyPath, key));
    AwsIotCredentialsProvider provider;
    configure(&provider);
    provider.setCertificateFile(certificate);
    provider.setPrivateKeyFile(key);
    QString errorString;
    QCOMPARE(fetch(&provider, nullptr, &errorString).accessKeyId(), QStringLiteral("ASIAORIGINAL"));

    QVERIFY(QFile::remove(certificate) && QFile::remove(key));
    QVERIFY(QFile::copy(rotated.certificatePath, certificate));
    QVERIFY(QFile::copy(rotated.keyPath, key));
    provider.invalidate();
    const AwsCredentials second = fetch(&provider, nullptr, &errorString);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).peerCommonName, QByteArray("rotated-certificate"));
    QCOMPARE(second.accessKeyId(), QStringLiteral("ASIAROTATED"));
}

QTEST_MAIN(tst_AwsIotCredentialsProvider)
#include "tst_awsiotcredentialsprovider.moc"
