// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "testhttpserver.h"

#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qtcpsocket.h>
#if QT_CONFIG(ssl)
#include <QtNetwork/qsslsocket.h>
#endif

TestHttpServer::TestHttpServer(QObject *parent)
    : TestHttpServer(new QTcpServer, QStringLiteral("http"), parent)
{
}

TestHttpServer::TestHttpServer(QTcpServer *server, const QString &scheme, QObject *parent)
    : QObject(parent), m_server(server), m_scheme(scheme)
{
    // Not newConnection: QSslServer queues a connection only once its handshake is done.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &TestHttpServer::onNewConnection);
}

TestHttpServer::~TestHttpServer() = default;

bool TestHttpServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl TestHttpServer::url(const QString &path, const QString &host) const
{
    QUrl u;
    u.setScheme(m_scheme);
    u.setHost(host);
    u.setPort(port());
    u.setPath(path);
    return u;
}

void TestHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

bool TestHttpServer::parseRequest(const QByteArray &buffer, Request *request)
{
    const int headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request->method = requestLine.value(0);
    request->target = requestLine.value(1);
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon > 0)
            request->headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = request->header("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return false;
    request->body = buffer.mid(headerEnd + 4, length);
    return true;
}

void TestHttpServer::onReadyRead(QTcpSocket *socket)
{
    // Logged even after the one request of the connection: a smuggled second one shows too.
    const QByteArray bytes = socket->readAll();
    m_received += bytes;
    if (!m_buffers.contains(socket))
        return;
    QByteArray &buffer = m_buffers[socket];
    buffer += bytes;
    Request request;
    if (!parseRequest(buffer, &request))
        return;
#if QT_CONFIG(ssl)
    if (const auto *tls = qobject_cast<QSslSocket *>(socket))
        request.peerCommonName = tls->peerCertificate().subjectInfo(QSslCertificate::CommonName).join(',').toUtf8();
#endif
    const QByteArray raw = m_buffers.take(socket); // one request per connection
    m_requests.append(request);
    if (m_socketHandler) {
        m_socketHandler(socket, request, raw);
        return;
    }

    const Response response = m_handler ? m_handler(request) : Response::text(404, "no handler\n");
    if (response.hang)
        return; // keep the connection open and silent
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
    for (const auto &header : response.headers)
        out += header.first + ": " + header.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += response.body;
    socket->write(out);
    socket->disconnectFromHost();
}
