// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_FAULTSERVER_H
#define QTSIGV4_TESTS_FAULTSERVER_H

#include "testhttpserver.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

#include <functional>

class QTcpSocket;

// An HTTP/1.1 server on 127.0.0.1 that answers each request it receives with the next step of a
// script (one connection per request), to drive retries: error answers of every kind, a
// connection dropped before or after the headers, a slow answer, or the request relayed
// byte for byte to another server (moto). After the script, "200" (finalBody()).
//
// Steps: "200"; a bare status ("500", "503", "429", ...: a plain-text body without an error
// code); "slowdown", "requesttimeout", "internalerror" (400 with S3 XML), "throttling-json"
// (400, JSON __type), "throttling-header" (400, code only in x-amzn-ErrorType),
// "accessdenied" (403), "nosuchkey" (404), "signaturemismatch" (403), "invalidargument"
// (400), "notimplemented" (501); "drop" (closed after the request, no answer),
// "drop-after-headers" (503 headers announcing a body, then closed), "cut-200" (200 headers
// and part of the body, then closed); "slow" (the 200 answer after 3 s), "slow500" (a 500
// after 1.1 s); "relay" (to relayPort()).
class FaultServer : public QObject
{
    Q_OBJECT
public:
    using Request = TestHttpServer::Request;

    explicit FaultServer(QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url(const QString &path = QStringLiteral("/")) const { return m_http.url(path); }
    void setScript(const QStringList &steps) { m_script = steps; }
    void setRelayPort(quint16 port) { m_relayPort = port; }
    static QByteArray finalBody() { return QByteArrayLiteral("the answer of the last attempt"); }
    // The body of every failed answer contains this: it must never reach the caller's data.
    static QByteArray failureMarker() { return QByteArrayLiteral("FAILED-ATTEMPT"); }

    QList<Request> requests() const { return m_http.requests(); }
    int requestCount() const { return m_http.requestCount(); }
    // Called for each complete request, before it is answered.
    void setObserver(std::function<void(const Request &)> observer) { m_observer = std::move(observer); }

private:
    void act(QTcpSocket *socket, const QString &step, const QByteArray &raw);
    void relay(QTcpSocket *client, const QByteArray &raw);

    TestHttpServer m_http;
    QStringList m_script;
    quint16 m_relayPort = 0;
    std::function<void(const Request &)> m_observer;
};

#endif // QTSIGV4_TESTS_FAULTSERVER_H
