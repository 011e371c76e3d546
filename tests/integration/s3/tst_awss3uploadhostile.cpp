// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Multipart uploads against a local server that answers what no S3 server should (an
// <Error> in a 200 answer, upload ids with line breaks, listings that never end, checksums
// that do not match), and resume state files written by an attacker. Each ends with a
// clear error before anything unchecked reaches a URL, a header or the XML of a request.
#include "s3localclient.h"
#include "s3staterows.h"
#include "testhttpserver.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3upload.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

#ifdef Q_OS_UNIX
#  include <sys/stat.h>
#endif

using Response = TestHttpServer::Response;

namespace {

constexpr qint64 MiB = 1024 * 1024;

Response xml(int status, const QByteArray &body)
{
    Response r;
    r.status = status;
    r.body = body;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/xml")));
    return r;
}

} // namespace

class tst_AwsS3UploadHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void answers_data();
    void answers();
    void refusedUploadIds_data();
    void refusedUploadIds();
    void effectivePartSize_data();
    void effectivePartSize();
    void fileTooLarge();
    void hostileStateFile_data();
    void hostileStateFile();
    void stateFileNotWritable();
    void cancelWhileCreating();
    void stateFileIsFifo();

private:
    bool wait(AwsS3Reply *reply, int msecs = 30000);
    bool wait(AwsS3Upload *upload, int msecs = 60000);
    Response serve(const TestHttpServer::Request &request);
    QString sparseFile(qint64 size);

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<S3LocalClient> m_client;
    QTemporaryDir m_dir;
    QMap<QByteArray, Response> m_overrides; // by "METHOD query-word"
};

bool tst_AwsS3UploadHostile::wait(AwsS3Reply *reply, int msecs)
{
    QSignalSpy spy(reply, &AwsS3Reply::finished);
    return reply->isFinished() || spy.wait(msecs);
}

bool tst_AwsS3UploadHostile::wait(AwsS3Upload *upload, int msecs)
{
    QSignalSpy spy(upload, &AwsS3Upload::finished);
    return upload->isFinished() || spy.wait(msecs);
}

// A minimal, well-behaved multipart server, unless a test overrides one answer.
Response tst_AwsS3UploadHostile::serve(const TestHttpServer::Request &request)
{
    const QByteArray target = request.target;
    QByteArray what = request.method + ' ';
    if (target.contains("?uploads"))
        what += "create";
    else if (target.contains("partNumber="))
        what += "part";
    else if (target.contains("uploadId="))
        what += request.method == "GET" ? "list" : request.method == "POST" ? "complete" : "abort";
    if (m_overrides.contains(what))
        return m_overrides.value(what);
    if (what.endsWith("create"))
        return xml(200, "<InitiateMultipartUploadResult><UploadId>id-1</UploadId></InitiateMultipartUploadResult>");
    if (what.endsWith("part")) {
        Response r = xml(200, QByteArray());
        r.headers.append(qMakePair(QByteArray("ETag"), QByteArray("\"0123abcd\"")));
        r.headers.append(qMakePair(QByteArray("x-amz-checksum-crc32c"), request.header("x-amz-checksum-crc32c")));
        return r;
    }
    if (what.endsWith("list"))
        return xml(200, "<ListPartsResult><IsTruncated>false</IsTruncated></ListPartsResult>");
    if (what.endsWith("complete"))
        return xml(200, "<CompleteMultipartUploadResult><ETag>\"e-1\"</ETag></CompleteMultipartUploadResult>");
    return xml(204, QByteArray());
}

void tst_AwsS3UploadHostile::init()
{
    QVERIFY(m_dir.isValid());
    m_overrides.clear();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([this](const TestHttpServer::Request &r) { return serve(r); });
    m_client = std::make_unique<S3LocalClient>(m_server->url(QStringLiteral("/")));
}

void tst_AwsS3UploadHostile::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString tst_AwsS3UploadHostile::sparseFile(qint64 size)
{
    static int count = 0;
    const QString path = m_dir.filePath(QStringLiteral("sparse-%1.bin").arg(++count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("head") != 4 || !file.resize(size))
        return QString();
    return path;
}

void tst_AwsS3UploadHostile::answers_data()
{
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<Response>("answer");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("inError");

    QTest::newRow("complete: <Error> in a 200 answer")
            << QByteArray("POST complete")
            << xml(200, "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code>"
                        "<Message>We encountered an internal error.</Message></Error>")
            << int(AwsS3Reply::ServiceError) << "InternalError";
    QTest::newRow("complete: wrong document") << QByteArray("POST complete")
            << xml(200, "<html/>") << int(AwsS3Reply::InvalidResponseError)
            << "expected <CompleteMultipartUploadResult>";
    QTest::newRow("complete: NoSuchUpload") << QByteArray("POST complete")
            << xml(404, "<Error><Code>NoSuchUpload</Code><Message>gone</Message></Error>")
            << int(AwsS3Reply::NoSuchUploadError) << "NoSuchUpload";
    QTest::newRow("create: upload id with CR LF") << QByteArray("POST create")
            << xml(200, "<InitiateMultipartUploadResult><UploadId>a&#13;&#10;X-Evil: 1</UploadId>"
                        "</InitiateMultipartUploadResult>")
            << int(AwsS3Reply::InvalidResponseError) << "a\\x0d\\x0aX-Evil";
    QTest::newRow("create: upload id with '/'") << QByteArray("POST create")
            << xml(200, "<InitiateMultipartUploadResult><UploadId>../../x</UploadId></InitiateMultipartUploadResult>")
            << int(AwsS3Reply::InvalidResponseError) << "upload id";
    QTest::newRow("create: no upload id") << QByteArray("POST create")
            << xml(200, "<InitiateMultipartUploadResult/>") << int(AwsS3Reply::InvalidResponseError)
            << "no upload id";
    Response noETag = xml(200, QByteArray());
    QTest::newRow("part: no ETag") << QByteArray("PUT part") << noETag
                                   << int(AwsS3Reply::InvalidResponseError) << "no valid ETag";
    Response otherCrc = xml(200, QByteArray());
    otherCrc.headers.append(qMakePair(QByteArray("ETag"), QByteArray("\"0123\"")));
    otherCrc.headers.append(qMakePair(QByteArray("x-amz-checksum-crc32c"), QByteArray("AAAAAA==")));
    QTest::newRow("part: other checksum echoed") << QByteArray("PUT part") << otherCrc
            << int(AwsS3Reply::ChecksumMismatchError) << "AAAAAA==";
    QTest::newRow("part: BadDigest") << QByteArray("PUT part")
            << xml(400, "<Error><Code>BadDigest</Code><Message>no</Message></Error>")
            << int(AwsS3Reply::ChecksumMismatchError) << "BadDigest";
    const QByteArray part = "<Part><PartNumber>1</PartNumber><ETag>\"e\"</ETag><Size>5</Size></Part>";
    QTest::newRow("list: truncated, marker does not advance") << QByteArray("GET list")
            << xml(200, "<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>0"
                        "</NextPartNumberMarker>" + part + "</ListPartsResult>")
            << int(AwsS3Reply::InvalidResponseError) << "no marker";
    QTest::newRow("list: part number 0") << QByteArray("GET list")
            << xml(200, "<ListPartsResult><Part><PartNumber>0</PartNumber><ETag>e</ETag></Part></ListPartsResult>")
            << int(AwsS3Reply::InvalidResponseError) << "no valid number";
    QTest::newRow("list: DTD") << QByteArray("GET list")
            << xml(200, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><ListPartsResult/>")
            << int(AwsS3Reply::InvalidResponseError) << "DTD";
}

void tst_AwsS3UploadHostile::answers()
{
    QFETCH(QByteArray, operation);
    QFETCH(Response, answer);
    QFETCH(int, expected);
    QFETCH(QString, inError);
    m_overrides.insert(operation, answer);
    const QString bucket = QStringLiteral("bucket");
    const QString key = QStringLiteral("key");
    const QString id = QStringLiteral("id-1");
    std::unique_ptr<AwsS3Reply> reply;
    if (operation.endsWith("complete"))
        reply.reset(m_client->completeMultipartUpload(bucket, key, id, { AwsS3Part(1, QStringLiteral("e")) }));
    else if (operation.endsWith("create"))
        reply.reset(m_client->createMultipartUpload(bucket, key));
    else if (operation.endsWith("part"))
        reply.reset(m_client->uploadPart(bucket, key, id, 1, QByteArray("data"),
                                         AwsSigningConfig::ChecksumAlgorithm::Crc32c));
    else
        reply.reset(m_client->listParts(bucket, key, id));
    QVERIFY(wait(reply.get()));
    QCOMPARE(int(reply->error()), expected);
    QVERIFY2(reply->errorString().contains(inError), qPrintable(reply->errorString()));
    QVERIFY(!reply->errorString().contains(u'\n'));
    QVERIFY(reply->uploadId().isEmpty() || reply->uploadId() == id);
    QVERIFY(m_server->requestCount() <= 2);
}

void tst_AwsS3UploadHostile::refusedUploadIds_data()
{
    QTest::addColumn<QString>("uploadId");
    QTest::newRow("empty") << QString();
    QTest::newRow("CR LF") << QStringLiteral("id\r\nX-Evil: 1");
    QTest::newRow("slash") << QStringLiteral("../other");
    QTest::newRow("ampersand") << QStringLiteral("id&partNumber=7");
    QTest::newRow("too long") << QString(1025, u'a');
}

void tst_AwsS3UploadHostile::refusedUploadIds()
{
    QFETCH(QString, uploadId);
    const QString b = QStringLiteral("bucket");
    const QString k = QStringLiteral("key");
    std::unique_ptr<AwsS3Reply> replies[] = {
        std::unique_ptr<AwsS3Reply>(m_client->uploadPart(b, k, uploadId, 1, QByteArray("x"))),
        std::unique_ptr<AwsS3Reply>(m_client->completeMultipartUpload(b, k, uploadId, { AwsS3Part(1, QStringLiteral("e")) })),
        std::unique_ptr<AwsS3Reply>(m_client->abortMultipartUpload(b, k, uploadId)),
        std::unique_ptr<AwsS3Reply>(m_client->listParts(b, k, uploadId)),
    };
    for (const auto &reply : replies) {
        QVERIFY(wait(reply.get()));
        QCOMPARE(reply->error(), AwsS3Reply::InvalidRequestError);
        QVERIFY(!reply->errorString().contains(u'\n'));
    }
    // Invalid parts and checksums are refused too.
    std::unique_ptr<AwsS3Reply> badETag(m_client->completeMultipartUpload(
            b, k, QStringLiteral("id"), { AwsS3Part(1, QStringLiteral("e\"><x>")) }));
    std::unique_ptr<AwsS3Reply> unordered(m_client->completeMultipartUpload(
            b, k, QStringLiteral("id"), { AwsS3Part(2, QStringLiteral("e")), AwsS3Part(1, QStringLiteral("e")) }));
    std::unique_ptr<AwsS3Reply> sha(m_client->uploadPart(b, k, QStringLiteral("id"), 1, QByteArray("x"),
                                                         AwsSigningConfig::ChecksumAlgorithm::Sha256));
    std::unique_ptr<AwsS3Reply> part0(m_client->uploadPart(b, k, QStringLiteral("id"), 0, QByteArray("x")));
    for (AwsS3Reply *reply : { badETag.get(), unordered.get(), sha.get(), part0.get() }) {
        QVERIFY(wait(reply));
        QCOMPARE(reply->error(), AwsS3Reply::InvalidRequestError);
    }
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_AwsS3UploadHostile::effectivePartSize_data()
{
    QTest::addColumn<qint64>("fileSize");
    QTest::addColumn<qint64>("requested");
    QTest::addColumn<qint64>("expected");
    const qint64 GiB = 1024 * MiB;
    QTest::newRow("default") << 1 * GiB << 8 * MiB << 8 * MiB;
    QTest::newRow("raised to 5 MiB") << 100 * MiB << qint64(1) << 5 * MiB;
    QTest::newRow("grown: 100 GiB in 10000 parts") << 100 * GiB << 8 * MiB << 11 * MiB;
    QTest::newRow("exactly 10000 parts") << 10000 * 8 * MiB << 8 * MiB << 8 * MiB;
    QTest::newRow("one byte more") << 10000 * 8 * MiB + 1 << 8 * MiB << 9 * MiB;
    QTest::newRow("5 TiB") << 5 * 1024 * GiB << 8 * MiB << 525 * MiB;
    QTest::newRow("above 5 TiB") << 5 * 1024 * GiB + 1 << 8 * MiB << qint64(-1);
    QTest::newRow("capped at 5 GiB") << 10 * GiB << 6 * GiB << 5 * GiB;
}

void tst_AwsS3UploadHostile::effectivePartSize()
{
    QFETCH(qint64, fileSize);
    QFETCH(qint64, requested);
    QFETCH(qint64, expected);
    const qint64 size = AwsS3UploadOptions::effectivePartSize(fileSize, requested);
    QCOMPARE(size, expected);
    if (size > 0)
        QVERIFY((fileSize + size - 1) / size <= AwsS3UploadOptions::MaximumPartCount);
}

void tst_AwsS3UploadHostile::fileTooLarge()
{
    const QString path = sparseFile(AwsS3UploadOptions::MaximumObjectSize + 1);
    if (path.isEmpty())
        QSKIP("this file system cannot hold a sparse file of 5 TiB");
    std::unique_ptr<AwsS3Upload> upload(m_client->uploadFile(QStringLiteral("bucket"), QStringLiteral("k"), path));
    QVERIFY(wait(upload.get()));
    QCOMPARE(upload->error(), AwsS3Upload::FileTooLargeError);
    QVERIFY2(upload->errorString().contains(QStringLiteral("5 TiB")), qPrintable(upload->errorString()));
    QCOMPARE(m_server->requestCount(), 0);
    QFile::remove(path);
}

void tst_AwsS3UploadHostile::hostileStateFile_data()
{
    const int stateError = int(AwsS3Upload::StateFileError);
    addStateFileColumnsAndRows(int(AwsS3Upload::NoError), stateError);
    QTest::newRow("upload id with CR LF") << "uploadId" << QJsonValue(QStringLiteral("id\r\nX-Evil: 1"))
                                          << QByteArray() << stateError;
    QTest::newRow("upload id with '/'") << "uploadId" << QJsonValue(QStringLiteral("a/../b"))
                                        << QByteArray() << stateError;
    QTest::newRow("upload id a number") << "uploadId" << QJsonValue(7) << QByteArray() << stateError;
    QTest::newRow("wrong version") << "version" << QJsonValue(2) << QByteArray() << stateError;
    QTest::newRow("part size 1 byte") << "partSize" << QJsonValue(1) << QByteArray() << stateError;
    QTest::newRow("part size fractional") << "partSize" << QJsonValue(5242880.5) << QByteArray() << stateError;
    QTest::newRow("part size a string") << "partSize" << QJsonValue(QStringLiteral("5242880"))
                                        << QByteArray() << stateError;
    QTest::newRow("file size negative") << "fileSize" << QJsonValue(-1) << QByteArray() << stateError;
    QTest::newRow("hash not hex") << "head" << QJsonValue(QStringLiteral("zz")) << QByteArray() << stateError;
    QTest::newRow("unknown checksum") << "checksum" << QJsonValue(QStringLiteral("MD5")) << QByteArray() << stateError;
    QTest::newRow("other bucket") << "bucket" << QJsonValue(QStringLiteral("other")) << QByteArray() << stateError;
    QTest::newRow("bucket with CR LF") << "bucket" << QJsonValue(QStringLiteral("b\r\nx")) << QByteArray() << stateError;
    QTest::newRow("key with dot segment") << "key" << QJsonValue(QStringLiteral("a/../k")) << QByteArray() << stateError;
    const auto parts = [](const QJsonObject &part) { return QJsonValue(QJsonArray { part }); };
    const QJsonObject good { { QStringLiteral("n"), 1 }, { QStringLiteral("etag"), QStringLiteral("0123abcd") },
                             { QStringLiteral("crc32c"), QStringLiteral("AAAAAA==") } };
    QJsonObject p = good;
    p[QStringLiteral("etag")] = QStringLiteral("e\"</ETag><x>");
    QTest::newRow("ETag with XML") << "parts" << parts(p) << QByteArray() << stateError;
    p = good;
    p[QStringLiteral("etag")] = QStringLiteral("e\r\n");
    QTest::newRow("ETag with CR LF") << "parts" << parts(p) << QByteArray() << stateError;
    p = good;
    p[QStringLiteral("n")] = 0;
    QTest::newRow("part 0") << "parts" << parts(p) << QByteArray() << stateError;
    p[QStringLiteral("n")] = 3;
    QTest::newRow("part beyond the file") << "parts" << parts(p) << QByteArray() << stateError;
    p = good;
    p[QStringLiteral("crc32c")] = QStringLiteral("AAAA\r\n==");
    QTest::newRow("checksum with CR LF") << "parts" << parts(p) << QByteArray() << stateError;
    QTest::newRow("duplicate part") << "parts" << QJsonValue(QJsonArray { good, good }) << QByteArray() << stateError;
    QTest::newRow("parts not an array") << "parts" << QJsonValue(QStringLiteral("1,2")) << QByteArray() << stateError;
}

void tst_AwsS3UploadHostile::hostileStateFile()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, raw);
    QFETCH(int, expected);
    // Two parts of 5 MiB; a state that is valid but for the row's field.
    const QString path = sparseFile(6 * MiB);
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject state {
        { QStringLiteral("version"), 1 },
        { QStringLiteral("bucket"), QStringLiteral("bucket") },
        { QStringLiteral("key"), QStringLiteral("k") },
        { QStringLiteral("uploadId"), QStringLiteral("id-1") },
        { QStringLiteral("partSize"), double(5 * MiB) },
        { QStringLiteral("fileSize"), double(6 * MiB) },
        { QStringLiteral("modified"), double(QFileInfo(path).lastModified().toMSecsSinceEpoch()) },
        { QStringLiteral("head"), QString::fromLatin1(QCryptographicHash::hash(file.read(MiB), QCryptographicHash::Sha256).toHex()) },
        { QStringLiteral("checksum"), QStringLiteral("CRC32C") },
        { QStringLiteral("parts"), QJsonArray() },
    };
    if (!field.isEmpty())
        state[field] = value;
    QFile stateFile(path + QStringLiteral(".s3upload"));
    QVERIFY(stateFile.open(QIODevice::WriteOnly));
    stateFile.write(raw.isEmpty() ? QJsonDocument(state).toJson() : raw);
    stateFile.close();

    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    options.setPartSize(5 * MiB);
    std::unique_ptr<AwsS3Upload> upload(m_client->uploadFile(QStringLiteral("bucket"), QStringLiteral("k"), path, options));
    QVERIFY(wait(upload.get()));
    QVERIFY2(int(upload->error()) == expected, qPrintable(upload->errorString()));
    if (expected == int(AwsS3Upload::NoError)) {
        // The control row resumed id-1: ListParts first, then both parts and Complete.
        QCOMPARE(upload->uploadId(), QStringLiteral("id-1"));
        QVERIFY(m_server->requests().at(0).target.contains("uploadId=id-1"));
        QList<int> sent = upload->sentParts();
        std::sort(sent.begin(), sent.end());
        QCOMPARE(sent, QList<int>({ 1, 2 }));
        QVERIFY(!QFile::exists(stateFile.fileName()));
        return;
    }
    QVERIFY2(upload->errorString().contains(stateFile.fileName()), qPrintable(upload->errorString()));
    QVERIFY(!upload->errorString().contains(u'\n'));
    QCOMPARE(m_server->requestCount(), 0);   // nothing of it reached the wire
    QVERIFY(QFile::exists(stateFile.fileName()));   // the caller's to inspect or delete
}

void tst_AwsS3UploadHostile::stateFileNotWritable()
{
    const QString path = sparseFile(6 * MiB);
    QVERIFY(!path.isEmpty());
    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    options.setStateFilePath(m_dir.filePath(QStringLiteral("missing/dir/state.json")));
    std::unique_ptr<AwsS3Upload> upload(m_client->uploadFile(QStringLiteral("bucket"), QStringLiteral("k"), path, options));
    QVERIFY(wait(upload.get()));
    QCOMPARE(upload->error(), AwsS3Upload::LocalFileError);
    QVERIFY2(upload->errorString().contains(QStringLiteral("state file")), qPrintable(upload->errorString()));
    // The upload the server created is aborted: no parts left behind.
    QTRY_COMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).method, QByteArray("DELETE"));
    QVERIFY(m_server->requests().at(1).target.contains("uploadId=id-1"));
}

void tst_AwsS3UploadHostile::cancelWhileCreating()
{
    const QString path = sparseFile(6 * MiB);
    QVERIFY(!path.isEmpty());
    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    std::unique_ptr<AwsS3Upload> upload(m_client->uploadFile(QStringLiteral("bucket"), QStringLiteral("k"), path, options));
    // Canceled while the server creates the upload: its id must still be aborted.
    m_server->setHandler([this, &upload](const TestHttpServer::Request &r) {
        if (r.target.contains("?uploads"))
            QMetaObject::invokeMethod(upload.get(), &AwsS3Upload::cancel, Qt::QueuedConnection);
        return serve(r);
    });
    QVERIFY(wait(upload.get()));
    QCOMPARE(upload->error(), AwsS3Upload::OperationCanceledError);
    QVERIFY(upload->sentParts().isEmpty());
    QVERIFY(!QFile::exists(upload->stateFilePath()));
    const QList<TestHttpServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).method, QByteArray("DELETE"));
    QVERIFY(requests.at(1).target.contains("uploadId=id-1"));
}

void tst_AwsS3UploadHostile::stateFileIsFifo()
{
#ifndef Q_OS_UNIX
    QSKIP("FIFOs are a Unix thing");
#else
    const QString path = sparseFile(6 * MiB);
    QVERIFY(!path.isEmpty());
    const QString state = path + QStringLiteral(".s3upload");
    QCOMPARE(::mkfifo(QFile::encodeName(state).constData(), 0600), 0);
    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    // Opening a FIFO without a writer would block forever.
    std::unique_ptr<AwsS3Upload> upload(m_client->uploadFile(QStringLiteral("bucket"), QStringLiteral("k"), path, options));
    QVERIFY(wait(upload.get()));
    QCOMPARE(upload->error(), AwsS3Upload::StateFileError);
    QVERIFY2(upload->errorString().contains(QStringLiteral("not a regular file")), qPrintable(upload->errorString()));
    QCOMPARE(m_server->requestCount(), 0);
#endif
}

QTEST_MAIN(tst_AwsS3UploadHostile)
#include "tst_awss3uploadhostile.moc"
