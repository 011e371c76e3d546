// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsNetworkAccessManager against a local HTTP server that checks every signature the way AWS
// does (sigv4verifier.h): what Qt sends must be exactly what was signed.
#include "pipedevice.h"
#include "sigv4verifier.h"
#include "testpattern.h"
#include "testhttpserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qhttpmultipart.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include "replywait.h"

#include <memory>

namespace {

bool waitFor(QNetworkReply *reply, int ms = 15000)
{
    return waitForReply(reply, ms);
}

const AwsCredentials testCredentials(QStringLiteral("AKIDTESTLOCAL"), QStringLiteral("local/secret+key"));

} // namespace

class tst_AwsNetworkAccessManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void unsignedWithoutRule();
    void signedPaths_data();
    void signedPaths();
    void signedQuery();
    void bodies_data();
    void bodies();
    void multipart();
    void dotSegmentsRefused_data();
    void dotSegmentsRefused();
    void genericServiceNormalises_data();
    void genericServiceNormalises();
    void finishedOnceWithTheProxy();
    void autoDeleteReplies();
    void abortWhileHashing();
    void abortWhileWaitingForServer();
    void bodyNeverFinishes();
    void presignRule_data();
    void presignRule();
    void unsignedPayloadRule();
    void callerPayloadHash();
    void signedHostOverride();
    void largeResponseStreams();
    void serviceErrorMessage();
    void credentialsAskedEachTime_data();
    void credentialsAskedEachTime();
    void keyFollowsTheDate();
    void noProvider();
    void providerFails();
    void requestSignedSignal();

private:
    AwsNetworkAccessManager *newManager(const QString &service = QStringLiteral("s3"));
    QUrl url(const QString &decodedPath) const;
    void verifyLast(const QByteArray &expectedBody = QByteArray(), bool checkBody = false);

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_AwsNetworkAccessManager::init()
{
    m_server.reset(new TestHttpServer);
    QVERIFY(m_server->listen());
    m_server->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::text(200, "ok");
    });
    m_provider.reset(new AwsStaticCredentialsProvider(testCredentials));
    m_manager.reset(newManager());
}

void tst_AwsNetworkAccessManager::cleanup()
{
    m_manager.reset();
    m_provider.reset();
    m_server.reset();
}

AwsNetworkAccessManager *tst_AwsNetworkAccessManager::newManager(const QString &service)
{
    auto *manager = new AwsNetworkAccessManager;
    QUrl base = m_server->url(QString());
    base.setPath(QString());
    manager->addRule(AwsSigningRule::forBaseUrl(base, service, QStringLiteral("us-east-1"), m_provider.get()));
    return manager;
}

QUrl tst_AwsNetworkAccessManager::url(const QString &decodedPath) const
{
    QUrl u = m_server->url(QString());
    u.setPath(decodedPath, QUrl::DecodedMode);
    return u;
}

void tst_AwsNetworkAccessManager::verifyLast(const QByteArray &expectedBody, bool checkBody)
{
    QVERIFY(m_server->requestCount() > 0);
    const TestHttpServer::Request r = m_server->requests().last();
    if (checkBody)
        QCOMPARE(r.body, expectedBody);
    const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, testCredentials);
    QVERIFY2(v.ok, qPrintable(v.error));
}

void tst_AwsNetworkAccessManager::unsignedWithoutRule()
{
    QNetworkReply *reply = m_manager->get(QNetworkRequest(QUrl(QStringLiteral("http://localhost:%1/x").arg(m_server->port()))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(m_server->requestCount(), 1);
    const TestHttpServer::Request r = m_server->requests().first();
    QVERIFY(!r.headers.contains("authorization"));
    QVERIFY(!r.headers.contains("x-amz-date"));
    QVERIFY(!r.headers.contains("x-amz-content-sha256"));
    delete reply;
}

void tst_AwsNetworkAccessManager::signedPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("plain") << "/bucket/key.txt" << QByteArray("/bucket/key.txt");
    QTest::newRow("plus equals ampersand") << "/bucket/a+b=c&d" << QByteArray("/bucket/a%2Bb%3Dc%26d");
    QTest::newRow("percent") << "/bucket/100%" << QByteArray("/bucket/100%25");
    QTest::newRow("question") << "/bucket/what?" << QByteArray("/bucket/what%3F");
    QTest::newRow("hash") << "/bucket/hash#tag" << QByteArray("/bucket/hash%23tag");
    QTest::newRow("tilde") << "/bucket/ti~de" << QByteArray("/bucket/ti~de");
    QTest::newRow("space") << "/bucket/with space" << QByteArray("/bucket/with%20space");
    QTest::newRow("dots in name") << "/bucket/dots..name/x.." << QByteArray("/bucket/dots..name/x..");
    QTest::newRow("unicode") << QStringLiteral("/bucket/caf\u00e9/\u00fc") << QByteArray("/bucket/caf%C3%A9/%C3%BC");
    QTest::newRow("double slash") << "/bucket/dir//double" << QByteArray("/bucket/dir//double");
    QTest::newRow("reserved") << "/bucket/a:b@c!$'()*,;" << QByteArray("/bucket/a%3Ab%40c%21%24%27%28%29%2A%2C%3B");
    QTest::newRow("trailing slash") << "/bucket/dir/" << QByteArray("/bucket/dir/");
}

void tst_AwsNetworkAccessManager::signedPaths()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, wire);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(path)));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("ok"));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().first().target, wire);
    QCOMPARE(m_server->requests().first().header("host"),
             QByteArray("127.0.0.1:") + QByteArray::number(m_server->port()));
    verifyLast();
    delete reply;
}

void tst_AwsNetworkAccessManager::signedQuery()
{
    QUrl u = url(QStringLiteral("/bucket"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("list-type"), QStringLiteral("2"));
    query.addQueryItem(QStringLiteral("prefix"), QStringLiteral("dir/a b+c"));
    query.addQueryItem(QStringLiteral("delimiter"), QStringLiteral("/"));
    u.setQuery(query);
    QUrl acl = url(QStringLiteral("/bucket/key"));
    acl.setQuery(QStringLiteral("acl"));
    for (const QUrl &target : { u, acl }) {
        m_server->clearRequests();
        QNetworkReply *reply = m_manager->get(QNetworkRequest(target));
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        verifyLast();
        delete reply;
    }
    QCOMPARE(m_server->requests().first().target, QByteArray("/bucket/key?acl="));
    // The query goes out in the strict encoding that was signed ('/' and ' ' and '+' encoded).
    m_server->clearRequests();
    QNetworkReply *reply = m_manager->get(QNetworkRequest(u));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_server->requests().first().target,
             QByteArray("/bucket?list-type=2&prefix=dir%2Fa%20b%2Bc&delimiter=%2F"));
    delete reply;
}

void tst_AwsNetworkAccessManager::bodies_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("size");
    QTest::newRow("empty PUT") << "empty" << qint64(0);
    QTest::newRow("QByteArray") << "bytearray" << qint64(1000);
    QTest::newRow("QByteArray, POST without Content-Type") << "post" << qint64(100);
    QTest::newRow("QBuffer at an offset") << "buffer" << qint64(5000);
    QTest::newRow("QFile at an offset") << "file" << qint64(200000);
    QTest::newRow("QFile, hashed on a thread") << "bigfile" << qint64(3 << 20);
    QTest::newRow("sequential device") << "pipe" << qint64(300000);
    QTest::newRow("sequential device, spilled") << "pipespill" << qint64(2 << 20);
    QTest::newRow("QProcess stdout") << "process" << qint64(0);
    QTest::newRow("custom verb with body") << "custom" << qint64(64);
}

void tst_AwsNetworkAccessManager::bodies()
{
    QFETCH(QString, kind);
    QFETCH(qint64, size);
    m_manager->setAsyncHashThreshold(1 << 20);
    m_manager->setBodyMemoryLimit(256 * 1024);

    QByteArray data = pattern(size);
    QNetworkRequest request(url(QStringLiteral("/bucket/object")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    QNetworkReply *reply = nullptr;
    QTemporaryFile file;
    QBuffer buffer;
    PipeDevice pipe;
    QProcess process;
    const qint64 offset = 17;

    if (kind == u"empty" || kind == u"bytearray") {
        reply = m_manager->put(request, data);
    } else if (kind == u"post") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QVariant());
        reply = m_manager->post(request, data);
    } else if (kind == u"buffer") {
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        buffer.seek(offset);
        data = data.mid(offset);
        reply = m_manager->put(request, &buffer);
    } else if (kind == u"file" || kind == u"bigfile") {
        QVERIFY(file.open());
        file.write(data);
        file.flush();
        file.seek(offset);
        data = data.mid(offset);
        reply = m_manager->put(request, &file);
        if (kind == u"file")
            QCOMPARE(file.pos(), offset); // hashed and put back at once
        else
            QVERIFY(!reply->isFinished());
    } else if (kind == u"pipe" || kind == u"pipespill") {
        reply = m_manager->put(request, &pipe);
        for (int i = 0; i < 10; ++i) {
            const QByteArray part = data.mid(i * (size / 10), i == 9 ? -1 : size / 10);
            QTimer::singleShot(5 * i, &pipe, [&pipe, part] { pipe.feed(part); });
        }
        QTimer::singleShot(60, &pipe, [&pipe] { pipe.finish(); });
    } else if (kind == u"process") {
        process.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("seq 1 20000") });
        QVERIFY(process.waitForStarted());
        data.clear();
        for (int i = 1; i <= 20000; ++i)
            data += QByteArray::number(i) + '\n';
        reply = m_manager->put(request, &process);
    } else if (kind == u"custom") {
        reply = m_manager->sendCustomRequest(request, "PATCH", data);
    }
    QVERIFY(reply);
    QVERIFY(waitFor(reply, 30000));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(m_server->requestCount(), 1);
    const TestHttpServer::Request r = m_server->requests().first();
    QCOMPARE(r.body.size(), data.size());
    QVERIFY(r.body == data);
    QCOMPARE(r.header("x-amz-content-sha256"), AwsSigner::hashPayload(data));
    if (kind == u"post")
        QCOMPARE(r.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    if (kind == u"custom")
        QCOMPARE(r.method, QByteArray("PATCH"));
    verifyLast(data, true);
    // The signed headers include the Content-Type Qt sends.
    QVERIFY(r.header("authorization").contains("content-type"));
    delete reply;
}

void tst_AwsNetworkAccessManager::multipart()
{
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart text;
    text.setHeader(QNetworkRequest::ContentDispositionHeader, QVariant("form-data; name=\"text\""));
    text.setBody("hello multipart");
    multiPart->append(text);
    auto *file = new QTemporaryFile(multiPart);
    QVERIFY(file->open());
    file->write(pattern(50000));
    file->flush();
    file->seek(0);
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentDispositionHeader, QVariant("form-data; name=\"file\""));
    filePart.setBodyDevice(file);
    multiPart->append(filePart);

    QNetworkReply *reply = m_manager->post(QNetworkRequest(url(QStringLiteral("/bucket"))), multiPart);
    multiPart->setParent(reply);
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const TestHttpServer::Request r = m_server->requests().first();
    QVERIFY(r.body.contains("hello multipart"));
    QVERIFY(r.body.contains(pattern(50000)));
    QVERIFY(r.header("content-type").startsWith("multipart/form-data; boundary="));
    verifyLast();
    delete reply;
}

void tst_AwsNetworkAccessManager::dotSegmentsRefused_data()
{
    QTest::addColumn<QByteArray>("encodedPath");
    QTest::newRow("..") << QByteArray("/bucket/a/../b");
    QTest::newRow(".") << QByteArray("/bucket/./x");
    QTest::newRow("encoded ..") << QByteArray("/bucket/a/%2E%2E/b");
    QTest::newRow("encoded .") << QByteArray("/bucket/%2e/x");
    QTest::newRow("trailing .") << QByteArray("/bucket/x/.");
    QTest::newRow("leading ..") << QByteArray("/../bucket/x");
}

void tst_AwsNetworkAccessManager::dotSegmentsRefused()
{
    QFETCH(QByteArray, encodedPath);
    const QUrl u = QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_server->port()) + encodedPath);
    QNetworkReply *reply = m_manager->put(QNetworkRequest(u), QByteArray("must not overwrite another object"));
    QVERIFY(!reply->isFinished()); // reported from the event loop, not from put()
    QSignalSpy errors(reply, &QNetworkReply::errorOccurred);
    QVERIFY(waitFor(reply));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::ProtocolInvalidOperationError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("segment")), qPrintable(reply->errorString()));
    QVERIFY2(reply->errorString().contains(QStringLiteral("QNetworkAccessManager")), qPrintable(reply->errorString()));
    QTest::qWait(50);
    QCOMPARE(m_server->requestCount(), 0);
    delete reply;
}

void tst_AwsNetworkAccessManager::genericServiceNormalises_data()
{
    QTest::addColumn<QByteArray>("encodedPath");
    QTest::addColumn<QByteArray>("sent");
    QTest::newRow("inner dots") << QByteArray("/a/./b/../c") << QByteArray("/a/c");
    QTest::newRow("trailing .") << QByteArray("/a/b/.") << QByteArray("/a/b");
    QTest::newRow("trailing ..") << QByteArray("/a/b/..") << QByteArray("/a");
    QTest::newRow("trailing ../") << QByteArray("/a/b/../") << QByteArray("/a/");
}

void tst_AwsNetworkAccessManager::genericServiceNormalises()
{
    // Generic services normalise the path as AWS's signers do: what Qt sends and what is
    // signed agree.
    QFETCH(QByteArray, encodedPath);
    QFETCH(QByteArray, sent);
    m_manager.reset(newManager(QStringLiteral("execute-api")));
    QNetworkReply *reply = m_manager->get(QNetworkRequest(QUrl::fromEncoded(
            "http://127.0.0.1:" + QByteArray::number(m_server->port()) + encodedPath)));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(m_server->requests().first().target, sent);
    verifyLast();
    delete reply;
}

void tst_AwsNetworkAccessManager::finishedOnceWithTheProxy()
{
    QSignalSpy finished(m_manager.get(), &QNetworkAccessManager::finished);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/key"))));
    QSignalSpy replyFinished(reply, &QNetworkReply::finished);
    QVERIFY(waitFor(reply));
    QTest::qWait(20);
    QCOMPARE(replyFinished.size(), 1);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<QNetworkReply *>(), reply);
    QCOMPARE(reply->manager(), m_manager.get());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->url(), url(QStringLiteral("/bucket/key")));
    QCOMPARE(reply->operation(), QNetworkAccessManager::GetOperation);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toInt(), 2);
    delete reply;
}

void tst_AwsNetworkAccessManager::autoDeleteReplies()
{
    m_manager->setAutoDeleteReplies(true);
    QPointer<QNetworkReply> reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/key"))));
    QVERIFY(waitFor(reply));
    QTRY_VERIFY(reply.isNull());
}

void tst_AwsNetworkAccessManager::abortWhileHashing()
{
    m_manager->setAsyncHashThreshold(1024);
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(pattern(32 << 20));
    file.flush();
    file.seek(0);
    QNetworkReply *reply = m_manager->put(QNetworkRequest(url(QStringLiteral("/bucket/big"))), &file);
    QVERIFY(!reply->isFinished());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    reply->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_server->requestCount(), 0);
    delete reply;
}

void tst_AwsNetworkAccessManager::abortWhileWaitingForServer()
{
    m_server->setHandler([](const TestHttpServer::Request &) {
        TestHttpServer::Response response;
        response.hang = true;
        return response;
    });
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/slow"))));
    QTRY_COMPARE(m_server->requestCount(), 1);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    reply->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    delete reply;
}

void tst_AwsNetworkAccessManager::bodyNeverFinishes()
{
    m_manager->setBodyReadTimeout(300);
    PipeDevice pipe;
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_manager->put(QNetworkRequest(url(QStringLiteral("/bucket/k"))), &pipe);
    pipe.feed("data without an end");
    QVERIFY(waitFor(reply, 10000));
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("did not signal its end")), qPrintable(reply->errorString()));
    QCOMPARE(m_server->requestCount(), 0);
    delete reply;
}

void tst_AwsNetworkAccessManager::presignRule_data()
{
    QTest::addColumn<QString>("sessionToken");
    QTest::newRow("long-term credentials") << QString();
    // The token travels in the URL; secret_hygiene checks that the log does not show it.
    QTest::newRow("session token") << QStringLiteral("presign/session+token=");
}

void tst_AwsNetworkAccessManager::presignRule()
{
    QFETCH(QString, sessionToken);
    m_provider->setCredentials(AwsCredentials(testCredentials.accessKeyId(),
                                              testCredentials.secretAccessKey(), sessionToken));
    QList<AwsSigningRule> rules = m_manager->rules();
    rules.first().setPresign(true, 300);
    m_manager->setRules(rules);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/a b"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const TestHttpServer::Request r = m_server->requests().first();
    QVERIFY(!r.headers.contains("authorization"));
    QVERIFY(r.target.startsWith("/bucket/a%20b?"));
    QVERIFY(r.target.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"));
    QVERIFY(r.target.contains("X-Amz-Expires=300"));
    QVERIFY(r.target.contains("X-Amz-Signature="));
    QCOMPARE(r.target.contains("X-Amz-Security-Token=" + QUrl::toPercentEncoding(sessionToken)),
             !sessionToken.isEmpty());
    delete reply;
}

void tst_AwsNetworkAccessManager::unsignedPayloadRule()
{
    QList<AwsSigningRule> rules = m_manager->rules();
    rules.first().setUnsignedPayload(true);
    m_manager->setRules(rules);
    QNetworkRequest request(url(QStringLiteral("/bucket/k")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    QNetworkReply *reply = m_manager->put(request, QByteArray("payload"));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_server->requests().first().header("x-amz-content-sha256"), QByteArray("UNSIGNED-PAYLOAD"));
    verifyLast("payload", true);
    delete reply;
}

void tst_AwsNetworkAccessManager::callerPayloadHash()
{
    QNetworkRequest request(url(QStringLiteral("/bucket/k")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    request.setRawHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    request.setRawHeader("Authorization", "stale");
    QNetworkReply *reply = m_manager->put(request, QByteArray("payload"));
    QVERIFY(waitFor(reply));
    QCOMPARE(m_server->requests().first().header("x-amz-content-sha256"), QByteArray("UNSIGNED-PAYLOAD"));
    verifyLast("payload", true);
    delete reply;
}

void tst_AwsNetworkAccessManager::signedHostOverride()
{
    QList<AwsSigningRule> rules = m_manager->rules();
    rules.first().setSignedHost("bucket.s3.us-west-2.amazonaws.com");
    rules.first().setService(QString());
    rules.first().setRegion(QString());
    m_manager->setRules(rules);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/key"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const TestHttpServer::Request r = m_server->requests().first();
    QCOMPARE(r.header("host"), QByteArray("bucket.s3.us-west-2.amazonaws.com"));
    const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, testCredentials);
    QVERIFY2(v.ok, qPrintable(v.error));
    QCOMPARE(v.region, QByteArray("us-west-2"));
    QCOMPARE(v.service, QByteArray("s3"));
    delete reply;
}

void tst_AwsNetworkAccessManager::largeResponseStreams()
{
    const QByteArray big = pattern(3 << 20);
    m_server->setHandler([big](const TestHttpServer::Request &) {
        TestHttpServer::Response response;
        response.body = big;
        return response;
    });
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/big"))));
    QSignalSpy progress(reply, &QNetworkReply::downloadProgress);
    QSignalSpy metaData(reply, &QNetworkReply::metaDataChanged);
    QByteArray received;
    int readyReads = 0;
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        ++readyReads;
        received += reply->readAll();
    });
    QVERIFY(waitFor(reply));
    received += reply->readAll();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(received == big);
    QVERIFY(readyReads >= 1);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(metaData.size(), 1);
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(big.size()));
    delete reply;
}

void tst_AwsNetworkAccessManager::serviceErrorMessage()
{
    const QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                           "<Message>Access Denied to this object</Message><RequestId>1</RequestId></Error>";
    m_server->setHandler([xml](const TestHttpServer::Request &) {
        TestHttpServer::Response response;
        response.status = 403;
        response.body = xml;
        response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/xml")));
        return response;
    });
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/secret"))));
    QSignalSpy errors(reply, &QNetworkReply::errorOccurred);
    QVERIFY(waitFor(reply));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
    QVERIFY2(reply->errorString().contains(QStringLiteral("AccessDenied: Access Denied to this object")), qPrintable(reply->errorString()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QCOMPARE(reply->readAll(), xml);
    QCOMPARE(m_server->requestCount(), 1); // no retry for a plain error

    // JSON protocols.
    m_server->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::json(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})");
    });
    delete reply;
    reply = m_manager->post(QNetworkRequest(url(QStringLiteral("/"))), QByteArray("{}"));
    QVERIFY(waitFor(reply));
    QVERIFY2(reply->errorString().startsWith(QStringLiteral("ResourceNotFoundException: Requested resource not found")), qPrintable(reply->errorString()));
    delete reply;
}

void tst_AwsNetworkAccessManager::credentialsAskedEachTime_data()
{
    // The manager keeps derived keys between requests: any change of the credentials must
    // reach the next signature.
    QTest::addColumn<AwsCredentials>("rotated");
    QTest::newRow("new key pair") << AwsCredentials(QStringLiteral("AKIDROTATED"), QStringLiteral("new-secret"));
    QTest::newRow("same key id, new secret")
            << AwsCredentials(QStringLiteral("AKIDTESTLOCAL"), QStringLiteral("another-secret"));
    QTest::newRow("same key pair, session token")
            << AwsCredentials(testCredentials.accessKeyId(), testCredentials.secretAccessKey(),
                              QStringLiteral("a-session-token"));
}

void tst_AwsNetworkAccessManager::credentialsAskedEachTime()
{
    QFETCH(AwsCredentials, rotated);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
    QVERIFY(waitFor(reply));
    delete reply;
    m_provider->setCredentials(rotated);
    reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/b"))));
    QVERIFY(waitFor(reply));
    delete reply;
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(m_server->requests().at(0).header("authorization").contains("Credential=AKIDTESTLOCAL/"));
    const TestHttpServer::Request r = m_server->requests().at(1);
    QVERIFY(r.header("authorization").contains("Credential=" + rotated.accessKeyId().toLatin1() + '/'));
    QCOMPARE(r.header("x-amz-security-token"), rotated.sessionToken().toLatin1());
    QVERIFY(verifySigv4(r.method, r.target, r.headers, r.body, rotated).ok);
    QVERIFY(!verifySigv4(r.method, r.target, r.headers, r.body, testCredentials).ok
            || rotated.secretAccessKey() == testCredentials.secretAccessKey());
}

void tst_AwsNetworkAccessManager::keyFollowsTheDate()
{
    // The key kept between requests is for one date: a request signed on the next day (here
    // through the clock offset) needs the key of that day.
    QByteArrayList scopeDates;
    for (const qint64 offsetDays : { 0, 1, 0 }) {
        m_manager->setClockOffset(offsetDays * 24 * 3600 * 1000);
        QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
        QVERIFY(waitFor(reply));
        delete reply;
        const TestHttpServer::Request r = m_server->requests().constLast();
        const QByteArray scopeDate = r.header("x-amz-date").left(8);
        QVERIFY(r.header("authorization").contains("/" + scopeDate + "/"));
        QVERIFY(verifySigv4(r.method, r.target, r.headers, r.body, testCredentials).ok);
        scopeDates.append(scopeDate);
    }
    QVERIFY(scopeDates.at(0) != scopeDates.at(1));
}

void tst_AwsNetworkAccessManager::noProvider()
{
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(url(QString()), QStringLiteral("s3"), QStringLiteral("us-east-1")));
    QNetworkReply *reply = manager.get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QVERIFY(reply->errorString().contains(QStringLiteral("no credentials provider")));
    QCOMPARE(m_server->requestCount(), 0);
    delete reply;

    // The default provider serves rules without one.
    manager.setDefaultCredentialsProvider(m_provider.get());
    reply = manager.get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    verifyLast();
    delete reply;
}

void tst_AwsNetworkAccessManager::providerFails()
{
    m_provider->setCredentials(AwsCredentials());
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("static")), qPrintable(reply->errorString()));
    QCOMPARE(m_server->requestCount(), 0);
    delete reply;
}

void tst_AwsNetworkAccessManager::requestSignedSignal()
{
    QSignalSpy signedSpy(m_manager.get(), &AwsNetworkAccessManager::requestSigned);
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url(QStringLiteral("/bucket/a"))));
    QVERIFY(waitFor(reply));
    QCOMPARE(signedSpy.size(), 1);
    QCOMPARE(signedSpy.first().at(0).value<QNetworkReply *>(), reply);
    const AwsSigningResult result = signedSpy.first().at(1).value<AwsSigningResult>();
    QVERIFY(result.canonicalRequest().startsWith("GET\n/bucket/a\n"));
    QVERIFY(result.stringToSign().startsWith("AWS4-HMAC-SHA256\n"));
    const Sigv4Verification v = verifySigv4(m_server->requests().first().method, m_server->requests().first().target,
                                            m_server->requests().first().headers, QByteArray(), testCredentials);
    QCOMPARE(v.canonicalRequest, result.canonicalRequest());
    delete reply;
}

QTEST_GUILESS_MAIN(tst_AwsNetworkAccessManager)
#include "tst_awsnetworkaccessmanager.moc"
