// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3session.h"

#include "command.h"
#include "s3uri.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qsocketnotifier.h>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace {

int interruptPipe[2] = { -1, -1 };

extern "C" void onInterrupt(int signal)
{
    // The next one kills at once: a stuck cleanup must not make the process unkillable.
    std::signal(signal, SIG_DFL);
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(interruptPipe[1], &byte, 1);
}

} // namespace

S3Session::S3Session(const AwsCredentials &credentials, const QUrl &endpoint, const QString &region,
                     ErrorSink errorSink)
    : m_provider(std::make_unique<AwsStaticCredentialsProvider>(credentials)),
      m_client(std::make_unique<AwsS3Client>()),
      m_errorSink(std::move(errorSink))
{
    m_client->setEndpoint(endpoint);
    m_client->setRegion(region);
    m_client->setCredentialsProvider(m_provider.get());
    installInterruptHandler();
}

S3Session::~S3Session()
{
    m_progress.clear();
    m_client.reset();
}

void S3Session::installInterruptHandler()
{
    if (interruptPipe[0] < 0) {
        if (::pipe(interruptPipe) != 0)
            return;
        for (const int fd : interruptPipe)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(interruptPipe[1], F_SETFL, O_NONBLOCK);
    }
    m_notifier = std::make_unique<QSocketNotifier>(interruptPipe[0], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(interruptPipe[0], &byte, 1);
        m_interrupted = true;
        if (m_loop)
            m_loop->quit();
    });
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

bool S3Session::runLoop(QObject *job, const std::function<void(QEventLoop *)> &connect, bool finished)
{
    if (finished || m_interrupted)
        return !m_interrupted;
    QEventLoop loop;
    connect(&loop);
    QObject::connect(job, &QObject::destroyed, &loop, &QEventLoop::quit);
    m_loop = &loop;
    loop.exec();
    m_loop = nullptr;
    return !m_interrupted;
}

void S3Session::report(const QString &line)
{
    if (m_quiet)
        return;
    m_progress.clear();
    Command::writeStdout(line.toUtf8() + '\n');
}

void S3Session::error(const QString &line)
{
    m_progress.clear();
    m_errorSink(line);
}

QString S3Session::replyError(const AwsS3Reply *reply)
{
    return withHint(reply->errorString());
}

QString S3Session::withHint(const QString &text)
{
    QString hinted = text;
    if (text.contains(QLatin1StringView("SignatureDoesNotMatch")))
        hinted += QStringLiteral("; check the secret access key (and --region, --endpoint-url)");
    else if (text.contains(QLatin1StringView("InvalidAccessKeyId")))
        hinted += QStringLiteral("; check the access key id");
    return S3Uri::printable(hinted);
}
