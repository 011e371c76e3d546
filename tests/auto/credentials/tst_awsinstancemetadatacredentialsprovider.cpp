// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The EC2 instance metadata (IMDSv2) contract, served on 127.0.0.1: session tokens, their
// expiry, 401 without a valid token, the IMDSv1 fallback and its opt-out, time-outs.
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsinstancemetadatacredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtCore/qelapsedtimer.h>
#include <QtTest/QtTest>

// A small IMDS: PUT /latest/api/token issues tokens valid for the requested TTL; every GET
// needs a valid token (401 otherwise) unless v1 is allowed.
class FakeImds
{
public:
    bool allowV1 = false;
    int tokenStatus = 200;          // answer to PUT /latest/api/token
    QByteArray role = "test-role";  // empty: no role attached (404)
    QByteArray code = "Success";
    bool hang = false;
    QMap<QByteArray, QDateTime> tokens;
    int issued = 0;

    TestHttpServer::Response handle(const TestHttpServer::Request &request)
    {
        using R = TestHttpServer::Response;
        if (hang)
            return R::hanging();
        const QByteArray path = request.path();
        if (path == "/latest/api/token") {
            if (request.method != "PUT")
                return R::text(405, "method not allowed");
            if (tokenStatus != 200)
                return R::text(tokenStatus, "token refused");
            const int ttl = request.header("x-aws-ec2-metadata-token-ttl-seconds").toInt();
            if (ttl < 1 || ttl > 21600)
                return R::text(400, "bad ttl");
            const QByteArray token = "TOKEN-" + QByteArray::number(++issued);
            tokens.insert(token, QDateTime::currentDateTimeUtc().addSecs(ttl));
            R r = R::text(200, token);
            r.headers.append({ "X-aws-ec2-metadata-token-ttl-seconds", QByteArray::number(ttl) });
            return r;
        }
        const QByteArray token = request.header("x-aws-ec2-metadata-token");
        if (token.isEmpty() && !allowV1)
            return R::text(401, "Unauthorized");
        if (!token.isEmpty()
            && (!tokens.contains(token) || tokens.value(token) <= QDateTime::currentDateTimeUtc()))
            return R::text(401, "Unauthorized");
        if (path == "/latest/meta-data/iam/security-credentials/") {
            if (role.isEmpty())
                return R::text(404, "Not Found");
            return R::text(200, role + "\n");
        }
        if (path == "/latest/meta-data/iam/security-credentials/" + role && !role.isEmpty()) {
            const QByteArray expiry =
                    QDateTime::currentDateTimeUtc().addSecs(6 * 3600).toString(Qt::ISODate).toLatin1();
            return R::json(200, "{\"Code\":\"" + code + "\",\"LastUpdated\":\"2026-01-01T00:00:00Z\","
                                "\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIAIMDS\","
                                "\"SecretAccessKey\":\"SECRETIMDS\",\"Token\":\"TOKENIMDS\","
                                "\"Expiration\":\"" + expiry + "\"}");
        }
        return R::text(404, "Not Found");
    }
};

class tst_AwsInstanceMetadataCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void contract_data();
    void contract();
    void tokenIsReused();
    void tokenExpiryRequestsANewToken();
    void serverSideTokenExpiryGives401AndRecovers();
    void missingTokenIs401();
    void disabled();
    void chainNamesTheProviderOnce();
    void endpointFromEnvironment_data();
    void endpointFromEnvironment();
    void hangingEndpointTimesOut();
    void oversizedAnswers_data();
    void oversizedAnswers();
    void hostileRoleNames_data();
    void hostileRoleNames();

private:
    std::unique_ptr<AwsTestEnvironment> m_env;
    std::unique_ptr<TestHttpServer> m_server;
    FakeImds m_imds;
    QList<QByteArray> requestLines() const
    {
        QList<QByteArray> lines;
        for (const auto &r : m_server->requests())
            lines.append(r.method + ' ' + r.target);
        return lines;
    }
};

void tst_AwsInstanceMetadataCredentialsProvider::init()
{
    m_env.reset(new AwsTestEnvironment);
    m_env->unset("AWS_EC2_METADATA_DISABLED");
    m_server.reset(new TestHttpServer);
    QVERIFY(m_server->listen());
    // Even a provider that ignores setEndpoint() stays on loopback.
    m_env->set("AWS_EC2_METADATA_SERVICE_ENDPOINT", m_server->url(QString()).toString());
    m_imds = FakeImds();
    m_server->setHandler([this](const TestHttpServer::Request &r) { return m_imds.handle(r); });
}

void tst_AwsInstanceMetadataCredentialsProvider::cleanup()
{
    m_server.reset();
    m_env.reset();
}

void tst_AwsInstanceMetadataCredentialsProvider::contract_data()
{
    QTest::addColumn<bool>("allowV1");
    QTest::addColumn<int>("tokenStatus");
    QTest::addColumn<QByteArray>("role");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<bool>("v1Disabled");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QByteArrayList>("expectedRequests");

    const QByteArray put = "PUT /latest/api/token";
    const QByteArray list = "GET /latest/meta-data/iam/security-credentials/";
    const QByteArray get = "GET /latest/meta-data/iam/security-credentials/test-role";
    QTest::newRow("imdsv2") << false << 200 << QByteArray("test-role") << QByteArray("Success")
                            << false << AwsCredentialsProvider::NoError
                            << QByteArrayList{ put, list, get };
    QTest::newRow("token refused 403, v1 fallback")
            << true << 403 << QByteArray("test-role") << QByteArray("Success") << false
            << AwsCredentialsProvider::NoError << QByteArrayList{ put, list, get };
    QTest::newRow("token 404, v1 fallback")
            << true << 404 << QByteArray("test-role") << QByteArray("Success") << false
            << AwsCredentialsProvider::NoError << QByteArrayList{ put, list, get };
    QTest::newRow("token refused, v1 disabled")
            << true << 403 << QByteArray("test-role") << QByteArray("Success") << true
            << AwsCredentialsProvider::NetworkError << QByteArrayList{ put };
    QTest::newRow("token server error") << false << 500 << QByteArray("test-role")
                                        << QByteArray("Success") << false
                                        << AwsCredentialsProvider::NetworkError
                                        << QByteArrayList{ put };
    QTest::newRow("no role attached") << false << 200 << QByteArray() << QByteArray("Success")
                                      << false << AwsCredentialsProvider::NotConfiguredError
                                      << QByteArrayList{ put, list };
    QTest::newRow("credentials code not Success")
            << false << 200 << QByteArray("test-role") << QByteArray("Failed") << false
            << AwsCredentialsProvider::NetworkError << QByteArrayList{ put, list, get };
}

void tst_AwsInstanceMetadataCredentialsProvider::contract()
{
    QFETCH(bool, allowV1);
    QFETCH(int, tokenStatus);
    QFETCH(QByteArray, role);
    QFETCH(QByteArray, code);
    QFETCH(bool, v1Disabled);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QByteArrayList, expectedRequests);
    m_imds.allowV1 = allowV1;
    m_imds.tokenStatus = tokenStatus;
    m_imds.role = role;
    m_imds.code = code;
    if (v1Disabled)
        m_env->set("AWS_EC2_METADATA_V1_DISABLED", "true");

    AwsInstanceMetadataCredentialsProvider provider;
    QCOMPARE(provider.name(), QStringLiteral("instance metadata"));
    QCOMPARE(provider.endpoint(), m_server->url(QString()));
    AwsCredentialsProvider::Error actual = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(10000, &actual, &message);
    QVERIFY2(actual == error, qPrintable(message));
    QCOMPARE(requestLines(), expectedRequests);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIAIMDS"));
        QCOMPARE(credentials.sessionToken(), QStringLiteral("TOKENIMDS"));
        QVERIFY(credentials.canExpire());
        const auto requests = m_server->requests();
        QCOMPARE(requests.first().header("x-aws-ec2-metadata-token-ttl-seconds"), QByteArray("21600"));
        for (int i = 1; i < requests.size(); ++i) {
            // IMDSv2 sends the token on every GET; the v1 fallback sends none.
            QCOMPARE(requests.at(i).header("x-aws-ec2-metadata-token").isEmpty(), tokenStatus != 200);
        }
    } else {
        QVERIFY(credentials.isNull());
        // The provider's name is added once, by whoever reports the message (chain, manager).
        QVERIFY2(!message.contains(QStringLiteral("instance metadata")), qPrintable(message));
    }
}

void tst_AwsInstanceMetadataCredentialsProvider::chainNamesTheProviderOnce()
{
    m_imds.tokenStatus = 500;
    AwsCredentialsProviderChain chain(QList<AwsCredentialsProvider *>{ new AwsInstanceMetadataCredentialsProvider });
    QString message;
    QVERIFY(chain.waitForCredentials(10000, nullptr, &message).isNull());
    QVERIFY2(message.count(QStringLiteral("instance metadata")) == 1, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("(tried instance metadata: cannot get a session token: ")),
             qPrintable(message));
}

void tst_AwsInstanceMetadataCredentialsProvider::tokenIsReused()
{
    AwsInstanceMetadataCredentialsProvider provider;
    QVERIFY(provider.waitForCredentials(10000).isValid());
    QCOMPARE(m_server->requestCount(), 3);
    provider.invalidate();
    QVERIFY(provider.waitForCredentials(10000).isValid());
    QCOMPARE(m_server->requestCount(), 5); // no second PUT
    QCOMPARE(m_imds.issued, 1);
}

void tst_AwsInstanceMetadataCredentialsProvider::tokenExpiryRequestsANewToken()
{
    AwsInstanceMetadataCredentialsProvider provider;
    provider.setTokenTtlSeconds(2);
    QVERIFY(provider.waitForCredentials(10000).isValid());
    QCOMPARE(m_server->requests().first().header("x-aws-ec2-metadata-token-ttl-seconds"),
             QByteArray("2"));
    QTest::qWait(2100);
    provider.invalidate();
    QVERIFY(provider.waitForCredentials(10000).isValid());
    QCOMPARE(m_imds.issued, 2);
    QCOMPARE(requestLines().mid(3).first(), QByteArray("PUT /latest/api/token"));
    // No 401 was needed: the provider knew its token had expired.
    QCOMPARE(m_server->requestCount(), 6);
}

void tst_AwsInstanceMetadataCredentialsProvider::serverSideTokenExpiryGives401AndRecovers()
{
    AwsInstanceMetadataCredentialsProvider provider;
    QVERIFY(provider.waitForCredentials(10000).isValid());
    m_imds.tokens.clear(); // the service forgot the token (e.g. it expired on its clock)
    m_server->clearRequests();
    provider.invalidate();
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    QVERIFY2(provider.waitForCredentials(10000, &error, &message).isValid(), qPrintable(message));
    QCOMPARE(requestLines(),
             (QByteArrayList{ "GET /latest/meta-data/iam/security-credentials/",
                              "PUT /latest/api/token",
                              "GET /latest/meta-data/iam/security-credentials/",
                              "GET /latest/meta-data/iam/security-credentials/test-role" }));
    QCOMPARE(m_imds.issued, 2);
}

void tst_AwsInstanceMetadataCredentialsProvider::missingTokenIs401()
{
    // The contract itself: a GET without a token is refused by an IMDSv2-only service.
    m_imds.tokenStatus = 403;   // token refused, so the provider falls back to v1 ...
    m_imds.allowV1 = false;     // ... which the service refuses with 401
    AwsInstanceMetadataCredentialsProvider provider;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NetworkError);
    QVERIFY2(message.contains(QStringLiteral("HTTP 401")), qPrintable(message));
    QCOMPARE(requestLines(),
             (QByteArrayList{ "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/" }));
    QVERIFY(m_server->requests().at(1).header("x-aws-ec2-metadata-token").isEmpty());

    // And the explicit opt-out of the fallback makes no token-less request at all.
    m_server->clearRequests();
    AwsInstanceMetadataCredentialsProvider strict;
    strict.setAllowV1Fallback(false);
    QVERIFY(!strict.allowsV1Fallback());
    QVERIFY(strict.waitForCredentials(10000, &error).isNull());
    QCOMPARE(requestLines(), QByteArrayList{ "PUT /latest/api/token" });
}

void tst_AwsInstanceMetadataCredentialsProvider::disabled()
{
    m_env->set("AWS_EC2_METADATA_DISABLED", "TRUE");
    AwsInstanceMetadataCredentialsProvider provider;
    QVERIFY(AwsInstanceMetadataCredentialsProvider::isDisabled());
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NotConfiguredError);
    QVERIFY(message.contains(QStringLiteral("AWS_EC2_METADATA_DISABLED")));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_AwsInstanceMetadataCredentialsProvider::endpointFromEnvironment_data()
{
    QTest::addColumn<bool>("useEnv");
    QTest::addColumn<QByteArray>("profileConfig");
    QTest::addColumn<QByteArray>("mode");
    QTest::addColumn<QString>("expected"); // "server": the test server
    QTest::newRow("environment") << true << QByteArray() << QByteArray() << "server";
    QTest::newRow("profile ec2_metadata_service_endpoint")
            << false << QByteArray("[default]\nec2_metadata_service_endpoint = SERVER\n")
            << QByteArray() << "server";
    QTest::newRow("default") << false << QByteArray() << QByteArray() << "http://169.254.169.254";
    QTest::newRow("ipv6 mode env") << false << QByteArray() << QByteArray("IPv6")
                                   << "http://[fd00:ec2::254]";
    QTest::newRow("ipv6 mode profile")
            << false << QByteArray("[default]\nec2_metadata_service_endpoint_mode = IPv6\n")
            << QByteArray() << "http://[fd00:ec2::254]";
}

void tst_AwsInstanceMetadataCredentialsProvider::endpointFromEnvironment()
{
    QFETCH(bool, useEnv);
    QFETCH(QByteArray, profileConfig);
    QFETCH(QByteArray, mode);
    QFETCH(QString, expected);
    const QString serverUrl = m_server->url(QString()).toString();
    if (!useEnv)
        m_env->unset("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (!profileConfig.isEmpty())
        m_env->writeConfig(QByteArray(profileConfig).replace("SERVER", serverUrl.toUtf8()));
    if (!mode.isEmpty())
        m_env->set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", mode);
    // Only the resolution is checked here: no request leaves the machine.
    QCOMPARE(AwsInstanceMetadataCredentialsProvider::configuredEndpoint().toString(),
             expected == u"server" ? serverUrl : expected);
    if (expected == u"server") {
        AwsInstanceMetadataCredentialsProvider provider;
        QVERIFY(provider.waitForCredentials(10000).isValid());
    }
}

void tst_AwsInstanceMetadataCredentialsProvider::hangingEndpointTimesOut()
{
    m_imds.hang = true;
    AwsInstanceMetadataCredentialsProvider provider;
    QCOMPARE(provider.timeout(), 1000);
    QElapsedTimer timer;
    timer.start();
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(provider.waitForCredentials(10000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::TimeoutError);
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
}

// Issue 13: a 50 MB role list once took 834 MB. Every answer is read up to 256 KiB only.
void tst_AwsInstanceMetadataCredentialsProvider::oversizedAnswers_data()
{
    QTest::addColumn<QByteArray>("step"); // the request whose answer is too large
    QTest::newRow("session token") << QByteArray("/latest/api/token");
    QTest::newRow("role list") << QByteArray("/latest/meta-data/iam/security-credentials/");
    QTest::newRow("credentials") << QByteArray("/latest/meta-data/iam/security-credentials/test-role");
}

void tst_AwsInstanceMetadataCredentialsProvider::oversizedAnswers()
{
    QFETCH(QByteArray, step);
    m_server->setHandler([this, step](const TestHttpServer::Request &r) {
        if (r.path() == step)
            return TestHttpServer::Response::text(200, QByteArray(4 << 20, 'x'));
        return m_imds.handle(r);
    });
    AwsInstanceMetadataCredentialsProvider provider;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NetworkError);
    QVERIFY2(message.contains(QStringLiteral("larger than 262144 bytes")), qPrintable(message.left(2000)));
    QVERIFY(message.size() < 1200);
    QCOMPARE(requestLines().constLast().split(' ').value(1), step); // no step after it
}

// The role name goes into the next request's URL and into errors.
void tst_AwsInstanceMetadataCredentialsProvider::hostileRoleNames_data()
{
    QTest::addColumn<QByteArray>("role");
    QTest::addColumn<QString>("mention");
    QTest::newRow("CR inside") << QByteArray("ro\rle") << "the role name contains a control character (at offset 2)";
    QTest::newRow("escape sequence") << QByteArray("\x1b[2Jrole") << "the role name contains a control character";
    QTest::newRow("65 characters") << QByteArray(65, 'r') << "longer than 64 characters";
}

void tst_AwsInstanceMetadataCredentialsProvider::hostileRoleNames()
{
    QFETCH(QByteArray, role);
    QFETCH(QString, mention);
    m_imds.role = role;
    AwsInstanceMetadataCredentialsProvider provider;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::InvalidConfigurationError);
    QVERIFY2(message.contains(mention), qPrintable(message));
    QCOMPARE(m_server->requestCount(), 2); // token and role list: no request for the role
}

QTEST_GUILESS_MAIN(tst_AwsInstanceMetadataCredentialsProvider)
#include "tst_awsinstancemetadatacredentialsprovider.moc"
