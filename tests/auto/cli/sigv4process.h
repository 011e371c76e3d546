// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4PROCESS_H
#define SIGV4PROCESS_H

#include <QtCore/qbytearray.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstringlist.h>

// Runs the sigv4 executable (path compiled in as SIGV4_EXECUTABLE) with a clean
// environment: no AWS_* variables of the developer leak into the tests.
class Sigv4Process
{
public:
    struct Result {
        bool started = false;
        bool crashed = false;
        bool timedOut = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static QString executable();
    static QProcessEnvironment cleanEnvironment();
    static Result run(const QStringList &arguments, const QByteArray &input = QByteArray(),
                      const QProcessEnvironment &environment = cleanEnvironment());
    // As run() without input, but this thread's event loop keeps turning while the child runs
    // (a server living in this thread answers it); killed after timeoutMs.
    static Result runServing(const QStringList &arguments, const QProcessEnvironment &environment,
                             int timeoutMs);

private:
    static Result collect(QProcess &process, bool finished);
};

#endif // SIGV4PROCESS_H
