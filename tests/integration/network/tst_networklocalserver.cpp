// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Redirects, clock skew and signature-mismatch diagnostics of AwsNetworkAccessManager, against
// local QTcpServer-based servers on 127.0.0.1 that check every signature they receive.
#include "sigv4verifier.h"
#include "testhttpserver.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qeventloop.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include "replywait.h"

#include <memory>

namespace {

const AwsCredentials credentials(QStringLiteral("AKIDREDIRECTTEST"), QStringLiteral("redirect/secret"));

bool waitFor(QNetworkReply *reply, int ms = 15000)
{
    return waitForReply(reply, ms);
}

TestHttpServer::Response redirect(int status, const QByteArray &location)
{
    TestHttpServer::Response r;
    r.status = status;
    r.headers.append(qMakePair(QByteArray("Location"), location));
    return r;
}

TestHttpServer::Response s3Error(int status, const QByteArray &code, const QByteArray &message,
                                 const QDateTime &serverTime, const QByteArray &extra = QByteArray())
{
    TestHttpServer::Response r;
    r.status = status;
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
            + message + "</Message>" + extra + "<RequestId>1</RequestId></Error>";
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/xml")));
    r.headers.append(qMakePair(QByteArray("Date"), AwsDate::toHttpDate(serverTime)));
    return r;
}

bool verified(const TestHttpServer::Request &r, QString *error = nullptr)
{
    const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, credentials);
    if (error)
        *error = v.error;
    return v.ok;
}

bool hasAmzHeaders(const TestHttpServer::Request &r)
{
    for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it) {
        if (it.key().startsWith("x-amz-"))
            return true;
    }
    return false;
}

} // namespace

class tst_NetworkLocalServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void sameOriginRedirectIsSignedAgain_data();
    void sameOriginRedirectIsSignedAgain();
    void crossOriginRedirectCarriesNoCredentials();
    void manualPolicyForwardsTheRedirect();
    void managerPolicyIsHonoured();
    void sameOriginPolicyRefusesOtherOrigins();
    void userVerifiedPolicy();
    void tooManyRedirects();
    void seeOtherTurnsPostIntoGet();
    void clockSkewLearnedAndRetried();
    void clockSkewFromSignatureErrorDate();
    void clockSkewRetriedOnlyOnce();
    void clockSkewCorrectionDisabled();
    void noRetryWhenClocksAgree();
    void diagnosticsNameTheDifference();
    void diagnosticsBlameTheSecret();

private:
    QNetworkReply *put(const QByteArray &path, const QByteArray &body = "payload");

    std::unique_ptr<TestHttpServer> m_a;
    std::unique_ptr<TestHttpServer> m_b;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_NetworkLocalServer::init()
{
    m_a.reset(new TestHttpServer);
    m_b.reset(new TestHttpServer);
    QVERIFY(m_a->listen());
    QVERIFY(m_b->listen());
    m_b->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(200, "landed on B");
    });
    m_provider.reset(new AwsStaticCredentialsProvider(credentials));
    m_manager.reset(new AwsNetworkAccessManager);
    m_manager->addRule(AwsSigningRule::forBaseUrl(m_a->url(QString()), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
}

void tst_NetworkLocalServer::cleanup()
{
    m_manager.reset();
    m_provider.reset();
    m_a.reset();
    m_b.reset();
}

QNetworkReply *tst_NetworkLocalServer::put(const QByteArray &path, const QByteArray &body)
{
    QNetworkRequest request(m_a->url(QString::fromLatin1(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    return m_manager->put(request, body);
}

void tst_NetworkLocalServer::sameOriginRedirectIsSignedAgain_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("301") << 301;
    QTest::newRow("302") << 302;
    QTest::newRow("307") << 307;
    QTest::newRow("308") << 308;
}

void tst_NetworkLocalServer::sameOriginRedirectIsSignedAgain()
{
    QFETCH(int, status);
    m_a->setHandler([status](const TestHttpServer::Request &r) {
        if (r.path() == "/bucket/old")
            return redirect(status, "/bucket/new%20place");
        return TestHttpServer::Response::text(200, "moved here");
    });
    QNetworkReply *reply = put("/bucket/old");
    QSignalSpy redirected(reply, &QNetworkReply::redirected);
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->readAll(), QByteArray("moved here"));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->url().path(), QStringLiteral("/bucket/new place"));
    QCOMPARE(redirected.size(), 1);

    QCOMPARE(m_a->requestCount(), 2);
    const TestHttpServer::Request first = m_a->requests().at(0);
    const TestHttpServer::Request second = m_a->requests().at(1);
    QString error;
    QVERIFY2(verified(first, &error), qPrintable(error));
    QCOMPARE(second.target, QByteArray("/bucket/new%20place"));
    QCOMPARE(second.method, QByteArray("PUT"));
    QCOMPARE(second.body, QByteArray("payload")); // the body is sent again
    QVERIFY2(verified(second, &error), qPrintable(error)); // signed again, for the new path
    QVERIFY(first.header("authorization") != second.header("authorization"));
}

void tst_NetworkLocalServer::crossOriginRedirectCarriesNoCredentials()
{
    const QByteArray target = m_b->url(QStringLiteral("/landing")).toEncoded() + "?from=a";
    m_a->setHandler([target](const TestHttpServer::Request &) { return redirect(302, target); });
    // Even a rule for B does not make the redirected request carry credentials.
    m_manager->addRule(AwsSigningRule::forBaseUrl(m_b->url(QString()), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
    QNetworkRequest request(m_a->url(QStringLiteral("/bucket/key")));
    request.setRawHeader("X-Amz-Meta-Owner", "secret-owner");
    request.setRawHeader("X-Custom", "kept");
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->readAll(), QByteArray("landed on B"));

    QCOMPARE(m_a->requestCount(), 1);
    QVERIFY(verified(m_a->requests().first()));
    QCOMPARE(m_b->requestCount(), 1);
    const TestHttpServer::Request landed = m_b->requests().first();
    QCOMPARE(landed.target, QByteArray("/landing?from=a"));
    QVERIFY(!landed.headers.contains("authorization"));
    QVERIFY2(!hasAmzHeaders(landed), "X-Amz-* headers were sent to another origin");
    QCOMPARE(landed.header("x-custom"), QByteArray("kept"));
}

void tst_NetworkLocalServer::manualPolicyForwardsTheRedirect()
{
    m_a->setHandler([](const TestHttpServer::Request &) { return redirect(302, "/elsewhere"); });
    QNetworkRequest request(m_a->url(QStringLiteral("/bucket/key")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
    QCOMPARE(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(), QUrl("/elsewhere"));
    QCOMPARE(m_a->requestCount(), 1);
    delete reply;
}

void tst_NetworkLocalServer::managerPolicyIsHonoured()
{
    m_a->setHandler([](const TestHttpServer::Request &) { return redirect(307, "/elsewhere"); });
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(m_a->url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 307);
    QCOMPARE(m_a->requestCount(), 1);
    delete reply;
}

void tst_NetworkLocalServer::sameOriginPolicyRefusesOtherOrigins()
{
    const QByteArray target = m_b->url(QStringLiteral("/landing")).toEncoded();
    m_a->setHandler([target](const TestHttpServer::Request &) { return redirect(302, target); });
    QNetworkRequest request(m_a->url(QStringLiteral("/bucket/key")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); // the reply has the error
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::InsecureRedirectError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("SameOriginRedirectPolicy")), qPrintable(reply->errorString()));
    QCOMPARE(m_b->requestCount(), 0);
    delete reply;
}

void tst_NetworkLocalServer::userVerifiedPolicy()
{
    m_a->setHandler([](const TestHttpServer::Request &r) {
        if (r.path() == "/bucket/old")
            return redirect(302, "/bucket/new");
        return TestHttpServer::Response::text(200, "verified");
    });
    QNetworkRequest request(m_a->url(QStringLiteral("/bucket/old")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    QNetworkReply *reply = m_manager->get(request);
    QUrl asked;
    connect(reply, &QNetworkReply::redirected, this, [&asked, reply](const QUrl &url) {
        asked = url;
        Q_EMIT reply->redirectAllowed();
    });
    QVERIFY(waitFor(reply));
    QCOMPARE(asked, m_a->url(QStringLiteral("/bucket/new")));
    QCOMPARE(reply->readAll(), QByteArray("verified"));
    QCOMPARE(m_a->requestCount(), 2);
    QVERIFY(verified(m_a->requests().at(1)));
    delete reply;
}

void tst_NetworkLocalServer::tooManyRedirects()
{
    m_a->setHandler([](const TestHttpServer::Request &) { return redirect(307, "/bucket/loop"); });
    QNetworkRequest request(m_a->url(QStringLiteral("/bucket/loop")));
    request.setMaximumRedirectsAllowed(3);
    QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); // the reply has the error
    QNetworkReply *reply = m_manager->get(request);
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::TooManyRedirectsError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("too many redirects")), qPrintable(reply->errorString()));
    QCOMPARE(m_a->requestCount(), 4);
    delete reply;
}

void tst_NetworkLocalServer::seeOtherTurnsPostIntoGet()
{
    m_a->setHandler([](const TestHttpServer::Request &r) {
        if (r.method == "POST")
            return redirect(303, "/result");
        return TestHttpServer::Response::text(200, "result");
    });
    QNetworkRequest request(m_a->url(QStringLiteral("/form")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_manager->post(request, QByteArray("{\"a\":1}"));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->readAll(), QByteArray("result"));
    QCOMPARE(m_a->requestCount(), 2);
    const TestHttpServer::Request get = m_a->requests().at(1);
    QCOMPARE(get.method, QByteArray("GET"));
    QVERIFY(get.body.isEmpty());
    QVERIFY(!get.headers.contains("content-type"));
    QCOMPARE(get.header("x-amz-content-sha256"), AwsSigner::emptyPayloadHash());
    QString error;
    QVERIFY2(verified(get, &error), qPrintable(error));
    delete reply;
}

void tst_NetworkLocalServer::clockSkewLearnedAndRetried()
{
    // The server's clock is two hours ahead and it refuses requests more than 15 minutes off.
    const qint64 skew = 2 * 3600 * 1000;
    m_a->setHandler([skew](const TestHttpServer::Request &r) {
        const QDateTime serverNow = QDateTime::currentDateTimeUtc().addMSecs(skew);
        const QDateTime requestTime = AwsDate::parse(r.header("x-amz-date"));
        if (qAbs(requestTime.secsTo(serverNow)) > 15 * 60) {
            return s3Error(403, "RequestTimeTooSkewed",
                           "The difference between the request time and the current time is too large.",
                           serverNow,
                           "<RequestTime>" + r.header("x-amz-date") + "</RequestTime><ServerTime>"
                                   + serverNow.toString(Qt::ISODate).toLatin1() + "</ServerTime>");
        }
        return TestHttpServer::Response::text(200, "in time");
    });
    QSignalSpy offsetChanged(m_manager.get(), &AwsNetworkAccessManager::clockOffsetChanged);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("RequestTimeTooSkewed.*signing again")));
    QNetworkReply *reply = put("/bucket/key");
    QSignalSpy errors(reply, &QNetworkReply::errorOccurred);
    QSignalSpy metaData(reply, &QNetworkReply::metaDataChanged);
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->readAll(), QByteArray("in time"));
    QCOMPARE(errors.size(), 0);   // the first answer stays invisible
    QCOMPARE(metaData.size(), 1);
    QCOMPARE(m_a->requestCount(), 2);
    QCOMPARE(offsetChanged.size(), 1);
    QVERIFY2(qAbs(m_manager->clockOffset() - skew) < 5000, qPrintable(QString::number(m_manager->clockOffset())));
    const TestHttpServer::Request retried = m_a->requests().at(1);
    QVERIFY(verified(retried));
    QCOMPARE(retried.body, QByteArray("payload"));
    delete reply;

    // Later requests use the learned offset at once.
    reply = put("/bucket/other");
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(m_a->requestCount(), 3);
    delete reply;
}

void tst_NetworkLocalServer::clockSkewFromSignatureErrorDate()
{
    // Some services answer a stale request with a signature error; the Date header tells.
    const qint64 skew = -3600 * 1000;
    m_a->setHandler([skew](const TestHttpServer::Request &r) {
        const QDateTime serverNow = QDateTime::currentDateTimeUtc().addMSecs(skew);
        if (qAbs(AwsDate::parse(r.header("x-amz-date")).secsTo(serverNow)) > 15 * 60)
            return s3Error(403, "SignatureDoesNotMatch", "Signature mismatch.", serverNow);
        return TestHttpServer::Response::text(200, "ok");
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("signing again")));
    QNetworkReply *reply = m_manager->get(QNetworkRequest(m_a->url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(m_a->requestCount(), 2);
    QVERIFY(qAbs(m_manager->clockOffset() - skew) < 5000);
    delete reply;
}

void tst_NetworkLocalServer::clockSkewRetriedOnlyOnce()
{
    m_a->setHandler([](const TestHttpServer::Request &) {
        return s3Error(403, "RequestTimeTooSkewed", "Too skewed, always.",
                       QDateTime::currentDateTimeUtc().addSecs(7200));
    });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("signing again")));
    QNetworkReply *reply = m_manager->get(QNetworkRequest(m_a->url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_a->requestCount(), 2);
    QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
    QVERIFY2(reply->errorString().startsWith(QStringLiteral("RequestTimeTooSkewed: Too skewed, always.")),
             qPrintable(reply->errorString()));
    delete reply;
}

void tst_NetworkLocalServer::clockSkewCorrectionDisabled()
{
    m_manager->setClockSkewCorrectionEnabled(false);
    m_a->setHandler([](const TestHttpServer::Request &) {
        return s3Error(403, "RequestTimeTooSkewed", "Too skewed.", QDateTime::currentDateTimeUtc().addSecs(7200));
    });
    QNetworkReply *reply = m_manager->get(QNetworkRequest(m_a->url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_manager->clockOffset(), 0);
    delete reply;
}

void tst_NetworkLocalServer::noRetryWhenClocksAgree()
{
    m_a->setHandler([](const TestHttpServer::Request &) {
        return s3Error(403, "SignatureDoesNotMatch", "Wrong.", QDateTime::currentDateTimeUtc());
    });
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    QNetworkReply *reply = m_manager->get(QNetworkRequest(m_a->url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_a->requestCount(), 1);
    QCOMPARE(m_manager->clockOffset(), 0);
    QVERIFY(reply->errorString().startsWith(QStringLiteral("SignatureDoesNotMatch: Wrong.")));
    delete reply;
}

void tst_NetworkLocalServer::diagnosticsNameTheDifference()
{
    // Real S3 sends the canonical request it computed. Here the server saw another
    // Content-Type than the one signed (as when a proxy rewrites it).
    m_a->setHandler([](const TestHttpServer::Request &r) {
        const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, credentials);
        QByteArray theirs = v.canonicalRequest;
        theirs.replace("content-type:text/plain", "content-type:text/plain; charset=utf-8");
        return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.",
                       QDateTime::currentDateTimeUtc(), "<CanonicalRequest>" + QString::fromUtf8(theirs).toHtmlEscaped().toUtf8() + "</CanonicalRequest>");
    });
    QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); // the diagnosis is in the error
    QNetworkReply *reply = put("/bucket/key");
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
    QVERIFY2(reply->errorString().contains(QStringLiteral(
                     "the canonical request differs at line 4: server has \"content-type:text/plain; "
                     "charset=utf-8\", we signed \"content-type:text/plain\"; likely cause: the Content-Type")),
             qPrintable(reply->errorString()));
    delete reply;
}

void tst_NetworkLocalServer::diagnosticsBlameTheSecret()
{
    m_a->setHandler([](const TestHttpServer::Request &r) {
        // The server computed exactly our canonical request and string to sign.
        const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, credentials);
        const QByteArray date = r.header("x-amz-date");
        const QByteArray scope = date.left(8) + "/us-east-1/s3/aws4_request";
        const QByteArray sts = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n'
                + AwsSigner::hashPayload(v.canonicalRequest);
        return s3Error(403, "SignatureDoesNotMatch", "Mismatch.", QDateTime::currentDateTimeUtc(),
                       "<StringToSign>" + sts + "</StringToSign><CanonicalRequest>"
                               + QString::fromUtf8(v.canonicalRequest).toHtmlEscaped().toUtf8() + "</CanonicalRequest>");
    });
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    QNetworkReply *reply = put("/bucket/key");
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->errorString().contains(QStringLiteral(
                     "same canonical request and string to sign; likely cause: the secret access key")),
             qPrintable(reply->errorString()));
    delete reply;
}

QTEST_GUILESS_MAIN(tst_NetworkLocalServer)
#include "tst_networklocalserver.moc"
