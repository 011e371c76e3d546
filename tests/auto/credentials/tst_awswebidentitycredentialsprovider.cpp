// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN -> AssumeRoleWithWebIdentity (fake STS on loopback;
// the real call is tested against moto in tests/integration/credentials).
#include <qtsigv4/awswebidentitycredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtCore/qurlquery.h>
#include <QtTest/QtTest>

class tst_AwsWebIdentityCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void configuration_data();
    void configuration();
    void tokenIsReadAtEveryRefresh();
    void explicitConfiguration();

private:
    std::unique_ptr<AwsTestEnvironment> m_env;
    std::unique_ptr<TestHttpServer> m_sts;
    QList<QByteArray> m_tokens;
};

void tst_AwsWebIdentityCredentialsProvider::init()
{
    m_env.reset(new AwsTestEnvironment);
    m_sts.reset(new TestHttpServer);
    QVERIFY(m_sts->listen());
    m_tokens.clear();
    m_sts->setHandler([this](const TestHttpServer::Request &request) {
        const QUrlQuery form(QString::fromUtf8(request.body));
        m_tokens.append(form.queryItemValue(QStringLiteral("WebIdentityToken"), QUrl::FullyDecoded).toUtf8());
        const QByteArray n = QByteArray::number(m_tokens.size());
        return TestHttpServer::Response::text(
                200, "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
                     "<AccessKeyId>ASIAWEB" + n + "</AccessKeyId><SecretAccessKey>S</SecretAccessKey>"
                     "<SessionToken>T</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration>"
                     "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
    });
    m_env->set("AWS_ENDPOINT_URL_STS", m_sts->url().toString());
}

void tst_AwsWebIdentityCredentialsProvider::cleanup()
{
    m_sts.reset();
    m_env.reset();
}

void tst_AwsWebIdentityCredentialsProvider::configuration_data()
{
    QTest::addColumn<QByteArray>("tokenFile");   // "WRITE": a token file with content
    QTest::addColumn<QByteArray>("roleArn");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("configured") << QByteArray("WRITE") << QByteArray("arn:aws:iam::1:role/W")
                                << AwsCredentialsProvider::NoError << "";
    QTest::newRow("not configured") << QByteArray() << QByteArray()
                                    << AwsCredentialsProvider::NotConfiguredError
                                    << "AWS_WEB_IDENTITY_TOKEN_FILE is not set";
    QTest::newRow("no role") << QByteArray("WRITE") << QByteArray()
                             << AwsCredentialsProvider::InvalidConfigurationError << "AWS_ROLE_ARN";
    QTest::newRow("missing token file") << QByteArray("/nonexistent/token")
                                        << QByteArray("arn:aws:iam::1:role/W")
                                        << AwsCredentialsProvider::InvalidConfigurationError
                                        << "cannot read /nonexistent/token";
    QTest::newRow("empty token file") << QByteArray("EMPTY") << QByteArray("arn:aws:iam::1:role/W")
                                      << AwsCredentialsProvider::InvalidConfigurationError << "empty";
}

void tst_AwsWebIdentityCredentialsProvider::configuration()
{
    QFETCH(QByteArray, tokenFile);
    QFETCH(QByteArray, roleArn);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, messagePart);
    if (tokenFile == "WRITE")
        tokenFile = m_env->writeFile(QStringLiteral("token"), "SECRET-JWT\n").toUtf8();
    else if (tokenFile == "EMPTY")
        tokenFile = m_env->writeFile(QStringLiteral("token"), "\n").toUtf8();
    if (!tokenFile.isEmpty())
        m_env->set("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile);
    if (!roleArn.isEmpty())
        m_env->set("AWS_ROLE_ARN", roleArn);
    AwsWebIdentityCredentialsProvider provider;
    QCOMPARE(provider.name(), QStringLiteral("web identity"));
    AwsCredentialsProvider::Error actual = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(10000, &actual, &message);
    QCOMPARE(actual, error);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIAWEB1"));
        QCOMPARE(m_tokens, QList<QByteArray>{ "SECRET-JWT" });
    } else {
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        QCOMPARE(m_sts->requestCount(), 0);
    }
    QVERIFY(!message.contains(QStringLiteral("SECRET-JWT")));
}

void tst_AwsWebIdentityCredentialsProvider::tokenIsReadAtEveryRefresh()
{
    m_env->set("AWS_WEB_IDENTITY_TOKEN_FILE", m_env->writeFile(QStringLiteral("token"), "JWT-1"));
    m_env->set("AWS_ROLE_ARN", "arn:aws:iam::1:role/W");
    AwsWebIdentityCredentialsProvider provider;
    QCOMPARE(provider.waitForCredentials(10000).accessKeyId(), QStringLiteral("ASIAWEB1"));
    m_env->writeFile(QStringLiteral("token"), "JWT-2"); // rotated by the platform
    provider.invalidate();
    QCOMPARE(provider.waitForCredentials(10000).accessKeyId(), QStringLiteral("ASIAWEB2"));
    QCOMPARE(m_tokens, (QList<QByteArray>{ "JWT-1", "JWT-2" }));
}

void tst_AwsWebIdentityCredentialsProvider::explicitConfiguration()
{
    const QString token = m_env->writeFile(QStringLiteral("explicit-token"), "JWT-X");
    AwsWebIdentityCredentialsProvider provider(QStringLiteral("arn:aws:iam::1:role/X"), token,
                                               QStringLiteral("explicit-session"));
    provider.setStsEndpoint(m_sts->url());
    provider.setRegion(QStringLiteral("eu-west-1"));
    provider.setDurationSeconds(1200);
    QCOMPARE(provider.roleArn(), QStringLiteral("arn:aws:iam::1:role/X"));
    QCOMPARE(provider.roleSessionName(), QStringLiteral("explicit-session"));
    QVERIFY(provider.waitForCredentials(10000).isValid());
    const QUrlQuery form(QString::fromUtf8(m_sts->requests().constFirst().body));
    QCOMPARE(form.queryItemValue(QStringLiteral("RoleSessionName")), QStringLiteral("explicit-session"));
    QCOMPARE(form.queryItemValue(QStringLiteral("DurationSeconds")), QStringLiteral("1200"));
}

QTEST_GUILESS_MAIN(tst_AwsWebIdentityCredentialsProvider)
#include "tst_awswebidentitycredentialsprovider.moc"
