// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_TESTHTTPSERVER_H
#define QTSIGV4_TESTS_TESTHTTPSERVER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qmap.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qtcpserver.h>

#include <functional>
#include <memory>

class QTcpSocket;

// A minimal HTTP/1.1 server on 127.0.0.1 for contract tests (ECS, IMDS, ...). It lives in the
// thread that creates it and answers while that thread runs an event loop. Every connection
// serves one request and is then closed. TestHttpsServer (testhttpsserver.h) is the same server
// behind TLS.
class TestHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;                  // path and query as sent
        QMap<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QByteArray peerCommonName;          // TLS: the client certificate's CN, if any
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QByteArray path() const
        {
            const int q = target.indexOf('?');
            return q < 0 ? target : target.left(q);
        }
    };
    struct Response
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool hang = false;   // never answer (the client must time out)
        static Response text(int status, const QByteArray &body)
        {
            Response r;
            r.status = status;
            r.body = body;
            r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/plain")));
            return r;
        }
        static Response hanging() // never answers
        {
            Response r;
            r.hang = true;
            return r;
        }
        static Response json(int status, const QByteArray &body)
        {
            Response r;
            r.status = status;
            r.body = body;
            r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
            return r;
        }
    };
    using Handler = std::function<Response(const Request &)>;
    // Takes over the connection of each request instead of the handler (faults: connections
    // dropped, slow answers, relays); raw is the request as it was received.
    using SocketHandler = std::function<void(QTcpSocket *socket, const Request &request,
                                             const QByteArray &raw)>;

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    bool listen();              // 127.0.0.1, a free port
    quint16 port() const;
    // http://127.0.0.1:PORT/path (https:// for TestHttpsServer); host replaces 127.0.0.1.
    QUrl url(const QString &path = QStringLiteral("/"),
             const QString &host = QStringLiteral("127.0.0.1")) const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setSocketHandler(SocketHandler handler) { m_socketHandler = std::move(handler); }
    QList<Request> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    // Every byte received on any connection, in arrival order (what reached the wire).
    QByteArray received() const { return m_received; }
    void clearRequests() { m_requests.clear(); }

protected:
    // For TestHttpsServer: serves over server (taken over), URLs with scheme.
    TestHttpServer(QTcpServer *server, const QString &scheme, QObject *parent);
    QTcpServer *server() const { return m_server.get(); }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    static bool parseRequest(const QByteArray &buffer, Request *request); // false: incomplete

    std::unique_ptr<QTcpServer> m_server;
    QString m_scheme;
    Handler m_handler;
    SocketHandler m_socketHandler;
    QList<Request> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QByteArray m_received;
};

#endif // QTSIGV4_TESTS_TESTHTTPSERVER_H
