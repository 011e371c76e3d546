// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "testhttpsserver.h"

#include <QtNetwork/qsslserver.h>
#include <QtNetwork/qsslsocket.h>

TestHttpsServer::TestHttpsServer(const QSslCertificate &certificate, const QSslKey &key,
                                 QObject *parent)
    : TestHttpServer(new QSslServer, QStringLiteral("https"), parent)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    QSslServer *server = sslServer();
    server->setSslConfiguration(configuration);
    server->setHandshakeTimeout(10000);
    connect(server, &QSslServer::sslErrors, this,
            [this](QSslSocket *, const QList<QSslError> &errors) {
                for (const QSslError &error : errors)
                    m_handshakeErrors.append(error.errorString());
            });
    connect(server, &QSslServer::errorOccurred, this,
            [this](QSslSocket *socket, QAbstractSocket::SocketError) {
                m_handshakeErrors.append(socket->errorString());
            });
}

void TestHttpsServer::setClientCaCertificates(const QList<QSslCertificate> &cas)
{
    QSslConfiguration configuration = sslServer()->sslConfiguration();
    configuration.setCaCertificates(cas);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    sslServer()->setSslConfiguration(configuration);
}

QSslServer *TestHttpsServer::sslServer() const
{
    return static_cast<QSslServer *>(server());
}
