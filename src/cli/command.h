// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_COMMAND_H
#define SIGV4_COMMAND_H

#include <qtsigv4/awscredentials.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

// Base class of the sigv4 subcommands (sign, and later curl, presign, verify).
// A subcommand gets its own arguments (argument 0 is "sigv4 <name>") and returns the
// process exit code. Errors go through fail(): one line on stderr starting "sigv4: ",
// with every registered secret redacted.
class QCommandLineParser;

class Command
{
public:
    enum ExitCode {
        ExitSuccess = 0,
        ExitFailure = 1,  // the request was fine but something at run time failed
        ExitBadInput = 2  // bad flags, bad request text, missing credentials, ...
    };

    Command() = default;
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;
    virtual ~Command();

    virtual int run(const QStringList &arguments) = 0;

    // Writes "sigv4: <message>" as a single line on stderr and returns ExitBadInput.
    int fail(const QString &message) const { return fail(message, ExitBadInput); }
    int fail(const QString &message, int exitCode) const;

    // Writes bytes to stdout exactly as given. Returns false when the write failed.
    static bool writeStdout(const QByteArray &data);
    // An absolute http:// or https:// URL with a host.
    static bool isHttpUrl(const QUrl &url);

protected:
    // Parses arguments with the options already added to parser, plus -h/--help; registers
    // the secrets of the command line and the environment first. Returns false with
    // *exitCode set when the command is done: help printed (0) or bad flags (2).
    bool parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                        const QString &description, const QString &usage, const QString &epilogue,
                        int *exitCode);
    const QProcessEnvironment &environment() const { return m_environment; }
    // The one positional argument the command takes, called name in messages ("URL"). False
    // with *exitCode set (bad input, one line on stderr) when there is none or more than one.
    bool onePositional(const QCommandLineParser &parser, const QString &name, QString *value,
                       int *exitCode) const;

    // Registers a value that must never appear in anything this command prints.
    void addSecret(const QString &secret);
    // Registers the secrets of the command line (--secret-access-key, --session-token) and of
    // the environment, before anything can fail, so that no message can leak them.
    void addSecretsOf(const QStringList &arguments, const QProcessEnvironment &environment);

    // --profile, --access-key-id, --secret-access-key and --session-token.
    static void addCredentialOptions(QCommandLineParser &parser, const QString &sessionTokenHelp);
    // The credentials those options (else the environment) name; registered as secrets.
    // Null credentials with *errorString set (one line, no secret) when there are none.
    AwsCredentials credentialsFrom(const QCommandLineParser &parser,
                                   const QProcessEnvironment &environment, QString *errorString);
    // --time (default: an invalid QDateTime, meaning now) and --expires (1..604800).
    static bool timeFrom(const QCommandLineParser &parser, QDateTime *time, QString *errorString);
    static bool expiresFrom(const QCommandLineParser &parser, qint64 *expires, QString *errorString);
    QString redacted(QString text) const;

private:
    QStringList m_secrets;
    QProcessEnvironment m_environment;
};

#endif // SIGV4_COMMAND_H
