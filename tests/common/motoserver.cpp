// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "motoserver.h"

#include "testsecrets.h"

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningresult.h>

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtCore/qxmlstream.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkproxy.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace {

// The number of unauthenticated calls start() makes: CreateUser, PutUserPolicy, CreateAccessKey.
constexpr int SetupCallCount = 3;

// The environment the test started with: tests change HOME and AWS_* variables, but moto (and
// a pyenv shim that runs it) needs the original ones.
const QProcessEnvironment startupEnvironment = QProcessEnvironment::systemEnvironment();

QTemporaryDir &logDir()
{
    static QTemporaryDir dir;
    return dir;
}

quint16 pickFreeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool ok = socket.waitForConnected(250);
    socket.abort();
    return ok;
}

} // namespace

MotoServer::MotoServer() = default;

MotoServer::~MotoServer()
{
    stop();
}

QStringList MotoServer::serverCommand()
{
    static const QStringList command = [] {
        const QString moto = QStandardPaths::findExecutable(QStringLiteral("moto_server"));
        if (!moto.isEmpty())
            return QStringList{ moto };
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return QStringList();
        QProcess probe;
        probe.start(python, { QStringLiteral("-c"), QStringLiteral("import moto.server") });
        if (!probe.waitForFinished(20000) || probe.exitStatus() != QProcess::NormalExit
            || probe.exitCode() != 0) {
            probe.kill();
            probe.waitForFinished(1000);
            return QStringList();
        }
        return QStringList{ python, QStringLiteral("-m"), QStringLiteral("moto.server") };
    }();
    return command;
}

MotoServer::StartResult MotoServer::start(QString *errorString, int timeoutMs)
{
    auto fail = [errorString](StartResult result, const QString &message) {
        if (errorString)
            *errorString = message;
        return result;
    };
    stop();
    const QStringList command = serverCommand();
    if (command.isEmpty()) {
        return fail(NotInstalled,
                    QStringLiteral("neither `moto_server` nor `python3 -m moto.server` is "
                                   "available"));
    }
    if (!logDir().isValid())
        return fail(Failed, QStringLiteral("cannot create a temporary directory for moto's log"));

    const QDeadlineTimer deadline(timeoutMs);
    QString lastError;
    for (int attempt = 0; attempt < 3 && !deadline.hasExpired(); ++attempt) {
        const quint16 port = pickFreeLoopbackPort();
        if (port == 0)
            return fail(Failed, QStringLiteral("cannot find a free loopback port"));

        m_process.reset(new QProcess);
        QProcessEnvironment env = startupEnvironment;
        env.insert(QStringLiteral("INITIAL_NO_AUTH_ACTION_COUNT"),
                   QString::number(SetupCallCount));
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
        m_process->setProcessEnvironment(env);
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(
                logDir().filePath(QStringLiteral("moto-%1.log").arg(port)));
        m_process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
        // moto must not outlive a test process that dies without running this fixture's
        // destructor (a sanitizer abort, a crash, ctest's timeout kill).
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        QStringList arguments = command.mid(1);
        arguments << QStringLiteral("-H") << QStringLiteral("127.0.0.1") << QStringLiteral("-p")
                  << QString::number(port);
        m_process->start(command.first(), arguments);
        if (!m_process->waitForStarted(10000)) {
            lastError = QStringLiteral("cannot start %1: %2")
                                .arg(command.join(u' '), m_process->errorString());
            m_process.reset();
            return fail(Failed, lastError);
        }
        m_port = port;

        bool up = false;
        while (!deadline.hasExpired()) {
            if (m_process->state() != QProcess::Running)
                break;
            if (portAnswers(port)) {
                up = true;
                break;
            }
            QThread::msleep(100);
        }
        if (up)
            break;
        lastError = QStringLiteral("moto_server did not answer on 127.0.0.1:%1: %2")
                            .arg(port)
                            .arg(QString::fromLocal8Bit(serverOutput().right(2000)));
        stop();
    }
    if (!isRunning())
        return fail(Failed, lastError.isEmpty() ? QStringLiteral("moto_server did not start")
                                                : lastError);

    // The unauthenticated setup calls.
    const QString policy = QStringLiteral(
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
    Response r = unauthenticatedIamCall(QStringLiteral("CreateUser"),
                                        { { QStringLiteral("UserName"), userName() } });
    if (!r.ok())
        return fail(Failed, QStringLiteral("moto: CreateUser failed (%1): %2")
                                    .arg(r.status)
                                    .arg(r.errorString));
    r = unauthenticatedIamCall(QStringLiteral("PutUserPolicy"),
                               { { QStringLiteral("UserName"), userName() },
                                 { QStringLiteral("PolicyName"), QStringLiteral("allow-all") },
                                 { QStringLiteral("PolicyDocument"), policy } });
    if (!r.ok())
        return fail(Failed, QStringLiteral("moto: PutUserPolicy failed (%1): %2")
                                    .arg(r.status)
                                    .arg(r.errorString));
    r = unauthenticatedIamCall(QStringLiteral("CreateAccessKey"),
                               { { QStringLiteral("UserName"), userName() } });
    const QString keyId = xmlValue(r.body, QStringLiteral("AccessKeyId"));
    const QString secret = xmlValue(r.body, QStringLiteral("SecretAccessKey"));
    if (!r.ok() || keyId.isEmpty() || secret.isEmpty())
        return fail(Failed, QStringLiteral("moto: CreateAccessKey failed (%1): %2")
                                    .arg(r.status)
                                    .arg(r.errorString));
    m_credentials = AwsCredentials(keyId, secret);
    publishTestSecrets(m_credentials);
    if (errorString)
        errorString->clear();
    return Started;
}

void MotoServer::stop()
{
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
        m_process.reset();
    }
    m_credentials = AwsCredentials();
}

bool MotoServer::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl MotoServer::endpoint() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(QStringLiteral("/"));
    return url;
}

QString MotoServer::userArn() const
{
    return QStringLiteral("arn:aws:iam::%1:user/%2").arg(accountId(), userName());
}

QByteArray MotoServer::serverOutput() const
{
    if (m_port == 0)
        return QByteArray();
    QFile log(logDir().filePath(QStringLiteral("moto-%1.log").arg(m_port)));
    if (!log.open(QIODevice::ReadOnly))
        return QByteArray();
    return log.readAll();
}

MotoServer::Response MotoServer::send(const QByteArray &method, const QUrl &url,
                                      const QString &service, const AwsHeaderList &headers,
                                      const QByteArray &body, const AwsCredentials &credentials,
                                      int timeoutMs) const
{
    const AwsCredentials creds = credentials.isNull() ? m_credentials : credentials;
    publishTestSecrets(creds); // often STS credentials the test just received
    AwsSigner signer(AwsSigningConfig(service, region()));
    const AwsHttpRequest request = AwsHttpRequest::fromUrl(method, url, headers, body);
    const AwsSigningResult signature = signer.sign(request, creds);
    if (!signature.isValid()) {
        Response response;
        response.errorString = QStringLiteral("signing failed: ") + signature.errorString();
        return response;
    }
    AwsHeaderList all = headers;
    for (const auto &header : signature.headersToAdd()) {
        if (header.first.compare("host", Qt::CaseInsensitive) != 0)
            all.append(header);
    }
    return sendRaw(method, url, all, body, timeoutMs);
}

MotoServer::Response MotoServer::callQueryApi(const QString &service, const QString &action,
                                              const QString &version,
                                              const Parameters &parameters,
                                              const AwsCredentials &credentials) const
{
    Parameters all{ { QStringLiteral("Action"), action },
                    { QStringLiteral("Version"), version } };
    all += parameters;
    return send("POST", endpoint(), service,
                { { QByteArrayLiteral("Content-Type"),
                    QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8") } },
                formEncode(all), credentials);
}

QString MotoServer::createRole(const QString &roleName, QString *errorString) const
{
    const QString trust = QStringLiteral(
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity","sts:TagSession"]}]})");
    const QString policy = QStringLiteral(
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
    Response r = callQueryApi(QStringLiteral("iam"), QStringLiteral("CreateRole"),
                              QStringLiteral("2010-05-08"),
                              { { QStringLiteral("RoleName"), roleName },
                                { QStringLiteral("AssumeRolePolicyDocument"), trust } });
    const QString arn = xmlValue(r.body, QStringLiteral("Arn"));
    if (!r.ok() || arn.isEmpty()) {
        if (errorString)
            *errorString = QStringLiteral("CreateRole failed (%1): %2").arg(r.status).arg(r.errorString);
        return QString();
    }
    r = callQueryApi(QStringLiteral("iam"), QStringLiteral("PutRolePolicy"),
                     QStringLiteral("2010-05-08"),
                     { { QStringLiteral("RoleName"), roleName },
                       { QStringLiteral("PolicyName"), QStringLiteral("allow-all") },
                       { QStringLiteral("PolicyDocument"), policy } });
    if (!r.ok()) {
        if (errorString)
            *errorString = QStringLiteral("PutRolePolicy failed (%1): %2").arg(r.status).arg(r.errorString);
        return QString();
    }
    return arn;
}

bool MotoServer::setAuthenticationEnabled(bool enabled, QString *errorString) const
{
    QUrl url = endpoint();
    url.setPath(QStringLiteral("/moto-api/reset-auth"));
    // The value is the number of calls still allowed without a signature check.
    const Response r = sendRaw("POST", url, { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain") } },
                               enabled ? QByteArrayLiteral("0") : QByteArrayLiteral("inf"), 15000);
    if (!r.ok() && errorString)
        *errorString = QStringLiteral("reset-auth failed (%1): %2").arg(r.status).arg(r.errorString);
    return r.ok();
}

QByteArray MotoServer::formEncode(const Parameters &parameters)
{
    QByteArray out;
    for (const auto &p : parameters) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(p.first) + '=' + QUrl::toPercentEncoding(p.second);
    }
    return out;
}

QString MotoServer::xmlValue(const QByteArray &xml, const QString &name)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == name)
            return reader.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    return QString();
}

MotoServer::Response MotoServer::unauthenticatedIamCall(const QString &action,
                                                        const Parameters &parameters) const
{
    // moto routes an unsigned query call by its Action only for a few STS actions; a syntactically
    // valid Authorization header names the service. Its signature is not checked during the
    // first INITIAL_NO_AUTH_ACTION_COUNT calls.
    Parameters all{ { QStringLiteral("Action"), action },
                    { QStringLiteral("Version"), QStringLiteral("2010-05-08") } };
    all += parameters;
    const AwsHeaderList headers{
        { QByteArrayLiteral("Content-Type"),
          QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8") },
        { QByteArrayLiteral("Authorization"),
          QByteArrayLiteral("AWS4-HMAC-SHA256 Credential=AKIAUNSIGNEDSETUP/20200101/us-east-1/iam/"
                            "aws4_request, SignedHeaders=host, Signature=0") }
    };
    return sendRaw("POST", endpoint(), headers, formEncode(all), 15000);
}

MotoServer::Response MotoServer::sendRaw(const QByteArray &method, const QUrl &url,
                                         const AwsHeaderList &headers, const QByteArray &body,
                                         int timeoutMs)
{
    Response response;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        response.errorString = QStringLiteral("no answer from %1 within %2 ms")
                                       .arg(url.toString())
                                       .arg(timeoutMs);
        delete reply;
        return response;
    }
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    if (!response.ok()) {
        const QString message = xmlValue(response.body, QStringLiteral("Message"));
        const QString code = xmlValue(response.body, QStringLiteral("Code"));
        response.errorString = !message.isEmpty() || !code.isEmpty()
                ? QStringLiteral("%1: %2").arg(code, message)
                : (response.status == 0 ? reply->errorString()
                                        : QString::fromUtf8(response.body.left(500)));
    }
    delete reply;
    return response;
}
