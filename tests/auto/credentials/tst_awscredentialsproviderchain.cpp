// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The default chain's order and precedence, the exhausted-chain message, and chain mechanics.
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtCore/qtimer.h>
#include <QtTest/QtTest>

class CountingProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    CountingProvider(const QString &name, bool succeed, qint64 lifetimeSecs = 3600)
        : m_succeed(succeed), m_name(name), m_lifetime(lifetimeSecs) { }
    QString name() const override { return m_name; }
    int fetches = 0;
    bool m_succeed;

protected:
    void startFetch() override
    {
        ++fetches;
        QTimer::singleShot(10, this, [this] {
            if (m_succeed)
                reportCredentials(AwsCredentials(QStringLiteral("AKID-%1-%2").arg(m_name).arg(fetches),
                                                 QStringLiteral("S"), QString(),
                                                 QDateTime::currentDateTimeUtc().addSecs(m_lifetime)));
            else
                reportError(NotConfiguredError, QStringLiteral("%1 has nothing").arg(m_name));
        });
    }

private:
    QString m_name;
    qint64 m_lifetime;
};

class tst_AwsCredentialsProviderChain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultChainOrder_data();
    void defaultChainOrder();
    void precedence_data();
    void precedence();
    void exhaustedNamesEverySource();
    void misconfiguredSourceIsReportedAndSkipped();
    void containerAndInstanceMetadataInTheChain();
    void reusesLastProvider_data();
    void reusesLastProvider();
    void refreshReachesTheChildProvider();
    void emptyChain();
};

void tst_AwsCredentialsProviderChain::defaultChainOrder_data()
{
    QTest::addColumn<bool>("withStatic");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("default") << false << QString()
                             << QStringList{ "environment", "web identity", "profile default",
                                             "container", "instance metadata" };
    QTest::newRow("static first") << true << QString()
                                  << QStringList{ "static", "environment", "web identity",
                                                  "profile default", "container",
                                                  "instance metadata" };
    QTest::newRow("explicit profile drops environment")
            << false << "dev"
            << QStringList{ "web identity", "profile dev", "container", "instance metadata" };
}

void tst_AwsCredentialsProviderChain::defaultChainOrder()
{
    QFETCH(bool, withStatic);
    QFETCH(QString, profile);
    QFETCH(QStringList, expected);
    AwsTestEnvironment env;
    std::unique_ptr<AwsCredentialsProviderChain> chain(
            withStatic ? AwsCredentialsProviderChain::createDefault(
                                 AwsCredentials(QStringLiteral("AKID"), QStringLiteral("S")), profile)
                       : AwsCredentialsProviderChain::createDefault(profile));
    QStringList names;
    for (AwsCredentialsProvider *provider : chain->providers()) {
        names.append(provider->name());
        QCOMPARE(provider->parent(), chain.get());
    }
    QCOMPARE(names, expected);
    QCOMPARE(chain->name(), QStringLiteral("chain"));
}

void tst_AwsCredentialsProviderChain::precedence_data()
{
    QTest::addColumn<QByteArrayList>("environment");
    QTest::addColumn<bool>("withStatic");
    QTest::addColumn<QString>("explicitProfile");
    QTest::addColumn<QString>("expectedKeyId");
    QTest::addColumn<QString>("expectedProvider");

    const QByteArrayList envKeys{ "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=S" };

    QTest::newRow("default profile alone") << QByteArrayList() << false << QString()
                                           << "AKIDDEFAULT" << "profile default";
    QTest::newRow("env beats default profile") << envKeys << false << QString() << "AKIDENV"
                                               << "environment";
    QTest::newRow("env beats AWS_PROFILE")
            << (envKeys + QByteArrayList{ "AWS_PROFILE=dev" }) << false << QString() << "AKIDENV"
            << "environment";
    QTest::newRow("AWS_PROFILE beats default") << QByteArrayList{ "AWS_PROFILE=dev" } << false
                                               << QString() << "AKIDDEV" << "profile dev";
    QTest::newRow("explicit profile beats default") << QByteArrayList() << false << "prod"
                                                    << "AKIDPROD" << "profile prod";
    QTest::newRow("explicit profile beats AWS_PROFILE")
            << QByteArrayList{ "AWS_PROFILE=dev" } << false << "prod" << "AKIDPROD" << "profile prod";
    QTest::newRow("explicit profile beats env") << envKeys << false << "prod" << "AKIDPROD"
                                                << "profile prod";
    QTest::newRow("static beats env") << envKeys << true << QString() << "AKIDSTATIC" << "static";
    QTest::newRow("web identity beats profile")
            << QByteArrayList{ "AWS_WEB_IDENTITY_TOKEN_FILE=TOKENFILE",
                               "AWS_ROLE_ARN=arn:aws:iam::123456789012:role/Web" }
            << false << QString() << "ASIAWEB" << "web identity";
    QTest::newRow("env beats web identity")
            << (envKeys + QByteArrayList{ "AWS_WEB_IDENTITY_TOKEN_FILE=TOKENFILE",
                                          "AWS_ROLE_ARN=arn:aws:iam::123456789012:role/Web" })
            << false << QString() << "AKIDENV" << "environment";
    QTest::newRow("AWS_SHARED_CREDENTIALS_FILE moves the file")
            << QByteArrayList{ "AWS_SHARED_CREDENTIALS_FILE=HOME/other-credentials" } << false
            << QString() << "AKIDOTHER" << "profile default";
}

void tst_AwsCredentialsProviderChain::precedence()
{
    QFETCH(QByteArrayList, environment);
    QFETCH(bool, withStatic);
    QFETCH(QString, explicitProfile);
    QFETCH(QString, expectedKeyId);
    QFETCH(QString, expectedProvider);

    AwsTestEnvironment env;
    TestHttpServer sts;
    QVERIFY(sts.listen());
    sts.setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(
                200, "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
                     "<AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
                     "<SessionToken>T</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration>"
                     "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
    });
    env.set("AWS_ENDPOINT_URL_STS", sts.url().toString());
    env.writeCredentials("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = S\n"
                         "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = S\n"
                         "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = S\n");
    env.writeFile(QStringLiteral("other-credentials"),
                  "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = S\n");
    const QString tokenFile = env.writeFile(QStringLiteral("web-token"), "eyJ.token");
    for (QByteArray assignment : environment) {
        assignment.replace("TOKENFILE", tokenFile.toUtf8());
        assignment.replace("HOME", env.home().toUtf8());
        const int eq = assignment.indexOf('=');
        env.set(assignment.left(eq), assignment.mid(eq + 1));
    }

    std::unique_ptr<AwsCredentialsProviderChain> chain(
            withStatic ? AwsCredentialsProviderChain::createDefault(
                                 AwsCredentials(QStringLiteral("AKIDSTATIC"), QStringLiteral("S")),
                                 explicitProfile)
                       : AwsCredentialsProviderChain::createDefault(explicitProfile));
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = chain->waitForCredentials(15000, &error, &message);
    QVERIFY2(error == AwsCredentialsProvider::NoError, qPrintable(message));
    QCOMPARE(credentials.accessKeyId(), expectedKeyId);
    QVERIFY(chain->lastProvider());
    QCOMPARE(chain->lastProvider()->name(), expectedProvider);
    QCOMPARE(credentials.providerName(), expectedProvider);
}

void tst_AwsCredentialsProviderChain::exhaustedNamesEverySource()
{
    AwsTestEnvironment env; // empty HOME, no variables, IMDS disabled
    std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
    QSignalSpy failed(chain.get(), &AwsCredentialsProvider::credentialsFailed);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(chain->waitForCredentials(15000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::ChainExhaustedError);
    QCOMPARE(failed.count(), 1);
    QVERIFY(!message.contains(u'\n')); // one line, for CLIs
    const QStringList parts{
        QStringLiteral("no AWS credentials found (tried "),
        QStringLiteral("environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"),
        QStringLiteral("web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set"),
        QStringLiteral("profile default: neither "),
        QStringLiteral("container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
        QStringLiteral("instance metadata: AWS_EC2_METADATA_DISABLED is true"),
    };
    int last = -1;
    for (const QString &part : parts) {
        const int at = int(message.indexOf(part));
        QVERIFY2(at > last, qPrintable(QStringLiteral("%1 missing or out of order in: %2").arg(part, message)));
        last = at;
    }
}

void tst_AwsCredentialsProviderChain::misconfiguredSourceIsReportedAndSkipped()
{
    AwsTestEnvironment env;
    env.set("AWS_ACCESS_KEY_ID", "AKIDHALF"); // no secret
    env.writeCredentials("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = S\n");
    std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("environment.*misconfigured")));
    QCOMPARE(chain->waitForCredentials(15000).accessKeyId(), QStringLiteral("AKIDFILE"));

    // And when nothing else works, the reason appears in the message.
    env.writeCredentials("");
    chain->invalidate();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("environment.*misconfigured")));
    QString message;
    QVERIFY(chain->waitForCredentials(15000, nullptr, &message).isNull());
    QVERIFY2(message.contains(QStringLiteral("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
             qPrintable(message));
}

void tst_AwsCredentialsProviderChain::containerAndInstanceMetadataInTheChain()
{
    AwsTestEnvironment env;
    TestHttpServer server;
    QVERIFY(server.listen());
    const QByteArray json = "{\"Code\":\"Success\",\"AccessKeyId\":\"ASIANET\",\"SecretAccessKey\":\"S\","
                            "\"Token\":\"T\",\"Expiration\":\"2999-01-01T00:00:00Z\"}";
    server.setHandler([&](const TestHttpServer::Request &r) {
        if (r.path() == "/latest/api/token")
            return TestHttpServer::Response::text(200, "TOKEN");
        if (r.path() == "/latest/meta-data/iam/security-credentials/")
            return TestHttpServer::Response::text(200, "role");
        return TestHttpServer::Response::json(200, json);
    });

    // Container endpoint.
    env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url(QStringLiteral("/ecs")).toString());
    {
        std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
        QCOMPARE(chain->waitForCredentials(15000).accessKeyId(), QStringLiteral("ASIANET"));
        QCOMPARE(chain->lastProvider()->name(), QStringLiteral("container"));
    }
    // Instance metadata, on the loopback test server.
    env.unset("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    env.unset("AWS_EC2_METADATA_DISABLED");
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url(QString()).toString());
    server.clearRequests();
    {
        std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
        QCOMPARE(chain->waitForCredentials(15000).accessKeyId(), QStringLiteral("ASIANET"));
        QCOMPARE(chain->lastProvider()->name(), QStringLiteral("instance metadata"));
        QCOMPARE(server.requestCount(), 3);
    }
}

void tst_AwsCredentialsProviderChain::reusesLastProvider_data()
{
    QTest::addColumn<bool>("reuse");
    QTest::addColumn<int>("expectedFirstFetches");
    QTest::newRow("reuse (default)") << true << 1;
    QTest::newRow("walk the whole chain") << false << 2;
}

void tst_AwsCredentialsProviderChain::reusesLastProvider()
{
    QFETCH(bool, reuse);
    QFETCH(int, expectedFirstFetches);
    auto *first = new CountingProvider(QStringLiteral("first"), false);
    auto *second = new CountingProvider(QStringLiteral("second"), true);
    AwsCredentialsProviderChain chain(QList<AwsCredentialsProvider *>{ first, second });
    QVERIFY(chain.reusesLastProvider());
    chain.setReuseLastProvider(reuse);
    QCOMPARE(chain.waitForCredentials(5000).accessKeyId(), QStringLiteral("AKID-second-1"));
    chain.invalidate();
    second->invalidate();
    QCOMPARE(chain.waitForCredentials(5000).accessKeyId(), QStringLiteral("AKID-second-2"));
    QCOMPARE(first->fetches, expectedFirstFetches);

    // When the last provider fails, the chain is walked again from the start.
    second->m_succeed = false;
    first->m_succeed = true;
    chain.invalidate();
    second->invalidate();
    QCOMPARE(chain.waitForCredentials(5000).accessKeyId(),
             QStringLiteral("AKID-first-%1").arg(expectedFirstFetches + 1));
    QCOMPARE(chain.lastProvider(), first);
}

void tst_AwsCredentialsProviderChain::refreshReachesTheChildProvider()
{
    auto *child = new CountingProvider(QStringLiteral("child"), true, 3);
    AwsCredentialsProviderChain chain(QList<AwsCredentialsProvider *>{ child });
    chain.setRefreshMarginSeconds(2);
    child->setRefreshMarginSeconds(2);
    QString message;
    QVERIFY2(chain.waitForCredentials(5000, nullptr, &message).isValid(), qPrintable(message));
    QCOMPARE(chain.currentCredentials().accessKeyId(), QStringLiteral("AKID-child-1"));
    QTRY_VERIFY_WITH_TIMEOUT(chain.needsRefresh(), 5000);
    chain.fetch(); // answers with the current credentials and refreshes in the background
    QTRY_COMPARE(chain.currentCredentials().accessKeyId(), QStringLiteral("AKID-child-2"));
    QCOMPARE(child->fetches, 2);
}

void tst_AwsCredentialsProviderChain::emptyChain()
{
    AwsCredentialsProviderChain chain;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(chain.waitForCredentials(1000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::ChainExhaustedError);
    chain.addProvider(new AwsStaticCredentialsProvider(AwsCredentials(QStringLiteral("AKID"), QStringLiteral("S"))));
    chain.invalidate();
    QCOMPARE(chain.waitForCredentials(1000, &error).accessKeyId(), QStringLiteral("AKID"));
}

QTEST_GUILESS_MAIN(tst_AwsCredentialsProviderChain)
#include "tst_awscredentialsproviderchain.moc"
