// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Profiles of the shared files: static keys, credential_process, role_arn with source_profile /
// credential_source / web_identity_token_file (STS served by a local fake here; the real STS
// behaviour is tested against moto in tests/integration/credentials), and every
// misconfiguration with a clear error.
#include <qtsigv4/awsprofilecredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtCore/qurlquery.h>
#include <QtTest/QtTest>

namespace {

QUrlQuery formOf(const TestHttpServer::Request &request)
{
    return QUrlQuery(QString::fromUtf8(QByteArray(request.body).replace('+', "%20")));
}

// A fake STS: answers AssumeRole / AssumeRoleWithWebIdentity with credentials whose key id
// tells which role was assumed and which key id signed the call.
TestHttpServer::Response fakeSts(const TestHttpServer::Request &request)
{
    const QUrlQuery form = formOf(request);
    const QString action = form.queryItemValue(QStringLiteral("Action"), QUrl::FullyDecoded);
    const QString role = form.queryItemValue(QStringLiteral("RoleArn"), QUrl::FullyDecoded).section(u'/', -1);
    QByteArray signer = "unsigned";
    const QByteArray authorization = request.header("authorization");
    const int credential = authorization.indexOf("Credential=");
    if (credential >= 0)
        signer = authorization.mid(credential + 11, authorization.indexOf('/', credential) - credential - 11);
    const QByteArray expiry =
            QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1();
    const QByteArray keyId = "ASIA-" + role.toUtf8() + "-BY-" + signer;
    return TestHttpServer::Response::text(
            200, "<" + action.toUtf8() + "Response><" + action.toUtf8() + "Result><Credentials>"
                 "<AccessKeyId>" + keyId + "</AccessKeyId><SecretAccessKey>SECRET-" + role.toUtf8()
                 + "</SecretAccessKey><SessionToken>TOKEN-" + role.toUtf8()
                 + "</SessionToken><Expiration>" + expiry + "</Expiration></Credentials></"
                 + action.toUtf8() + "Result></" + action.toUtf8() + "Response>");
}

} // namespace

class tst_AwsProfileCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void resolve_data();
    void resolve();
    void stsParameters();
    void profileSelection_data();
    void profileSelection();
    void filesAreReadAtEveryRefresh();

private:
    std::unique_ptr<AwsTestEnvironment> m_env;
    std::unique_ptr<TestHttpServer> m_sts;
};

void tst_AwsProfileCredentialsProvider::init()
{
    m_env.reset(new AwsTestEnvironment);
    m_sts.reset(new TestHttpServer);
    QVERIFY(m_sts->listen());
    m_sts->setHandler(fakeSts);
    m_env->set("AWS_ENDPOINT_URL_STS", m_sts->url().toString());
}

void tst_AwsProfileCredentialsProvider::cleanup()
{
    m_sts.reset();
    m_env.reset();
}

void tst_AwsProfileCredentialsProvider::resolve_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("expected"); // key id, or a part of the error message
    QTest::addColumn<int>("stsCalls");

    const QByteArray script = "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDPROCESS\",\"SecretAccessKey\":\"S\"}'";

    QTest::newRow("static keys in credentials file")
            << QByteArray() << QByteArray("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = S\n")
            << "default" << AwsCredentialsProvider::NoError << "AKIDDEFAULT" << 0;
    QTest::newRow("static keys in config file")
            << QByteArray("[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = S\n")
            << QByteArray() << "dev" << AwsCredentialsProvider::NoError << "AKIDCONFIG" << 0;
    QTest::newRow("credentials file beats config file")
            << QByteArray("[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = S\n")
            << QByteArray("[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = S\n")
            << "dev" << AwsCredentialsProvider::NoError << "AKIDCREDS" << 0;
    QTest::newRow("session token")
            << QByteArray() << QByteArray("[t]\naws_access_key_id = ASIATOKEN\naws_secret_access_key = S\naws_session_token = TOK\n")
            << "t" << AwsCredentialsProvider::NoError << "ASIATOKEN" << 0;
    QTest::newRow("credential_process")
            << QByteArray("[profile p]\ncredential_process = " + script + "\n") << QByteArray()
            << "p" << AwsCredentialsProvider::NoError << "AKIDPROCESS" << 0;
    QTest::newRow("static keys beat credential_process")
            << QByteArray("[profile p]\ncredential_process = " + script + "\n")
            << QByteArray("[p]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = S\n")
            << "p" << AwsCredentialsProvider::NoError << "AKIDSTATIC" << 0;
    QTest::newRow("role with source_profile")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = base\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "r" << AwsCredentialsProvider::NoError << "ASIA-RoleA-BY-AKIDBASE" << 1;
    QTest::newRow("role chain")
            << QByteArray("[profile r2]\nrole_arn = arn:aws:iam::123456789012:role/RoleB\nsource_profile = r1\n"
                          "[profile r1]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = base\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "r2" << AwsCredentialsProvider::NoError << "ASIA-RoleB-BY-ASIA-RoleA-BY-AKIDBASE" << 2;
    QTest::newRow("role with source_profile using credential_process")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = p\n"
                          "[profile p]\ncredential_process = " + script + "\n")
            << QByteArray() << "r" << AwsCredentialsProvider::NoError << "ASIA-RoleA-BY-AKIDPROCESS" << 1;
    QTest::newRow("role with itself as source_profile")
            << QByteArray("[profile self]\nrole_arn = arn:aws:iam::123456789012:role/RoleS\nsource_profile = self\n")
            << QByteArray("[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = S\n")
            << "self" << AwsCredentialsProvider::NoError << "ASIA-RoleS-BY-AKIDSELF" << 1;
    QTest::newRow("role with credential_source Environment")
            << QByteArray("[profile e]\nrole_arn = arn:aws:iam::123456789012:role/RoleE\ncredential_source = Environment\n")
            << QByteArray() << "e" << AwsCredentialsProvider::NoError << "ASIA-RoleE-BY-AKIDFROMENV" << 1;
    QTest::newRow("role with web_identity_token_file")
            << QByteArray("[profile w]\nrole_arn = arn:aws:iam::123456789012:role/RoleW\n"
                          "web_identity_token_file = ~/token\nrole_session_name = web\n")
            << QByteArray() << "w" << AwsCredentialsProvider::NoError << "ASIA-RoleW-BY-unsigned" << 1;
    QTest::newRow("role_arn wins over static keys")
            << QByteArray("[profile both]\nrole_arn = arn:aws:iam::123456789012:role/RoleX\nsource_profile = base\n"
                          "aws_access_key_id = AKIDIGNORED\naws_secret_access_key = S\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "both" << AwsCredentialsProvider::NoError << "ASIA-RoleX-BY-AKIDBASE" << 1;

    // Errors.
    QTest::newRow("no files") << QByteArray() << QByteArray() << "default"
                              << AwsCredentialsProvider::NotConfiguredError << "exists" << 0;
    QTest::newRow("profile not found")
            << QByteArray("[default]\nregion = x\n") << QByteArray() << "missing"
            << AwsCredentialsProvider::NotConfiguredError << "profile missing is not in" << 0;
    QTest::newRow("profile without credentials")
            << QByteArray("[default]\nregion = x\n") << QByteArray() << "default"
            << AwsCredentialsProvider::NotConfiguredError << "has no credentials" << 0;
    QTest::newRow("malformed config")
            << QByteArray("[default]\nthis line is wrong\n") << QByteArray() << "default"
            << AwsCredentialsProvider::InvalidConfigurationError << "config:2:" << 0;
    QTest::newRow("malformed credentials")
            << QByteArray() << QByteArray("aws_access_key_id = before section\n") << "default"
            << AwsCredentialsProvider::InvalidConfigurationError << "credentials:1:" << 0;
    QTest::newRow("key id without secret")
            << QByteArray() << QByteArray("[default]\naws_access_key_id = AKID\n") << "default"
            << AwsCredentialsProvider::InvalidConfigurationError << "no aws_secret_access_key" << 0;
    QTest::newRow("source_profile missing")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = ghost\n")
            << QByteArray() << "r" << AwsCredentialsProvider::InvalidConfigurationError
            << "profile ghost is not in" << 0;
    QTest::newRow("source_profile cycle")
            << QByteArray("[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
                          "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n")
            << QByteArray() << "a" << AwsCredentialsProvider::InvalidConfigurationError
            << "cycle: a -> b -> a" << 0;
    QTest::newRow("self source without keys")
            << QByteArray("[profile s]\nrole_arn = arn:aws:iam::1:role/S\nsource_profile = s\n")
            << QByteArray() << "s" << AwsCredentialsProvider::InvalidConfigurationError
            << "its own source_profile" << 0;
    QTest::newRow("both source_profile and credential_source")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\ncredential_source = Environment\n")
            << QByteArray() << "r" << AwsCredentialsProvider::InvalidConfigurationError
            << "both source_profile and credential_source" << 0;
    QTest::newRow("role_arn without a source")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\n") << QByteArray() << "r"
            << AwsCredentialsProvider::InvalidConfigurationError << "neither source_profile" << 0;
    QTest::newRow("unknown credential_source")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Magic\n")
            << QByteArray() << "r" << AwsCredentialsProvider::InvalidConfigurationError
            << "credential_source \"Magic\"" << 0;
    QTest::newRow("credential_source Ec2InstanceMetadata disabled")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Ec2InstanceMetadata\n")
            << QByteArray() << "r" << AwsCredentialsProvider::NotConfiguredError
            << "AWS_EC2_METADATA_DISABLED" << 0;
    QTest::newRow("mfa_serial")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "r" << AwsCredentialsProvider::InvalidConfigurationError << "mfa_serial" << 0;
    QTest::newRow("bad duration_seconds")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\nduration_seconds = 60\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "r" << AwsCredentialsProvider::InvalidConfigurationError << "duration_seconds \"60\"" << 0;
    QTest::newRow("web_identity_token_file without role_arn")
            << QByteArray("[profile w]\nweb_identity_token_file = ~/token\n") << QByteArray() << "w"
            << AwsCredentialsProvider::InvalidConfigurationError << "no role_arn" << 0;
    QTest::newRow("sso profile")
            << QByteArray("[profile sso]\nsso_session = corp\nsso_account_id = 1\n") << QByteArray()
            << "sso" << AwsCredentialsProvider::InvalidConfigurationError
            << "profile sso: sso_session corp has no [sso-session corp] section" << 0;
    QTest::newRow("failing credential_process")
            << QByteArray("[profile p]\ncredential_process = sh -c 'echo nope >&2; exit 2'\n")
            << QByteArray() << "p" << AwsCredentialsProvider::ProcessError
            << "profile p: credential_process: credential_process sh exited with code 2: nope" << 0;
    QTest::newRow("sts error surfaces the service message")
            << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/Denied\nsource_profile = base\n")
            << QByteArray("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n")
            << "r" << AwsCredentialsProvider::InvalidConfigurationError
            << "AccessDenied: User is not authorized to perform sts:AssumeRole" << 1;
}

void tst_AwsProfileCredentialsProvider::resolve()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QString, profile);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, expected);
    QFETCH(int, stsCalls);
    if (!config.isEmpty())
        m_env->writeConfig(config);
    if (!credentials.isEmpty())
        m_env->writeCredentials(credentials);
    m_env->writeFile(QStringLiteral("token"), "eyJ.web.identity\n");
    m_env->set("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
    m_env->set("AWS_SECRET_ACCESS_KEY", "SECRETFROMENV");
    m_sts->setHandler([](const TestHttpServer::Request &request) {
        if (formOf(request).queryItemValue(QStringLiteral("RoleArn"), QUrl::FullyDecoded).endsWith(u"/Denied")) {
            return TestHttpServer::Response::text(
                    403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                         "<Message>User is not authorized to perform sts:AssumeRole</Message>"
                         "</Error><RequestId>1</RequestId></ErrorResponse>");
        }
        return fakeSts(request);
    });

    AwsProfileCredentialsProvider provider(profile);
    QCOMPARE(provider.name(), QStringLiteral("profile ") + profile);
    AwsCredentialsProvider::Error actual = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials result = provider.waitForCredentials(15000, &actual, &message);
    QVERIFY2(actual == error, qPrintable(QStringLiteral("%1: %2")
                                                 .arg(AwsCredentialsProvider::errorName(actual), message)));
    QCOMPARE(m_sts->requestCount(), stsCalls);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(result.accessKeyId(), expected);
        QCOMPARE(result.providerName(), provider.name());
    } else {
        QVERIFY(result.isNull());
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("SECRETFROMENV")));
    }
}

void tst_AwsProfileCredentialsProvider::stsParameters()
{
    m_env->writeConfig("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/RoleP\nsource_profile = base\n"
                       "external_id = ext-123\nrole_session_name = my-session\nduration_seconds = 1800\n"
                       "region = eu-central-1\n");
    m_env->writeCredentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n"
                            "aws_session_token = BASETOKEN\n");
    AwsProfileCredentialsProvider provider(QStringLiteral("r"));
    QCOMPARE(provider.region(), QStringLiteral("eu-central-1"));
    QCOMPARE(provider.stsEndpoint(), m_sts->url());
    QString message;
    QVERIFY2(provider.waitForCredentials(15000, nullptr, &message).isValid(), qPrintable(message));
    QCOMPARE(m_sts->requestCount(), 1);
    const TestHttpServer::Request request = m_sts->requests().constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.header("content-type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
    const QUrlQuery form = formOf(request);
    QCOMPARE(form.queryItemValue(QStringLiteral("Action"), QUrl::FullyDecoded), QStringLiteral("AssumeRole"));
    QCOMPARE(form.queryItemValue(QStringLiteral("Version"), QUrl::FullyDecoded), QStringLiteral("2011-06-15"));
    QCOMPARE(form.queryItemValue(QStringLiteral("RoleArn"), QUrl::FullyDecoded),
             QStringLiteral("arn:aws:iam::123456789012:role/RoleP"));
    QCOMPARE(form.queryItemValue(QStringLiteral("ExternalId"), QUrl::FullyDecoded), QStringLiteral("ext-123"));
    QCOMPARE(form.queryItemValue(QStringLiteral("RoleSessionName"), QUrl::FullyDecoded), QStringLiteral("my-session"));
    QCOMPARE(form.queryItemValue(QStringLiteral("DurationSeconds"), QUrl::FullyDecoded), QStringLiteral("1800"));
    const QByteArray authorization = request.header("authorization");
    QVERIFY2(authorization.contains("Credential=AKIDBASE/"), authorization.constData());
    QVERIFY2(authorization.contains("/eu-central-1/sts/aws4_request"), authorization.constData());
    QVERIFY2(authorization.contains("content-type"), authorization.constData());
    QCOMPARE(request.header("x-amz-security-token"), QByteArray("BASETOKEN"));
    QVERIFY(!request.header("x-amz-date").isEmpty());
}

void tst_AwsProfileCredentialsProvider::profileSelection_data()
{
    QTest::addColumn<QByteArray>("awsProfile");
    QTest::addColumn<QString>("explicitProfile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << QByteArray() << QString() << "AKIDDEFAULT";
    QTest::newRow("AWS_PROFILE") << QByteArray("dev") << QString() << "AKIDDEV";
    QTest::newRow("explicit beats AWS_PROFILE") << QByteArray("dev") << "prod" << "AKIDPROD";
}

void tst_AwsProfileCredentialsProvider::profileSelection()
{
    QFETCH(QByteArray, awsProfile);
    QFETCH(QString, explicitProfile);
    QFETCH(QString, expected);
    m_env->writeCredentials("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = S\n"
                            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = S\n"
                            "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = S\n");
    if (!awsProfile.isEmpty())
        m_env->set("AWS_PROFILE", awsProfile);
    AwsProfileCredentialsProvider provider(explicitProfile);
    QCOMPARE(provider.waitForCredentials(5000).accessKeyId(), expected);
}

void tst_AwsProfileCredentialsProvider::filesAreReadAtEveryRefresh()
{
    const QString path = m_env->home() + QStringLiteral("/elsewhere/creds");
    m_env->set("AWS_SHARED_CREDENTIALS_FILE", path);
    m_env->writeFile(QStringLiteral("elsewhere/creds"),
                     "[default]\naws_access_key_id = AKIDONE\naws_secret_access_key = S\n");
    AwsProfileCredentialsProvider provider;
    QCOMPARE(provider.waitForCredentials(5000).accessKeyId(), QStringLiteral("AKIDONE"));
    m_env->writeFile(QStringLiteral("elsewhere/creds"),
                     "[default]\naws_access_key_id = AKIDTWO\naws_secret_access_key = S\n");
    provider.invalidate();
    QCOMPARE(provider.waitForCredentials(5000).accessKeyId(), QStringLiteral("AKIDTWO"));
}

QTEST_GUILESS_MAIN(tst_AwsProfileCredentialsProvider)
#include "tst_awsprofilecredentialsprovider.moc"
