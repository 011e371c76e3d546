// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsS3Download against a local server that answers what no S3 server should (other byte
// ranges, 200 to a ranged GET, bodies too long, too short or endless, sizes that lie, a
// replaced object, a wrong MD5), against hostile targets and resume state files. Each ends
// with a clear error; nothing is written outside the asked range and the target is never
// touched by a failure.
#include "s3localclient.h"
#include "s3staterows.h"
#include "s3objectserver.h"
#include "testpattern.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3download.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
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
#  include <unistd.h>
#endif

using Request = TestHttpServer::Request;
using Answer = S3ObjectServer::Answer;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 PartSize = 64 * KiB;
constexpr qint64 ObjectSize = 3 * PartSize + 100;   // four parts, the last of 100 bytes
const QByteArray Part2Range = "bytes=65536-131071";

enum Case {
    Control, WrongRange, FullBody200, TooLong, SizeLie, LengthLie, ShortBody, Endless, Stall,
    Precondition412, OtherETag, HeadHuge, HeadNegative, HeadNoETag, HeadQuoteInETag,
    Md5Mismatch, Md5Kms, Md5Right
};

QByteArray md5Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

} // namespace

Q_DECLARE_METATYPE(Case)

class tst_AwsS3DownloadHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void answers_data();
    void answers();
    void badTargets_data();
    void badTargets();
    void emptyObject();
    void oneJobPerTarget();
    void stopKeepsCancelDiscards_data();
    void stopKeepsCancelDiscards();
    void restartsWhenObjectChanged();
    void hostileStateFile_data();
    void hostileStateFile();
    void stateFileIsFifo();
    void effectivePartSize_data();
    void effectivePartSize();

private:
    bool wait(AwsS3Download *download, int msecs = 60000);
    void tamper(const Request &request, Answer *a) const;
    AwsS3DownloadOptions options(bool single) const;
    QString precious();
    QByteArray read(const QString &path) const;

    std::unique_ptr<S3ObjectServer> m_server;
    std::unique_ptr<S3LocalClient> m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
    Case m_case = Control;
};

bool tst_AwsS3DownloadHostile::wait(AwsS3Download *download, int msecs)
{
    QSignalSpy spy(download, &AwsS3Download::finished);
    return download->isFinished() || spy.wait(msecs);
}

void tst_AwsS3DownloadHostile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_case = Control;
    m_server = std::make_unique<S3ObjectServer>();
    QVERIFY(m_server->listen());
    m_server->setObject(pattern(ObjectSize), "e-1");
    m_server->setTamper([this](const Request &request, Answer *a) { tamper(request, a); });
    m_client = std::make_unique<S3LocalClient>(m_server->url(QStringLiteral("/")));
}

void tst_AwsS3DownloadHostile::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_dir.reset();
}

// Makes the row's answer wrong.
void tst_AwsS3DownloadHostile::tamper(const Request &request, Answer *a) const
{
    const bool head = request.method == "HEAD";
    const bool target = request.header("range") == Part2Range
            || (request.method == "GET" && request.header("range").isEmpty());
    const QByteArray eTag = "ETag: \"" + m_server->eTag() + "\"\r\n";
    const QByteArray range = "Content-Range: bytes 65536-131071/" + QByteArray::number(ObjectSize) + "\r\n";
    switch (m_case) {
    case WrongRange:
        if (target)
            a->headers = "Content-Length: 65536\r\nContent-Range: bytes 0-65535/"
                    + QByteArray::number(ObjectSize) + "\r\n" + eTag;
        break;
    case FullBody200:
        if (target) {
            a->status = 200;
            a->body = m_server->object();
            a->headers = "Content-Length: " + QByteArray::number(ObjectSize) + "\r\n" + eTag;
        }
        break;
    case TooLong:   // no Content-Length: the body runs until the connection closes
        if (target) {
            a->body = QByteArray(2 * PartSize, 'X');
            a->headers = range + eTag;
        }
        break;
    case SizeLie:
        if (target)
            a->headers = "Content-Length: 65536\r\nContent-Range: bytes 65536-131071/"
                    + QByteArray::number(ObjectSize + 1) + "\r\n" + eTag;
        break;
    case LengthLie:
        if (target)
            a->headers = "Content-Length: 65537\r\n" + range + eTag;
        break;
    case ShortBody:
        if (target)
            a->body.truncate(1000);   // Content-Length still says 65536
        break;
    case Endless:
        if (target) {
            a->headers = eTag;
            a->body = QByteArray(PartSize, 'X');
            a->endless = true;
        }
        break;
    case Stall:
        if (target) {
            a->body.truncate(1000);
            a->stall = true;
        }
        break;
    case Precondition412:
        if (target) {
            a->status = 412;
            a->body = "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions "
                      "you specified did not hold</Message></Error>";
            a->headers = "Content-Type: application/xml\r\nContent-Length: "
                    + QByteArray::number(a->body.size()) + "\r\n";
        }
        break;
    case OtherETag:   // as a server that ignores If-Match would answer for a new object
        if (target)
            a->headers.replace(eTag, "ETag: \"e-2\"\r\n");
        break;
    case HeadHuge:
        if (head)
            a->headers = "Content-Length: 5497558138881\r\n" + eTag;   // 5 TiB + 1
        break;
    case HeadNegative:
        if (head)
            a->headers = "Content-Length: -5\r\n" + eTag;
        break;
    case HeadNoETag:
        if (head)
            a->headers = "Content-Length: " + QByteArray::number(ObjectSize) + "\r\n";
        break;
    case HeadQuoteInETag:
        if (head)
            a->headers = "Content-Length: " + QByteArray::number(ObjectSize) + "\r\nETag: \"a\"b\"\r\n";
        break;
    case Md5Kms:
        a->headers += "x-amz-server-side-encryption: aws:kms\r\n";
        break;
    case Control: case Md5Mismatch: case Md5Right:
        break;
    }
}

AwsS3DownloadOptions tst_AwsS3DownloadHostile::options(bool single) const
{
    AwsS3DownloadOptions o;
    o.setMultipartThreshold(single ? 1024 * KiB : PartSize);
    o.setPartSize(PartSize);
    o.setPartsInFlight(1);
    return o;
}

// A target that already exists: no failure may touch it.
QString tst_AwsS3DownloadHostile::precious()
{
    const QString path = m_dir->filePath(QStringLiteral("target.bin"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("precious") != 8)
        return QString();
    return path;
}

QByteArray tst_AwsS3DownloadHostile::read(const QString &path) const
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void tst_AwsS3DownloadHostile::answers_data()
{
    QTest::addColumn<Case>("answer");
    QTest::addColumn<bool>("single");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("requestError");   // -1: any
    QTest::addColumn<QString>("inError");

    const int request = AwsS3Download::RequestError;
    const int invalid = AwsS3Reply::InvalidResponseError;
    QTest::newRow("control, in parts") << Control << false << int(AwsS3Download::NoError) << 0 << QString();
    QTest::newRow("control, one GET") << Control << true << int(AwsS3Download::NoError) << 0 << QString();
    QTest::newRow("part: another Content-Range") << WrongRange << false << request << invalid << "byte range";
    QTest::newRow("part: 200 with the whole object") << FullBody200 << false << request << invalid
                                                     << "ignored the byte range (HTTP 200)";
    QTest::newRow("part: body longer than the range") << TooLong << false << request << invalid
                                                      << "more than the requested range";
    QTest::newRow("part: Content-Range with another size") << SizeLie << false << request << invalid
                                                           << "/196709";
    QTest::newRow("part: Content-Length not the range's") << LengthLie << false << request << invalid
                                                          << "announced 65537 bytes";
    QTest::newRow("part: body shorter than announced") << ShortBody << false << request << -1 << "";
    QTest::newRow("one GET: endless body") << Endless << true << request << invalid
                                           << "more than the object's 196708 bytes";
    QTest::newRow("part: stalls") << Stall << false << request << int(AwsS3Reply::TimeoutError) << "no answer";
    QTest::newRow("part: 412") << Precondition412 << false << int(AwsS3Download::ObjectChangedError)
                               << int(AwsS3Reply::PreconditionFailedError) << "changed";
    QTest::newRow("part: another ETag") << OtherETag << false << int(AwsS3Download::ObjectChangedError)
                                        << int(AwsS3Reply::PreconditionFailedError) << "e-2";
    QTest::newRow("one GET: another ETag") << OtherETag << true << int(AwsS3Download::ObjectChangedError)
                                           << int(AwsS3Reply::PreconditionFailedError) << "e-2";
    QTest::newRow("HEAD: above 5 TiB") << HeadHuge << false << int(AwsS3Download::ObjectTooLargeError)
                                       << invalid << "5 TiB";
    QTest::newRow("HEAD: negative size") << HeadNegative << false << request << invalid << "Content-Length";
    QTest::newRow("HEAD: no ETag") << HeadNoETag << false << request << invalid << "ETag";
    QTest::newRow("HEAD: quote in the ETag") << HeadQuoteInETag << false << request << invalid << "ETag";
    QTest::newRow("one GET: bytes not the MD5 ETag") << Md5Mismatch << true
                                                     << int(AwsS3Download::ChecksumMismatchError) << 0 << "MD5";
    QTest::newRow("one GET: SSE-KMS ETag is no MD5") << Md5Kms << true << int(AwsS3Download::NoError) << 0 << "";
    QTest::newRow("one GET: right MD5") << Md5Right << true << int(AwsS3Download::NoError) << 0 << "";
}

void tst_AwsS3DownloadHostile::answers()
{
    QFETCH(Case, answer);
    QFETCH(bool, single);
    QFETCH(int, expected);
    QFETCH(int, requestError);
    QFETCH(QString, inError);
    m_case = answer;
    if (answer == Md5Mismatch || answer == Md5Kms)
        m_server->setObject(m_server->object(), md5Hex("other bytes"));
    else if (answer == Md5Right)
        m_server->setObject(m_server->object(), md5Hex(m_server->object()));
    m_client->setTransferTimeout(1000);
    const QString path = precious();
    QVERIFY(!path.isEmpty());
    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(single)));
    QList<qint64> seen;
    connect(download.get(), &AwsS3Download::progress, this, [&seen](qint64 received, qint64 total) {
        QVERIFY(received <= total);
        QVERIFY(seen.isEmpty() || received >= seen.constLast());
        seen.append(received);
    });
    QVERIFY(wait(download.get()));
    QVERIFY2(int(download->error()) == expected, qPrintable(download->errorString()));
    QVERIFY2(download->errorString().contains(inError), qPrintable(download->errorString()));
    QVERIFY(!download->errorString().contains(u'\n'));
    if (requestError >= 0)
        QCOMPARE(int(download->requestError()), requestError);
    // Every GET carried If-Match with the HEAD's ETag.
    for (const Request &r : m_server->requests()) {
        if (r.method == "GET")
            QCOMPARE(r.header("if-match"), "\"" + m_server->eTag() + "\"");
    }
    if (expected == int(AwsS3Download::NoError)) {
        QCOMPARE(read(path), m_server->object());
        QCOMPARE(m_server->ranges().size(), single ? 1 : 4);
        QCOMPARE(seen.constLast(), ObjectSize);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList({ QStringLiteral("target.bin") }));
        return;
    }
    QCOMPARE(read(path), QByteArray("precious"));
    // Nothing was written beyond the object, nor outside the range of part 2.
    const QString temporary = download->temporaryFilePath();
    if (QFile::exists(temporary)) {
        const QByteArray partial = read(temporary);
        QCOMPARE(partial.size(), ObjectSize);
        QCOMPARE(partial.left(PartSize), m_server->object().left(PartSize));
        QVERIFY(!partial.mid(2 * PartSize).contains('X'));
        QVERIFY(!partial.contains('Y'));
        QVERIFY(QFile::exists(download->stateFilePath()));   // resumable
    }
    // One GET, an object that changed or a bad size: nothing worth resuming is kept.
    if (single || expected != int(AwsS3Download::RequestError) || answer == HeadNegative
        || answer == HeadNoETag || answer == HeadQuoteInETag)
        QVERIFY(!QFile::exists(temporary));
    if (answer >= HeadHuge && answer <= HeadQuoteInETag)
        QCOMPARE(m_server->requestCount(), 1);   // no GET after a HEAD that cannot be right
}

void tst_AwsS3DownloadHostile::badTargets_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("inError");
    QTest::newRow("a directory") << QStringLiteral("dir") << "is a directory";
    QTest::newRow("in a missing directory") << QStringLiteral("missing/target.bin") << "cannot write";
    QTest::newRow("not writable") << QStringLiteral("readonly.bin") << "is not writable";
    QTest::newRow("temporary file is a link") << QStringLiteral("linked.bin") << "not a regular file";
}

void tst_AwsS3DownloadHostile::badTargets()
{
    QFETCH(QString, target);
    QFETCH(QString, inError);
    const QString path = m_dir->filePath(target);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("dir")));
    if (target == u"readonly.bin") {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            QSKIP("root may write any file");
#endif
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner));
    }
    const QString victim = m_dir->filePath(QStringLiteral("victim"));
    if (target == u"linked.bin") {
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("victim");
        file.close();
        QVERIFY(QFile::link(victim, path + QStringLiteral(".s3download.part")));
    }
    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(false)));
    QVERIFY(wait(download.get()));
    QCOMPARE(download->error(), AwsS3Download::LocalFileError);
    QVERIFY2(download->errorString().contains(inError), qPrintable(download->errorString()));
    QCOMPARE(m_server->requestCount(), 0);   // before any request
    if (target == u"linked.bin")
        QCOMPARE(read(victim), QByteArray("victim"));
}

void tst_AwsS3DownloadHostile::emptyObject()
{
    m_server->setObject(QByteArray(), md5Hex(QByteArray()));
    const QString path = precious();
    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(false)));
    QVERIFY(wait(download.get()));
    QVERIFY2(download->error() == AwsS3Download::NoError, qPrintable(download->errorString()));
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(QFileInfo(path).size(), 0);
    QCOMPARE(download->bytesTotal(), 0);
    QCOMPARE(m_server->ranges(), QList<QByteArray>({ QByteArray() }));   // one GET without a range
}

void tst_AwsS3DownloadHostile::oneJobPerTarget()
{
    const QString path = precious();
    std::unique_ptr<AwsS3Download> first(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                path, options(false)));
    std::unique_ptr<AwsS3Download> second(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                 path, options(false)));
    QVERIFY(wait(second.get()));
    QCOMPARE(second->error(), AwsS3Download::LocalFileError);
    QVERIFY2(second->errorString().contains(QStringLiteral("another download")), qPrintable(second->errorString()));
    QVERIFY(wait(first.get()));
    QVERIFY2(first->error() == AwsS3Download::NoError, qPrintable(first->errorString()));
    QCOMPARE(m_server->requestCount(), 5);   // HEAD and four parts, all of the first job
    QCOMPARE(read(path), m_server->object());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList({ QStringLiteral("target.bin") }));
}

void tst_AwsS3DownloadHostile::stopKeepsCancelDiscards_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::newRow("stop") << false;
    QTest::newRow("cancel") << true;
}

void tst_AwsS3DownloadHostile::stopKeepsCancelDiscards()
{
    QFETCH(bool, cancel);
    const QString path = precious();
    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(false)));
    connect(download.get(), &AwsS3Download::partFinished, download.get(),
            cancel ? &AwsS3Download::cancel : &AwsS3Download::stop);
    QVERIFY(wait(download.get()));
    QCOMPARE(download->error(), AwsS3Download::OperationCanceledError);
    QCOMPARE(download->fetchedParts(), QList<int>({ 1 }));
    QCOMPARE(read(path), QByteArray("precious"));
    QCOMPARE(QFile::exists(download->temporaryFilePath()), !cancel);
    QCOMPARE(QFile::exists(download->stateFilePath()), !cancel);
    if (cancel)
        return;
    // Started again, it fetches the three parts it did not have.
    m_server->clearRequests();
    std::unique_ptr<AwsS3Download> again(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                path, options(false)));
    QSignalSpy progress(again.get(), &AwsS3Download::progress);
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Download::NoError, qPrintable(again->errorString()));
    QCOMPARE(again->resumedParts(), QList<int>({ 1 }));
    QCOMPARE(again->fetchedParts(), QList<int>({ 2, 3, 4 }));
    QVERIFY(!m_server->ranges().contains("bytes=0-65535"));
    QCOMPARE(progress.constFirst().at(0).toLongLong(), PartSize);
    QVERIFY(!again->wasRestarted());
    QCOMPARE(read(path), m_server->object());
}

void tst_AwsS3DownloadHostile::restartsWhenObjectChanged()
{
    const QString path = precious();
    std::unique_ptr<AwsS3Download> first(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                path, options(false)));
    connect(first.get(), &AwsS3Download::partFinished, first.get(), &AwsS3Download::stop);
    QVERIFY(wait(first.get()));
    QCOMPARE(first->fetchedParts(), QList<int>({ 1 }));

    // Replaced between the runs: another ETag, other bytes.
    m_server->setObject(pattern(ObjectSize + 7).mid(7), "e-2");
    m_server->clearRequests();
    std::unique_ptr<AwsS3Download> again(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                path, options(false)));
    QSignalSpy restarted(again.get(), &AwsS3Download::restarted);
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Download::NoError, qPrintable(again->errorString()));
    QCOMPARE(restarted.size(), 1);
    QVERIFY(again->wasRestarted());
    QVERIFY2(again->restartReason().contains(QStringLiteral("changed")), qPrintable(again->restartReason()));
    QVERIFY(again->resumedParts().isEmpty());
    QCOMPARE(again->fetchedParts().size(), 4);
    QCOMPARE(read(path), m_server->object());
}

void tst_AwsS3DownloadHostile::hostileStateFile_data()
{
    const int stateError = int(AwsS3Download::StateFileError);
    addStateFileColumnsAndRows(int(AwsS3Download::NoError), stateError);
    QTest::newRow("unknown field") << "extra" << QJsonValue(1) << QByteArray() << stateError;
    QTest::newRow("wrong version") << "version" << QJsonValue(2) << QByteArray() << stateError;
    QTest::newRow("ETag with CR LF") << "eTag" << QJsonValue(QStringLiteral("e-1\r\nX-Evil: 1"))
                                     << QByteArray() << stateError;
    QTest::newRow("ETag with a quote") << "eTag" << QJsonValue(QStringLiteral("e\"1")) << QByteArray() << stateError;
    QTest::newRow("ETag a number") << "eTag" << QJsonValue(1) << QByteArray() << stateError;
    QTest::newRow("size 0") << "size" << QJsonValue(0) << QByteArray() << stateError;
    QTest::newRow("size negative") << "size" << QJsonValue(-1) << QByteArray() << stateError;
    QTest::newRow("size above 5 TiB") << "size" << QJsonValue(5497558138881.0) << QByteArray() << stateError;
    QTest::newRow("size a string") << "size" << QJsonValue(QStringLiteral("196708")) << QByteArray() << stateError;
    QTest::newRow("part size 1 byte") << "partSize" << QJsonValue(1) << QByteArray() << stateError;
    QTest::newRow("part size fractional") << "partSize" << QJsonValue(65536.5) << QByteArray() << stateError;
    QTest::newRow("more than 10000 parts") << "size" << QJsonValue(10001.0 * 65536) << QByteArray() << stateError;
    QTest::newRow("part 0") << "parts" << QJsonValue(QJsonArray { 0 }) << QByteArray() << stateError;
    QTest::newRow("part beyond the object") << "parts" << QJsonValue(QJsonArray { 5 }) << QByteArray() << stateError;
    QTest::newRow("part fractional") << "parts" << QJsonValue(QJsonArray { 1.5 }) << QByteArray() << stateError;
    QTest::newRow("duplicate part") << "parts" << QJsonValue(QJsonArray { 1, 1 }) << QByteArray() << stateError;
    QTest::newRow("parts not an array") << "parts" << QJsonValue(QStringLiteral("1")) << QByteArray() << stateError;
    QTest::newRow("other bucket") << "bucket" << QJsonValue(QStringLiteral("other")) << QByteArray() << stateError;
    QTest::newRow("bucket with CR LF") << "bucket" << QJsonValue(QStringLiteral("b\r\nx")) << QByteArray() << stateError;
    QTest::newRow("key with dot segment") << "key" << QJsonValue(QStringLiteral("a/../k")) << QByteArray() << stateError;
}

void tst_AwsS3DownloadHostile::hostileStateFile()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, raw);
    QFETCH(int, expected);
    const QString path = precious();
    // A state that is valid but for the row's field: part 1 is in the partial file.
    QJsonObject state {
        { QStringLiteral("version"), 1 },
        { QStringLiteral("bucket"), QStringLiteral("bucket") },
        { QStringLiteral("key"), QStringLiteral("k") },
        { QStringLiteral("eTag"), QString::fromLatin1(m_server->eTag()) },
        { QStringLiteral("size"), double(ObjectSize) },
        { QStringLiteral("partSize"), double(PartSize) },
        { QStringLiteral("parts"), QJsonArray { 1 } },
    };
    if (!field.isEmpty())
        state[field] = value;
    QFile stateFile(path + QStringLiteral(".s3download"));
    QVERIFY(stateFile.open(QIODevice::WriteOnly));
    stateFile.write(raw.isEmpty() ? QJsonDocument(state).toJson() : raw);
    stateFile.close();
    QFile partial(path + QStringLiteral(".s3download.part"));
    QVERIFY(partial.open(QIODevice::WriteOnly));
    QByteArray bytes = m_server->object().left(PartSize);
    bytes.resize(ObjectSize, '\0');
    partial.write(bytes);
    partial.close();

    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(false)));
    QVERIFY(wait(download.get()));
    QVERIFY2(int(download->error()) == expected, qPrintable(download->errorString()));
    if (expected == int(AwsS3Download::NoError)) {
        QCOMPARE(download->resumedParts(), QList<int>({ 1 }));
        QVERIFY(!m_server->ranges().contains("bytes=0-65535"));
        QCOMPARE(read(path), m_server->object());
        QVERIFY(!QFile::exists(stateFile.fileName()));
        return;
    }
    QVERIFY2(download->errorString().contains(stateFile.fileName()), qPrintable(download->errorString()));
    QVERIFY(!download->errorString().contains(u'\n'));
    QCOMPARE(m_server->requestCount(), 0);   // nothing of it reached the wire
    QVERIFY(QFile::exists(stateFile.fileName()));   // the caller's to inspect or delete
    QCOMPARE(read(path), QByteArray("precious"));
}

void tst_AwsS3DownloadHostile::stateFileIsFifo()
{
#ifndef Q_OS_UNIX
    QSKIP("FIFOs are a Unix thing");
#else
    const QString path = precious();
    const QString state = path + QStringLiteral(".s3download");
    QCOMPARE(::mkfifo(QFile::encodeName(state).constData(), 0600), 0);
    // Opening a FIFO without a writer would block forever.
    std::unique_ptr<AwsS3Download> download(m_client->downloadFile(QStringLiteral("bucket"), QStringLiteral("k"),
                                                                   path, options(false)));
    QVERIFY(wait(download.get()));
    QCOMPARE(download->error(), AwsS3Download::StateFileError);
    QVERIFY2(download->errorString().contains(QStringLiteral("not a regular file")),
             qPrintable(download->errorString()));
    QCOMPARE(m_server->requestCount(), 0);
#endif
}

void tst_AwsS3DownloadHostile::effectivePartSize_data()
{
    QTest::addColumn<qint64>("objectSize");
    QTest::addColumn<qint64>("requested");
    QTest::addColumn<qint64>("expected");
    constexpr qint64 MiB = 1024 * KiB;
    QTest::newRow("default") << 1024 * MiB << 8 * MiB << 8 * MiB;
    QTest::newRow("raised to 64 KiB") << 100 * MiB << qint64(1) << 64 * KiB;
    QTest::newRow("grown: 100 GiB in 10000 parts") << 100 * 1024 * MiB << 8 * MiB << 11 * MiB;
    QTest::newRow("5 TiB") << 5 * 1024 * 1024 * MiB << 8 * MiB << 525 * MiB;
    QTest::newRow("above 5 TiB") << 5 * 1024 * 1024 * MiB + 1 << 8 * MiB << qint64(-1);
    QTest::newRow("negative") << qint64(-1) << 8 * MiB << qint64(-1);
}

void tst_AwsS3DownloadHostile::effectivePartSize()
{
    QFETCH(qint64, objectSize);
    QFETCH(qint64, requested);
    QFETCH(qint64, expected);
    QCOMPARE(AwsS3DownloadOptions::effectivePartSize(objectSize, requested), expected);
}

QTEST_MAIN(tst_AwsS3DownloadHostile)
#include "tst_awss3downloadhostile.moc"
