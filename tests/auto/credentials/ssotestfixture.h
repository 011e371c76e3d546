// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SSOTESTFIXTURE_H
#define SSOTESTFIXTURE_H

// The IAM Identity Center tests' fixture (tst_awsssocredentialsprovider, tst_ssoprofiles): a
// temporary HOME with its token cache directory, and a TestHttpServer on 127.0.0.1 that plays
// both the SSO OIDC endpoint (POST /token) and the portal (GET /federation/credentials).
#include "awstestenvironment.h"
#include "testhttpserver.h"
#include "testsecrets.h"

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qtest.h>

#include <memory>

Q_DECLARE_METATYPE(TestHttpServer::Response)

namespace SsoTest {

inline const QString startUrl = QStringLiteral("https://d-1234567890.awsapps.com/start");
inline const QString session = QStringLiteral("corp");
inline const QString account = QStringLiteral("111122223333");
inline const QString role = QStringLiteral("ReadOnly");
inline const QString accessToken = QStringLiteral("aoaAAAAAGcachedTOKEN/only+for=portal");
inline const QString newAccessToken = QStringLiteral("aoaAAAAAGrefreshedTOKEN/after+grant");
inline const QString refreshToken = QStringLiteral("aorAAAAAGrefresh/TOKEN+secret");
inline const QString newRefreshToken = QStringLiteral("aorAAAAAGrotated/REFRESH+token");
inline const QString clientSecret = QStringLiteral("eyJraWQiOiJrZXktY2xpZW50LXNlY3JldA/secret");
inline const QString roleSecret = QStringLiteral("sso/ROLE+secretKey=abcdefghijklmnopqrst");
inline const QString roleToken = QStringLiteral("IQoJb3JpZ2luX2VjE/sso+session=token");

inline QStringList allSecrets()
{
    return { accessToken, newAccessToken, refreshToken, newRefreshToken, clientSecret, roleSecret,
             roleToken };
}

inline QString sha1(const QString &text)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex());
}

inline QString isoIn(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODate);
}

// A cache file as the AWS CLI writes it after `aws sso login` (sso_session form when
// refreshable).
inline QByteArray cacheJson(qint64 expiresIn, bool refreshable = true, qint64 registrationIn = 86400 * 30)
{
    QJsonObject o{ { "startUrl", startUrl }, { "region", "us-east-1" },
                   { "accessToken", accessToken }, { "expiresAt", isoIn(expiresIn) } };
    if (refreshable) {
        o.insert("clientId", "cid-123");
        o.insert("clientSecret", clientSecret);
        o.insert("registrationExpiresAt", isoIn(registrationIn));
        o.insert("refreshToken", refreshToken);
    }
    o.insert("somethingNew", "kept");
    return QJsonDocument(o).toJson();
}

inline QByteArray roleAnswer(qint64 expiresIn = 3600, const QString &secret = roleSecret)
{
    const QJsonObject credentials{
        { "accessKeyId", "ASIASSOROLE" }, { "secretAccessKey", secret }, { "sessionToken", roleToken },
        { "expiration", double(QDateTime::currentDateTimeUtc().addSecs(expiresIn).toMSecsSinceEpoch()) },
    };
    return QJsonDocument(QJsonObject{ { "roleCredentials", credentials } }).toJson(QJsonDocument::Compact);
}

inline QByteArray oidcAnswer()
{
    return QJsonDocument(QJsonObject{ { "accessToken", newAccessToken }, { "expiresIn", 3600 },
                                      { "refreshToken", newRefreshToken }, { "tokenType", "Bearer" } })
            .toJson(QJsonDocument::Compact);
}

inline TestHttpServer::Response awsError(int status, const QByteArray &type, const QByteArray &message)
{
    TestHttpServer::Response r = TestHttpServer::Response::json(status, "{\"message\":\"" + message + "\"}");
    r.headers.append({ "x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/" });
    return r;
}

inline TestHttpServer::Response ok(const QByteArray &body)
{
    return TestHttpServer::Response::json(200, body);
}

} // namespace SsoTest

using namespace SsoTest;

class SsoTestFixture
{
protected:
    void publishSecrets()
    {
        for (const QString &secret : allSecrets())
            publishTestSecrets(AwsCredentials(QStringLiteral("AKID"), secret));
    }
    void setUp()
    {
        m_env.reset(new AwsTestEnvironment);
        m_cacheDir = m_env->home() + QStringLiteral("/.aws/sso/cache");
        QVERIFY(QDir().mkpath(m_cacheDir));
        m_server.reset(new TestHttpServer);
        QVERIFY(m_server->listen());
        serve(ok(oidcAnswer()), ok(roleAnswer()), accessToken);
    }
    void tearDown()
    {
        m_server.reset();
        m_env.reset();
    }
    void serve(const TestHttpServer::Response &oidc, const TestHttpServer::Response &portal,
               const QString &bearer);
    QString cachePath(const QString &key) const;
    // Writes the cache file of key (a session name or start URL).
    void writeCache(const QString &key, const QByteArray &content,
                    QFile::Permissions permissions = QFile::Permissions())
    {
        QVERIFY(!m_env->writeFile(cachePath(key).mid(m_env->home().size() + 1), content, permissions).isEmpty());
    }
    int count(const QByteArray &path) const;
    void checkNoSecrets(const QString &text) const;

    std::unique_ptr<AwsTestEnvironment> m_env;
    std::unique_ptr<TestHttpServer> m_server;
    QString m_cacheDir;
};

// The OIDC endpoint answers oidc to a well-formed refresh grant of the cached registration;
// the portal answers portal to bearer for the account and role, 401 to any other token.
inline void SsoTestFixture::serve(const TestHttpServer::Response &oidc,
                                          const TestHttpServer::Response &portal,
                                          const QString &bearer)
{
    m_server->setHandler([=](const TestHttpServer::Request &request) {
        if (request.method == "POST" && request.path() == "/token") {
            const QJsonObject grant = QJsonDocument::fromJson(request.body).object();
            if (grant.value("grantType") != "refresh_token" || grant.value("clientId") != "cid-123"
                || grant.value("clientSecret") != clientSecret || grant.value("refreshToken") != refreshToken
                || request.header("content-type") != "application/json")
                return awsError(400, "InvalidGrantException", "Invalid grant provided");
            return oidc;
        }
        if (request.method == "GET" && request.path() == "/federation/credentials") {
            const QUrlQuery query(QString::fromLatin1(request.target.mid(request.target.indexOf('?') + 1)));
            if (request.header("x-amz-sso_bearer_token") != bearer.toUtf8())
                return awsError(401, "UnauthorizedException", "Session token not found or invalid");
            if (query.queryItemValue("account_id") != account || query.queryItemValue("role_name") != role)
                return awsError(403, "ForbiddenException", "No access");
            return portal;
        }
        return TestHttpServer::Response::text(404, "not found");
    });
}

inline QString SsoTestFixture::cachePath(const QString &key) const
{
    return m_cacheDir + u'/' + sha1(key) + QStringLiteral(".json");
}

inline int SsoTestFixture::count(const QByteArray &path) const
{
    int n = 0;
    for (const auto &request : m_server->requests())
        n += request.path() == path ? 1 : 0;
    return n;
}

inline void SsoTestFixture::checkNoSecrets(const QString &text) const
{
    for (const QString &secret : allSecrets()) {
        QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("a secret in: ") + text));
        QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))),
                 qPrintable(QStringLiteral("an encoded secret in: ") + text));
    }
}

#endif // SSOTESTFIXTURE_H
