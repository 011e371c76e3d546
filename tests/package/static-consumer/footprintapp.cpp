// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The minimal application whose peak RSS scripts/footprint reports (docs/footprint.md):
//
//   footprintapp serve               a sink on 127.0.0.1: prints its port, answers 200 to each
//                                    request signed with AWS4-HMAC-SHA256 (403 otherwise) and
//                                    discards the bodies
//   footprintapp get PORT            one signed GET through AwsNetworkAccessManager
//   footprintapp put PORT FILE       a signed PUT of FILE (a QFile body: hashed, then streamed)
//
// get and put print "peak_rss_kib <VmHWM>" and exit 0 when the server said 200. The server is
// a process of its own so that its buffers are not counted.
#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qfile.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <cstdio>

namespace {

// One HTTP/1.1 connection: headers, then Content-Length bytes thrown away, then the answer.
class SinkConnection : public QObject
{
public:
    explicit SinkConnection(QTcpSocket *socket) : QObject(socket), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { read(); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void read()
    {
        while (m_socket->bytesAvailable() > 0) {
            if (m_remaining > 0) { // a body: thrown away
                m_remaining -= m_socket->skip(m_remaining);
                if (m_remaining == 0)
                    answer();
                continue;
            }
            if (!m_socket->canReadLine()) {
                if (m_socket->bytesAvailable() > 64 * 1024)
                    m_socket->abort(); // no header line is that long
                return;
            }
            const QByteArray line = m_socket->readLine().trimmed();
            const QByteArray lower = line.toLower();
            if (lower.startsWith("content-length:")) {
                m_length = line.mid(15).trimmed().toLongLong();
            } else if (lower.startsWith("authorization: aws4-hmac-sha256 ")) {
                m_signed = true;
            } else if (line.isEmpty()) { // the end of the head
                m_remaining = m_length;
                m_length = 0;
                if (m_remaining == 0)
                    answer();
            }
        }
    }

    void answer()
    {
        m_socket->write(m_signed ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                 : "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        m_signed = false;
    }

    QTcpSocket *m_socket;
    qint64 m_length = 0;    // Content-Length of the request being read
    qint64 m_remaining = 0; // body bytes still to throw away
    bool m_signed = false;
};

int serve()
{
    auto *server = new QTcpServer(qApp);
    if (!server->listen(QHostAddress::LocalHost))
        return 1;
    QObject::connect(server, &QTcpServer::newConnection, server, [server] {
        while (QTcpSocket *socket = server->nextPendingConnection())
            new SinkConnection(socket);
    });
    std::printf("%d\n", server->serverPort());
    std::fflush(stdout);
    return QCoreApplication::exec();
}

qint64 peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int request(const QByteArray &port, const QString &file)
{
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/bucket/object").arg(QString::fromLatin1(port)));
    AwsNetworkAccessManager nam;
    nam.addRule(AwsSigningRule::forBaseUrl(url.adjusted(QUrl::RemovePath), QStringLiteral("s3"),
                                           QStringLiteral("us-east-1"),
                                           new AwsStaticCredentialsProvider(AwsCredentials(
                                                   QStringLiteral("AKIDEXAMPLE"),
                                                   QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
                                                   &nam)));
    QFile body(file);
    if (!file.isEmpty() && !body.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(file));
        return 1;
    }
    QNetworkReply *reply = file.isEmpty() ? nam.get(QNetworkRequest(url)) : nam.put(QNetworkRequest(url), &body);
    QObject::connect(reply, &QNetworkReply::finished, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        std::fprintf(stderr, "HTTP %d: %s\n", status, qPrintable(reply->errorString()));
        return 1;
    }
    std::printf("peak_rss_kib %lld\n", peakRssKib());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray mode = argc > 1 ? argv[1] : "";
    if (mode == "serve")
        return serve();
    if (mode == "get" && argc == 3)
        return request(argv[2], QString());
    if (mode == "put" && argc == 4)
        return request(argv[2], QString::fromLocal8Bit(argv[3]));
    std::fprintf(stderr, "usage: footprintapp serve | get PORT | put PORT FILE\n");
    return 2;
}
