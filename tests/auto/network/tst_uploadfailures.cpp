// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Transfers that fail say what happened (issue 13, item 9): a server that closes the
// connection in the middle of the upload, a body file that shrinks while it is sent, and the
// transfer timeout, each against a loopback server of this test's own. Qt reports all of them
// as "Unknown error" or "Operation canceled".
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

const AwsCredentials credentials(QStringLiteral("AKIDUPLOADFAILURES"), QStringLiteral("local/secret+key"));
constexpr qint64 BodySize = 32 << 20; // far more than the socket buffers hold

// Accepts connections and reads what they send. Closes each once closeAfter bytes arrived
// (when >= 0); never answers.
class UploadSink : public QObject
{
public:
    explicit UploadSink(qint64 closeAfter) : m_closeAfter(closeAfter)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll().size();
                    if (m_closeAfter >= 0 && m_received >= m_closeAfter)
                        socket->abort();
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QString &path = QString()) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    qint64 received() const { return m_received; }

private:
    QTcpServer m_server;
    qint64 m_closeAfter;
    qint64 m_received = 0;
};

} // namespace

class tst_UploadFailures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void serverClosesMidUpload();
    void fileShrinksMidUpload();
    void transferTimeout_data();
    void transferTimeout();

private:
    QNetworkReply *put(UploadSink &sink, QIODevice *body);
    bool writeBody(QTemporaryFile &file);

    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_UploadFailures::init()
{
    m_provider.reset(new AwsStaticCredentialsProvider(credentials));
    m_manager.reset(new AwsNetworkAccessManager);
    m_manager->setAsyncHashThreshold(qint64(1) << 40); // hash inline: quick
}

void tst_UploadFailures::cleanup()
{
    m_manager.reset();
    m_provider.reset();
}

bool tst_UploadFailures::writeBody(QTemporaryFile &file)
{
    if (!file.open())
        return false;
    const QByteArray chunk(1 << 20, 'x');
    for (qint64 left = BodySize; left > 0; left -= chunk.size())
        file.write(chunk);
    return file.flush() && file.seek(0);
}

QNetworkReply *tst_UploadFailures::put(UploadSink &sink, QIODevice *body)
{
    m_manager->addRule(AwsSigningRule::forBaseUrl(sink.url(), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
    QNetworkRequest request(sink.url(QStringLiteral("/bucket/upload")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    return m_manager->put(request, body);
}

void tst_UploadFailures::serverClosesMidUpload()
{
    UploadSink sink(100000);
    QVERIFY(sink.listen());
    QTemporaryFile file;
    QVERIFY(writeBody(file));
    std::unique_ptr<QNetworkReply> reply(put(sink, &file));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    const QString message = reply->errorString();
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    // Not the file's fault, and not "Unknown error".
    QVERIFY2(message.startsWith(QStringLiteral("the server closed the connection after ")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral(" of the %1 bytes of the request body were sent").arg(BodySize)),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("QFile")), qPrintable(message));
    QCOMPARE(file.pos(), 0); // put back for the caller
}

void tst_UploadFailures::fileShrinksMidUpload()
{
    UploadSink sink(-1); // reads everything, never answers
    QVERIFY(sink.listen());
    QTemporaryFile file;
    QVERIFY(writeBody(file));
    std::unique_ptr<QNetworkReply> reply(put(sink, &file));
    QTRY_VERIFY_WITH_TIMEOUT(sink.received() > (1 << 20), 20000);
    QVERIFY(!reply->isFinished());
    QVERIFY(QFile::resize(file.fileName(), 1000)); // another process truncates it
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    const QString message = reply->errorString();
    QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
    QVERIFY2(message.contains(QStringLiteral("shrank while it was being sent: expected %1 bytes, got 1000")
                                      .arg(BodySize)),
             qPrintable(message));
    QVERIFY2(message.contains(file.fileName()), qPrintable(message));
}

void tst_UploadFailures::transferTimeout_data()
{
    QTest::addColumn<bool>("onManager");
    QTest::newRow("request's transfer timeout") << false;
    QTest::newRow("manager's transfer timeout") << true;
}

void tst_UploadFailures::transferTimeout()
{
    QFETCH(bool, onManager);
    UploadSink sink(-1); // reads the request, never answers
    QVERIFY(sink.listen());
    m_manager->addRule(AwsSigningRule::forBaseUrl(sink.url(), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
    QNetworkRequest request(sink.url(QStringLiteral("/bucket/key")));
    if (onManager)
        m_manager->setTransferTimeout(300);
    else
        request.setTransferTimeout(300);
    std::unique_ptr<QNetworkReply> reply(m_manager->get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    const QString message = reply->errorString();
    QCOMPARE(reply->error(), QNetworkReply::TimeoutError);
    QVERIFY2(message.startsWith(QStringLiteral("timed out after ")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("nothing was sent or received for 0.3 s")), qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_UploadFailures)
#include "tst_uploadfailures.moc"
