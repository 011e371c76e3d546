// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "sigv4child.h"

#include "sigv4process.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qfile.h>
#include <QtCore/qthread.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

bool Sigv4Child::start(const QStringList &arguments, int stdinFd, int stdoutFd)
{
    const QByteArray program = QFile::encodeName(Sigv4Process::executable());
    QList<QByteArray> args{ program };
    for (const QString &argument : arguments)
        args.append(argument.toLocal8Bit());
    QList<QByteArray> env;
    for (const QString &pair : Sigv4Process::cleanEnvironment().toStringList())
        env.append(pair.toLocal8Bit());
    std::vector<char *> argv, envp;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (QByteArray &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    char errName[] = "/tmp/sigv4child-err-XXXXXX";
    m_errFd = ::mkostemp(errName, O_CLOEXEC);
    if (m_errFd < 0)
        return false;
    ::unlink(errName);
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    m_pid = ::fork();
    if (m_pid < 0)
        return false;
    if (m_pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(stdinFd >= 0 ? stdinFd : null, STDIN_FILENO);
        ::dup2(stdoutFd >= 0 ? stdoutFd : null, STDOUT_FILENO);
        ::dup2(m_errFd, STDERR_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    return true;
}

Sigv4Child::Result Sigv4Child::wait(int timeoutMs)
{
    Result result;
    result.started = m_pid > 0;
    if (!result.started)
        return result;
    int status = 0;
    struct rusage usage {};
    for (;;) {
        const pid_t done = ::wait4(m_pid, &status, WNOHANG, &usage);
        if (done == m_pid)
            break;
        if (done < 0 && errno != EINTR)
            return result;
        if (QDateTime::currentMSecsSinceEpoch() - m_startMs > timeoutMs && !result.timedOut) {
            result.timedOut = true;
            ::kill(m_pid, SIGKILL);
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(2);
    }
    result.elapsedMs = QDateTime::currentMSecsSinceEpoch() - m_startMs;
    result.signalled = WIFSIGNALED(status);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.maxRssKiB = usage.ru_maxrss;
    ::lseek(m_errFd, 0, SEEK_SET);
    char buffer[4096];
    for (ssize_t n; (n = ::read(m_errFd, buffer, sizeof buffer)) > 0;)
        result.err.append(buffer, n);
    ::close(m_errFd);
    m_errFd = -1;
    m_pid = -1;
    return result;
}

Sigv4Child::Result Sigv4Child::run(const QStringList &arguments, int stdinFd, int stdoutFd, int timeoutMs)
{
    Sigv4Child child;
    if (!child.start(arguments, stdinFd, stdoutFd))
        return Result();
    return child.wait(timeoutMs);
}
