// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_MOTOSERVER_H
#define QTSIGV4_TESTS_MOTOSERVER_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/qtsigv4global.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>
#include <QtTest/qtest.h>

#include <memory>

// A real moto_server on 127.0.0.1, for tests that talk to S3, STS, IAM, SQS, ... signed by us.
//
// start() picks a free loopback port, runs `moto_server -H 127.0.0.1 -p PORT` (or
// `python3 -m moto.server ...`), waits until it answers, and creates with the first
// (unauthenticated) calls an IAM user "qtsigv4-test" with an allow-everything inline policy and
// an access key. After those calls moto checks every signature, so everything the test sends
// must be signed correctly with credentials() (or credentials derived from them).
//
// Typical use, in initTestCase():
//     m_moto.reset(new MotoServer);
//     QTSIGV4_START_MOTO_OR_SKIP(*m_moto);   // QSKIP when moto is not installed
// The server is killed when the MotoServer is destroyed.
class MotoServer
{
public:
    enum StartResult { Started, NotInstalled, Failed };

    struct Response
    {
        int status = 0;          // HTTP status, 0 when no answer arrived
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString errorString;     // network error or the service's <Message>, if any
        bool ok() const { return status >= 200 && status < 300; }
    };

    using Parameters = QList<QPair<QString, QString>>;

    MotoServer();
    ~MotoServer();
    MotoServer(const MotoServer &) = delete;
    MotoServer &operator=(const MotoServer &) = delete;

    // The command used to run moto, or an empty list when moto is not installed.
    static QStringList serverCommand();
    static bool isInstalled() { return !serverCommand().isEmpty(); }

    StartResult start(QString *errorString = nullptr, int timeoutMs = 30000);
    void stop();
    bool isRunning() const;

    QUrl endpoint() const;        // http://127.0.0.1:PORT
    quint16 port() const { return m_port; }
    QString region() const { return QStringLiteral("us-east-1"); }
    QString accountId() const { return QStringLiteral("123456789012"); }
    QString userName() const { return QStringLiteral("qtsigv4-test"); }
    QString userArn() const;
    AwsCredentials credentials() const { return m_credentials; }
    QByteArray serverOutput() const;   // what moto printed so far (request log, tracebacks)

    // A request signed with AwsSigner (service/region) and the given credentials (default:
    // credentials()), sent with a plain QNetworkAccessManager. Content-Type, when given in
    // headers, is signed too. Blocks with a local event loop for at most timeoutMs.
    Response send(const QByteArray &method, const QUrl &url, const QString &service,
                  const AwsHeaderList &headers = AwsHeaderList(),
                  const QByteArray &body = QByteArray(),
                  const AwsCredentials &credentials = AwsCredentials(),
                  int timeoutMs = 15000) const;

    // A signed query-protocol call (IAM, STS, SQS, ...): POST / with Action, Version and
    // parameters as a form body.
    Response callQueryApi(const QString &service, const QString &action, const QString &version,
                          const Parameters &parameters = Parameters(),
                          const AwsCredentials &credentials = AwsCredentials()) const;

    // Turns moto's signature checking off or on (POST /moto-api/reset-auth). moto refuses
    // unsigned calls once it checks signatures, even those AWS accepts unsigned such as
    // STS AssumeRoleWithWebIdentity (it answers HTTP 500): turn it off around such calls.
    bool setAuthenticationEnabled(bool enabled, QString *errorString = nullptr) const;

    // Creates an IAM role that any principal may assume (moto checks trust policies only for "*"), with an inline policy that
    // allows everything. Returns its ARN, or an empty string (errorString set).
    QString createRole(const QString &roleName, QString *errorString = nullptr) const;

    // Form encoding (RFC 3986 unreserved characters kept, everything else percent-encoded).
    static QByteArray formEncode(const Parameters &parameters);
    // The text of the first <name> element of an XML document (e.g. "Message", "AccessKeyId").
    static QString xmlValue(const QByteArray &xml, const QString &name);

private:
    Response unauthenticatedIamCall(const QString &action, const Parameters &parameters) const;
    static Response sendRaw(const QByteArray &method, const QUrl &url,
                            const AwsHeaderList &headers, const QByteArray &body, int timeoutMs);

    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    AwsCredentials m_credentials;
};

// Starts `server` or skips the current test (case, when used in initTestCase) with a clear
// message when moto is not installed; fails the test when moto is installed but did not start.
#define QTSIGV4_START_MOTO_OR_SKIP(server)                                                     \
    do {                                                                                       \
        QString motoError_;                                                                    \
        const MotoServer::StartResult motoResult_ = (server).start(&motoError_);               \
        if (motoResult_ == MotoServer::NotInstalled)                                           \
            QSKIP(qPrintable(QStringLiteral("moto_server is not installed (pip install "      \
                                            "'moto[server]'); skipping: ")                     \
                             + motoError_));                                                   \
        QVERIFY2(motoResult_ == MotoServer::Started, qPrintable(motoError_));                  \
    } while (false)

#endif // QTSIGV4_TESTS_MOTOSERVER_H
