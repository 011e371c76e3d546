// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsprocesscredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtimer.h>

#include <memory>

#ifdef Q_OS_UNIX
#  include <csignal>
#  include <unistd.h>
#endif

using namespace QtSigV4Private;

/*!
    \class AwsProcessCredentialsProvider
    \inmodule QtSigV4
    \brief Runs a \c credential_process command and reads the credentials it prints.

    The command line is run by the shell (\c{/bin/sh -c}; \c{cmd.exe /C} on Windows), as the
    AWS CLI documents for \c credential_process. Its standard output must be a JSON object:

    \code
    { "Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
      "SessionToken": "...", "Expiration": "2026-01-01T00:00:00Z" }
    \endcode

    \c SessionToken and \c Expiration are optional; without \c Expiration the credentials never
    need a refresh. A process that cannot start, crashes or exits non-zero is a ProcessError
    (with the first 1 KiB of its standard error output, control characters escaped, in the
    message); one that runs longer than timeout() (30 s by default) is killed and reported as
    TimeoutError; one that prints more than 256 KiB is killed at once; bad JSON, another
    \c Version, missing keys or a value with a control character (which would end up in a
    header) are InvalidConfigurationError. The output is never logged.

    On Unix the command runs in a process group of its own, and a time-out kills the whole
    group, so helpers it started do not outlive it. Standard input is the null device; a
    command that prompts on the terminal (\c{/dev/tty}) is in a background group there.
*/

class AwsProcessCredentialsProviderPrivate
{
public:
    QString command;
    int timeoutMs = AwsProcessCredentialsProvider::DefaultTimeoutMs;
    QPointer<QProcess> process;
};

namespace {

// What one run of the command produced, bounded as it arrives.
struct ProcessRun
{
    enum Stop { Running, TimedOut, TooLarge };
    Stop stop = Running;
    QByteArray output;
    QByteArray errorHead; // the first MaxEchoedBytes of standard error
    qint64 errorSize = 0;

    void drain(QProcess *process)
    {
        output += process->readAllStandardOutput();
        const QByteArray error = process->readAllStandardError();
        errorSize += error.size();
        errorHead += error.left(qMax<qsizetype>(0, MaxEchoedBytes - errorHead.size()));
    }
    QString errorText() const
    {
        const QString text = echoableText(errorHead, errorSize);
        return text.isEmpty() ? QString() : QStringLiteral(": ") + text;
    }
};

// The command runs in a process group of its own (see startFetch()): killing the group also
// ends what it started, such as a helper that would otherwise outlive a time-out.
void killProcessGroup(QProcess *process)
{
#ifdef Q_OS_UNIX
    if (const qint64 pid = process->processId(); pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
#endif
    process->kill();
}

} // namespace

/*!
    Constructs a provider that runs \a command, with the given \a parent.
*/
AwsProcessCredentialsProvider::AwsProcessCredentialsProvider(const QString &command,
                                                             QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsProcessCredentialsProviderPrivate)
{
    d->command = command.trimmed();
}

/*!
    Destroys the provider, killing a running process.
*/
AwsProcessCredentialsProvider::~AwsProcessCredentialsProvider()
{
    if (QProcess *process = d->process) {
        process->disconnect(this);
        killProcessGroup(process);
        process->waitForFinished(1000);
        delete process;
    }
}

/*!
    Returns "credential_process".
*/
QString AwsProcessCredentialsProvider::name() const
{
    return QStringLiteral("credential_process");
}

/*! Returns the command line. */
QString AwsProcessCredentialsProvider::command() const { return d->command; }
/*! Returns the time after which the process is killed, in milliseconds. */
int AwsProcessCredentialsProvider::timeout() const { return d->timeoutMs; }
/*! Sets the time after which the process is killed to \a msecs milliseconds. */
void AwsProcessCredentialsProvider::setTimeout(int msecs) { d->timeoutMs = qMax(1, msecs); }

/*!
    Parses the standard \a output of a credential process (JSON, \c Version 1). Returns null
    credentials and sets \a errorString when it is not valid.
*/
AwsCredentials AwsProcessCredentialsProvider::parseOutput(const QByteArray &output,
                                                          QString *errorString)
{
    QString ignored;
    QString &error = errorString ? *errorString : ignored;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = QStringLiteral("the output is not JSON (%1 at offset %2)")
                        .arg(parseError.errorString())
                        .arg(parseError.offset);
        return AwsCredentials();
    }
    if (!document.isObject()) {
        error = QStringLiteral("the output is not a JSON object");
        return AwsCredentials();
    }
    const QJsonObject object = document.object();
    const QJsonValue version = object.value(QLatin1String("Version"));
    if (version.isUndefined()) {
        error = QStringLiteral("the output has no \"Version\" (expected 1)");
        return AwsCredentials();
    }
    if (version.toInt(-1) != 1) {
        error = QStringLiteral("unsupported \"Version\" %1 (expected 1)")
                        .arg(echoableText(version.toVariant().toString().toUtf8()));
        return AwsCredentials();
    }
    return credentialsFromJson(object, &error);
}

/*!
    \reimp
*/
void AwsProcessCredentialsProvider::startFetch()
{
    if (d->command.isEmpty()) {
        reportError(NotConfiguredError, QStringLiteral("no credential_process command"));
        return;
    }
    auto *process = new QProcess(this);
    d->process = process;
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_WIN
    process->setProgram(QStringLiteral("cmd.exe"));
    process->setNativeArguments(QStringLiteral("/C ") + d->command);
#else
    process->setProgram(QStringLiteral("/bin/sh"));
    process->setArguments({ QStringLiteral("-c"), d->command });
    process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif

    auto run = std::make_shared<ProcessRun>();
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process, run] {
        run->stop = ProcessRun::TimedOut;
        killProcessGroup(process);
    });
    auto drain = [process, run] {
        run->drain(process);
        if (run->output.size() > MaxSourceBytes && run->stop == ProcessRun::Running) {
            run->stop = ProcessRun::TooLarge;
            killProcessGroup(process);
        }
    };
    connect(process, &QProcess::readyReadStandardOutput, process, drain);
    connect(process, &QProcess::readyReadStandardError, process, drain);

    // The command may carry arguments; only its first word is logged.
    const QString program = d->command.section(u' ', 0, 0);
    auto finish = [this, process, run, drain, program](bool started) {
        if (d->process != process)
            return;
        d->process = nullptr;
        process->deleteLater();
        if (!started) {
            reportError(ProcessError, QStringLiteral("credential_process %1 could not be started: %2")
                                              .arg(program, process->errorString()));
            return;
        }
        drain();
        if (run->stop == ProcessRun::TimedOut) {
            reportError(TimeoutError,
                        QStringLiteral("credential_process %1 did not finish within %2 ms and was killed")
                                .arg(program)
                                .arg(d->timeoutMs));
            return;
        }
        if (run->stop == ProcessRun::TooLarge) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("credential_process %1 printed more than %2 bytes and was killed")
                                .arg(program)
                                .arg(MaxSourceBytes));
            return;
        }
        if (process->exitStatus() != QProcess::NormalExit) {
            reportError(ProcessError, QStringLiteral("credential_process %1 crashed%2")
                                              .arg(program, run->errorText()));
            return;
        }
        if (process->exitCode() != 0) {
            reportError(ProcessError, QStringLiteral("credential_process %1 exited with code %2%3")
                                              .arg(program)
                                              .arg(process->exitCode())
                                              .arg(run->errorText()));
            return;
        }
        QString error;
        const AwsCredentials credentials = parseOutput(run->output, &error);
        if (!credentials.isValid()) {
            reportError(InvalidConfigurationError,
                        QStringLiteral("credential_process %1 output: %2").arg(program, error));
            return;
        }
        reportCredentials(credentials);
    };
    connect(process, &QProcess::finished, this, [finish] { finish(true); });
    connect(process, &QProcess::errorOccurred, this, [finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(false);
    });
    qCDebug(lcCredentials).noquote() << "running credential_process" << program;
    timer->start(d->timeoutMs);
    process->start();
}
