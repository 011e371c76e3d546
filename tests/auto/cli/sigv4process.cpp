// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "sigv4process.h"

#include <QtCore/qeventloop.h>
#include <QtCore/qtimer.h>

QString Sigv4Process::executable()
{
    return QStringLiteral(SIGV4_EXECUTABLE);
}

QProcessEnvironment Sigv4Process::cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList keys = environment.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QStringLiteral("AWS_")))
            environment.remove(key);
    }
    // Without credentials the CLI asks the default chain: keep it off the developer's ~/.aws
    // and off the instance-metadata address (tests only ever touch loopback).
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/nonexistent/qtsigv4-test/config"));
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/nonexistent/qtsigv4-test/credentials"));
    environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    // The tests check what sigv4 itself prints: the secret-hygiene run's QT_LOGGING_RULES
    // (qtsigv4.*=true, meant for the test binary) would add log lines to its stderr.
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    return environment;
}

Sigv4Process::Result Sigv4Process::run(const QStringList &arguments, const QByteArray &input,
                                       const QProcessEnvironment &environment)
{
    Result result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(executable(), arguments);
    result.started = process.waitForStarted(30000);
    if (!result.started)
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    return collect(process, process.waitForFinished(60000));
}

Sigv4Process::Result Sigv4Process::runServing(const QStringList &arguments,
                                              const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(executable(), arguments);
    if (!process.waitForStarted(30000))
        return Result();
    if (process.state() == QProcess::Running)
        loop.exec();
    return collect(process, process.state() == QProcess::NotRunning);
}

Sigv4Process::Result Sigv4Process::collect(QProcess &process, bool finished)
{
    Result result;
    result.started = true;
    if (!finished) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
