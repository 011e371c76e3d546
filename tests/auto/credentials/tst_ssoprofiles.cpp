// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// IAM Identity Center (SSO) profiles (issue 18): AwsProfileCredentialsProvider and the default
// chain with sso_session and legacy sso_start_url profiles, the endpoint overrides and the
// configuration errors, against the fixture's OIDC endpoint and portal on 127.0.0.1.
#include "ssotestfixture.h"

#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>

#include <QtCore/qregularexpression.h>

class tst_SsoProfiles : public QObject, public SsoTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { publishSecrets(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void profiles_data();
    void profiles();
    void defaultChain();
    void roleWithSsoSourceProfile();
};

// AwsProfileCredentialsProvider: both forms of SSO profiles, the endpoint overrides and the
// configuration errors.
void tst_SsoProfiles::profiles_data()
{
    using Error = AwsCredentialsProvider::Error;
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("environment"); // NAME=value, {url} is the local server
    QTest::addColumn<QString>("cacheKey");        // empty: no cache file
    QTest::addColumn<qint64>("tokenExpiresIn");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("oidcCalls");

    const QByteArray sessionProfile = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
                                      "sso_role_name = ReadOnly\nregion = eu-west-1\n";
    const QByteArray sessionSection = "[sso-session corp]\nsso_start_url = " + startUrl.toUtf8()
            + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n";
    const QByteArray legacyProfile = "[profile dev]\nsso_start_url = " + startUrl.toUtf8()
            + "\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n";
    const QStringList envEndpoints{ QStringLiteral("AWS_ENDPOINT_URL_SSO={url}"),
                                    QStringLiteral("AWS_ENDPOINT_URL_SSO_OIDC={url}") };
    const Error none = AwsCredentialsProvider::NoError;
    const Error invalid = AwsCredentialsProvider::InvalidConfigurationError;

    QTest::newRow("sso_session") << sessionProfile + sessionSection << envEndpoints << session << qint64(3600)
                                 << none << QString() << 0;
    QTest::newRow("sso_session, expired token refreshed")
            << sessionProfile + sessionSection << envEndpoints << session << qint64(-60) << none << QString() << 1;
    QTest::newRow("legacy sso_start_url") << legacyProfile << envEndpoints << startUrl << qint64(3600) << none
                                          << QString() << 0;
    QTest::newRow("AWS_ENDPOINT_URL for both") << sessionProfile + sessionSection
                                               << QStringList{ QStringLiteral("AWS_ENDPOINT_URL={url}") } << session
                                               << qint64(-60) << none << QString() << 1;
    QTest::newRow("services section")
            << sessionProfile + "services = local\n" + sessionSection
                       + "[services local]\nsso =\n  endpoint_url = {url}\nsso_oidc =\n  endpoint_url = {url}\n"
            << QStringList() << session << qint64(-60) << none << QString() << 1;
    QTest::newRow("AWS_ENDPOINT_URL_SSO over the services section")
            << sessionProfile + "services = local\n" + sessionSection
                       + "[services local]\nsso =\n  endpoint_url = http://127.0.0.1:9/\n"
            << QStringList{ QStringLiteral("AWS_ENDPOINT_URL_SSO={url}") } << session << qint64(3600) << none
            << QString() << 0;
    QTest::newRow("SSO before static keys") << legacyProfile + "aws_access_key_id = AKIDSTATIC\naws_secret_access_key = x\n"
                                            << envEndpoints << startUrl << qint64(3600) << none << QString() << 0;

    QTest::newRow("no cached token") << sessionProfile + sessionSection << envEndpoints << QString() << qint64(0)
                                     << AwsCredentialsProvider::LoginRequiredError
                                     << "profile dev: sso: there is no cached SSO token" << 0;
    QTest::newRow("no cached token: advice") << legacyProfile << envEndpoints << QString() << qint64(0)
                                             << AwsCredentialsProvider::LoginRequiredError
                                             << "run aws sso login --profile dev" << 0;
    QTest::newRow("expired legacy token") << legacyProfile << envEndpoints << startUrl << qint64(-60)
                                          << AwsCredentialsProvider::LoginRequiredError
                                          << "expired at" << 0;
    QTest::newRow("no [sso-session] section") << sessionProfile << envEndpoints << session << qint64(3600) << invalid
                                              << "profile dev: sso_session corp has no [sso-session corp] section" << 0;
    QTest::newRow("session without sso_region")
            << sessionProfile + "[sso-session corp]\nsso_start_url = " + startUrl.toUtf8() + "\n" << envEndpoints
            << session << qint64(3600) << invalid
            << "profile dev uses IAM Identity Center (SSO) but has no sso_region (in the profile or in [sso-session corp])" << 0;
    QTest::newRow("legacy without start URL and role")
            << QByteArray("[profile dev]\nsso_region = us-east-1\nsso_account_id = 1\n") << envEndpoints << startUrl
            << qint64(3600) << invalid << "but has no sso_start_url, sso_role_name" << 0;
    QTest::newRow("profile and session disagree")
            << sessionProfile + "sso_region = eu-west-1\n" + sessionSection << envEndpoints << session << qint64(3600)
            << invalid << "profile dev: sso_region is \"eu-west-1\" but [sso-session corp] has \"us-east-1\"" << 0;
    QTest::newRow("token-only profile")
            << QByteArray("[profile dev]\nsso_session = corp\n") + sessionSection << envEndpoints << session
            << qint64(3600) << AwsCredentialsProvider::NotConfiguredError
            << "has IAM Identity Center (SSO) settings but no sso_account_id and sso_role_name" << 0;
    QTest::newRow("bad sso_region") << QByteArray(legacyProfile).replace("us-east-1", "us-east-1.evil.com/x") << envEndpoints
                                    << startUrl << qint64(3600) << invalid << "is not a region name" << 0;
}

void tst_SsoProfiles::profiles()
{
    QFETCH(QByteArray, config);
    QFETCH(QStringList, environment);
    QFETCH(QString, cacheKey);
    QFETCH(qint64, tokenExpiresIn);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, message);
    QFETCH(int, oidcCalls);

    const QByteArray url = m_server->url().toEncoded();
    m_env->writeConfig(config.replace("{url}", url));
    for (const QString &assignment : std::as_const(environment)) {
        const qsizetype eq = assignment.indexOf(u'=');
        m_env->set(assignment.left(eq).toLatin1(), assignment.mid(eq + 1).toUtf8().replace("{url}", url));
    }
    if (!cacheKey.isEmpty())
        writeCache(cacheKey, cacheJson(tokenExpiresIn));
    serve(ok(oidcAnswer()), ok(roleAnswer()), oidcCalls ? newAccessToken : accessToken);

    AwsProfileCredentialsProvider provider(QStringLiteral("dev"));
    AwsCredentialsProvider::Error actualError = AwsCredentialsProvider::NoError;
    QString errorString;
    const AwsCredentials credentials = provider.waitForCredentials(20000, &actualError, &errorString);
    QVERIFY2(actualError == error, qPrintable(errorString));
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIASSOROLE"));
        QCOMPARE(credentials.providerName(), QStringLiteral("profile dev"));
        QCOMPARE(count("/federation/credentials"), 1);
    } else {
        QVERIFY2(errorString.contains(message), qPrintable(errorString));
    }
    QCOMPARE(count("/token"), oidcCalls);
    checkNoSecrets(errorString);
}

// The default chain asks the active profile: an SSO one gives the role's credentials, and
// without a cached token the chain's error says to log in.
void tst_SsoProfiles::defaultChain()
{
    m_env->writeConfig("[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
                       "sso_role_name = ReadOnly\n[sso-session corp]\nsso_start_url = "
                       + startUrl.toUtf8() + "\nsso_region = us-east-1\n");
    m_env->set("AWS_PROFILE", "dev");
    m_env->set("AWS_ENDPOINT_URL_SSO", m_server->url().toEncoded());
    QString errorString;
    std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
    // Later sources might answer instead: the chain says why the SSO profile did not.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
            "credentials source profile dev needs a login; trying the next source: .*aws sso login --profile dev")));
    QVERIFY(!chain->waitForCredentials(20000, nullptr, &errorString).isValid());
    QVERIFY2(errorString.contains(QStringLiteral("profile dev: sso: there is no cached SSO token")),
             qPrintable(errorString));
    QVERIFY2(errorString.contains(QStringLiteral("run aws sso login --profile dev")), qPrintable(errorString));

    writeCache(session, cacheJson(3600));
    chain.reset(AwsCredentialsProviderChain::createDefault());
    const AwsCredentials credentials = chain->waitForCredentials(20000, nullptr, &errorString);
    QVERIFY2(credentials.isValid(), qPrintable(errorString));
    QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIASSOROLE"));
    QCOMPARE(count("/federation/credentials"), 1);
}

// role_arn with an SSO profile as source_profile: AssumeRole is signed with the SSO role's
// credentials (STS played by the same local server).
void tst_SsoProfiles::roleWithSsoSourceProfile()
{
    m_env->writeConfig("[profile admin]\nrole_arn = arn:aws:iam::444455556666:role/Admin\nsource_profile = dev\n"
                       "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
                       "sso_role_name = ReadOnly\n[sso-session corp]\nsso_start_url = "
                       + startUrl.toUtf8() + "\nsso_region = us-east-1\n");
    m_env->set("AWS_ENDPOINT_URL", m_server->url().toEncoded());
    m_env->set("AWS_REGION", "eu-west-1");
    writeCache(session, cacheJson(3600));
    const QByteArray expiration = isoIn(3600).toLatin1();
    m_server->setHandler([expiration](const TestHttpServer::Request &request) {
        if (request.path() == "/federation/credentials"
            && request.header("x-amz-sso_bearer_token") == accessToken.toUtf8())
            return ok(roleAnswer());
        if (request.method == "POST" && request.body.contains("Action=AssumeRole")
            && request.header("authorization").contains("Credential=ASIASSOROLE/")
            && request.header("x-amz-security-token") == roleToken.toUtf8()) {
            return TestHttpServer::Response::text(
                    200, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAASSUMED"
                         "</AccessKeyId><SecretAccessKey>" + roleSecret.toUtf8() + "</SecretAccessKey>"
                         "<SessionToken>" + roleToken.toUtf8() + "</SessionToken><Expiration>"
                         + expiration + "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
        }
        return TestHttpServer::Response::text(403, "unexpected request");
    });
    AwsProfileCredentialsProvider provider(QStringLiteral("admin"));
    QString errorString;
    const AwsCredentials credentials = provider.waitForCredentials(20000, nullptr, &errorString);
    QVERIFY2(credentials.isValid(), qPrintable(errorString));
    QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIAASSUMED"));
    QCOMPARE(count("/federation/credentials"), 1);
    QCOMPARE(m_server->requestCount(), 2);
}

QTEST_GUILESS_MAIN(tst_SsoProfiles)
#include "tst_ssoprofiles.moc"
