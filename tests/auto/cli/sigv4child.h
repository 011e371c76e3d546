// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4CHILD_H
#define SIGV4CHILD_H

#include <QtCore/qbytearray.h>
#include <QtCore/qstringlist.h>

#include <sys/types.h>

// Runs the sigv4 executable as a child with the given file descriptors as its stdin and
// stdout (-1: /dev/null), keeping this thread's event loop running (a TestHttpServer here
// answers it), and reports its peak resident memory from wait4()'s rusage: what the child
// itself used, whatever its parent holds.
class Sigv4Child
{
public:
    struct Result {
        bool started = false;
        bool timedOut = false;
        bool signalled = false;
        int exitCode = -1;
        qint64 maxRssKiB = 0;
        qint64 elapsedMs = 0;
        QByteArray err;
    };

    // Starts the child; stdinFd and stdoutFd are duplicated into it, not closed here.
    bool start(const QStringList &arguments, int stdinFd = -1, int stdoutFd = -1);
    // Waits up to timeoutMs (then kills it), processing events meanwhile.
    Result wait(int timeoutMs = 60000);
    pid_t pid() const { return m_pid; }

    static Result run(const QStringList &arguments, int stdinFd = -1, int stdoutFd = -1,
                      int timeoutMs = 60000);

private:
    pid_t m_pid = -1;
    int m_errFd = -1;
    qint64 m_startMs = 0;
};

#endif // SIGV4CHILD_H
