// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsNetworkAccessManager::setDirectRepliesEnabled(): requests that can be signed at once get
// Qt's own reply, signed correctly (moto_server on 127.0.0.1 checks every signature); every
// other request still gets the proxy; a direct reply never follows a redirect (a local server
// records that nothing reaches the other origin).
#include "motoserver.h"
#include "replywait.h"
#include "testhttpserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const QString Bucket = QStringLiteral("qtsigv4-direct");

bool isProxy(const QNetworkReply *reply)
{
    return qstrcmp(reply->metaObject()->className(), "AwsNetworkReply") == 0;
}

// A provider whose credentials are never at hand at first: the first request waits for them.
class SlowProvider : public AwsCredentialsProvider
{
public:
    explicit SlowProvider(const AwsCredentials &credentials) : m_credentials(credentials) { }
    QString name() const override { return QStringLiteral("slow"); }

protected:
    void startFetch() override
    {
        QTimer::singleShot(20, this, [this] { reportCredentials(m_credentials); });
    }

private:
    AwsCredentials m_credentials;
};

} // namespace

class tst_DirectReplies : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void disabledByDefault();
    void requestsSignedAtOnce_data();
    void requestsSignedAtOnce();
    void othersStillProxied_data();
    void othersStillProxied();
    void waitingForCredentialsProxied();
    void redirectNotFollowed();
    void autoDeleteKept();
    void badRequestStillRefused();

private:
    QUrl s3Url(const QString &key) const;
    std::unique_ptr<AwsNetworkAccessManager> manager(AwsCredentialsProvider *provider = nullptr) const;

    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
};

void tst_DirectReplies::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    m_provider.reset(new AwsStaticCredentialsProvider(m_moto->credentials()));
    auto m = manager();
    QNetworkReply *reply = m->put(QNetworkRequest(s3Url(QString())), QByteArray());
    QVERIFY(waitForReply(reply, 60000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
}

void tst_DirectReplies::cleanupTestCase()
{
    m_moto.reset();
}

QUrl tst_DirectReplies::s3Url(const QString &key) const
{
    QUrl url = m_moto->endpoint();
    url.setPath(QLatin1Char('/') + Bucket + (key.isNull() ? QString() : QLatin1Char('/') + key),
                QUrl::DecodedMode);
    return url;
}

std::unique_ptr<AwsNetworkAccessManager> tst_DirectReplies::manager(AwsCredentialsProvider *provider) const
{
    auto m = std::make_unique<AwsNetworkAccessManager>();
    m->addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"), m_moto->region(),
                                          provider ? provider : m_provider.get()));
    return m;
}

void tst_DirectReplies::disabledByDefault()
{
    auto m = manager();
    QVERIFY(!m->directRepliesEnabled());
    std::unique_ptr<QNetworkReply> reply(m->get(QNetworkRequest(s3Url(QStringLiteral("missing")))));
    QVERIFY(isProxy(reply.get()));
    QVERIFY(waitForReply(reply.get(), 60000));
}

void tst_DirectReplies::requestsSignedAtOnce_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("PUT, QByteArray body") << QByteArray("PUT") << QByteArray("direct body \xe2\x9c\x93");
    QTest::newRow("PUT, empty body") << QByteArray("PUT") << QByteArray();
    QTest::newRow("PUT, 1 MiB body") << QByteArray("PUT") << QByteArray(1024 * 1024, 'x');
}

void tst_DirectReplies::requestsSignedAtOnce()
{
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, body);
    auto m = manager();
    m->setDirectRepliesEnabled(true);
    QSignalSpy signedSpy(m.get(), &AwsNetworkAccessManager::requestSigned);
    // moto refuses correct signatures of keys with + % = & (see tst_networkmoto); spaces pass.
    const QString key = QStringLiteral("direct/key of %1 bytes").arg(body.size());

    std::unique_ptr<QNetworkReply> put(m->sendCustomRequest(QNetworkRequest(s3Url(key)), verb, body));
    QVERIFY2(!isProxy(put.get()), put->metaObject()->className());
    QCOMPARE(signedSpy.size(), 1); // before createRequest() returned
    QCOMPARE(signedSpy.at(0).at(0).value<QNetworkReply *>(), put.get());
    QVERIFY(waitForReply(put.get(), 60000));
    QVERIFY2(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200,
             put->readAll().constData());

    std::unique_ptr<QNetworkReply> get(m->get(QNetworkRequest(s3Url(key))));
    QVERIFY(!isProxy(get.get()));
    QVERIFY(waitForReply(get.get(), 60000));
    QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(get->readAll(), body);
}

void tst_DirectReplies::othersStillProxied_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("file body") << QStringLiteral("file");
    QTest::newRow("buffer above the async threshold") << QStringLiteral("large");
    QTest::newRow("aws-chunked rule") << QStringLiteral("chunked");
}

void tst_DirectReplies::othersStillProxied()
{
    QFETCH(QString, kind);
    auto m = std::make_unique<AwsNetworkAccessManager>();
    m->setDirectRepliesEnabled(true);
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"),
                                                     m_moto->region(), m_provider.get());
    if (kind == u"chunked") {
        AwsSigningConfig config = rule.signingConfig();
        config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSigned);
        rule.setSigningConfig(config);
    }
    m->addRule(rule);
    m->setAsyncHashThreshold(64 * 1024);
    const QByteArray data(kind == u"large" ? 256 * 1024 : 1000, 'd');
    QTemporaryFile file;
    QBuffer buffer;
    QIODevice *device = &buffer;
    if (kind == u"file") {
        QVERIFY(file.open());
        file.write(data);
        file.seek(0);
        device = &file;
    } else {
        buffer.setData(data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
    }
    const QString key = QStringLiteral("proxied/") + kind;
    std::unique_ptr<QNetworkReply> put(m->put(QNetworkRequest(s3Url(key)), device));
    QVERIFY(isProxy(put.get()));
    QVERIFY(waitForReply(put.get(), 60000));
    QVERIFY2(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200,
             qPrintable(put->errorString()));
}

void tst_DirectReplies::waitingForCredentialsProxied()
{
    SlowProvider provider(m_moto->credentials());
    auto m = manager(&provider);
    m->setDirectRepliesEnabled(true);
    std::unique_ptr<QNetworkReply> first(m->get(QNetworkRequest(s3Url(QStringLiteral("none")))));
    QVERIFY(isProxy(first.get()));
    QVERIFY(waitForReply(first.get(), 60000));
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    // Fetched now: the next one is direct.
    std::unique_ptr<QNetworkReply> second(m->get(QNetworkRequest(s3Url(QStringLiteral("none")))));
    QVERIFY(!isProxy(second.get()));
    QVERIFY(waitForReply(second.get(), 60000));
    QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
}

void tst_DirectReplies::redirectNotFollowed()
{
    TestHttpServer other;
    QVERIFY(other.listen());
    TestHttpServer origin;
    QVERIFY(origin.listen());
    const QByteArray location = other.url(QStringLiteral("/stolen")).toEncoded();
    origin.setHandler([location](const TestHttpServer::Request &) {
        TestHttpServer::Response r = TestHttpServer::Response::text(307, "moved");
        r.headers.append({ "Location", location });
        return r;
    });
    AwsNetworkAccessManager m;
    m.setDirectRepliesEnabled(true);
    m.addRule(AwsSigningRule::forBaseUrl(origin.url(), QStringLiteral("s3"), QStringLiteral("us-east-1"),
                                         m_provider.get()));
    for (const auto policy : { QNetworkRequest::NoLessSafeRedirectPolicy,
                               QNetworkRequest::UserVerifiedRedirectPolicy }) {
        QNetworkRequest request(origin.url(QStringLiteral("/bucket/key")));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, policy);
        std::unique_ptr<QNetworkReply> reply(m.get(request));
        QVERIFY(!isProxy(reply.get()));
        QVERIFY(waitForReply(reply.get(), 30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 307);
        QCOMPARE(reply->rawHeader("Location"), location);
    }
    QCOMPARE(origin.requestCount(), 2);
    QVERIFY(origin.requests().at(0).header("authorization").startsWith("AWS4-HMAC-SHA256"));
    QCOMPARE(other.requestCount(), 0);
}

void tst_DirectReplies::autoDeleteKept()
{
    auto m = manager();
    m->setDirectRepliesEnabled(true);
    m->setAutoDeleteReplies(true);
    QPointer<QNetworkReply> reply = m->get(QNetworkRequest(s3Url(QStringLiteral("none"))));
    QVERIFY(!isProxy(reply));
    QSignalSpy finished(m.get(), &QNetworkAccessManager::finished);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(reply.isNull(), 10000);
}

void tst_DirectReplies::badRequestStillRefused()
{
    auto m = manager();
    m->setDirectRepliesEnabled(true);
    // Qt would remove the dot segments and address another S3 object: refused, by the proxy.
    QUrl url = m_moto->endpoint();
    url.setPath(QLatin1Char('/') + Bucket + QStringLiteral("/a/../b"));
    std::unique_ptr<QNetworkReply> reply(m->get(QNetworkRequest(url)));
    QVERIFY(isProxy(reply.get())); // the proxy reports what is wrong
    QVERIFY(waitForReply(reply.get(), 30000));
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QVERIFY2(reply->errorString().contains(u".."), qPrintable(reply->errorString()));
}

QTEST_MAIN(tst_DirectReplies)
#include "tst_directreplies.moc"
