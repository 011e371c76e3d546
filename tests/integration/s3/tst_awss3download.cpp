// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsS3Download against real servers on 127.0.0.1: moto_server (checks every SigV4 signature
// and honours If-Match) and s3rver (ignores If-Match: the ETag of each answer is what tells a
// replaced object there). Small parts (64 KiB) keep the objects small.
#include "s3testservers.h"
#include "testpattern.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3reply.h>

#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 PartSize = 64 * KiB;
constexpr qint64 Threshold = 256 * KiB;

AwsS3DownloadOptions smallOptions(int inFlight)
{
    AwsS3DownloadOptions options;
    options.setMultipartThreshold(Threshold);
    options.setPartSize(PartSize);
    options.setPartsInFlight(inFlight);
    return options;
}

// Another byte sequence than pattern(): a replaced object differs everywhere.
QByteArray otherPattern(qint64 size)
{
    QByteArray data = pattern(size + 3).mid(3);
    data.detach();
    return data;
}

} // namespace

class tst_AwsS3Download : public QObject
{
    Q_OBJECT
public:
    using Server = S3Server;

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void download_data();
    void download();
    void replacesExistingTarget();
    void missingObject();
    void stopAndResume_data();
    void stopAndResume();
    void replacedBetweenRuns_data();
    void replacedBetweenRuns();
    void replacedWhileDownloading_data();
    void replacedWhileDownloading();
    void cancel();
    void resumeAfterKill();

private:
    AwsS3Client *client(Server server) { return m_servers.client(server); }
    bool put(AwsS3Client *c, const QString &bucket, const QString &key, const QByteArray &data);
    bool wait(AwsS3Download *download, int msecs = 300000);
    QString target(const QByteArray &content = QByteArray());
    static QByteArray read(const QString &path);

    S3TestServers m_servers;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void tst_AwsS3Download::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!m_servers.start())
        QSKIP("neither moto_server nor s3rver is installed");
}

void tst_AwsS3Download::cleanupTestCase()
{
    m_servers.stop();
}

bool tst_AwsS3Download::put(AwsS3Client *c, const QString &bucket, const QString &key,
                            const QByteArray &data)
{
    std::unique_ptr<AwsS3Reply> reply(c->putObject(bucket, key, data));
    if (!S3TestServers::wait(reply.get()) || reply->error() != AwsS3Reply::NoError) {
        qWarning("putObject: %s", qPrintable(reply->errorString()));
        return false;
    }
    return true;
}

bool tst_AwsS3Download::wait(AwsS3Download *download, int msecs)
{
    QSignalSpy spy(download, &AwsS3Download::finished);
    return download->isFinished() || spy.wait(msecs);
}

// A target path; a file there with `content` when it is not empty.
QString tst_AwsS3Download::target(const QByteArray &content)
{
    const QString path = m_dir.filePath(QStringLiteral("target-%1.bin").arg(++m_files));
    if (!content.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return QString();
    }
    return path;
}

QByteArray tst_AwsS3Download::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void tst_AwsS3Download::download_data()
{
    QTest::addColumn<Server>("server");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("defaults");
    QTest::addColumn<int>("parts");
    const struct { const char *name; qint64 size; int parts; } sizes[] = {
        { "below threshold", Threshold - 1, 0 },
        { "at threshold", Threshold, 4 },
        { "last part short", 5 * PartSize + 3, 6 },
        { "empty", 0, 0 },
    };
    // moto refuses correctly signed keys with non-ASCII bytes, '+', '=', '&', '%' or the
    // sub-delimiters AWS encodes; s3rver collapses "//" and drops a leading '/'.
    const QString motoKey = QStringLiteral("/leading//double/with space/q?x#y/.hidden..file.");
    const QString s3rverKey = QStringLiteral("dir/caf\u00e9 \u2603/plus+eq=amp&/percent%20%41/~tilde*(paren)!'?x#y");
    for (Server server : { Moto, S3rver }) {
        const char *name = server == Moto ? "moto" : "s3rver";
        for (const auto &size : sizes) {
            for (int inFlight : { 1, 4 }) {
                if (size.parts == 0 && inFlight != 1)
                    continue;
                QTest::addRow("%s: %s, %d in flight", name, size.name, inFlight)
                        << server << size.size << inFlight << QStringLiteral("down/file.bin") << false
                        << size.parts;
            }
        }
        QTest::addRow("%s: odd key", name) << server << 5 * PartSize << 2
                                           << (server == Moto ? motoKey : s3rverKey) << false << 5;
        // Above the default 8 MiB threshold: two parts of 8 MiB by default.
        QTest::addRow("%s: default options, 9 MiB", name) << server << 9 * MiB << 4
                                                          << QStringLiteral("big") << true << 2;
    }
}

void tst_AwsS3Download::download()
{
    SERVER_OR_SKIP();
    QFETCH(qint64, size);
    QFETCH(int, inFlight);
    QFETCH(QString, key);
    QFETCH(bool, defaults);
    QFETCH(int, parts);
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    QVERIFY(!bucket.isEmpty());
    const QByteArray data = pattern(size);
    QVERIFY(put(c, bucket, key, data));
    const QString path = target();
    AwsS3DownloadOptions options = defaults ? AwsS3DownloadOptions() : smallOptions(inFlight);
    std::unique_ptr<AwsS3Download> download(c->downloadFile(bucket, key, path, options));
    QList<qint64> seen;
    connect(download.get(), &AwsS3Download::progress, this, [&seen, size](qint64 received, qint64 total) {
        QCOMPARE(total, size);
        QVERIFY(seen.isEmpty() || received >= seen.constLast());
        seen.append(received);
    });
    QVERIFY(wait(download.get()));
    QVERIFY2(download->error() == AwsS3Download::NoError, qPrintable(download->errorString()));
    QCOMPARE(download->isMultipart(), parts > 0);
    QCOMPARE(download->partCount(), parts);
    QCOMPARE(download->fetchedParts().size(), parts);
    QCOMPARE(download->bytesReceived(), size);
    QCOMPARE(download->bytesTotal(), size);
    QVERIFY(!download->eTag().isEmpty());
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.constLast(), size);
    QCOMPARE(download->secondsRemaining(), 0);
    QVERIFY(!QFile::exists(download->stateFilePath()));
    QVERIFY(!QFile::exists(download->temporaryFilePath()));
    QVERIFY(QFileInfo(path).isFile());
    QVERIFY(read(path) == data);
}

void tst_AwsS3Download::replacesExistingTarget()
{
    const Server server = m_servers.client(Moto) ? Moto : S3rver;
    AwsS3Client *c = client(server);
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    const QByteArray data = pattern(2 * Threshold);
    QVERIFY(put(c, bucket, QStringLiteral("k"), data));
    const QString path = target("an older version");
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    std::unique_ptr<AwsS3Download> download(c->downloadFile(bucket, QStringLiteral("k"), path, smallOptions(4)));
    QVERIFY(wait(download.get()));
    QVERIFY2(download->error() == AwsS3Download::NoError, qPrintable(download->errorString()));
    QVERIFY(read(path) == data);
    QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::ReadGroup);   // the replaced file's permissions
}

void tst_AwsS3Download::missingObject()
{
    const Server server = m_servers.client(Moto) ? Moto : S3rver;
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    const QString path = target("precious");
    std::unique_ptr<AwsS3Download> download(client(server)->downloadFile(bucket, QStringLiteral("nothing"), path));
    QVERIFY(wait(download.get()));
    QCOMPARE(download->error(), AwsS3Download::RequestError);
    QCOMPARE(download->requestError(), AwsS3Reply::NoSuchKeyError);
    QCOMPARE(read(path), QByteArray("precious"));
    QVERIFY(!QFile::exists(download->temporaryFilePath()));
}

void tst_AwsS3Download::stopAndResume_data()
{
    QTest::addColumn<Server>("server");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<bool>("ownStatePath");
    QTest::newRow("moto, 1 in flight") << Moto << 1 << false;
    QTest::newRow("moto, 3 in flight, own state file") << Moto << 3 << true;
    QTest::newRow("s3rver, 2 in flight") << S3rver << 2 << false;
}

void tst_AwsS3Download::stopAndResume()
{
    SERVER_OR_SKIP();
    QFETCH(int, inFlight);
    QFETCH(bool, ownStatePath);
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    const QByteArray data = pattern(8 * PartSize + 17);
    QVERIFY(put(c, bucket, QStringLiteral("r"), data));
    const QString path = target("precious");
    AwsS3DownloadOptions options = smallOptions(inFlight);
    if (ownStatePath)
        options.setStateFilePath(m_dir.filePath(QStringLiteral("download-state.json")));

    std::unique_ptr<AwsS3Download> first(c->downloadFile(bucket, QStringLiteral("r"), path, options));
    connect(first.get(), &AwsS3Download::partFinished, first.get(), &AwsS3Download::stop);
    QVERIFY(wait(first.get()));
    QCOMPARE(first->error(), AwsS3Download::OperationCanceledError);
    QList<int> recorded = first->fetchedParts();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(read(path), QByteArray("precious"));
    const auto all = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    for (const QString &file : { first->stateFilePath(), first->temporaryFilePath() })
        QCOMPARE(QFileInfo(file).permissions() & all, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    std::unique_ptr<AwsS3Download> again(c->downloadFile(bucket, QStringLiteral("r"), path, options));
    QSignalSpy progress(again.get(), &AwsS3Download::progress);
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Download::NoError, qPrintable(again->errorString()));
    QCOMPARE(again->resumedParts(), recorded);
    QList<int> fetched = again->fetchedParts();
    std::sort(fetched.begin(), fetched.end());
    QList<int> missing;
    for (int n = 1; n <= 9; ++n) {
        if (!recorded.contains(n))
            missing.append(n);
    }
    QCOMPARE(fetched, missing);   // never a finished part again
    QCOMPARE(progress.constFirst().at(0).toLongLong(), PartSize);   // starts with what it had
    QVERIFY(!again->wasRestarted());
    QVERIFY(read(path) == data);
    QVERIFY(!QFile::exists(again->stateFilePath()));
    QVERIFY(!QFile::exists(again->temporaryFilePath()));
}

void tst_AwsS3Download::replacedBetweenRuns_data()
{
    QTest::addColumn<Server>("server");
    QTest::newRow("moto") << Moto;
    QTest::newRow("s3rver") << S3rver;
}

void tst_AwsS3Download::replacedBetweenRuns()
{
    SERVER_OR_SKIP();
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    QVERIFY(put(c, bucket, QStringLiteral("r"), pattern(6 * PartSize)));
    const QString path = target();
    std::unique_ptr<AwsS3Download> first(c->downloadFile(bucket, QStringLiteral("r"), path, smallOptions(1)));
    connect(first.get(), &AwsS3Download::partFinished, first.get(), &AwsS3Download::stop);
    QVERIFY(wait(first.get()));
    QCOMPARE(first->fetchedParts(), QList<int>({ 1 }));

    const QByteArray data = otherPattern(6 * PartSize);   // same size, other bytes and ETag
    QVERIFY(put(c, bucket, QStringLiteral("r"), data));
    std::unique_ptr<AwsS3Download> again(c->downloadFile(bucket, QStringLiteral("r"), path, smallOptions(1)));
    QSignalSpy restarted(again.get(), &AwsS3Download::restarted);
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Download::NoError, qPrintable(again->errorString()));
    QCOMPARE(restarted.size(), 1);
    QVERIFY(again->wasRestarted());
    QVERIFY(again->resumedParts().isEmpty());
    QCOMPARE(again->fetchedParts().size(), 6);
    QVERIFY(read(path) == data);
}

void tst_AwsS3Download::replacedWhileDownloading_data()
{
    replacedBetweenRuns_data();
}

void tst_AwsS3Download::replacedWhileDownloading()
{
    SERVER_OR_SKIP();
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    QVERIFY(put(c, bucket, QStringLiteral("r"), pattern(6 * PartSize)));
    const QString path = target("precious");
    std::unique_ptr<AwsS3Download> download(c->downloadFile(bucket, QStringLiteral("r"), path, smallOptions(1)));
    // Replaced after part 1, before part 2 is asked for.
    bool replaced = false;
    connect(download.get(), &AwsS3Download::partFinished, this, [&] {
        if (!replaced)
            replaced = put(c, bucket, QStringLiteral("r"), otherPattern(6 * PartSize));
    });
    QVERIFY(wait(download.get()));
    QVERIFY(replaced);
    QCOMPARE(download->error(), AwsS3Download::ObjectChangedError);
    QVERIFY2(download->errorString().contains(QStringLiteral("changed")), qPrintable(download->errorString()));
    QCOMPARE(download->fetchedParts(), QList<int>({ 1 }));
    QCOMPARE(read(path), QByteArray("precious"));
    // Worthless now: nothing is kept for a resume.
    QVERIFY(!QFile::exists(download->temporaryFilePath()));
    QVERIFY(!QFile::exists(download->stateFilePath()));
}

void tst_AwsS3Download::cancel()
{
    const Server server = m_servers.client(Moto) ? Moto : S3rver;
    AwsS3Client *c = client(server);
    const QString bucket = m_servers.makeBucket(server, QStringLiteral("qtsigv4-download"));
    QVERIFY(put(c, bucket, QStringLiteral("c"), pattern(8 * PartSize)));
    const QString path = target("precious");
    std::unique_ptr<AwsS3Download> download(c->downloadFile(bucket, QStringLiteral("c"), path, smallOptions(2)));
    connect(download.get(), &AwsS3Download::partFinished, download.get(), &AwsS3Download::cancel);
    QVERIFY(wait(download.get()));
    QCOMPARE(download->error(), AwsS3Download::OperationCanceledError);
    QCOMPARE(read(path), QByteArray("precious"));
    QVERIFY(!QFile::exists(download->temporaryFilePath()));
    QVERIFY(!QFile::exists(download->stateFilePath()));
}

void tst_AwsS3Download::resumeAfterKill()
{
#ifndef Q_OS_UNIX
    QSKIP("SIGKILL is a Unix signal");
#endif
    if (!m_servers.client(Moto))
        QSKIP("moto is not installed");
    AwsS3Client *c = m_servers.client(Moto);
    const QString bucket = m_servers.makeBucket(Moto, QStringLiteral("qtsigv4-download"));
    QVERIFY(!bucket.isEmpty());
    const QByteArray data = pattern(5 * PartSize + 1000);
    QVERIFY(put(c, bucket, QStringLiteral("k"), data));
    const QString path = target();

    // This executable, as a child that downloads, reports each part and then stalls, so that
    // the kill lands with exactly part 1 recorded.
    QVERIFY(m_servers.killChildAfterFirstPart(
            { QStringLiteral("--download-child"), m_servers.moto()->endpoint().toString(), bucket, path }));
    QFile stateFile(path + QStringLiteral(".s3download"));
    QVERIFY(stateFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(stateFile.readAll()).object().value(u"parts").toArray(), QJsonArray({ 1 }));
    QVERIFY(!QFile::exists(path));

    std::unique_ptr<AwsS3Download> again(c->downloadFile(bucket, QStringLiteral("k"), path, smallOptions(1)));
    QSignalSpy progress(again.get(), &AwsS3Download::progress);
    QVERIFY(wait(again.get()));
    QVERIFY2(again->error() == AwsS3Download::NoError, qPrintable(again->errorString()));
    QCOMPARE(again->resumedParts(), QList<int>({ 1 }));
    QCOMPARE(again->fetchedParts(), QList<int>({ 2, 3, 4, 5, 6 }));
    QCOMPARE(progress.constFirst().at(0).toLongLong(), PartSize);
    QVERIFY(read(path) == data);
}

// The child of resumeAfterKill(): downloads "k" of ENDPOINT BUCKET to FILE with 64 KiB parts,
// one at a time, printing "part N" when a part is recorded, then stalls until killed.
static int downloadChild(const QStringList &arguments)
{
    if (arguments.size() != 5)
        return 2;
    S3TestChild child(arguments.at(2));
    AwsS3Download *download = child.client()->downloadFile(arguments.at(3), QStringLiteral("k"),
                                                           arguments.at(4), smallOptions(1));
    QObject::connect(download, &AwsS3Download::partFinished, download, &S3TestChild::reportPartAndStall);
    QObject::connect(download, &AwsS3Download::finished, qApp,
                     [download] { S3TestChild::exitEnded(download->errorString()); });
    return QCoreApplication::exec();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--download-child") == 0)
        return downloadChild(app.arguments());
    tst_AwsS3Download test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_awss3download.moc"
