// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_TESTHTTPSSERVER_H
#define QTSIGV4_TESTS_TESTHTTPSSERVER_H

#include "testhttpserver.h"

#include <QtCore/qstringlist.h>
#include <QtNetwork/qsslconfiguration.h>

class QSslKey;
class QSslServer;
class QSslCertificate;

// TestHttpServer behind TLS (QSslServer) on 127.0.0.1: the same handler, requests() and
// received() (the decrypted bytes). With setClientCaCertificates() it asks for a client
// certificate and refuses any not signed by one of those CAs (mutual TLS); Request::
// peerCommonName names the client. handshakeErrors() lists every TLS failure it saw.
class TestHttpsServer : public TestHttpServer
{
    Q_OBJECT
public:
    TestHttpsServer(const QSslCertificate &certificate, const QSslKey &key,
                    QObject *parent = nullptr);

    // Requires a client certificate issued by one of cas (before listen()).
    void setClientCaCertificates(const QList<QSslCertificate> &cas);
    QStringList handshakeErrors() const { return m_handshakeErrors; }

private:
    QSslServer *sslServer() const;
    QStringList m_handshakeErrors;
};

#endif // QTSIGV4_TESTS_TESTHTTPSSERVER_H
