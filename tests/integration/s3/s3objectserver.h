// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_S3OBJECTSERVER_H
#define QTSIGV4_TESTS_S3OBJECTSERVER_H

#include "testhttpserver.h"

#include <QtCore/qbytearray.h>

#include <functional>

// HeadObject and GetObject (whole or one byte range) of one object on a local TestHttpServer,
// written raw so that a test can make any answer wrong: every header is the test's (a HEAD
// announces a length without a body, some answers have none), bodies may never end or stall.
class S3ObjectServer : public TestHttpServer
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray headers;      // "Name: value\r\n" lines
        QByteArray body;
        bool endless = false;    // then keeps sending 'Y' bytes until the client hangs up
        bool stall = false;      // then sends nothing more and keeps the connection open
    };
    // Changes the well-behaved answer to a request.
    using Tamper = std::function<void(const Request &request, Answer *answer)>;

    S3ObjectServer();
    void setObject(const QByteArray &data, const QByteArray &eTag);
    QByteArray object() const { return m_object; }
    QByteArray eTag() const { return m_eTag; }
    void setTamper(Tamper tamper) { m_tamper = std::move(tamper); }
    // The Range headers of the GETs received, in order (empty for a whole object).
    QList<QByteArray> ranges() const;

private:
    Answer answer(const Request &request) const;
    void respond(QTcpSocket *socket, const Request &request);

    QByteArray m_object;
    QByteArray m_eTag;
    Tamper m_tamper;
};

#endif // QTSIGV4_TESTS_S3OBJECTSERVER_H
