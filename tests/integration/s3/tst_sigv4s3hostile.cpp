// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// sigv4 s3 against a server of the test's own, for answers no real server gives: a listing of
// keys no client can store through Qt (".." segments, absolute, empty segments) and a download
// that stalls half way (Ctrl-C then).
#include "sigv4process.h"
#include "testhttpserver.h"

#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <csignal>

class tst_Sigv4S3Hostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void interruptedDownloadLeavesNothing();
    void traversalKeysRefused();

private:
    static QProcessEnvironment environment();
    // The files below folder, relative to it.
    static QStringList files(const QString &folder);

    QTemporaryDir m_dir;
};

QProcessEnvironment tst_Sigv4S3Hostile::environment()
{
    QProcessEnvironment environment = Sigv4Process::cleanEnvironment();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
    return environment;
}

QStringList tst_Sigv4S3Hostile::files(const QString &folder)
{
    QStringList found;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        found.append(QDir(folder).relativeFilePath(it.next()));
    return found;
}

// Ctrl-C while a download is half way (a server of the test's own sends half the body, then
// stalls): exit 130, and neither the file nor a temporary file is left behind.
void tst_Sigv4S3Hostile::interruptedDownloadLeavesNothing()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    QList<QTcpSocket *> held;
    server.setSocketHandler([&held](QTcpSocket *socket, const TestHttpServer::Request &request, const QByteArray &) {
        const bool head = request.method == "HEAD";
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nContent-Type: application/octet-stream\r\n"
                      "ETag: \"0123456789abcdef0123456789abcdef\"\r\n"
                      + QByteArray(head ? "Connection: close\r\n\r\n" : "\r\n"));
        if (head)
            return socket->disconnectFromHost();   // the server reads one request a connection
        socket->write(QByteArray(400000, 'x'));
        held.append(socket);  // never finished
    });
    const QString destination = m_dir.filePath(QStringLiteral("interrupted"));
    QVERIFY(QDir().mkpath(destination));
    const QProcessEnvironment environment = this->environment();
    QProcess child;
    child.setProcessEnvironment(environment);
    QSignalSpy finished(&child, &QProcess::finished);
    child.start(Sigv4Process::executable(), { QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://bucket/big"),
                                              destination + u'/', QStringLiteral("--endpoint-url"), server.url().toString() });
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 60000);
    QTest::qWait(300);  // the first bytes are on their way into the temporary file
    QCOMPARE(child.state(), QProcess::Running);
    ::kill(pid_t(child.processId()), SIGINT);
    QVERIFY(finished.wait(30000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 130);
    QVERIFY2(child.readAllStandardError().contains("sigv4: interrupted"), "no interrupted line");
    QCOMPARE(files(destination), QStringList());
}

// A listing no real server can be made to hold: keys with "..", absolute, empty segments.
void tst_Sigv4S3Hostile::traversalKeysRefused()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const TestHttpServer::Request &request) {
        if (request.path() == "/bucket/ok.txt") {
            TestHttpServer::Response response = TestHttpServer::Response::text(200, "fine");
            response.headers.append(qMakePair(QByteArray("ETag"), QByteArray("\"fff25994ee3941b225ba898fd17d186f\"")));   // MD5 of "fine"
            return response;
        }
        if (request.path() != "/bucket" && request.path() != "/bucket/")
            return TestHttpServer::Response::text(500, "unexpected");
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                         "<Name>bucket</Name><Prefix></Prefix><KeyCount>6</KeyCount><IsTruncated>false</IsTruncated>";
        for (const char *key : { "../../escape.txt", "/abs-qtsigv4.txt", "a//b.txt", "sub/../../x.txt", "./dot.txt", "ok.txt" })
            xml += QByteArray("<Contents><Key>") + key + "</Key><Size>4</Size><LastModified>2026-12-07T10:00:00.000Z</LastModified></Contents>";
        xml += "</ListBucketResult>";
        TestHttpServer::Response response = TestHttpServer::Response::text(200, xml);
        response.headers = { { "Content-Type", "application/xml" } };
        return response;
    });
    const QString destination = m_dir.filePath(QStringLiteral("trav/a/b/dest"));
    const QProcessEnvironment environment = this->environment();
    const Sigv4Process::Result r = Sigv4Process::runServing({ QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://bucket"), destination,
                            QStringLiteral("--recursive"), QStringLiteral("--endpoint-url"), server.url().toString() },
                          environment, 60000);
    QCOMPARE(r.exitCode, 1);
    for (const char *key : { "../../escape.txt", "/abs-qtsigv4.txt", "a//b.txt", "sub/../../x.txt", "./dot.txt" }) {
        QVERIFY2(r.err.contains(QByteArray("sigv4: skipping s3://bucket/") + key + ": it cannot be written below "),
                 r.err.constData());
    }
    QCOMPARE(r.out, "download: s3://bucket/ok.txt to " + QDir(destination).filePath(QStringLiteral("ok.txt")).toUtf8() + '\n');
    QCOMPARE(files(m_dir.filePath(QStringLiteral("trav"))), QStringList { QStringLiteral("a/b/dest/ok.txt") });
    QFile ok(QDir(destination).filePath(QStringLiteral("ok.txt")));
    QVERIFY(ok.open(QIODevice::ReadOnly));
    QCOMPARE(ok.readAll(), QByteArray("fine"));
    QVERIFY(!QFile::exists(QStringLiteral("/abs-qtsigv4.txt")));
    for (const TestHttpServer::Request &request : server.requests())
        QVERIFY2((request.method != "GET" && request.method != "HEAD") || request.path() == "/bucket" || request.path() == "/bucket/"
                         || request.path() == "/bucket/ok.txt", request.target.constData());
}


QTEST_GUILESS_MAIN(tst_Sigv4S3Hostile)
#include "tst_sigv4s3hostile.moc"
