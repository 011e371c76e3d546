// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Header injection and request smuggling through credentials (issue 13, item 1): a key id or
// session token with CR/LF, from each credential source, must be refused by the provider with an
// error naming the source, and nothing of it may reach the wire. Two loopback servers log every
// byte they receive: the source (container, IMDS, STS endpoints) and the target of the request.
#include <qtsigv4/awscontainercredentialsprovider.h>
#include <qtsigv4/awsenvironmentcredentialsprovider.h>
#include <qtsigv4/awsinstancemetadatacredentialsprovider.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsprocesscredentialsprovider.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>
#include <qtsigv4/awswebidentitycredentialsprovider.h>

#include "awstestenvironment.h"
#include "testhttpserver.h"

#include <QtNetwork/qnetworkreply.h>
#include <QtTest/QtTest>

#include <memory>

namespace {

// What each source writes: CR LF, an injected header, the end of the header section and a
// second request that would carry our Authorization header.
const QByteArray Injection = "\r\nX-Injected: 1\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: 127.0.0.1";
const QByteArray JsonInjection = "\\r\\nX-Injected: 1\\r\\n\\r\\nGET /smuggled HTTP/1.1\\r\\nHost: 127.0.0.1";
const QByteArray XmlInjection = "&#13;&#10;X-Injected: 1&#13;&#10;&#13;&#10;GET /smuggled HTTP/1.1";

QByteArray expiry()
{
    return QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1();
}

// The JSON of ECS, IMDS and credential_process, with the injection in `field`.
QByteArray credentialsJson(const QByteArray &field, const QByteArray &tokenName)
{
    auto value = [&](const QByteArray &name, const QByteArray &plain) {
        return "\"" + name + "\":\"" + plain + (field == name ? JsonInjection : QByteArray()) + "\"";
    };
    return "{\"Version\":1,\"Code\":\"Success\"," + value("AccessKeyId", "ASIAINJECT") + ","
            + value("SecretAccessKey", "SECRETINJECT") + "," + value(tokenName, "TOKENINJECT")
            + ",\"Expiration\":\"" + expiry() + "\"}";
}

} // namespace

class tst_CredentialInjection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void nothingReachesTheWire_data();
    void nothingReachesTheWire();

private:
    AwsCredentialsProvider *createProvider(const QString &source, const QByteArray &field);

    std::unique_ptr<AwsTestEnvironment> m_env;
    std::unique_ptr<TestHttpServer> m_source;
    std::unique_ptr<TestHttpServer> m_target;
};

void tst_CredentialInjection::init()
{
    m_env.reset(new AwsTestEnvironment);
    m_source.reset(new TestHttpServer);
    m_target.reset(new TestHttpServer);
    QVERIFY(m_source->listen());
    QVERIFY(m_target->listen());
    m_target->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(200, "ok");
    });
}

void tst_CredentialInjection::cleanup()
{
    m_source.reset();
    m_target.reset();
    m_env.reset();
}

AwsCredentialsProvider *tst_CredentialInjection::createProvider(const QString &source,
                                                                const QByteArray &field)
{
    using R = TestHttpServer::Response;
    if (source == u"credentials-file") {
        // A continuation line (indented) is appended to the value with a line break.
        QByteArray content = "[injected]\n";
        for (const QByteArray name : { "aws_access_key_id", "aws_secret_access_key", "aws_session_token" })
            content += name + " = value-of-" + name + "\n" + (field == name ? "  X-Injected: 1\n" : "");
        m_env->writeCredentials(content);
        return new AwsProfileCredentialsProvider(QStringLiteral("injected"));
    }
    if (source == u"environment") {
        m_env->set("AWS_ACCESS_KEY_ID", field == "AWS_ACCESS_KEY_ID" ? "AKID" + Injection : "AKID");
        m_env->set("AWS_SECRET_ACCESS_KEY", "SECRET");
        m_env->set("AWS_SESSION_TOKEN", field == "AWS_SESSION_TOKEN" ? "TOKEN" + Injection : "TOKEN");
        return new AwsEnvironmentCredentialsProvider;
    }
    if (source == u"credential_process") {
        const QString json = m_env->writeFile(QStringLiteral("process.json"),
                                              credentialsJson(field, "SessionToken"));
        return new AwsProcessCredentialsProvider(QStringLiteral("cat '%1'").arg(json));
    }
    if (source == u"container") {
        m_source->setHandler([field](const TestHttpServer::Request &) {
            return R::json(200, credentialsJson(field, "Token"));
        });
        m_env->set("AWS_CONTAINER_CREDENTIALS_FULL_URI", m_source->url(QStringLiteral("/creds")).toString());
        return new AwsContainerCredentialsProvider;
    }
    if (source == u"instance-metadata") {
        m_env->unset("AWS_EC2_METADATA_DISABLED");
        m_source->setHandler([field](const TestHttpServer::Request &r) {
            if (r.path() == "/latest/api/token")
                return R::text(200, "IMDSTOKEN" + (field == "imds-token" ? Injection : QByteArray()));
            if (r.path() == "/latest/meta-data/iam/security-credentials/")
                return R::text(200, "role\n");
            return R::json(200, credentialsJson(field, "Token"));
        });
        auto *provider = new AwsInstanceMetadataCredentialsProvider;
        provider->setEndpoint(m_source->url(QString()));
        return provider;
    }
    if (source == u"web-identity") {
        m_source->setHandler([field](const TestHttpServer::Request &) {
            return R::text(200, "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>"
                                "<Credentials><AccessKeyId>ASIAWEB</AccessKeyId>"
                                "<SecretAccessKey>S</SecretAccessKey><SessionToken>T"
                                + (field == "SessionToken" ? XmlInjection : QByteArray())
                                + "</SessionToken><Expiration>" + expiry() + "</Expiration>"
                                  "</Credentials></AssumeRoleWithWebIdentityResult>"
                                  "</AssumeRoleWithWebIdentityResponse>");
        });
        m_env->set("AWS_ENDPOINT_URL_STS", m_source->url().toString());
        m_env->set("AWS_WEB_IDENTITY_TOKEN_FILE", m_env->writeFile(QStringLiteral("jwt"), "JWT"));
        m_env->set("AWS_ROLE_ARN", "arn:aws:iam::1:role/W");
        return new AwsWebIdentityCredentialsProvider;
    }
    // A provider of the application's own: reportCredentials() is the last gate.
    return new AwsStaticCredentialsProvider(
            AwsCredentials(QStringLiteral("AKID"), QStringLiteral("SECRET"),
                           QString::fromLatin1("TOKEN" + Injection)));
}

void tst_CredentialInjection::nothingReachesTheWire_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QString>("mention"); // how the provider's error names the field

    QTest::newRow("credentials file: aws_session_token continuation line")
            << "credentials-file" << QByteArray("aws_session_token") << "profile injected: aws_session_token";
    QTest::newRow("credentials file: aws_access_key_id continuation line")
            << "credentials-file" << QByteArray("aws_access_key_id") << "profile injected: aws_access_key_id";
    QTest::newRow("environment: AWS_SESSION_TOKEN")
            << "environment" << QByteArray("AWS_SESSION_TOKEN") << "AWS_SESSION_TOKEN";
    QTest::newRow("environment: AWS_ACCESS_KEY_ID")
            << "environment" << QByteArray("AWS_ACCESS_KEY_ID") << "AWS_ACCESS_KEY_ID";
    QTest::newRow("credential_process: SessionToken")
            << "credential_process" << QByteArray("SessionToken") << "output: SessionToken";
    QTest::newRow("credential_process: AccessKeyId")
            << "credential_process" << QByteArray("AccessKeyId") << "output: AccessKeyId";
    QTest::newRow("container endpoint: Token")
            << "container" << QByteArray("Token") << "container endpoint: Token";
    QTest::newRow("instance metadata: Token")
            << "instance-metadata" << QByteArray("Token") << "Token contains";
    QTest::newRow("instance metadata: AccessKeyId")
            << "instance-metadata" << QByteArray("AccessKeyId") << "AccessKeyId contains";
    QTest::newRow("instance metadata: the IMDS session token (a header itself)")
            << "instance-metadata" << QByteArray("imds-token") << "the session token contains";
    QTest::newRow("web identity: STS SessionToken")
            << "web-identity" << QByteArray("SessionToken") << "SessionToken";
    QTest::newRow("custom provider: session token")
            << "custom" << QByteArray() << "static returned credentials that cannot be sent: the session token";
}

void tst_CredentialInjection::nothingReachesTheWire()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, field);
    QFETCH(QString, mention);

    std::unique_ptr<AwsCredentialsProvider> provider(createProvider(source, field));
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(m_target->url(QString()), QStringLiteral("s3"),
                                               QStringLiteral("us-east-1"), provider.get()));
    manager.setCredentialsTimeout(10000);
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(m_target->url(QStringLiteral("/bucket/key")))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);

    QVERIFY(reply->error() != QNetworkReply::NoError);
    const QString message = provider->errorString();
    QVERIFY2(message.contains(u"control character") && message.contains(mention),
             qPrintable(provider->name() + QStringLiteral(": ") + message));
    for (const QString &text : { message, reply->errorString() })
        QVERIFY2(!text.contains(u"X-Injected") && !text.contains(u"smuggled"), qPrintable(text));
    QCOMPARE(m_target->requestCount(), 0);
    for (const QByteArray &wire : { m_target->received(), m_source->received() }) {
        QVERIFY2(!wire.contains("X-Injected") && !wire.contains("smuggled"), wire.constData());
    }
}

QTEST_GUILESS_MAIN(tst_CredentialInjection)
#include "tst_credentialinjection.moc"
