// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsSsoCredentialsProvider (issue 18) against the fixture's SSO OIDC endpoint and portal on
// 127.0.0.1 (ssotestfixture.h), with token caches written as `aws sso login` writes them into
// a temporary HOME. SSO profiles and the default chain: tst_ssoprofiles.
#include "ssotestfixture.h"

#include <qtsigv4/awsssocredentialsprovider.h>

#include <QtCore/qloggingcategory.h>

class tst_AwsSsoCredentialsProvider : public QObject, public SsoTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { publishSecrets(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void tokenCache_data();
    void tokenCache();
    void answers_data();
    void answers();
    void refreshWritesCacheBack();
    void concurrentFetchesRefreshOnce();
    void roleCredentialsCachedInMemory();
    void configuredFromCode_data();
    void configuredFromCode();

private:
    AwsSsoCredentialsProvider *newProvider(bool sessionForm = true);
};

AwsSsoCredentialsProvider *tst_AwsSsoCredentialsProvider::newProvider(bool sessionForm)
{
    auto *provider = new AwsSsoCredentialsProvider(this);
    provider->setStartUrl(startUrl);
    provider->setSsoRegion(QStringLiteral("us-east-1"));
    provider->setAccountId(account);
    provider->setRoleName(role);
    if (sessionForm)
        provider->setSessionName(session);
    provider->setCacheDirectory(m_cacheDir);
    provider->setPortalEndpoint(m_server->url());
    provider->setOidcEndpoint(m_server->url());
    return provider;
}


// The cache file as botocore names and reads it.
void tst_AwsSsoCredentialsProvider::tokenCache_data()
{
    QTest::addColumn<bool>("sessionForm");
    QTest::addColumn<QString>("expectedFile");
    // The hex SHA-1 of the session name, or of the start URL (botocore's SSOTokenLoader).
    QTest::newRow("sso_session") << true << QStringLiteral("ee0bfd2552fbd840c02cc48b6e823320543c450f");
    QTest::newRow("legacy start URL") << false << sha1(startUrl);
}

void tst_AwsSsoCredentialsProvider::tokenCache()
{
    QFETCH(bool, sessionForm);
    QFETCH(QString, expectedFile);
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider(sessionForm));
    if (sessionForm) // python3 -c 'import hashlib; print(hashlib.sha1(b"corp").hexdigest())'
        QCOMPARE(sha1(session), expectedFile);
    QCOMPARE(QFileInfo(provider->tokenCacheFile()).fileName(), expectedFile + QStringLiteral(".json"));
    QCOMPARE(QFileInfo(provider->tokenCacheFile()).absolutePath(), QFileInfo(m_cacheDir).absoluteFilePath());
    provider->setCacheDirectory(QString());
    QCOMPARE(provider->tokenCacheFile(),
             QDir::homePath() + QStringLiteral("/.aws/sso/cache/") + expectedFile + QStringLiteral(".json"));
    QCOMPARE(AwsCredentialsProvider::errorName(AwsCredentialsProvider::LoginRequiredError),
             QStringLiteral("LoginRequiredError"));
}

// One fetch against every kind of cache and answer: the error, what was called, and never a
// secret in the error string or in any log line.
void tst_AwsSsoCredentialsProvider::answers_data()
{
    using Error = AwsCredentialsProvider::Error;
    QTest::addColumn<bool>("sessionForm");
    QTest::addColumn<QByteArray>("cache");          // null: no cache file
    QTest::addColumn<TestHttpServer::Response>("oidc");
    QTest::addColumn<TestHttpServer::Response>("portal");
    QTest::addColumn<QString>("bearer");            // the token the portal accepts
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("oidcCalls");
    QTest::addColumn<int>("portalCalls");

    const auto oidcOk = ok(oidcAnswer());
    const auto portalOk = ok(roleAnswer());
    const Error none = AwsCredentialsProvider::NoError;
    const Error login = AwsCredentialsProvider::LoginRequiredError;
    const Error invalid = AwsCredentialsProvider::InvalidConfigurationError;
    const int t = 5000;

    // The token.
    QTest::newRow("valid cached token") << true << cacheJson(3600) << oidcOk << portalOk << accessToken << t
                                        << none << QString() << 0 << 1;
    QTest::newRow("token within 15 min refreshed") << true << cacheJson(600) << oidcOk << portalOk << newAccessToken
                                                   << t << none << QString() << 1 << 1;
    QTest::newRow("expired token refreshed") << true << cacheJson(-600) << oidcOk << portalOk << newAccessToken << t
                                             << none << QString() << 1 << 1;
    QTest::newRow("expired token, expired registration")
            << true << cacheJson(-600, true, -60) << oidcOk << portalOk << accessToken << t << login
            << "the SSO token of session corp expired at " << 0 << 0;
    QTest::newRow("expired registration says so")
            << true << cacheJson(-600, true, -60) << oidcOk << portalOk << accessToken << t << login
            << "client registration expired" << 0 << 0;
    QTest::newRow("expired token, no refresh token")
            << true << cacheJson(-600, false) << oidcOk << portalOk << accessToken << t << login
            << "cannot be refreshed (the cache has no refreshToken, clientId, clientSecret, "
               "registrationExpiresAt): run aws sso login --sso-session corp" << 0 << 0;
    QTest::newRow("nearly expired, registration expired: used")
            << true << cacheJson(600, true, -60) << oidcOk << portalOk << accessToken << t << none << QString() << 0 << 1;
    QTest::newRow("expired, refresh token refused")
            << true << cacheJson(-600) << awsError(400, "InvalidGrantException", "Refresh token has expired")
            << portalOk << accessToken << t << login
            << "refreshing it failed (HTTP 400 from " << 1 << 0;
    QTest::newRow("refused refresh says why")
            << true << cacheJson(-600) << awsError(400, "InvalidGrantException", "Refresh token has expired")
            << portalOk << accessToken << t << login
            << "InvalidGrantException: Refresh token has expired): the refresh token expired or was "
               "revoked; run aws sso login --sso-session corp" << 1 << 0;
    QTest::newRow("OAuth error body") << true << cacheJson(-600)
            << TestHttpServer::Response::json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}")
            << portalOk << accessToken << t << login << "invalid_grant: expired" << 1 << 0;
    QTest::newRow("nearly expired, refresh refused: used")
            << true << cacheJson(600) << awsError(400, "InvalidGrantException", "no") << portalOk << accessToken << t
            << none << QString() << 1 << 1;
    QTest::newRow("refresh answer echoing secrets")
            << true << cacheJson(-600)
            << TestHttpServer::Response::text(400, "bad refreshToken " + refreshToken.toUtf8() + " of client "
                                                      + clientSecret.toUtf8())
            << portalOk << accessToken << t << login << "<redacted>" << 1 << 0;
    QTest::newRow("refresh answer not JSON") << true << cacheJson(-600) << ok("<html>") << portalOk << accessToken
                                             << t << invalid << "cannot be used: not JSON" << 1 << 0;
    QTest::newRow("refresh answer without expiresIn")
            << true << cacheJson(-600) << ok("{\"accessToken\":\"x\"}") << portalOk << accessToken << t << invalid
            << "expiresIn" << 1 << 0;
    QTest::newRow("refresh answer with a line break")
            << true << cacheJson(-600) << ok("{\"accessToken\":\"a\\r\\nX-Evil: 1\",\"expiresIn\":3600}")
            << portalOk << accessToken << t << invalid << "accessToken contains a control character" << 1 << 0;
    QTest::newRow("OIDC 500") << true << cacheJson(-600) << TestHttpServer::Response::text(500, "oops") << portalOk
                              << accessToken << t << AwsCredentialsProvider::NetworkError << "HTTP 500" << 1 << 0;
    QTest::newRow("OIDC never answers") << true << cacheJson(-600) << TestHttpServer::Response::hanging() << portalOk
                                        << accessToken << 500 << AwsCredentialsProvider::TimeoutError
                                        << "no answer from" << 1 << 0;
    QTest::newRow("legacy token never refreshed")
            << false << cacheJson(-600) << oidcOk << portalOk << accessToken << t << login
            << "the SSO token of start URL " + startUrl + " expired at" << 0 << 0;
    QTest::newRow("legacy valid token") << false << cacheJson(3600, false) << oidcOk << portalOk << accessToken << t
                                        << none << QString() << 0 << 1;

    // The cache file.
    QTest::newRow("no cache") << true << QByteArray() << oidcOk << portalOk << accessToken << t << login
                              << "there is no cached SSO token (" << 0 << 0;
    QTest::newRow("no cache: advice") << true << QByteArray() << oidcOk << portalOk << accessToken << t << login
                                      << "run aws sso login --sso-session corp" << 0 << 0;
    QTest::newRow("cache not JSON") << true << QByteArray("not json") << oidcOk << portalOk << accessToken << t
                                    << invalid << "is not a usable token cache: not JSON" << 0 << 0;
    QTest::newRow("cache a JSON array") << true << QByteArray("[1]") << oidcOk << portalOk << accessToken << t
                                        << invalid << "not a JSON object" << 0 << 0;
    QTest::newRow("cache huge") << true << QByteArray("{\"accessToken\":\"" + QByteArray(300 * 1024, 'a') + "\"}")
                                << oidcOk << portalOk << accessToken << t << invalid << "is larger than 262144 bytes"
                                << 0 << 0;
    QTest::newRow("cache without accessToken")
            << true << QByteArray("{\"expiresAt\":\"2099-01-01T00:00:00Z\"}") << oidcOk << portalOk << accessToken
            << t << invalid << "it has no accessToken; run aws sso login --sso-session corp to write it again" << 0 << 0;
    QTest::newRow("cache without expiresAt")
            << true << QByteArray("{\"accessToken\":\"" + accessToken.toUtf8() + "\"}") << oidcOk << portalOk
            << accessToken << t << invalid << "it has no expiresAt" << 0 << 0;
    QTest::newRow("cache with a bad expiresAt")
            << true << QByteArray("{\"accessToken\":\"" + accessToken.toUtf8() + "\",\"expiresAt\":\"tomorrow\"}")
            << oidcOk << portalOk << accessToken << t << invalid << "its expiresAt \"tomorrow\" is not" << 0 << 0;
    QTest::newRow("cache token with a line break")
            << true << QByteArray("{\"accessToken\":\"a\\nb\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}") << oidcOk
            << portalOk << accessToken << t << invalid << "accessToken contains a control character (at offset 1)" << 0 << 0;
    const QByteArray later = QDateTime::currentDateTimeUtc().addSecs(7200).toOffsetFromUtc(3600)
                                     .toString(Qt::ISODate).toLatin1();
    QTest::newRow("expiresAt with fraction and offset")
            << false << QByteArray("{\"accessToken\":\"" + accessToken.toUtf8() + "\",\"expiresAt\":\""
                                   + later.left(19) + ".123456" + later.mid(19) + "\"}")
            << oidcOk << portalOk << accessToken << t << none << QString() << 0 << 1;
    QTest::newRow("expiresAt of early CLI v2 (UTC)")
            << false << QByteArray("{\"accessToken\":\"" + accessToken.toUtf8() + "\",\"expiresAt\":\""
                                   + isoIn(3600).chopped(1).toLatin1() + "UTC\"}")
            << oidcOk << portalOk << accessToken << t << none << QString() << 0 << 1;

    // The portal.
    QTest::newRow("portal 403") << true << cacheJson(3600) << oidcOk << awsError(403, "ForbiddenException", "No access")
                                << accessToken << t << invalid
                                << "no access to role ReadOnly in account 111122223333 (HTTP 403 from " << 0 << 1;
    QTest::newRow("portal 403 names the exception")
            << true << cacheJson(3600) << oidcOk << awsError(403, "ForbiddenException", "No access") << accessToken
            << t << invalid << "ForbiddenException: No access" << 0 << 1;
    QTest::newRow("portal 403 echoing the token")
            << true << cacheJson(3600) << oidcOk
            << TestHttpServer::Response::text(403, "x-amz-sso_bearer_token: " + accessToken.toUtf8() + " refused")
            << accessToken << t << invalid << "no access to role ReadOnly" << 0 << 1;
    QTest::newRow("portal 404") << true << cacheJson(3600) << oidcOk
                                << awsError(404, "ResourceNotFoundException", "Could not find role")
                                << accessToken << t << invalid << "account 111122223333" << 0 << 1;
    QTest::newRow("portal 401") << true << cacheJson(3600) << oidcOk << portalOk << QStringLiteral("revoked") << t
                                << login << "UnauthorizedException: Session token not found or invalid): it expired "
                                            "or was revoked; run aws sso login --sso-session corp" << 0 << 1;
    QTest::newRow("portal 429") << true << cacheJson(3600) << oidcOk
                                << awsError(429, "TooManyRequestsException", "slow down") << accessToken << t
                                << AwsCredentialsProvider::NetworkError << "TooManyRequestsException" << 0 << 1;
    QTest::newRow("portal 500") << true << cacheJson(3600) << oidcOk << TestHttpServer::Response::text(500, "down")
                                << accessToken << t << AwsCredentialsProvider::NetworkError << "HTTP 500" << 0 << 1;
    QTest::newRow("portal garbage") << true << cacheJson(3600) << oidcOk << ok("\x01\x02garbage") << accessToken << t
                                    << invalid << "cannot be used: not JSON" << 0 << 1;
    QTest::newRow("portal without roleCredentials") << true << cacheJson(3600) << oidcOk << ok("{}") << accessToken
                                                    << t << invalid << "no roleCredentials" << 0 << 1;
    QTest::newRow("portal without sessionToken")
            << true << cacheJson(3600) << oidcOk
            << ok("{\"roleCredentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"" + roleSecret.toUtf8()
                  + "\",\"expiration\":1}}")
            << accessToken << t << invalid << "have no sessionToken" << 0 << 1;
    QTest::newRow("portal expiration as text")
            << true << cacheJson(3600) << oidcOk
            << ok("{\"roleCredentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"" + roleSecret.toUtf8()
                  + "\",\"sessionToken\":\"" + roleToken.toUtf8() + "\",\"expiration\":\"soon\"}}")
            << accessToken << t << invalid << "no expiration in epoch milliseconds" << 0 << 1;
    QTest::newRow("portal secret with a line break")
            << true << cacheJson(3600) << oidcOk << ok(roleAnswer(3600, QStringLiteral("a\r\nX-Evil: 1")))
            << accessToken << t << invalid << "secretAccessKey contains a control character" << 0 << 1;
    QTest::newRow("portal credentials already expired")
            << true << cacheJson(3600) << oidcOk << ok(roleAnswer(-60)) << accessToken << t
            << AwsCredentialsProvider::ExpiredError << "returned credentials that expired" << 0 << 1;
    QTest::newRow("portal oversized") << true << cacheJson(3600) << oidcOk << ok(QByteArray(300 * 1024, ' ') + roleAnswer())
                                      << accessToken << t << AwsCredentialsProvider::NetworkError
                                      << "is larger than 262144 bytes" << 0 << 1;
    QTest::newRow("portal never answers") << true << cacheJson(3600) << oidcOk << TestHttpServer::Response::hanging()
                                          << accessToken << 500 << AwsCredentialsProvider::TimeoutError
                                          << "no answer from" << 0 << 1;
}

static QStringList *capturedLog = nullptr;
static void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (capturedLog)
        capturedLog->append(QString::fromLatin1(context.category) + u' ' + message);
}

void tst_AwsSsoCredentialsProvider::answers()
{
    QFETCH(bool, sessionForm);
    QFETCH(QByteArray, cache);
    QFETCH(TestHttpServer::Response, oidc);
    QFETCH(TestHttpServer::Response, portal);
    QFETCH(QString, bearer);
    QFETCH(int, timeoutMs);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, message);
    QFETCH(int, oidcCalls);
    QFETCH(int, portalCalls);

    serve(oidc, portal, bearer);
    if (!cache.isNull())
        writeCache(sessionForm ? session : startUrl, cache);
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider(sessionForm));
    provider->setTimeout(timeoutMs);

    QStringList log;
    capturedLog = &log;
    QLoggingCategory::setFilterRules(QStringLiteral("qtsigv4.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    AwsCredentialsProvider::Error actualError = AwsCredentialsProvider::NoError;
    QString errorString;
    const AwsCredentials credentials = provider->waitForCredentials(20000, &actualError, &errorString);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    capturedLog = nullptr;

    QCOMPARE(actualError, error);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("ASIASSOROLE"));
        QCOMPARE(credentials.secretAccessKey(), roleSecret);
        QCOMPARE(credentials.sessionToken(), roleToken);
        QVERIFY(credentials.canExpire());
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(credentials.expiration()) - 3600) < 60);
        QCOMPARE(credentials.providerName(), QStringLiteral("sso"));
    } else {
        QVERIFY(!credentials.isValid());
        QVERIFY2(errorString.contains(message), qPrintable(errorString));
    }
    QCOMPARE(count("/token"), oidcCalls);
    QCOMPARE(count("/federation/credentials"), portalCalls);
    checkNoSecrets(errorString);
    checkNoSecrets(log.join(u'\n'));
    QVERIFY(!log.isEmpty()); // the logging was on: the check above saw something
}


// The refresh-token grant, and the cache replaced atomically (owner-only, unknown fields kept).
void tst_AwsSsoCredentialsProvider::refreshWritesCacheBack()
{
    const QString path = cachePath(session);
    writeCache(session, cacheJson(-60), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    serve(ok(oidcAnswer()), ok(roleAnswer()), newAccessToken);
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider());
    QString errorString;
    QVERIFY2(provider->waitForCredentials(20000, nullptr, &errorString).isValid(), qPrintable(errorString));

    QCOMPARE(count("/token"), 1);
    const TestHttpServer::Request grant = m_server->requests().first();
    QCOMPARE(grant.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(grant.body).object();
    QCOMPARE(body.value("grantType").toString(), QStringLiteral("refresh_token"));
    QCOMPARE(body.value("clientId").toString(), QStringLiteral("cid-123"));
    QCOMPARE(body.value("clientSecret").toString(), clientSecret);
    QCOMPARE(body.value("refreshToken").toString(), refreshToken);
    QCOMPARE(grant.target, QByteArray("/token"));
    QCOMPARE(m_server->requests().last().header("x-amz-sso_bearer_token"), newAccessToken.toUtf8());
    QCOMPARE(m_server->requests().last().target,
             QByteArray("/federation/credentials?account_id=111122223333&role_name=ReadOnly"));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject cached = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(cached.value("accessToken").toString(), newAccessToken);
    QCOMPARE(cached.value("refreshToken").toString(), newRefreshToken);
    QCOMPARE(cached.value("clientSecret").toString(), clientSecret);
    QCOMPARE(cached.value("clientId").toString(), QStringLiteral("cid-123"));
    QCOMPARE(cached.value("startUrl").toString(), startUrl);
    QCOMPARE(cached.value("region").toString(), QStringLiteral("us-east-1"));
    QCOMPARE(cached.value("somethingNew").toString(), QStringLiteral("kept"));
    const QDateTime expiresAt = QDateTime::fromString(cached.value("expiresAt").toString(), Qt::ISODate);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expiresAt) - 3600) < 60);
    QVERIFY(cached.value("expiresAt").toString().endsWith(u'Z'));
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    // Renamed into place: nothing else is left in the directory.
    QCOMPARE(QDir(m_cacheDir).entryList(QDir::Files | QDir::Hidden),
             QStringList{ QFileInfo(path).fileName() });

    // The next process reads the new token and does not refresh again.
    std::unique_ptr<AwsSsoCredentialsProvider> next(newProvider());
    QVERIFY(next->waitForCredentials(20000).isValid());
    QCOMPARE(count("/token"), 1);
    QCOMPARE(count("/federation/credentials"), 2);
}

// 100 requests waiting for expired credentials: one refresh grant, one GetRoleCredentials.
void tst_AwsSsoCredentialsProvider::concurrentFetchesRefreshOnce()
{
    writeCache(session, cacheJson(-60));
    serve(ok(oidcAnswer()), ok(roleAnswer()), newAccessToken);
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider());
    int ready = 0;
    connect(provider.get(), &AwsCredentialsProvider::credentialsReady, this, [&ready] { ++ready; });
    for (int i = 0; i < 100; ++i)
        provider->fetch();
    QTRY_VERIFY_WITH_TIMEOUT(provider->hasUsableCredentials(), 20000);
    QCOMPARE(count("/token"), 1);
    QCOMPARE(count("/federation/credentials"), 1);
    QTRY_COMPARE(ready, 1);
}

// The role credentials are kept until refreshMarginSeconds() before they expire.
void tst_AwsSsoCredentialsProvider::roleCredentialsCachedInMemory()
{
    writeCache(session, cacheJson(3600));
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider());
    QVERIFY(provider->waitForCredentials(20000).isValid());
    for (int i = 0; i < 5; ++i)
        QVERIFY(provider->waitForCredentials(20000).isValid());
    QCOMPARE(count("/federation/credentials"), 1);
    QVERIFY(!provider->needsRefresh());

    // Short-lived ones are fetched again, in the background, once half their life is over.
    serve(ok(oidcAnswer()), ok(roleAnswer(4)), accessToken);
    provider->invalidate();
    QVERIFY(provider->waitForCredentials(20000).isValid());
    QCOMPARE(count("/federation/credentials"), 2);
    QTRY_VERIFY_WITH_TIMEOUT(provider->needsRefresh(), 5000);
    QVERIFY(provider->hasUsableCredentials());
    provider->fetch();
    QTRY_COMPARE_WITH_TIMEOUT(count("/federation/credentials"), 3, 20000);
}

void tst_AwsSsoCredentialsProvider::configuredFromCode_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing set") << QStringLiteral("all") << QString() << AwsCredentialsProvider::NotConfiguredError
                                 << "no IAM Identity Center start URL, session, account or role is set";
    QTest::newRow("no account") << QStringLiteral("account") << QString()
                                << AwsCredentialsProvider::InvalidConfigurationError << "no sso_account_id is set";
    QTest::newRow("role with a line break") << QStringLiteral("role") << QStringLiteral("a\r\nb")
                                            << AwsCredentialsProvider::InvalidConfigurationError
                                            << "sso_role_name contains a control character";
    QTest::newRow("ftp portal") << QStringLiteral("portal") << QStringLiteral("ftp://127.0.0.1/")
                                << AwsCredentialsProvider::InvalidConfigurationError
                                << "the portal endpoint \"ftp://127.0.0.1/\" is not an http(s) URL";
    QTest::newRow("default endpoints") << QStringLiteral("defaults") << QString()
                                       << AwsCredentialsProvider::NoError << QString();
}

void tst_AwsSsoCredentialsProvider::configuredFromCode()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, message);
    std::unique_ptr<AwsSsoCredentialsProvider> provider(newProvider());
    if (field == u"defaults") {
        provider->setPortalEndpoint(QUrl());
        provider->setOidcEndpoint(QUrl());
        QCOMPARE(provider->portalEndpoint(), QUrl(QStringLiteral("https://portal.sso.us-east-1.amazonaws.com")));
        QCOMPARE(provider->oidcEndpoint(), QUrl(QStringLiteral("https://oidc.us-east-1.amazonaws.com")));
        provider->setSsoRegion(QStringLiteral("cn-north-1"));
        QCOMPARE(provider->portalEndpoint(), QUrl(QStringLiteral("https://portal.sso.cn-north-1.amazonaws.com.cn")));
        m_env->set("AWS_ENDPOINT_URL_SSO", m_server->url().toEncoded());
        QCOMPARE(provider->portalEndpoint(), m_server->url());
        return;
    }
    if (field == u"all")
        provider.reset(new AwsSsoCredentialsProvider);
    else if (field == u"account")
        provider->setAccountId(value);
    else if (field == u"role")
        provider->setRoleName(value);
    else if (field == u"portal")
        provider->setPortalEndpoint(QUrl(value));
    AwsCredentialsProvider::Error actualError = AwsCredentialsProvider::NoError;
    QString errorString;
    QVERIFY(!provider->waitForCredentials(20000, &actualError, &errorString).isValid());
    QCOMPARE(actualError, error);
    QVERIFY2(errorString.contains(message), qPrintable(errorString));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_AwsSsoCredentialsProvider)
#include "tst_awsssocredentialsprovider.moc"
