// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// S3Transfer from QML (s3transfer.qml) against moto, which verifies every signature: uploads
// (keys with non-ASCII or + are refused by moto 5.2.1, see README) and downloads of one
// request and of several parts with the bytes compared, status, progress
// and errors as a QML user sees them, and an upload stopped after its first part that resumes.
#include "motoserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qfile.h>
#include <QtCore/qrandom.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

// Status values of S3Transfer (Null, Running, Finished, Error, Canceled).
enum { Null, Running, Finished, Error, Canceled };

class tst_QmlS3Transfer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void stoppedUploadResumes();
    void errors_data();
    void errors();

private:
    struct Loaded
    {
        std::unique_ptr<QQmlEngine> engine;
        std::unique_ptr<QObject> root;
        QObject *transfer = nullptr;
    };
    Loaded load();
    QString writeRandomFile(const QString &name, qint64 size, quint32 seed);
    static bool run(QObject *transfer, const char *method);

    std::unique_ptr<MotoServer> m_moto;
    QTemporaryDir m_dir;
};

void tst_QmlS3Transfer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_moto = std::make_unique<MotoServer>();
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    const MotoServer::Response made = m_moto->send(
            "PUT", m_moto->endpoint().resolved(QUrl(QStringLiteral("qml-transfer"))), QStringLiteral("s3"));
    QVERIFY2(made.ok(), qPrintable(made.errorString));
}

tst_QmlS3Transfer::Loaded tst_QmlS3Transfer::load()
{
    Loaded loaded;
    loaded.engine = std::make_unique<QQmlEngine>();
    loaded.engine->addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(loaded.engine.get(),
                            QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/s3transfer.qml")));
    loaded.root.reset(component.createWithInitialProperties(
            { { QStringLiteral("endpoint"), m_moto->endpoint() },
              { QStringLiteral("keyId"), m_moto->credentials().accessKeyId() },
              { QStringLiteral("secret"), m_moto->credentials().secretAccessKey() } }));
    if (!loaded.root) {
        qWarning().noquote() << component.errorString();
        return loaded;
    }
    loaded.transfer = loaded.root->property("transfer").value<QObject *>();
    return loaded;
}

QString tst_QmlS3Transfer::writeRandomFile(const QString &name, qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != size)
        return QString();
    return path;
}

// Calls upload() or download() and waits for finished().
bool tst_QmlS3Transfer::run(QObject *transfer, const char *method)
{
    QSignalSpy finished(transfer, SIGNAL(finished()));
    bool started = false;
    if (!QMetaObject::invokeMethod(transfer, method, Q_RETURN_ARG(bool, started)))
        return false;
    return finished.count() > 0 || finished.wait(120000);
}

void tst_QmlS3Transfer::roundTrip_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("parts");
    QTest::newRow("one request, 100 KiB") << qint64(100 * 1024) << 0;
    QTest::newRow("empty file") << qint64(0) << 0;
    QTest::newRow("three parts, 17 MiB + 5") << qint64(17 * 1024 * 1024 + 5) << 3;
}

void tst_QmlS3Transfer::roundTrip()
{
    QFETCH(qint64, size);
    QFETCH(int, parts);
    Loaded loaded = load();
    QVERIFY(loaded.transfer);
    QObject *t = loaded.transfer;
    const QString source = writeRandomFile(QStringLiteral("up-%1.bin").arg(size), size, quint32(size));
    QVERIFY(!source.isEmpty());
    const QString key = QStringLiteral("round trip/%1 bytes.bin").arg(size);
    t->setProperty("bucket", QStringLiteral("qml-transfer"));
    t->setProperty("key", key);
    t->setProperty("localFile", QUrl::fromLocalFile(source));
    QSignalSpy progress(t, SIGNAL(progressChanged()));
    QVERIFY(run(t, "upload"));
    QVERIFY2(t->property("status").toInt() == Finished, qPrintable(t->property("errorString").toString()));
    QCOMPARE(t->property("bytesTotal").toLongLong(), size);
    QCOMPARE(t->property("bytesTransferred").toLongLong(), size);
    QCOMPARE(t->property("progress").toDouble(), 1.0);
    QCOMPARE(t->property("partCount").toInt(), parts);
    QVERIFY(progress.count() >= 1);

    // Down again into a new file, through the same element.
    const QString copy = m_dir.filePath(QStringLiteral("down-%1.bin").arg(size));
    t->setProperty("localFile", QUrl::fromLocalFile(copy));
    QVERIFY(run(t, "download"));
    QVERIFY2(t->property("status").toInt() == Finished, qPrintable(t->property("errorString").toString()));
    QCOMPARE(t->property("direction").toInt(), 2);   // Download
    QFile a(source), b(copy);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.readAll() == b.readAll());
}

void tst_QmlS3Transfer::stoppedUploadResumes()
{
    const QString source = writeRandomFile(QStringLiteral("resume.bin"), 25 * 1024 * 1024, 3);
    QVERIFY(!source.isEmpty());
    {
        Loaded loaded = load();
        QObject *t = loaded.transfer;
        t->setProperty("bucket", QStringLiteral("qml-transfer"));
        t->setProperty("key", QStringLiteral("resume.bin"));
        t->setProperty("localFile", QUrl::fromLocalFile(source));
        QSignalSpy parts(t, SIGNAL(partFinished(int)));
        QSignalSpy finished(t, SIGNAL(finished()));
        QVERIFY(QMetaObject::invokeMethod(t, "upload"));
        QVERIFY(parts.wait(120000));
        QVERIFY(QMetaObject::invokeMethod(t, "stop"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(t->property("status").toInt(), Canceled);
        QVERIFY(t->property("errorString").toString().contains(QStringLiteral("resume")));
    }
    // A new element (a new run of the app) uploads the same file again.
    Loaded loaded = load();
    QObject *t = loaded.transfer;
    t->setProperty("bucket", QStringLiteral("qml-transfer"));
    t->setProperty("key", QStringLiteral("resume.bin"));
    t->setProperty("localFile", QUrl::fromLocalFile(source));
    QVERIFY(run(t, "upload"));
    QVERIFY2(t->property("status").toInt() == Finished, qPrintable(t->property("errorString").toString()));
    QCOMPARE(t->property("partCount").toInt(), 4);
    QVERIFY(t->property("resumedPartCount").toInt() >= 1);
    QVERIFY(!QFile::exists(source + QStringLiteral(".s3upload")));
}

void tst_QmlS3Transfer::errors_data()
{
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QUrl>("localFile");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("expected");
    const QUrl missing = QUrl::fromLocalFile(QStringLiteral("/nonexistent/qtsigv4/file.bin"));
    QTest::newRow("no such bucket") << QStringLiteral("qml-no-such-bucket") << QStringLiteral("k")
                                    << QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/s3transfer.qml"))
                                    << QByteArray("upload") << QStringLiteral("NoSuchBucket");
    QTest::newRow("no such key") << QStringLiteral("qml-transfer") << QStringLiteral("missing/key")
                                 << QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("never.bin")))
                                 << QByteArray("download") << QStringLiteral("404");
    QTest::newRow("local file missing") << QStringLiteral("qml-transfer") << QStringLiteral("k") << missing
                                        << QByteArray("upload") << QStringLiteral("/nonexistent/qtsigv4/file.bin");
    QTest::newRow("remote localFile") << QStringLiteral("qml-transfer") << QStringLiteral("k")
                                      << QUrl(QStringLiteral("https://example.com/x"))
                                      << QByteArray("upload") << QStringLiteral("must be a local file");
    QTest::newRow("no key") << QStringLiteral("qml-transfer") << QString()
                            << QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("x"))) << QByteArray("download")
                            << QStringLiteral("bucket and key are required");
}

void tst_QmlS3Transfer::errors()
{
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QUrl, localFile);
    QFETCH(QByteArray, method);
    QFETCH(QString, expected);
    Loaded loaded = load();
    QObject *t = loaded.transfer;
    t->setProperty("bucket", bucket);
    t->setProperty("key", key);
    t->setProperty("localFile", localFile);
    QVERIFY(run(t, method.constData()));
    QCOMPARE(t->property("status").toInt(), Error);
    const QString text = t->property("errorString").toString();
    QVERIFY2(text.contains(expected), qPrintable(text));
    QVERIFY(!text.contains(m_moto->credentials().secretAccessKey()));
    if (method == "download")
        QVERIFY(!QFile::exists(localFile.toLocalFile()));   // nothing half-written in place
}

QTEST_MAIN(tst_QmlS3Transfer)
#include "tst_qmls3transfer.moc"
