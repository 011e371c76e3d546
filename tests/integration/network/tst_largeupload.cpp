// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// A large QFile upload through AwsNetworkAccessManager to a local sink on 127.0.0.1: the event
// loop stays responsive while the body is hashed and sent, and the extra memory stays small.
// The normal run uses 64 MiB; QTSIGV4_LARGE_UPLOAD_MIB=1024 runs the 1 GiB case of issue 4.
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

// Peak and current resident set size of this process, in KiB (Linux).
qint64 statusValue(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Reads one request, hashes its body without keeping it, answers 200 with the hash.
class SinkServer : public QTcpServer
{
public:
    QByteArray receivedHash;
    qint64 received = 0;

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        auto header = std::make_shared<QByteArray>();
        auto remaining = std::make_shared<qint64>(-1);
        auto hash = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
        connect(socket, &QTcpSocket::readyRead, socket, [=] {
            QByteArray data = socket->readAll();
            if (*remaining < 0) {
                header->append(data);
                const qsizetype end = header->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = header->left(end).toLower();
                const qsizetype at = head.indexOf("content-length:");
                *remaining = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
                data = header->mid(end + 4);
                header->clear();
            }
            const qint64 n = qMin<qint64>(data.size(), *remaining);
            hash->addData(QByteArrayView(data).first(n));
            received += n;
            *remaining -= n;
            if (*remaining == 0) {
                receivedHash = hash->result().toHex();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 64\r\nConnection: close\r\n\r\n" + receivedHash);
                socket->disconnectFromHost();
                *remaining = -2;
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

} // namespace

class tst_LargeUpload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void uploadKeepsEventLoopResponsive();
};

void tst_LargeUpload::uploadKeepsEventLoopResponsive()
{
    const qint64 mib = qEnvironmentVariableIsSet("QTSIGV4_LARGE_UPLOAD_MIB")
            ? qEnvironmentVariableIntValue("QTSIGV4_LARGE_UPLOAD_MIB")
            : 64;
    const qint64 size = mib << 20;

    QTemporaryFile file;
    QVERIFY(file.open());
    QCryptographicHash expected(QCryptographicHash::Sha256);
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (qint64 i = 0; i < mib; ++i) {
        for (int j = 0; j < chunk.size(); j += 64)
            chunk[j] = char(i + j);
        QCOMPARE(file.write(chunk), qint64(chunk.size()));
        expected.addData(chunk);
    }
    QVERIFY(file.flush());
    QVERIFY(file.seek(0));

    SinkServer sink;
    QVERIFY(sink.listen(QHostAddress::LocalHost, 0));
    AwsStaticCredentialsProvider provider(AwsCredentials(QStringLiteral("AKIDLARGE"), QStringLiteral("secret")));
    AwsNetworkAccessManager manager;
    QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(sink.serverPort()));
    manager.addRule(AwsSigningRule::forBaseUrl(base, QStringLiteral("s3"), QStringLiteral("us-east-1"), &provider));

    // Let everything settle, then measure from here.
    QTest::qWait(50);
    const qint64 rssBefore = statusValue("VmRSS:");

    QNetworkRequest request(QUrl(base.toString() + QStringLiteral("/bucket/large.bin")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = manager.put(request, &file);
    const qint64 createMs = clock.elapsed();

    // A 5 ms timer: the longest gap between two ticks is the longest the loop was blocked.
    qint64 lastTick = clock.elapsed();
    qint64 worstGap = 0;
    qint64 peakRss = rssBefore;
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        worstGap = qMax(worstGap, now - lastTick);
        lastTick = now;
        if (++ticks % 20 == 0)
            peakRss = qMax(peakRss, statusValue("VmRSS:"));
    });
    ticker.start();
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 600000);
    ticker.stop();
    peakRss = qMax(peakRss, statusValue("VmRSS:"));

    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(sink.received, size);
    QCOMPARE(reply->readAll(), expected.result().toHex());
    const qint64 extraMiB = (peakRss - rssBefore) / 1024;
    qInfo("%lld MiB in %lld ms: put() returned after %lld ms, longest event-loop stall %lld ms, "
          "extra resident memory %lld MiB",
          mib, clock.elapsed(), createMs, worstGap, extraMiB);
    QVERIFY2(createMs < 200, qPrintable(QString::number(createMs)));
    QVERIFY2(worstGap < 500, qPrintable(QString::number(worstGap)));
    QVERIFY2(extraMiB <= 32, qPrintable(QString::number(extraMiB)));
    delete reply;
}

QTEST_GUILESS_MAIN(tst_LargeUpload)
#include "tst_largeupload.moc"
