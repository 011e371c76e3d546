// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3benchserver.h"

#include <QtCore/qhash.h>
#include <QtCore/qrandom.h>
#include <QtCore/qurlquery.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

namespace {

constexpr qint64 PatternSize = 1024 * 1024 + 13;   // not a power of two: parts differ
constexpr qint64 WriteAhead = 1024 * 1024;          // server-side buffer per connection
const QByteArray ObjectETag = "\"5a1a7c0e2b3d4f6081726354a5b6c7d8-128\"";   // multipart-style

const QByteArray &pattern()
{
    static const QByteArray bytes = [] {
        QByteArray b(PatternSize, Qt::Uninitialized);
        QRandomGenerator generator(20261207);
        for (char &c : b)
            c = char(generator.bounded(256));
        return b;
    }();
    return bytes;
}

struct Connection
{
    enum Phase { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Sending };
    Phase phase = Head;
    QByteArray buffer;          // unparsed input
    QByteArray method;
    QByteArray target;
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    qint64 left = 0;            // body or chunk bytes still to read, or bytes still to send
    qint64 sendOffset = 0;
};

} // namespace

class S3BenchResponder : public QObject
{
public:
    explicit S3BenchResponder(S3BenchServer *owner) : m_owner(owner) { }

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setReadBufferSize(WriteAhead);   // the kernel holds back a faster client
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_connections.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0;
    }

private:
    void serve(QTcpSocket *socket)
    {
        Connection &c = m_connections[socket];
        while (c.phase != Connection::Sending) {
            if (c.phase == Connection::Body || c.phase == Connection::ChunkData) {
                if (!discardBody(socket, c))
                    return;
                continue;
            }
            if (c.buffer.size() < 64 * 1024)
                c.buffer += socket->read(64 * 1024 - c.buffer.size());
            if (!parseLines(socket, c))
                return;
        }
    }

    // Body bytes are dropped straight from the socket (and from what the head read left over).
    bool discardBody(QTcpSocket *socket, Connection &c)
    {
        const qint64 fromBuffer = qMin<qint64>(c.left, c.buffer.size());
        c.buffer.remove(0, fromBuffer);
        c.left -= fromBuffer;
        m_owner->m_received += fromBuffer;
        char sink[256 * 1024];
        while (c.left > 0) {
            const qint64 n = socket->read(sink, qMin<qint64>(sizeof sink, c.left));
            if (n <= 0)
                return false;
            c.left -= n;
            m_owner->m_received += n;
        }
        if (c.phase == Connection::Body)
            respond(socket, c);
        else
            c.phase = Connection::ChunkEnd;
        return true;
    }

    // Head, chunk sizes, chunk ends and trailers: line by line from the buffer.
    bool parseLines(QTcpSocket *socket, Connection &c)
    {
        const QByteArray terminator = c.phase == Connection::Head ? "\r\n\r\n" : "\r\n";
        const qsizetype end = c.buffer.indexOf(terminator);
        if (end < 0) {
            if (c.buffer.size() >= 64 * 1024)
                socket->abort();   // a head or line this long is not from an S3 client
            return false;
        }
        const QByteArray line = c.buffer.left(end);
        c.buffer.remove(0, end + terminator.size());
        switch (c.phase) {
        case Connection::Head:
            return startRequest(socket, c, line);
        case Connection::ChunkSize: {
            bool ok = false;
            c.left = line.split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || c.left < 0)
                return socket->abort(), false;
            c.phase = c.left == 0 ? Connection::Trailers : Connection::ChunkData;
            return true;
        }
        case Connection::ChunkEnd:
            c.phase = Connection::ChunkSize;
            return true;
        case Connection::Trailers:
            if (line.isEmpty())
                respond(socket, c);
            return true;
        default:
            return false;
        }
    }

    bool startRequest(QTcpSocket *socket, Connection &c, const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3)
            return socket->abort(), false;
        c.method = requestLine.at(0);
        c.target = requestLine.at(1);
        c.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                c.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        ++m_owner->m_requests;
        if (c.headers.value("transfer-encoding").toLower() == "chunked") {
            c.phase = Connection::ChunkSize;
        } else {
            c.left = c.headers.value("content-length", "0").toLongLong();
            c.phase = Connection::Body;
        }
        return true;
    }

    void respond(QTcpSocket *socket, Connection &c)
    {
        const QUrl url(QString::fromLatin1(c.target));
        const QUrlQuery query(url);
        QByteArray status = "200 OK";
        QByteArray headers;
        QByteArray body;
        qint64 streamFrom = -1;
        qint64 streamLength = 0;
        if (c.method == "POST" && query.hasQueryItem(QStringLiteral("uploads"))) {
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult>"
                   "<Bucket>bench</Bucket><Key>object</Key><UploadId>bench-upload-"
                    + QByteArray::number(m_owner->m_requests.load()) + "</UploadId></InitiateMultipartUploadResult>";
        } else if (c.method == "POST" && query.hasQueryItem(QStringLiteral("uploadId"))) {
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult>"
                   "<Bucket>bench</Bucket><Key>object</Key><ETag>&quot;"
                    + ObjectETag.mid(1, ObjectETag.size() - 2) + "&quot;</ETag></CompleteMultipartUploadResult>";
        } else if (c.method == "PUT") {
            headers += "ETag: \"part-" + query.queryItemValue(QStringLiteral("partNumber")).toLatin1() + "\"\r\n";
            for (auto it = c.headers.cbegin(); it != c.headers.cend(); ++it) {
                if (it.key().startsWith("x-amz-checksum-") && it.key() != "x-amz-checksum-mode")
                    headers += it.key() + ": " + it.value() + "\r\n";   // S3 echoes the part's checksum
            }
        } else if (c.method == "DELETE") {
            status = "204 No Content";
        } else if (c.method == "HEAD" || c.method == "GET") {
            headers += "ETag: " + ObjectETag + "\r\nAccept-Ranges: bytes\r\n"
                       "Last-Modified: Mon, 07 Dec 2026 10:00:00 GMT\r\nContent-Type: application/octet-stream\r\n";
            const QByteArray ifMatch = c.headers.value("if-match");
            streamFrom = 0;
            streamLength = m_owner->m_objectSize;
            if (!ifMatch.isEmpty() && ifMatch != ObjectETag) {
                status = "412 Precondition Failed";
                streamFrom = -1;
            } else if (c.headers.contains("range")) {
                const QList<QByteArray> range = c.headers.value("range").mid(6).split('-');
                const qint64 first = range.value(0).toLongLong();
                const qint64 last = qMin(range.value(1).isEmpty() ? m_owner->m_objectSize - 1 : range.value(1).toLongLong(),
                                         m_owner->m_objectSize - 1);
                status = "206 Partial Content";
                headers += "Content-Range: bytes " + QByteArray::number(first) + '-' + QByteArray::number(last)
                        + '/' + QByteArray::number(m_owner->m_objectSize) + "\r\n";
                streamFrom = first;
                streamLength = last - first + 1;
            }
        } else {
            status = "400 Bad Request";
        }
        const qint64 length = streamFrom >= 0 ? streamLength : body.size();
        socket->write("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + QByteArray::number(length)
                      + "\r\nx-amz-request-id: bench\r\n\r\n");
        if (c.method == "HEAD" || streamFrom < 0) {
            socket->write(body);
            c.phase = Connection::Head;
            return;
        }
        c.phase = Connection::Sending;
        c.sendOffset = streamFrom;
        c.left = streamLength;
        pump(socket);
    }

    // Streams the object's bytes while the socket's own buffer is small.
    void pump(QTcpSocket *socket)
    {
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->phase != Connection::Sending)
            return;
        Connection &c = *it;
        while (c.left > 0 && socket->bytesToWrite() < WriteAhead) {
            const qint64 start = c.sendOffset % PatternSize;
            const qint64 n = qMin(qMin<qint64>(256 * 1024, PatternSize - start), c.left);
            socket->write(pattern().constData() + start, n);
            c.sendOffset += n;
            c.left -= n;
        }
        if (c.left == 0) {
            c.phase = Connection::Head;
            if (socket->bytesAvailable() > 0 || !c.buffer.isEmpty())
                QMetaObject::invokeMethod(this, [this, socket] { serve(socket); }, Qt::QueuedConnection);
        }
    }

    S3BenchServer *m_owner;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection> m_connections;
};

S3BenchServer::S3BenchServer(qint64 objectSize) : m_objectSize(objectSize)
{
    pattern();
    m_responder = new S3BenchResponder(this);
    m_responder->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_responder, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_responder, [this] { return m_responder->listen(); },
                              Qt::BlockingQueuedConnection, &m_port);
}

S3BenchServer::~S3BenchServer()
{
    m_thread.quit();
    m_thread.wait();
}

QUrl S3BenchServer::endpoint() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

char S3BenchServer::objectByte(qint64 offset)
{
    return pattern().at(offset % PatternSize);
}
