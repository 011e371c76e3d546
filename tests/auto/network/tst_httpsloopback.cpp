// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// TLS end to end on loopback (issue 18): a CA and certificates made at run time with the
// openssl CLI, HTTPS servers of this test's own on 127.0.0.1. Signed requests over HTTPS are
// verified by the server; a redirect from https to http never carries credentials; certificate
// problems are reply errors that say what is wrong, and nothing reaches an untrusted server.
#include "replywait.h"
#include "sigv4verifier.h"
#include "testcertificateauthority.h"
#include "testhttpsserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const QString secretKey = QStringLiteral("tls/SECRET+key=0123456789abcdefghijklmnop");
const QString sessionToken = QStringLiteral("tls/SESSION+token=never-sent-over-http");
const AwsCredentials credentials(QStringLiteral("AKIDHTTPSLOOPBACK"), secretKey, sessionToken);

// A handler that answers 200 when the request's signature is right, 403 with the reason if not.
TestHttpServer::Response verifyingHandler(const TestHttpServer::Request &request)
{
    const Sigv4Verification v = verifySigv4(request.method, request.target, request.headers,
                                            request.body, credentials);
    return v.ok ? TestHttpServer::Response::text(200, "signature ok\n")
                : TestHttpServer::Response::text(403, v.error.toUtf8());
}

TestHttpServer::Response redirectTo(const QUrl &target)
{
    TestHttpServer::Response response;
    response.status = 307;
    response.headers.append({ "Location", target.toEncoded() });
    return response;
}

// What must never reach a plain-http server after a redirect from https.
QString credentialLeak(const QByteArray &wire)
{
    const QByteArray lower = wire.toLower();
    for (const QByteArray &marker : { QByteArray("authorization:"), QByteArray("x-amz-"),
                                      QByteArray("aws4-hmac-sha256"), QByteArray("akidhttpsloopback"),
                                      secretKey.toUtf8().toLower(), sessionToken.toUtf8().toLower() }) {
        if (lower.contains(marker))
            return QString::fromLatin1(marker);
    }
    return QString();
}

} // namespace

class tst_HttpsLoopback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signedRequestsOverHttps_data();
    void signedRequestsOverHttps();
    void sameOriginRedirectIsSignedAgain();
    void httpsToHttpRedirect_data();
    void httpsToHttpRedirect();
    void certificateErrors_data();
    void certificateErrors();

private:
    QNetworkRequest request(const QUrl &url) const;
    std::unique_ptr<QNetworkReply> send(const QByteArray &verb, const QUrl &url,
                                        const QByteArray &body = QByteArray());

    std::unique_ptr<TestCertificateAuthority> m_ca;
    std::unique_ptr<TestCertificateAuthority> m_otherCa;
    TestCertificateAuthority::Identity m_serverIdentity;
    TestCertificateAuthority::Identity m_wrongHostIdentity;
    TestCertificateAuthority::Identity m_untrustedIdentity;
    std::unique_ptr<TestHttpsServer> m_https;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_HttpsLoopback::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend");
    if (!TestCertificateAuthority::isOpensslAvailable())
        QSKIP("the openssl command is not installed");
    m_ca.reset(new TestCertificateAuthority(QStringLiteral("qtsigv4 test CA")));
    m_otherCa.reset(new TestCertificateAuthority(QStringLiteral("qtsigv4 untrusted CA")));
    QVERIFY2(m_ca->isValid(), qPrintable(m_ca->errorString()));
    QVERIFY2(m_otherCa->isValid(), qPrintable(m_otherCa->errorString()));
    m_serverIdentity = m_ca->issue(QStringLiteral("127.0.0.1"),
                                   { QStringLiteral("IP:127.0.0.1"), QStringLiteral("DNS:localhost") });
    m_wrongHostIdentity = m_ca->issue(QStringLiteral("other.example"),
                                      { QStringLiteral("DNS:other.example") });
    m_untrustedIdentity = m_otherCa->issue(QStringLiteral("127.0.0.1"), { QStringLiteral("IP:127.0.0.1") });
    QVERIFY2(m_serverIdentity.isValid() && m_wrongHostIdentity.isValid()
                     && m_untrustedIdentity.isValid(),
             qPrintable(m_ca->errorString() + m_otherCa->errorString()));
}

void tst_HttpsLoopback::init()
{
    m_https.reset(new TestHttpsServer(m_serverIdentity.certificate, m_serverIdentity.key));
    QVERIFY(m_https->listen());
    m_https->setHandler(verifyingHandler);
    m_provider.reset(new AwsStaticCredentialsProvider(credentials));
    m_manager.reset(new AwsNetworkAccessManager);
    m_manager->setDefaultCredentialsProvider(m_provider.get());
    m_manager->addRule(AwsSigningRule::forBaseUrl(m_https->url(QString()), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
}

void tst_HttpsLoopback::cleanup()
{
    m_manager.reset();
    m_provider.reset();
    m_https.reset();
}

// Trusts the test CA only (not the system's).
QNetworkRequest tst_HttpsLoopback::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({ m_ca->certificate() });
    request.setSslConfiguration(tls);
    return request;
}

std::unique_ptr<QNetworkReply> tst_HttpsLoopback::send(const QByteArray &verb, const QUrl &url,
                                                       const QByteArray &body)
{
    QNetworkRequest r = request(url);
    if (!body.isNull())
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    return std::unique_ptr<QNetworkReply>(m_manager->sendCustomRequest(r, verb, body));
}

void tst_HttpsLoopback::signedRequestsOverHttps_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QStringLiteral("/bucket/key") << QByteArray();
    QTest::newRow("PUT body") << QByteArray("PUT") << QStringLiteral("/bucket/a b+c")
                              << QByteArray(100000, 'x');
    QTest::newRow("DELETE") << QByteArray("DELETE") << QStringLiteral("/bucket/%E2%82%AC")
                            << QByteArray();
}

void tst_HttpsLoopback::signedRequestsOverHttps()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const auto reply = send(verb, m_https->url(path), body);
    QVERIFY(waitForReply(reply.get(), 30000));
    const QByteArray answer = reply->readAll();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(answer, QByteArray("signature ok\n"));
    QCOMPARE(m_https->requestCount(), 1);
    QCOMPARE(m_https->requests().at(0).body, body);
    QVERIFY(reply->sslConfiguration().peerCertificate() == m_serverIdentity.certificate);
}

void tst_HttpsLoopback::sameOriginRedirectIsSignedAgain()
{
    m_https->setHandler([this](const TestHttpServer::Request &request) {
        return request.path() == "/old" ? redirectTo(m_https->url(QStringLiteral("/new")))
                                        : verifyingHandler(request);
    });
    const auto reply = send("GET", m_https->url(QStringLiteral("/old")));
    QVERIFY(waitForReply(reply.get(), 30000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("signature ok\n"));
    QCOMPARE(m_https->requestCount(), 2);
    QCOMPARE(m_https->requests().at(1).path(), QByteArray("/new"));
}

void tst_HttpsLoopback::httpsToHttpRedirect_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<bool>("followed");
    QTest::newRow("default policy (no less safe)") << -1 << false;
    QTest::newRow("NoLessSafeRedirectPolicy") << int(QNetworkRequest::NoLessSafeRedirectPolicy) << false;
    QTest::newRow("SameOriginRedirectPolicy") << int(QNetworkRequest::SameOriginRedirectPolicy) << false;
    QTest::newRow("UserVerifiedRedirectPolicy, allowed")
            << int(QNetworkRequest::UserVerifiedRedirectPolicy) << true;
}

// The http server is a valid target with the same host: only the scheme and port differ.
void tst_HttpsLoopback::httpsToHttpRedirect()
{
    QFETCH(int, policy);
    QFETCH(bool, followed);
    TestHttpServer http;
    QVERIFY(http.listen());
    http.setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(200, "plain http\n");
    });
    m_https->setHandler([&http](const TestHttpServer::Request &) {
        return redirectTo(http.url(QStringLiteral("/downgraded")));
    });
    QNetworkRequest r = request(m_https->url(QStringLiteral("/bucket/key")));
    if (policy >= 0)
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, policy);
    const std::unique_ptr<QNetworkReply> reply(m_manager->get(r));
    connect(reply.get(), &QNetworkReply::redirected, reply.get(), &QNetworkReply::redirectAllowed);
    QVERIFY(waitForReply(reply.get(), 30000));

    QCOMPARE(m_https->requestCount(), 1);
    QVERIFY(!m_https->requests().at(0).header("authorization").isEmpty()); // signed over https
    if (followed) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("plain http\n"));
        QCOMPARE(http.requestCount(), 1);
    } else {
        QCOMPARE(reply->error(), QNetworkReply::InsecureRedirectError);
        QCOMPARE(http.requestCount(), 0);
    }
    const QString leak = credentialLeak(http.received());
    QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("%1 reached the http server:\n%2")
                                                .arg(leak, QString::fromLatin1(http.received()))));
}

void tst_HttpsLoopback::certificateErrors_data()
{
    QTest::addColumn<int>("identity");   // 0: wrong host name, 1: issued by an untrusted CA
    QTest::addColumn<QSslError::SslError>("expectedError");
    QTest::addColumn<QString>("errorText");
    QTest::newRow("wrong host name") << 0 << QSslError::HostNameMismatch << QStringLiteral("host name");
    QTest::newRow("untrusted CA") << 1 << QSslError::UnableToGetLocalIssuerCertificate
                                  << QStringLiteral("issuer");
}

void tst_HttpsLoopback::certificateErrors()
{
    QFETCH(int, identity);
    QFETCH(QSslError::SslError, expectedError);
    QFETCH(QString, errorText);
    const TestCertificateAuthority::Identity &id = identity == 0 ? m_wrongHostIdentity
                                                                 : m_untrustedIdentity;
    TestHttpsServer server(id.certificate, id.key);
    QVERIFY(server.listen());
    server.setHandler(verifyingHandler);
    m_manager->addRule(AwsSigningRule::forBaseUrl(server.url(QString()), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
    QList<QSslError> seen;
    const std::unique_ptr<QNetworkReply> reply(
            m_manager->get(request(server.url(QStringLiteral("/bucket/key")))));
    connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
            [&seen](const QList<QSslError> &errors) { seen += errors; });
    QVERIFY(waitForReply(reply.get(), 30000));

    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
    QVERIFY2(reply->errorString().contains(errorText, Qt::CaseInsensitive),
             qPrintable(reply->errorString()));
    bool found = false;
    for (const QSslError &error : std::as_const(seen))
        found = found || error.error() == expectedError;
    QVERIFY2(found, qPrintable(reply->errorString()));
    // The handshake failed before any request: nothing signed reached the server.
    QCOMPARE(server.requestCount(), 0);
    QVERIFY(server.received().isEmpty());
}

QTEST_MAIN(tst_HttpsLoopback)
#include "tst_httpsloopback.moc"
