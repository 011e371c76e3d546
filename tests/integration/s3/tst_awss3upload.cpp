// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsS3Client's multipart operations and AwsS3Upload against real servers on 127.0.0.1:
// moto_server (checks every SigV4 signature; 5 MiB minimum part size as S3) and s3rver
// (CreateMultipartUpload, UploadPart and CompleteMultipartUpload only: it answers
// AbortMultipartUpload and ListParts with 405, so cancel and resume rows are moto's).
#include "s3testservers.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3upload.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qendian.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

constexpr qint64 MiB = 1024 * 1024;

// CRC-32C computed bit by bit here, independently of the library's table.
QByteArray crc32cBase64(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(crc ^ 0xFFFFFFFFu, out.data());
    return out.toBase64();
}

QByteArray pattern(qint64 size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = 2463534242u + quint32(seed);
    for (qint64 i = 0; i < size; ++i) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        data[i] = char(x);
    }
    return data;
}

} // namespace

class tst_AwsS3Upload : public QObject
{
    Q_OBJECT
public:
    using Server = S3Server;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lowLevel_data();
    void lowLevel();
    void completeRefused();
    void uploadFile_data();
    void uploadFile();
    void cancel();
    void resume_data();
    void resume();
    void resumeChangedFile_data();
    void resumeChangedFile();
    void resumeForgottenUpload();
    void resumeAfterKill();

private:
    AwsS3Client *client(Server server);
    QString makeBucket(Server server);
    bool wait(AwsS3Reply *reply, int msecs = 120000);
    bool wait(AwsS3Upload *upload, int msecs = 300000);
    QString writeFile(qint64 size, int seed);
    QByteArray download(AwsS3Client *c, const QString &bucket, const QString &key);
    AwsS3UploadOptions smallOptions(int inFlight) const;
    QList<int> stopAfterFirstPart(AwsS3Client *c, const QString &bucket, const QString &file,
                                  const AwsS3UploadOptions &options, QString *uploadId);

    S3TestServers m_servers;
    QTemporaryDir m_dir;
    int m_files = 0;
};

bool tst_AwsS3Upload::wait(AwsS3Reply *reply, int msecs)
{
    return S3TestServers::wait(reply, msecs);
}

bool tst_AwsS3Upload::wait(AwsS3Upload *upload, int msecs)
{
    QSignalSpy spy(upload, &AwsS3Upload::finished);
    return upload->isFinished() || spy.wait(msecs);
}

void tst_AwsS3Upload::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!m_servers.start())
        QSKIP("neither moto_server nor s3rver is installed");
}

void tst_AwsS3Upload::cleanupTestCase()
{
    m_servers.stop();
}

AwsS3Client *tst_AwsS3Upload::client(Server server)
{
    return m_servers.client(server);
}

QString tst_AwsS3Upload::makeBucket(Server server)
{
    return m_servers.makeBucket(server, QStringLiteral("qtsigv4-upload"));
}

QString tst_AwsS3Upload::writeFile(qint64 size, int seed)
{
    const QString path = m_dir.filePath(QStringLiteral("file-%1.bin").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pattern(size, seed)) != size)
        return QString();
    return path;
}

QByteArray tst_AwsS3Upload::download(AwsS3Client *c, const QString &bucket, const QString &key)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::unique_ptr<AwsS3Reply> get(c->getObject(bucket, key, &buffer));
    if (!wait(get.get()) || get->error() != AwsS3Reply::NoError) {
        qWarning("getObject: %s", qPrintable(get->errorString()));
        return QByteArray();
    }
    return buffer.data();
}

AwsS3UploadOptions tst_AwsS3Upload::smallOptions(int inFlight) const
{
    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    options.setPartSize(5 * MiB);
    options.setPartsInFlight(inFlight);
    return options;
}

void tst_AwsS3Upload::lowLevel_data()
{
    QTest::addColumn<Server>("server");
    QTest::addColumn<bool>("crc32c");
    QTest::newRow("moto, CRC32C") << Moto << true;
    QTest::newRow("moto, no checksum") << Moto << false;
    // s3rver ignores checksum headers; ListParts and Abort are not implemented.
    QTest::newRow("s3rver, no checksum") << S3rver << false;
}

void tst_AwsS3Upload::lowLevel()
{
    SERVER_OR_SKIP();
    QFETCH(bool, crc32c);
    const auto checksum = crc32c ? AwsSigningConfig::ChecksumAlgorithm::Crc32c
                                 : AwsSigningConfig::ChecksumAlgorithm::None;
    const QString bucket = makeBucket(server);
    QVERIFY(!bucket.isEmpty());
    const QString key = QStringLiteral("dir/multi part.bin");
    std::unique_ptr<AwsS3Reply> create(c->createMultipartUpload(bucket, key, {}, checksum));
    QVERIFY(wait(create.get()));
    QVERIFY2(create->error() == AwsS3Reply::NoError, qPrintable(create->errorString()));
    const QString id = create->uploadId();
    QVERIFY(!id.isEmpty());

    const QByteArray first = pattern(5 * MiB, 1);
    const QByteArray second = pattern(1234, 2);
    std::unique_ptr<AwsS3Reply> part1(c->uploadPart(bucket, key, id, 1, first, checksum));
    QVERIFY(wait(part1.get()));
    QVERIFY2(part1->error() == AwsS3Reply::NoError, qPrintable(part1->errorString()));
    QCOMPARE(part1->parts().size(), 1);
    QCOMPARE(part1->parts().at(0).partNumber(), 1);
    QVERIFY(!part1->parts().at(0).eTag().isEmpty());
    QCOMPARE(part1->parts().at(0).checksumCrc32c(), crc32c ? crc32cBase64(first) : QByteArray());

    // The device overload reads exactly its range.
    QBuffer device;
    device.setData("xx" + second + "yy");
    QVERIFY(device.open(QIODevice::ReadOnly));
    std::unique_ptr<AwsS3Reply> part2(c->uploadPart(bucket, key, id, 2, &device, 2, second.size(), checksum));
    QVERIFY(wait(part2.get()));
    QVERIFY2(part2->error() == AwsS3Reply::NoError, qPrintable(part2->errorString()));

    if (server == Moto) {
        std::unique_ptr<AwsS3Reply> list(c->listParts(bucket, key, id));
        QVERIFY(wait(list.get()));
        QVERIFY2(list->error() == AwsS3Reply::NoError, qPrintable(list->errorString()));
        QCOMPARE(list->parts().size(), 2);
        QCOMPARE(list->parts().at(0).eTag(), part1->parts().at(0).eTag());
        QCOMPARE(list->parts().at(1).size(), qint64(second.size()));
    }
    std::unique_ptr<AwsS3Reply> done(c->completeMultipartUpload(
            bucket, key, id, { part1->parts().at(0), part2->parts().at(0) }));
    QVERIFY(wait(done.get()));
    QVERIFY2(done->error() == AwsS3Reply::NoError, qPrintable(done->errorString()));
    QVERIFY(!done->object().eTag().isEmpty());
    QCOMPARE(download(c, bucket, key), first + second);
}

void tst_AwsS3Upload::completeRefused()
{
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString key = QStringLiteral("small-parts");
    std::unique_ptr<AwsS3Reply> create(c->createMultipartUpload(bucket, key));
    QVERIFY(wait(create.get()));
    QCOMPARE(create->error(), AwsS3Reply::NoError);
    const QString id = create->uploadId();
    QList<AwsS3Part> parts;
    for (int n = 1; n <= 2; ++n) {
        std::unique_ptr<AwsS3Reply> part(c->uploadPart(bucket, key, id, n, QByteArray(100, 'a')));
        QVERIFY(wait(part.get()));
        QCOMPARE(part->error(), AwsS3Reply::NoError);
        parts += part->parts();
    }
    // A first part under 5 MiB: S3 (and moto) refuse to complete.
    std::unique_ptr<AwsS3Reply> done(c->completeMultipartUpload(bucket, key, id, parts));
    QVERIFY(wait(done.get()));
    QCOMPARE(done->error(), AwsS3Reply::ServiceError);
    QCOMPARE(done->serviceErrorCode(), QStringLiteral("EntityTooSmall"));

    std::unique_ptr<AwsS3Reply> abort(c->abortMultipartUpload(bucket, key, id));
    QVERIFY(wait(abort.get()));
    QVERIFY2(abort->error() == AwsS3Reply::NoError, qPrintable(abort->errorString()));
    std::unique_ptr<AwsS3Reply> list(c->listParts(bucket, key, id));
    QVERIFY(wait(list.get()));
    QCOMPARE(list->error(), AwsS3Reply::NoSuchUploadError);
}

void tst_AwsS3Upload::uploadFile_data()
{
    QTest::addColumn<Server>("server");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<bool>("multipart");
    QTest::addColumn<int>("parts");
    const struct { const char *name; qint64 size; bool multipart; int parts; } sizes[] = {
        { "below threshold", 5 * MiB - 1, false, 0 },
        { "at threshold", 5 * MiB, true, 1 },
        { "above threshold", 11 * MiB + 5, true, 3 },
        { "empty", 0, false, 0 },
    };
    for (Server server : { Moto, S3rver }) {
        for (const auto &size : sizes) {
            for (int inFlight : { 1, 4 }) {
                if (!size.multipart && inFlight != 1)
                    continue;
                QTest::addRow("%s: %s, %d in flight", server == Moto ? "moto" : "s3rver", size.name,
                              inFlight)
                        << server << size.size << inFlight << size.multipart << size.parts;
            }
        }
    }
}

void tst_AwsS3Upload::uploadFile()
{
    SERVER_OR_SKIP();
    QFETCH(qint64, size);
    QFETCH(int, inFlight);
    QFETCH(bool, multipart);
    QFETCH(int, parts);
    const QString bucket = makeBucket(server);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(size, int(size % 97));
    QVERIFY(!path.isEmpty());
    AwsS3UploadOptions options = smallOptions(inFlight);
    // s3rver ignores checksums; moto echoes them (the job checks the echo).
    if (server == S3rver)
        options.setChecksumAlgorithm(AwsSigningConfig::ChecksumAlgorithm::None);
    std::unique_ptr<AwsS3Upload> upload(c->uploadFile(bucket, QStringLiteral("up/file.bin"), path, options));
    QSignalSpy progress(upload.get(), &AwsS3Upload::progress);
    QVERIFY(wait(upload.get()));
    QVERIFY2(upload->error() == AwsS3Upload::NoError, qPrintable(upload->errorString()));
    QCOMPARE(upload->isMultipart(), multipart);
    QCOMPARE(upload->partCount(), parts);
    QCOMPARE(upload->sentParts().size(), parts);
    QCOMPARE(upload->bytesSent(), size);
    QCOMPARE(upload->bytesTotal(), size);
    QVERIFY(!upload->eTag().isEmpty());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toLongLong(), size);
    QVERIFY(!QFile::exists(upload->stateFilePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(download(c, bucket, QStringLiteral("up/file.bin")), file.readAll());
}

void tst_AwsS3Upload::cancel()
{
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(16 * MiB, 3);
    std::unique_ptr<AwsS3Upload> upload(c->uploadFile(bucket, QStringLiteral("c"), path, smallOptions(1)));
    connect(upload.get(), &AwsS3Upload::partFinished, upload.get(), &AwsS3Upload::cancel);
    QVERIFY(wait(upload.get()));
    QCOMPARE(upload->error(), AwsS3Upload::OperationCanceledError);
    QCOMPARE(upload->sentParts(), QList<int>({ 1 }));
    QVERIFY(!upload->uploadId().isEmpty());
    QVERIFY(!QFile::exists(upload->stateFilePath()));
    // Aborted on the server: the upload and its parts are gone, no object was made.
    std::unique_ptr<AwsS3Reply> list(c->listParts(bucket, QStringLiteral("c"), upload->uploadId()));
    QVERIFY(wait(list.get()));
    QCOMPARE(list->error(), AwsS3Reply::NoSuchUploadError);
    std::unique_ptr<AwsS3Reply> head(c->headObject(bucket, QStringLiteral("c")));
    QVERIFY(wait(head.get()));
    QCOMPARE(head->error(), AwsS3Reply::NoSuchKeyError);
}

// Runs an upload until its first part is stored, then deletes the job (as a crash would
// stop it); returns the parts it recorded.
QList<int> tst_AwsS3Upload::stopAfterFirstPart(AwsS3Client *c, const QString &bucket,
                                               const QString &file, const AwsS3UploadOptions &options,
                                               QString *uploadId)
{
    QList<int> recorded;
    auto *upload = c->uploadFile(bucket, QStringLiteral("r"), file, options);
    QSignalSpy destroyed(upload, &QObject::destroyed);
    connect(upload, &AwsS3Upload::partFinished, upload, [&recorded, upload, uploadId](int n) {
        recorded.append(n);
        *uploadId = upload->uploadId();
        upload->deleteLater();
    });
    connect(upload, &AwsS3Upload::finished, upload, [upload] {
        qWarning("the upload ended: %s", qPrintable(upload->errorString()));
        upload->deleteLater();
    });
    if (!destroyed.wait(120000))
        qWarning("the upload was not stopped");
    std::sort(recorded.begin(), recorded.end());
    return recorded;
}

void tst_AwsS3Upload::resume_data()
{
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<bool>("crc32c");
    QTest::addColumn<bool>("ownStatePath");
    QTest::newRow("1 in flight") << 1 << true << false;
    QTest::newRow("4 in flight") << 4 << true << false;
    QTest::newRow("no checksum, own state file") << 2 << false << true;
}

void tst_AwsS3Upload::resume()
{
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    QFETCH(int, inFlight);
    QFETCH(bool, crc32c);
    QFETCH(bool, ownStatePath);
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(21 * MiB, 4);
    AwsS3UploadOptions options = smallOptions(inFlight);
    if (!crc32c)
        options.setChecksumAlgorithm(AwsSigningConfig::ChecksumAlgorithm::None);
    const QString statePath = ownStatePath ? m_dir.filePath(QStringLiteral("state.json"))
                                           : path + QStringLiteral(".s3upload");
    if (ownStatePath)
        options.setStateFilePath(statePath);

    QString uploadId;
    const QList<int> recorded = stopAfterFirstPart(c, bucket, path, options, &uploadId);
    QVERIFY(!recorded.isEmpty());
    QVERIFY(QFile::exists(statePath));
    const auto all = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(QFileInfo(statePath).permissions() & all,
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);   // 0600

    std::unique_ptr<AwsS3Upload> again(c->uploadFile(bucket, QStringLiteral("r"), path, options));
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Upload::NoError, qPrintable(again->errorString()));
    QCOMPARE(again->uploadId(), uploadId);
    QCOMPARE(again->resumedParts(), recorded);
    QList<int> sent = again->sentParts();
    std::sort(sent.begin(), sent.end());
    QList<int> missing;
    for (int n = 1; n <= 5; ++n) {
        if (!recorded.contains(n))
            missing.append(n);
    }
    QCOMPARE(sent, missing);   // never a finished part again
    QVERIFY(!QFile::exists(statePath));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(download(c, bucket, QStringLiteral("r")), file.readAll());
}

void tst_AwsS3Upload::resumeChangedFile_data()
{
    QTest::addColumn<bool>("restart");
    QTest::newRow("fails") << false;
    QTest::newRow("starts over") << true;
}

void tst_AwsS3Upload::resumeChangedFile()
{
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    QFETCH(bool, restart);
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(11 * MiB, 5);
    AwsS3UploadOptions options = smallOptions(1);
    options.setRestartsWhenFileChanged(restart);
    QString uploadId;
    QVERIFY(!stopAfterFirstPart(c, bucket, path, options, &uploadId).isEmpty());

    // Same size and time, other bytes at the start: only the hash can tell.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QDateTime modified = QFileInfo(path).lastModified();
    QVERIFY(file.write("changed") == 7);
    QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
    file.close();

    std::unique_ptr<AwsS3Upload> again(c->uploadFile(bucket, QStringLiteral("r"), path, options));
    QVERIFY(wait(again.get()));
    if (!restart) {
        QCOMPARE(again->error(), AwsS3Upload::FileChangedError);
        QVERIFY2(again->errorString().contains(QStringLiteral("changed")), qPrintable(again->errorString()));
        QVERIFY(again->sentParts().isEmpty());
        QVERIFY(QFile::exists(again->stateFilePath()));
        return;
    }
    QVERIFY2(again->error() == AwsS3Upload::NoError, qPrintable(again->errorString()));
    QVERIFY(again->uploadId() != uploadId);
    QCOMPARE(again->sentParts().size(), 3);
    QVERIFY(again->resumedParts().isEmpty());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(download(c, bucket, QStringLiteral("r")), file.readAll());
}

void tst_AwsS3Upload::resumeForgottenUpload()
{
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(11 * MiB, 6);
    QString uploadId;
    QVERIFY(!stopAfterFirstPart(c, bucket, path, smallOptions(1), &uploadId).isEmpty());
    std::unique_ptr<AwsS3Reply> abort(c->abortMultipartUpload(bucket, QStringLiteral("r"), uploadId));
    QVERIFY(wait(abort.get()));
    QCOMPARE(abort->error(), AwsS3Reply::NoError);

    std::unique_ptr<AwsS3Upload> again(c->uploadFile(bucket, QStringLiteral("r"), path, smallOptions(1)));
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Upload::NoError, qPrintable(again->errorString()));
    QVERIFY(again->uploadId() != uploadId);
    QList<int> sent = again->sentParts();
    std::sort(sent.begin(), sent.end());
    QCOMPARE(sent, QList<int>({ 1, 2, 3 }));
}

void tst_AwsS3Upload::resumeAfterKill()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGKILL is a Unix signal");
#endif
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString path = writeFile(16 * MiB, 7);

    // This executable, as a child that uploads, reports each part and then stalls, so that
    // the kill lands with exactly part 1 recorded.
    QVERIFY(m_servers.killChildAfterFirstPart(
            { QStringLiteral("--upload-child"), m_servers.moto()->endpoint().toString(), bucket, path }));
    QVERIFY(QFile::exists(path + QStringLiteral(".s3upload")));

    std::unique_ptr<AwsS3Upload> again(c->uploadFile(bucket, QStringLiteral("k"), path, smallOptions(1)));
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Upload::NoError, qPrintable(again->errorString()));
    QCOMPARE(again->resumedParts(), QList<int>({ 1 }));
    QCOMPARE(again->sentParts(), QList<int>({ 2, 3, 4 }));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(download(c, bucket, QStringLiteral("k")), file.readAll());
}

// The child of resumeAfterKill(): uploads ENDPOINT BUCKET FILE as "k" with 5 MiB parts,
// one at a time, printing "part N" when a part is recorded, then stalls until killed.
static int uploadChild(const QStringList &arguments)
{
    if (arguments.size() != 5)
        return 2;
    S3TestChild child(arguments.at(2));
    AwsS3UploadOptions options;
    options.setMultipartThreshold(5 * MiB);
    options.setPartSize(5 * MiB);
    options.setPartsInFlight(1);
    AwsS3Upload *upload = child.client()->uploadFile(arguments.at(3), QStringLiteral("k"), arguments.at(4), options);
    QObject::connect(upload, &AwsS3Upload::partFinished, upload, &S3TestChild::reportPartAndStall);
    QObject::connect(upload, &AwsS3Upload::finished, qApp, [upload] { S3TestChild::exitEnded(upload->errorString()); });
    return QCoreApplication::exec();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--upload-child") == 0)
        return uploadChild(app.arguments());
    tst_AwsS3Upload test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_awss3upload.moc"
