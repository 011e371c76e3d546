// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "faultserver.h"

#include <qtsigv4/awsdate.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qtcpsocket.h>

namespace {

QByteArray answer(int status, const QByteArray &contentType, const QByteArray &body,
                  const QByteArray &extraHeaders = QByteArray())
{
    return "HTTP/1.1 " + QByteArray::number(status) + " Status\r\nContent-Type: " + contentType
            + "\r\nDate: " + AwsDate::toHttpDate(QDateTime::currentDateTimeUtc()) + "\r\n" + extraHeaders
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray s3Error(int status, const QByteArray &code)
{
    return answer(status, "application/xml",
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                          + FaultServer::failureMarker() + " " + code
                          + "</Message><RequestId>1</RequestId></Error>");
}

// The canned answers, by step name; an empty result for the steps that are not one answer.
QByteArray cannedAnswer(const QString &step)
{
    bool isStatus = false;
    const int status = step.toInt(&isStatus);
    if (isStatus && status == 200)
        return answer(200, "text/plain", FaultServer::finalBody());
    if (isStatus)
        return answer(status, "text/plain", FaultServer::failureMarker() + " HTTP " + step.toLatin1());
    static const struct { const char16_t *step; int status; const char *code; } s3Errors[] = {
        { u"slowdown", 400, "SlowDown" },           { u"requesttimeout", 400, "RequestTimeout" },
        { u"internalerror", 400, "InternalError" }, { u"accessdenied", 403, "AccessDenied" },
        { u"nosuchkey", 404, "NoSuchKey" },         { u"signaturemismatch", 403, "SignatureDoesNotMatch" },
        { u"invalidargument", 400, "InvalidArgument" }, { u"notimplemented", 501, "NotImplemented" },
    };
    for (const auto &e : s3Errors) {
        if (step == QStringView(e.step))
            return s3Error(e.status, e.code);
    }
    if (step == u"throttling-json") {
        return answer(400, "application/x-amz-json-1.0",
                      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                      "\"message\":\"" + FaultServer::failureMarker() + " Rate exceeded\"}");
    }
    if (step == u"throttling-header") {
        return answer(400, "application/json", "{\"message\":\"" + FaultServer::failureMarker() + "\"}",
                      "x-amzn-ErrorType: ThrottlingException:http://internal.amazon.com/coral/\r\n");
    }
    return QByteArray();
}

} // namespace

FaultServer::FaultServer(QObject *parent) : QObject(parent)
{
    m_http.setSocketHandler([this](QTcpSocket *socket, const Request &request, const QByteArray &raw) {
        if (m_observer)
            m_observer(request);
        const int index = m_http.requestCount() - 1;
        act(socket, index < m_script.size() ? m_script.at(index) : QStringLiteral("200"), raw);
    });
}

void FaultServer::act(QTcpSocket *socket, const QString &step, const QByteArray &raw)
{
    const QByteArray canned = cannedAnswer(step);
    if (!canned.isEmpty()) {
        socket->write(canned);
        socket->disconnectFromHost();
    } else if (step == u"drop") {
        socket->disconnectFromHost();
    } else if (step == u"drop-after-headers") {
        socket->write("HTTP/1.1 503 Slow Down\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n");
        socket->disconnectFromHost();
    } else if (step == u"cut-200") {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nthe start");
        socket->disconnectFromHost();
    } else if (step == u"slow" || step == u"slow500") {
        const bool fails = step == u"slow500";
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(fails ? 1100 : 3000, this, [guard, fails] {
            if (!guard || guard->state() != QAbstractSocket::ConnectedState)
                return;
            guard->write(cannedAnswer(fails ? QStringLiteral("500") : QStringLiteral("200")));
            guard->disconnectFromHost();
        });
    } else if (step == u"relay") {
        relay(socket, raw);
    } else {
        qFatal("FaultServer: unknown step %s", qPrintable(step));
    }
}

// The request as it arrived, to the server on relayPort, and its answer back as it comes.
void FaultServer::relay(QTcpSocket *client, const QByteArray &raw)
{
    auto *upstream = new QTcpSocket(client);
    connect(upstream, &QTcpSocket::connected, upstream, [upstream, raw] { upstream->write(raw); });
    connect(upstream, &QTcpSocket::readyRead, client, [upstream, client] { client->write(upstream->readAll()); });
    connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    upstream->connectToHost(QHostAddress::LocalHost, m_relayPort);
}
