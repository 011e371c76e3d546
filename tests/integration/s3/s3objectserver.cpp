// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3objectserver.h"

#include <QtCore/qtimer.h>
#include <QtNetwork/qtcpsocket.h>

S3ObjectServer::S3ObjectServer()
{
    setSocketHandler([this](QTcpSocket *socket, const Request &request, const QByteArray &) {
        respond(socket, request);
    });
}

void S3ObjectServer::setObject(const QByteArray &data, const QByteArray &eTag)
{
    m_object = data;
    m_eTag = eTag;
}

QList<QByteArray> S3ObjectServer::ranges() const
{
    QList<QByteArray> list;
    for (const Request &r : requests()) {
        if (r.method == "GET")
            list.append(r.header("range"));
    }
    return list;
}

// What S3 answers.
S3ObjectServer::Answer S3ObjectServer::answer(const Request &request) const
{
    Answer a;
    const QByteArray eTag = "ETag: \"" + m_eTag + "\"\r\n";
    if (request.method == "HEAD") {
        a.headers = "Content-Length: " + QByteArray::number(m_object.size()) + "\r\n" + eTag;
        return a;
    }
    const QByteArray range = request.header("range");
    if (range.isEmpty()) {
        a.body = m_object;
        a.headers = "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n" + eTag;
        return a;
    }
    const QList<QByteArray> bounds = range.mid(6).split('-');
    const qint64 first = bounds.value(0).toLongLong();
    const qint64 last = qMin<qint64>(bounds.value(1).toLongLong(), m_object.size() - 1);
    a.status = 206;
    a.body = m_object.mid(first, last - first + 1);
    a.headers = "Content-Length: " + QByteArray::number(a.body.size()) + "\r\nContent-Range: bytes "
            + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
            + QByteArray::number(m_object.size()) + "\r\n" + eTag;
    return a;
}

void S3ObjectServer::respond(QTcpSocket *socket, const Request &request)
{
    Answer a = answer(request);
    if (m_tamper)
        m_tamper(request, &a);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(a.status) + " Status\r\n" + a.headers
            + "Connection: close\r\n\r\n";
    if (request.method != "HEAD")
        out += a.body;
    socket->write(out);
    if (a.stall)
        return;
    if (!a.endless)
        return socket->disconnectFromHost();
    constexpr qint64 Chunk = 64 * 1024;
    auto *timer = new QTimer(socket);
    QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, sent = qint64(0)]() mutable {
        if (socket->state() != QAbstractSocket::ConnectedState || sent > 64 * 1024 * 1024)
            return timer->stop();
        if (socket->bytesToWrite() < 4 * Chunk) {
            socket->write(QByteArray(Chunk, 'Y'));
            sent += Chunk;
        }
    });
    timer->start(1);
}
