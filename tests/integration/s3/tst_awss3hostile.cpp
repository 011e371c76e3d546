// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsS3Client against a local server that answers what no S3 server should: truncated,
// huge, wrong or entity-laden XML, endless listings, ignored ranges, silence. Each ends
// with a clear error, never a crash, a hang or a file half-written in place.
#include "testhttpserver.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <qtsigv4/awsnetworkaccessmanager.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qdir.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qxmlstream.h>
#include <QtNetwork/qnetworkproxy.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

using Response = TestHttpServer::Response;

class tst_AwsS3Hostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listAnswers_data();
    void listAnswers();
    void rangeIgnored();
    void fileKeptOnFailure();
    void silence();
    void garbageError();
    void refusedBeforeSending_data();
    void refusedBeforeSending();
    void deleteObjectsBatches();
    void addressing_data();
    void addressing();
    void virtualHostedThroughProxy();

private:
    bool wait(AwsS3Reply *reply, int msecs = 30000);
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsS3Client> m_client;
};

bool tst_AwsS3Hostile::wait(AwsS3Reply *reply, int msecs)
{
    QSignalSpy spy(reply, &AwsS3Reply::finished);
    return reply->isFinished() || spy.wait(msecs);
}

void tst_AwsS3Hostile::init()
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_provider = std::make_unique<AwsStaticCredentialsProvider>(
            AwsCredentials(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("hostile/S3+client=secret-0123456789")));
    m_client = std::make_unique<AwsS3Client>();
    m_client->setEndpoint(m_server->url(QStringLiteral("/")));
    m_client->setCredentialsProvider(m_provider.get());
    m_client->networkAccessManager()->setRetryBaseDelay(10); // 5xx answers are retried: quickly
}

void tst_AwsS3Hostile::cleanup()
{
    m_client.reset();
    m_provider.reset();
    m_server.reset();
}

static QByteArray page(const QByteArray &contents, const QByteArray &tail)
{
    return "<?xml version=\"1.0\"?><ListBucketResult>" + contents + tail + "</ListBucketResult>";
}

void tst_AwsS3Hostile::listAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("inError");

    const QByteArray one = "<Contents><Key>a</Key><Size>1</Size></Contents>";
    QTest::newRow("truncated XML") << page(one, QByteArray()).left(60) << 200
                                   << int(AwsS3Reply::InvalidResponseError) << "malformed XML";
    QTest::newRow("HTML") << QByteArray("<html><body>Welcome to nginx</body></html>") << 200
                          << int(AwsS3Reply::InvalidResponseError) << "expected <ListBucketResult>";
    QTest::newRow("not XML") << QByteArray("\x00\x01\xff garbage", 12) << 200
                             << int(AwsS3Reply::InvalidResponseError) << "not XML";
    QTest::newRow("empty") << QByteArray() << 200 << int(AwsS3Reply::InvalidResponseError)
                           << "empty answer";
    QTest::newRow("entity bomb")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                          "<ListBucketResult><Prefix>&b;</Prefix></ListBucketResult>")
            << 200 << int(AwsS3Reply::InvalidResponseError) << "DTD";
    QTest::newRow("huge") << page(one.repeated(9 * 1024 * 1024 / one.size() + 10), QByteArray())
                          << 200 << int(AwsS3Reply::InvalidResponseError) << "larger than";
    QTest::newRow("object without size") << page("<Contents><Key>a</Key></Contents>", QByteArray())
                                         << 200 << int(AwsS3Reply::InvalidResponseError) << "no valid size";
    QTest::newRow("truncated without token")
            << page(one, "<IsTruncated>true</IsTruncated>") << 200
            << int(AwsS3Reply::InvalidResponseError) << "no new continuation token";
    QTest::newRow("same token again")
            << page(one, "<IsTruncated>true</IsTruncated><NextContinuationToken>t</NextContinuationToken>")
            << 200 << int(AwsS3Reply::InvalidResponseError) << "no new continuation token";
    QTest::newRow("huge error") << QByteArray(200 * 1024, 'e') << 500
                                << int(AwsS3Reply::InvalidResponseError) << "larger than";
    QTest::newRow("NoSuchBucket with control characters")
            << QByteArray("<Error><Code>NoSuchBucket</Code><Message>gone&#13;&#10;X-Evil: 1\xe2\x80\xae"
                          "</Message><RequestId>r1</RequestId></Error>")
            << 404 << int(AwsS3Reply::NoSuchBucketError) << "gone\\x0d\\x0aX-Evil: 1\\x202e";
}

void tst_AwsS3Hostile::listAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, expected);
    QFETCH(QString, inError);
    int requests = 0;
    m_server->setHandler([&](const TestHttpServer::Request &) {
        ++requests;
        Response r;
        r.status = status;
        r.body = body;
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/xml")));
        return r;
    });
    AwsS3ListOptions options;
    options.setContinuationToken(QStringLiteral("t"));
    const bool sameToken = QByteArray(QTest::currentDataTag()) == "same token again";
    std::unique_ptr<AwsS3Reply> reply(sameToken ? m_client->listAllObjects(QStringLiteral("bucket"), options)
                                                : m_client->listAllObjects(QStringLiteral("bucket")));
    QVERIFY(wait(reply.get()));
    QCOMPARE(int(reply->error()), expected);
    QVERIFY2(reply->errorString().contains(inError), qPrintable(reply->errorString()));
    QVERIFY(!reply->errorString().contains(u'\n'));
    // A 5xx answer is retried (AWS's standard retry mode); nothing else is sent again.
    if (status >= 500)
        QCOMPARE(requests, m_client->networkAccessManager()->maxAttempts());
    else
        QVERIFY(requests <= 2);
}

void tst_AwsS3Hostile::rangeIgnored()
{
    m_server->setHandler([](const TestHttpServer::Request &) {
        return Response::text(200, QByteArray(1000, 'x'));
    });
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::unique_ptr<AwsS3Reply> reply(m_client->getObject(QStringLiteral("bucket"), QStringLiteral("k"),
                                                          &buffer, 10, 5));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), AwsS3Reply::InvalidResponseError);
    QVERIFY2(reply->errorString().contains(QStringLiteral("ignored the byte range")),
             qPrintable(reply->errorString()));
    QCOMPARE(m_server->requests().value(0).header("range"), QByteArray("bytes=10-14"));
    QVERIFY(buffer.data().isEmpty());
}

void tst_AwsS3Hostile::fileKeptOnFailure()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("target.bin"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("precious");
    existing.close();
    m_server->setHandler([](const TestHttpServer::Request &) {
        Response r;
        r.status = 206;
        r.body = QByteArray(100, 'y');
        r.headers.append(qMakePair(QByteArray("Content-Range"), QByteArray("bytes 50-149/1000")));   // not what was asked
        return r;
    });
    std::unique_ptr<AwsS3Reply> reply(m_client->getObjectToFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                path, 0, 100));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), AwsS3Reply::InvalidResponseError);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("precious"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{ QStringLiteral("target.bin") });
}

void tst_AwsS3Hostile::silence()
{
    m_server->setHandler([](const TestHttpServer::Request &) { return Response::hanging(); });
    m_client->setTransferTimeout(1000);
    std::unique_ptr<AwsS3Reply> reply(m_client->listBuckets());
    QVERIFY(wait(reply.get(), 60000));
    QCOMPARE(reply->error(), AwsS3Reply::TimeoutError);

    // Deleting a running reply stops it quietly, and a download leaves no file behind.
    QTemporaryDir dir;
    AwsS3Reply *running = m_client->getObjectToFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                    dir.filePath(QStringLiteral("never")));
    QSignalSpy finished(running, &AwsS3Reply::finished);
    QTRY_COMPARE(m_server->requestCount(), 2);
    delete running;
    QTest::qWait(200);
    QCOMPARE(finished.size(), 0);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void tst_AwsS3Hostile::garbageError()
{
    m_server->setHandler([](const TestHttpServer::Request &) {
        return Response::text(503, "<oops");
    });
    std::unique_ptr<AwsS3Reply> reply(m_client->deleteBucket(QStringLiteral("bucket")));
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), AwsS3Reply::ServiceError);
    QCOMPARE(reply->httpStatus(), 503);
    QVERIFY2(reply->errorString().contains(QStringLiteral("HTTP 503")), qPrintable(reply->errorString()));
}

void tst_AwsS3Hostile::refusedBeforeSending_data()
{
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("metadataName");
    QTest::addColumn<QString>("metadataValue");
    QTest::newRow("bucket with slash") << "a/b" << "k" << QString() << QString();
    QTest::newRow("bucket with query") << "a?x=1" << "k" << QString() << QString();
    QTest::newRow("empty key") << "bucket" << "" << QString() << QString();
    QTest::newRow("dot key") << "bucket" << "." << QString() << QString();
    QTest::newRow("dot-dot key") << "bucket" << ".." << QString() << QString();
    QTest::newRow("dot-dot segment") << "bucket" << "a/../b" << QString() << QString();
    QTest::newRow("dot segment") << "bucket" << "a/./b" << QString() << QString();
    QTest::newRow("long key") << "bucket" << QString(1025, u'k') << QString() << QString();
    QTest::newRow("metadata line break") << "bucket" << "k" << "name" << "v\r\nX-Evil: 1";
    QTest::newRow("metadata name") << "bucket" << "k" << "bad name" << "v";
}

void tst_AwsS3Hostile::refusedBeforeSending()
{
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QString, metadataName);
    QFETCH(QString, metadataValue);
    m_server->setHandler([](const TestHttpServer::Request &) { return Response::text(200, ""); });
    AwsS3PutOptions options;
    if (!metadataName.isEmpty())
        options.setMetadata(metadataName, metadataValue);
    std::unique_ptr<AwsS3Reply> reply(m_client->putObject(bucket, key, QByteArray("data"), options));
    QVERIFY(!reply->isFinished());   // finished() comes after the call returns
    QVERIFY(wait(reply.get()));
    QCOMPARE(reply->error(), AwsS3Reply::InvalidRequestError);
    QCOMPARE(m_server->requestCount(), 0);
}

// 2500 keys: three DeleteObjects requests of at most 1000 keys, each with the Content-MD5 of
// its body; the keys the server refuses come back as deleteErrors().
void tst_AwsS3Hostile::deleteObjectsBatches()
{
    QStringList keys;
    for (int i = 0; i < 2500; ++i)
        keys.append(QStringLiteral("key <%1> & \"quoted\"").arg(i));
    QList<int> batchSizes;
    QStringList received;
    bool md5Ok = true;
    m_server->setHandler([&](const TestHttpServer::Request &request) {
        md5Ok = md5Ok && request.header("content-md5")
                == QCryptographicHash::hash(request.body, QCryptographicHash::Md5).toBase64();
        QXmlStreamReader reader(request.body);
        QByteArray answer = "<DeleteResult>";
        int count = 0;
        while (reader.readNextStartElement() || !reader.atEnd()) {
            if (reader.isStartElement() && reader.name() == u"Key") {
                const QString key = reader.readElementText();
                received.append(key);
                ++count;
                QByteArray escaped = key.toUtf8().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                static const QRegularExpression number(QStringLiteral("<(\\d+)>"));
                answer += number.match(key).captured(1).toInt() % 250 == 7
                        ? "<Error><Key>" + escaped + "</Key><Code>AccessDenied</Code><Message>no</Message></Error>"
                        : "<Deleted><Key>" + escaped + "</Key></Deleted>";
            } else if (!reader.isStartElement()) {
                reader.readNext();
            }
        }
        batchSizes.append(count);
        Response r;
        r.body = answer + "</DeleteResult>";
        return r;
    });
    std::unique_ptr<AwsS3Reply> reply(m_client->deleteObjects(QStringLiteral("bucket"), keys));
    QVERIFY(wait(reply.get(), 60000));
    QCOMPARE(batchSizes, (QList<int>{ 1000, 1000, 500 }));
    QVERIFY(md5Ok);
    QCOMPARE(received, keys);
    for (const auto &request : m_server->requests())
        QVERIFY2(request.target.endsWith("/bucket?delete="), request.target.constData());
    QCOMPARE(reply->error(), AwsS3Reply::PartialDeleteError);
    QCOMPARE(reply->deleteErrors().size(), 10);   // <7>, <257>, ... <2257>
    QCOMPARE(reply->deleteErrors().constFirst().key(), QStringLiteral("key <7> & \"quoted\""));
    QCOMPARE(reply->deleteErrors().constFirst().code(), QStringLiteral("AccessDenied"));
    QCOMPARE(reply->deletedKeys().size(), 2500 - 10);
    QVERIFY2(reply->errorString().startsWith(QStringLiteral("10 of 2500 keys")), qPrintable(reply->errorString()));
}

void tst_AwsS3Hostile::addressing_data()
{
    QTest::addColumn<QString>("endpoint");   // empty: AWS
    QTest::addColumn<int>("style");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("url");

    const int automatic = AwsS3Client::AutomaticAddressing;
    const int path = AwsS3Client::PathStyleAddressing;
    const int virtualHosted = AwsS3Client::VirtualHostedAddressing;
    QTest::newRow("AWS, DNS name") << QString() << automatic << "photos" << "a b/c+d.jpg"
                                   << "https://photos.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd.jpg";
    QTest::newRow("AWS, dotted name") << QString() << automatic << "my.photos" << "k"
                                      << "https://s3.eu-west-1.amazonaws.com/my.photos/k";
    QTest::newRow("AWS, forced path") << QString() << path << "photos" << "k"
                                      << "https://s3.eu-west-1.amazonaws.com/photos/k";
    QTest::newRow("custom endpoint") << "http://127.0.0.1:9000" << automatic << "b" << "//x?#%"
                                     << "http://127.0.0.1:9000/b///x%3F%23%25";
    QTest::newRow("endpoint with a path") << "http://ceph.local/s3/" << automatic << "b" << "k"
                                          << "http://ceph.local/s3/b/k";
    QTest::newRow("custom, virtual-hosted") << "http://minio.local:9000" << virtualHosted << "b1"
                                            << "caf\u00e9" << "http://b1.minio.local:9000/caf%C3%A9";
    QTest::newRow("bucket URL") << "http://minio.local:9000" << automatic << "b1" << QString()
                                << "http://minio.local:9000/b1";
}

void tst_AwsS3Hostile::addressing()
{
    QFETCH(QString, endpoint);
    QFETCH(int, style);
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QString, url);
    AwsS3Client client;
    client.setRegion(QStringLiteral("eu-west-1"));
    client.setEndpoint(QUrl(endpoint));
    client.setAddressingStyle(AwsS3Client::AddressingStyle(style));
    QCOMPARE(client.objectUrl(bucket, key).toString(QUrl::FullyEncoded), url);
}

// Virtual-hosted-style on a custom endpoint, through an HTTP proxy (the test server) so that
// no name needs to resolve: the bucket is in the signed Host, the key alone in the path.
void tst_AwsS3Hostile::virtualHostedThroughProxy()
{
    m_server->setHandler([](const TestHttpServer::Request &) { return Response::text(200, "body"); });
    m_client->setEndpoint(QUrl(QStringLiteral("http://s3.example.test:9000")));
    m_client->setAddressingStyle(AwsS3Client::VirtualHostedAddressing);
    m_client->networkAccessManager()->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_server->port()));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::unique_ptr<AwsS3Reply> reply(m_client->getObject(QStringLiteral("bucket1"),
                                                          QStringLiteral("dir/a b+c"), &buffer));
    QVERIFY(wait(reply.get()));
    QVERIFY2(reply->error() == AwsS3Reply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(buffer.data(), QByteArray("body"));
    const TestHttpServer::Request request = m_server->requests().value(0);
    QCOMPARE(request.target, QByteArray("http://bucket1.s3.example.test:9000/dir/a%20b%2Bc"));
    QCOMPARE(request.header("host"), QByteArray("bucket1.s3.example.test:9000"));
    QVERIFY(request.header("authorization").contains("/us-east-1/s3/aws4_request"));
    QVERIFY(request.header("authorization").contains("SignedHeaders=host;"));
}

QTEST_MAIN(tst_AwsS3Hostile)
#include "tst_awss3hostile.moc"
