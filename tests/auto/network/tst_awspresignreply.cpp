// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsNetworkAccessManager::presign() without a server: the URL verifies with
// AwsSignatureVerifier, credentials are awaited, and every failure has its error.
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awspresignreply.h>
#include <qtsigv4/awssignatureverifier.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qnetworkrequest.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const AwsCredentials Keys(QStringLiteral("AKIDPRESIGNTEST"), QStringLiteral("presign-test-secret/very+secret"));
const QUrl S3Object(QStringLiteral("https://bucket.s3.eu-west-1.amazonaws.com/photos/cat%20one.jpg"));

// Answers after delayMsecs (never when negative), with failure when failMessage is set.
class LateProvider : public AwsCredentialsProvider
{
public:
    LateProvider(int delayMsecs, const QString &failMessage = QString())
        : m_delay(delayMsecs), m_fail(failMessage) { }
    QString name() const override { return QStringLiteral("late"); }
    int fetches = 0;

protected:
    void startFetch() override
    {
        ++fetches;
        if (m_delay < 0)
            return;
        QTimer::singleShot(m_delay, this, [this] {
            if (m_fail.isEmpty())
                reportCredentials(Keys);
            else
                reportError(NetworkError, m_fail);
        });
    }

private:
    int m_delay;
    QString m_fail;
};

AwsVerificationResult verifyUrl(const QUrl &url, const QByteArray &verb = "GET")
{
    AwsSignatureVerifier verifier([](const QString &id) { return id == Keys.accessKeyId() ? Keys : AwsCredentials(); });
    return verifier.verify(AwsHttpRequest::fromUrl(verb, url), QDateTime::currentDateTimeUtc());
}

} // namespace

class tst_AwsPresignReply : public QObject
{
    Q_OBJECT
private slots:
    void readyCredentials();
    void awaitedCredentials();
    void genericServiceNormalised();
    void signedHeaders();
    void failures_data();
    void failures();
    void abortWhileWaiting();
};

void tst_AwsPresignReply::readyCredentials()
{
    AwsStaticCredentialsProvider provider(Keys);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forAwsEndpoints(&provider));
    std::unique_ptr<AwsPresignReply> reply(manager.presign(QNetworkRequest(S3Object), "GET", 600));
    QSignalSpy finished(reply.get(), &AwsPresignReply::finished);
    QVERIFY(reply->isFinished()); // the credentials were at hand
    QCOMPARE(finished.size(), 0); // ... but finished() comes from the event loop
    QCOMPARE(reply->error(), AwsPresignReply::NoError);
    QTRY_COMPARE(finished.size(), 1);
    const QUrl url = reply->url();
    QCOMPARE(url.host(), S3Object.host());
    QCOMPARE(url.path(QUrl::FullyEncoded), S3Object.path(QUrl::FullyEncoded));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Expires")), QStringLiteral("600"));
    QVERIFY(query.queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded)
                    .endsWith(u"/eu-west-1/s3/aws4_request"));
    const AwsVerificationResult result = verifyUrl(url);
    QVERIFY2(result.isValid(), qPrintable(result.reason()));
    QCOMPARE(result.service(), QStringLiteral("s3"));
    QVERIFY(!url.toString().contains(Keys.secretAccessKey()));
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);
}

void tst_AwsPresignReply::awaitedCredentials()
{
    LateProvider provider(30);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forAwsEndpoints(&provider));
    std::unique_ptr<AwsPresignReply> reply(manager.presign(QNetworkRequest(S3Object), "PUT"));
    QSignalSpy finished(reply.get(), &AwsPresignReply::finished);
    QVERIFY(!reply->isFinished());
    QVERIFY(reply->url().isEmpty());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), AwsPresignReply::NoError);
    QCOMPARE(reply->verb(), QByteArray("PUT"));
    QCOMPARE(provider.fetches, 1);
    QVERIFY2(verifyUrl(reply->url(), "PUT").isValid(), qPrintable(verifyUrl(reply->url(), "PUT").reason()));
    QCOMPARE(verifyUrl(reply->url(), "GET").status(), AwsVerificationResult::SignatureMismatch);
}

void tst_AwsPresignReply::genericServiceNormalised()
{
    AwsStaticCredentialsProvider provider(Keys);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9/")),
                                               QStringLiteral("execute-api"), QStringLiteral("us-east-1"), &provider));
    std::unique_ptr<AwsPresignReply> reply(manager.presign(QNetworkRequest(
            QUrl::fromEncoded("http://127.0.0.1:9/stage/a/./b/..?x=1"))));
    QCOMPARE(reply->error(), AwsPresignReply::NoError);
    QCOMPARE(reply->url().path(QUrl::FullyEncoded), QStringLiteral("/stage/a")); // as AWS's signers
    QVERIFY2(verifyUrl(reply->url()).isValid(), qPrintable(verifyUrl(reply->url()).reason()));
}

void tst_AwsPresignReply::signedHeaders()
{
    AwsStaticCredentialsProvider provider(Keys);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forAwsEndpoints(&provider));
    QNetworkRequest request(S3Object);
    request.setRawHeader("Content-Type", "image/jpeg");
    request.setRawHeader("X-Amz-Date", "19990101T000000Z"); // ours to set: ignored
    std::unique_ptr<AwsPresignReply> reply(manager.presign(request, "PUT"));
    QCOMPARE(reply->error(), AwsPresignReply::NoError);
    QCOMPARE(QUrlQuery(reply->url()).queryItemValue(QStringLiteral("X-Amz-SignedHeaders"), QUrl::FullyDecoded),
             QStringLiteral("content-type;host"));
    AwsSignatureVerifier verifier([](const QString &) { return Keys; });
    const AwsHttpRequest withType = AwsHttpRequest::fromUrl("PUT", reply->url(), { { "Content-Type", "image/jpeg" } });
    QVERIFY(verifier.verify(withType, QDateTime::currentDateTimeUtc()).isValid());
    const AwsHttpRequest otherType = AwsHttpRequest::fromUrl("PUT", reply->url(), { { "Content-Type", "text/html" } });
    QCOMPARE(verifier.verify(otherType, QDateTime::currentDateTimeUtc()).status(), AwsVerificationResult::SignatureMismatch);
}

void tst_AwsPresignReply::failures_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<int>("providerDelay"); // -1: never answers, -2: fails, -3: no provider
    QTest::addColumn<qint64>("expires");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("message");
    using R = AwsPresignReply;
    const QUrl other(QStringLiteral("https://example.org/file"));
    QTest::newRow("no rule") << other << 0 << qint64(60) << int(R::NoSigningRuleError) << QStringLiteral("no signing rule");
    QTest::newRow("no provider") << S3Object << -3 << qint64(60) << int(R::CredentialsError) << QStringLiteral("no credentials provider");
    QTest::newRow("provider fails") << S3Object << -2 << qint64(60) << int(R::CredentialsError) << QStringLiteral("refused by test");
    QTest::newRow("provider silent") << S3Object << -1 << qint64(60) << int(R::TimeoutError) << QStringLiteral("timed out");
    QTest::newRow("expiry over 7 days") << S3Object << 0 << qint64(604801) << int(R::SigningError) << QStringLiteral("604800");
    QTest::newRow("S3 dot segment") << QUrl::fromEncoded("https://bucket.s3.eu-west-1.amazonaws.com/a/../b") << 0
                                    << qint64(60) << int(R::InvalidRequestError) << QStringLiteral("segment");
    QTest::newRow("not http") << QUrl(QStringLiteral("ftp://bucket.s3.eu-west-1.amazonaws.com/a")) << 0
                              << qint64(60) << int(R::NoSigningRuleError) << QString();
}

void tst_AwsPresignReply::failures()
{
    QFETCH(QUrl, url);
    QFETCH(int, providerDelay);
    QFETCH(qint64, expires);
    QFETCH(int, error);
    QFETCH(QString, message);
    LateProvider late(providerDelay == -2 ? 10 : -1, QStringLiteral("refused by test"));
    AwsStaticCredentialsProvider ready(Keys);
    AwsCredentialsProvider *provider = providerDelay == 0 ? static_cast<AwsCredentialsProvider *>(&ready)
            : providerDelay == -3                         ? nullptr
                                                          : &late;
    AwsNetworkAccessManager manager;
    manager.setCredentialsTimeout(100);
    manager.addRule(AwsSigningRule::forAwsEndpoints(provider));
    std::unique_ptr<AwsPresignReply> reply(manager.presign(QNetworkRequest(url), "GET", expires));
    QSignalSpy finished(reply.get(), &AwsPresignReply::finished);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(int(reply->error()), error);
    QVERIFY2(reply->errorString().contains(message), qPrintable(reply->errorString()));
    QVERIFY(!reply->errorString().contains(Keys.secretAccessKey()));
    QVERIFY(reply->url().isEmpty());
    QVERIFY(reply->signingResult().signature().isEmpty());
}

void tst_AwsPresignReply::abortWhileWaiting()
{
    LateProvider provider(50);
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forAwsEndpoints(&provider));
    std::unique_ptr<AwsPresignReply> reply(manager.presign(QNetworkRequest(S3Object)));
    QSignalSpy finished(reply.get(), &AwsPresignReply::finished);
    reply->abort();
    QCOMPARE(reply->error(), AwsPresignReply::OperationCanceledError);
    QTRY_COMPARE(finished.size(), 1);
    QTest::qWait(100); // the credentials arrive: nothing more happens
    QCOMPARE(finished.size(), 1);
    QVERIFY(reply->url().isEmpty());
}

QTEST_GUILESS_MAIN(tst_AwsPresignReply)
#include "tst_awspresignreply.moc"
