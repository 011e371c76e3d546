// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3rverserver.h"

#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qthread.h>

S3rverServer::~S3rverServer()
{
    stop();
}

QString S3rverServer::executable()
{
    const QString fromEnvironment = qEnvironmentVariable("QTSIGV4_S3RVER");
    if (!fromEnvironment.isEmpty())
        return QFileInfo(fromEnvironment).isExecutable() ? fromEnvironment : QString();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("s3rver"));
    if (!onPath.isEmpty())
        return onPath;
    const QString cached = QDir::homePath()
            + QStringLiteral("/.cache/qtsigv4/s3rver/node_modules/.bin/s3rver");
    return QFileInfo(cached).isExecutable() ? cached : QString();
}

S3rverServer::StartResult S3rverServer::start(QString *errorString, int timeoutMs)
{
    auto fail = [errorString](StartResult result, const QString &message) {
        if (errorString)
            *errorString = message;
        return result;
    };
    const QString program = executable();
    if (program.isEmpty())
        return fail(NotInstalled, QStringLiteral("no s3rver executable found"));
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return fail(Failed, QStringLiteral("cannot create a data directory"));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // s3rver 3.7 makes continuation tokens with a cipher OpenSSL 3 keeps in its legacy
    // provider: without it every truncated listing is an InternalError.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NODE_OPTIONS"), QStringLiteral("--openssl-legacy-provider"));
    m_process->setProcessEnvironment(environment);
    // Port 0: s3rver picks a free port and prints it ("S3rver listening on 127.0.0.1:PORT").
    // -s: no request log (nothing reads the pipe once started); the port line still comes.
    m_process->start(program, { QStringLiteral("-s"), QStringLiteral("-d"), m_dir->path(), QStringLiteral("-a"),
                                QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                                QStringLiteral("0") });
    if (!m_process->waitForStarted(10000))
        return fail(Failed, QStringLiteral("cannot run %1: %2").arg(program, m_process->errorString()));
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        m_output += m_process->readAll();
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return Started;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    const QString output = QString::fromUtf8(m_output.right(2000));
    stop();
    return fail(Failed, QStringLiteral("s3rver did not start: %1").arg(output));
}

void S3rverServer::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
    m_port = 0;
}

QUrl S3rverServer::endpoint() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}
