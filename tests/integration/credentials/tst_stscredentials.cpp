// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// STS against a real moto_server on 127.0.0.1: AssumeRole signed by our signer,
// AssumeRoleWithWebIdentity (unsigned), profiles with role_arn + source_profile (and chains),
// and the end-to-end case: profile -> AssumeRole -> a signed S3 request with the temporary
// credentials (session token included) succeeds.
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awsstsclient.h>
#include <qtsigv4/awswebidentitycredentialsprovider.h>

#include "awstestenvironment.h"
#include "motoserver.h"

#include <QtTest/QtTest>

class tst_StsCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void assumeRoleClient_data();
    void assumeRoleClient();
    void assumeRoleBadSignatureSurfacesMessage();
    void webIdentityProvider();
    void profileRoleChain_data();
    void profileRoleChain();
    void endToEndProfileToS3_data();
    void endToEndProfileToS3();

private:
    QByteArray baseProfiles() const;
    MotoServer::Response callerIdentity(const AwsCredentials &credentials) const;

    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<AwsTestEnvironment> m_env;
    QString m_roleA;
    QString m_roleB;
};

void tst_StsCredentials::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    QString error;
    m_roleA = m_moto->createRole(QStringLiteral("qtsigv4-role-a"), &error);
    QVERIFY2(!m_roleA.isEmpty(), qPrintable(error));
    m_roleB = m_moto->createRole(QStringLiteral("qtsigv4-role-b"), &error);
    QVERIFY2(!m_roleB.isEmpty(), qPrintable(error));
}

void tst_StsCredentials::init()
{
    m_env.reset(new AwsTestEnvironment);
}

void tst_StsCredentials::cleanup()
{
    m_env.reset();
}

QByteArray tst_StsCredentials::baseProfiles() const
{
    const AwsCredentials c = m_moto->credentials();
    return "[base]\naws_access_key_id = " + c.accessKeyId().toUtf8()
            + "\naws_secret_access_key = " + c.secretAccessKey().toUtf8() + "\n";
}

MotoServer::Response tst_StsCredentials::callerIdentity(const AwsCredentials &credentials) const
{
    return m_moto->callQueryApi(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"),
                                QStringLiteral("2011-06-15"), {}, credentials);
}

void tst_StsCredentials::assumeRoleClient_data()
{
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("sessionName");
    QTest::newRow("defaults") << QString() << 0 << QString();
    QTest::newRow("external id, duration, session name")
            << "ext-42" << 1800 << "qtsigv4-test-session";
}

void tst_StsCredentials::assumeRoleClient()
{
    QFETCH(QString, externalId);
    QFETCH(int, duration);
    QFETCH(QString, sessionName);
    AwsStsClient client;
    client.setEndpoint(m_moto->endpoint());
    client.setRegion(m_moto->region());
    QSignalSpy finished(&client, &AwsStsClient::finished);
    QSignalSpy failed(&client, &AwsStsClient::failed);
    AwsStsClient::AssumeRoleParameters parameters;
    parameters.roleArn = m_roleA;
    parameters.externalId = externalId;
    parameters.durationSeconds = duration;
    parameters.roleSessionName = sessionName;
    client.assumeRole(m_moto->credentials(), parameters);
    QVERIFY(client.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, 20000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
    const AwsCredentials credentials = finished.at(0).at(0).value<AwsCredentials>();
    QVERIFY(credentials.isValid());
    QVERIFY(credentials.hasSessionToken());
    QVERIFY(credentials.canExpire());
    const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(credentials.expiration());
    const int expected = duration > 0 ? duration : 3600;
    QVERIFY2(qAbs(lifetime - expected) < 120, qPrintable(QString::number(lifetime)));

    // The temporary credentials work for a signed call, and moto sees the assumed role.
    const MotoServer::Response identity = callerIdentity(credentials);
    QVERIFY2(identity.ok(), qPrintable(identity.errorString));
    QVERIFY2(identity.body.contains("assumed-role/qtsigv4-role-a"), identity.body.constData());
    if (!sessionName.isEmpty())
        QVERIFY(identity.body.contains(sessionName.toUtf8()));
}

void tst_StsCredentials::assumeRoleBadSignatureSurfacesMessage()
{
    AwsStsClient client;
    client.setEndpoint(m_moto->endpoint());
    client.setRegion(m_moto->region());
    QSignalSpy failed(&client, &AwsStsClient::failed);
    AwsCredentials wrong = m_moto->credentials();
    wrong.setSecretAccessKey(QStringLiteral("definitely-not-the-secret"));
    AwsStsClient::AssumeRoleParameters parameters;
    parameters.roleArn = m_roleA;
    client.assumeRole(wrong, parameters);
    QVERIFY(failed.wait(20000));
    QCOMPARE(failed.at(0).at(0).value<AwsCredentialsProvider::Error>(),
             AwsCredentialsProvider::InvalidConfigurationError);
    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("HTTP 403")), qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("definitely-not-the-secret")));
}

void tst_StsCredentials::webIdentityProvider()
{
    const QString tokenFile = m_env->writeFile(QStringLiteral("token"),
                                               "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln\n");
    m_env->set("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile);
    m_env->set("AWS_ROLE_ARN", m_roleB);
    m_env->set("AWS_ROLE_SESSION_NAME", "web-session");
    m_env->set("AWS_ENDPOINT_URL_STS", m_moto->endpoint().toString());
    m_env->set("AWS_REGION", m_moto->region());
    AwsWebIdentityCredentialsProvider provider;
    QCOMPARE(provider.roleArn(), m_roleB);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    // moto answers the (correctly) unsigned call with 500 while it checks signatures.
    QVERIFY(m_moto->setAuthenticationEnabled(false, &message));
    const AwsCredentials credentials = provider.waitForCredentials(20000, &error, &message);
    QVERIFY(m_moto->setAuthenticationEnabled(true));
    QVERIFY2(error == AwsCredentialsProvider::NoError, qPrintable(message));
    QVERIFY(credentials.hasSessionToken());
    QCOMPARE(credentials.providerName(), QStringLiteral("web identity"));
    const MotoServer::Response identity = callerIdentity(credentials);
    QVERIFY2(identity.ok(), qPrintable(identity.errorString));
    QVERIFY2(identity.body.contains("qtsigv4-role-b"), identity.body.constData());
}

void tst_StsCredentials::profileRoleChain_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("expectedRole");
    QTest::newRow("one hop") << "role-a" << "qtsigv4-role-a";
    QTest::newRow("two hops") << "role-b-via-a" << "qtsigv4-role-b";
    QTest::newRow("web identity profile") << "web" << "qtsigv4-role-b";
}

void tst_StsCredentials::profileRoleChain()
{
    QFETCH(QString, profile);
    QFETCH(QString, expectedRole);
    const QString tokenFile = m_env->writeFile(QStringLiteral("token"), "eyJ.eyJ.sig");
    m_env->writeCredentials(baseProfiles());
    m_env->writeConfig("[profile role-a]\nrole_arn = " + m_roleA.toUtf8() + "\nsource_profile = base\n"
                       "region = us-east-1\nendpoint_url = " + m_moto->endpoint().toString().toUtf8() + "\n"
                       "[profile role-b-via-a]\nrole_arn = " + m_roleB.toUtf8() + "\nsource_profile = role-a\n"
                       "external_id = chain\nregion = us-east-1\n"
                       "endpoint_url = " + m_moto->endpoint().toString().toUtf8() + "\n"
                       "[profile web]\nrole_arn = " + m_roleB.toUtf8() + "\nweb_identity_token_file = "
                       + tokenFile.toUtf8() + "\nregion = us-east-1\n"
                       "services = local\n"
                       "[services local]\nsts =\n  endpoint_url = " + m_moto->endpoint().toString().toUtf8() + "\n");
    AwsProfileCredentialsProvider provider(profile);
    QCOMPARE(provider.stsEndpoint(), m_moto->endpoint());
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    const bool unsignedCall = profile == u"web";
    if (unsignedCall) // see webIdentityProvider()
        QVERIFY(m_moto->setAuthenticationEnabled(false));
    const AwsCredentials credentials = provider.waitForCredentials(30000, &error, &message);
    if (unsignedCall)
        QVERIFY(m_moto->setAuthenticationEnabled(true));
    QVERIFY2(error == AwsCredentialsProvider::NoError, qPrintable(message));
    QVERIFY(credentials.hasSessionToken());
    const MotoServer::Response identity = callerIdentity(credentials);
    QVERIFY2(identity.ok(), qPrintable(identity.errorString));
    QVERIFY2(identity.body.contains(expectedRole.toUtf8()), identity.body.constData());
}

void tst_StsCredentials::endToEndProfileToS3_data()
{
    QTest::addColumn<bool>("throughDefaultChain");
    QTest::newRow("profile provider") << false;
    QTest::newRow("default chain with AWS_PROFILE") << true;
}

void tst_StsCredentials::endToEndProfileToS3()
{
    QFETCH(bool, throughDefaultChain);
    m_env->writeCredentials(baseProfiles());
    m_env->writeConfig("[profile s3-role]\nrole_arn = " + m_roleA.toUtf8()
                       + "\nsource_profile = base\nrole_session_name = e2e\nregion = us-east-1\n");
    m_env->set("AWS_ENDPOINT_URL_STS", m_moto->endpoint().toString());

    std::unique_ptr<AwsCredentialsProvider> provider;
    if (throughDefaultChain) {
        m_env->set("AWS_PROFILE", "s3-role");
        provider.reset(AwsCredentialsProviderChain::createDefault());
    } else {
        provider.reset(new AwsProfileCredentialsProvider(QStringLiteral("s3-role")));
    }
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider->waitForCredentials(30000, &error, &message);
    QVERIFY2(error == AwsCredentialsProvider::NoError, qPrintable(message));
    QVERIFY(credentials.hasSessionToken());
    QVERIFY(credentials.accessKeyId() != m_moto->credentials().accessKeyId());

    // A signed S3 request with the temporary credentials (X-Amz-Security-Token signed too).
    const QString bucket = throughDefaultChain ? QStringLiteral("qtsigv4-e2e-chain")
                                               : QStringLiteral("qtsigv4-e2e-profile");
    QUrl url = m_moto->endpoint();
    url.setPath(QLatin1Char('/') + bucket);
    MotoServer::Response r = m_moto->send("PUT", url, QStringLiteral("s3"), {}, QByteArray(), credentials);
    QVERIFY2(r.ok(), qPrintable(QStringLiteral("CreateBucket: %1 %2").arg(r.status).arg(r.errorString)));
    url.setPath(QStringLiteral("/"));
    r = m_moto->send("GET", url, QStringLiteral("s3"), {}, QByteArray(), credentials);
    QVERIFY2(r.ok(), qPrintable(QStringLiteral("ListBuckets: %1 %2").arg(r.status).arg(r.errorString)));
    QVERIFY2(r.body.contains(bucket.toUtf8()), r.body.constData());

    // Without the session token the same keys are refused: the token really is used.
    AwsCredentials withoutToken = credentials;
    withoutToken.setSessionToken(QString());
    r = m_moto->send("GET", url, QStringLiteral("s3"), {}, QByteArray(), withoutToken);
    QCOMPARE(r.status, 403);
}

QTEST_GUILESS_MAIN(tst_StsCredentials)
#include "tst_stscredentials.moc"
