// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "command.h"

#include "clicredentials.h"

#include "core/awsredaction_p.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssigningconfig.h>

#include <QtCore/qcommandlineparser.h>

#include <cstdio>

Command::~Command() = default;

int Command::fail(const QString &message, int exitCode) const
{
    // Exactly one line: fold any line breaks of nested messages into spaces.
    QString line = redacted(message).simplified();
    if (line.isEmpty())
        line = QStringLiteral("unknown error");
    const QByteArray bytes = "sigv4: " + line.toUtf8() + '\n';
    std::fflush(stdout);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    return exitCode;
}

bool Command::writeStdout(const QByteArray &data)
{
    const size_t written = std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    return std::fflush(stdout) == 0 && written == size_t(data.size());
}

void Command::addSecret(const QString &secret)
{
    if (!secret.isEmpty() && !m_secrets.contains(secret))
        m_secrets.append(secret);
}

QString Command::redacted(QString text) const
{
    // The library's redaction, with the secrets of the command line and environment.
    return QtSigV4Private::redactCredentials(std::move(text), m_secrets);
}

void Command::addSecretsOf(const QStringList &arguments, const QProcessEnvironment &environment)
{
    for (const char *flag : { "--secret-access-key", "--session-token" }) {
        const QString name = QString::fromLatin1(flag);
        const qsizetype index = arguments.indexOf(name);
        if (index >= 0 && index + 1 < arguments.size())
            addSecret(arguments.at(index + 1));
        for (const QString &argument : arguments) {
            if (argument.startsWith(name + u'='))
                addSecret(argument.mid(name.size() + 1));
        }
    }
    addSecret(environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")));
    addSecret(environment.value(QStringLiteral("AWS_SESSION_TOKEN")));
}

void Command::addCredentialOptions(QCommandLineParser &parser, const QString &sessionTokenHelp)
{
    parser.addOptions({
        { QStringLiteral("profile"), QStringLiteral("Take credentials from this profile."), QStringLiteral("P") },
        { QStringLiteral("access-key-id"), QStringLiteral("Access key id (default: AWS_ACCESS_KEY_ID)."),
          QStringLiteral("ID") },
        { QStringLiteral("secret-access-key"),
          QStringLiteral("Secret access key (default: AWS_SECRET_ACCESS_KEY). Never printed."),
          QStringLiteral("SECRET") },
        { QStringLiteral("session-token"), sessionTokenHelp, QStringLiteral("T") },
    });
}

AwsCredentials Command::credentialsFrom(const QCommandLineParser &parser,
                                        const QProcessEnvironment &environment, QString *errorString)
{
    CliCredentials::Options options;
    options.accessKeyId = parser.value(QStringLiteral("access-key-id"));
    options.secretAccessKey = parser.value(QStringLiteral("secret-access-key"));
    options.hasSessionToken = parser.isSet(QStringLiteral("session-token"));
    options.sessionToken = parser.value(QStringLiteral("session-token"));
    options.hasProfile = parser.isSet(QStringLiteral("profile"));
    options.profile = parser.value(QStringLiteral("profile"));
    addSecret(options.secretAccessKey);
    const AwsCredentials credentials = CliCredentials::resolve(options, environment, errorString);
    if (!credentials.isValid()) {
        if (errorString->isEmpty())
            *errorString = QStringLiteral("no usable credentials");
        return AwsCredentials();
    }
    addSecret(credentials.secretAccessKey());
    addSecret(credentials.sessionToken());
    return credentials;
}

bool Command::timeFrom(const QCommandLineParser &parser, QDateTime *time, QString *errorString)
{
    *time = QDateTime();
    if (!parser.isSet(QStringLiteral("time")))
        return true;
    const QString text = parser.value(QStringLiteral("time"));
    *time = AwsDate::parse(text.toUtf8());
    if (!time->isValid()) {
        *errorString = QStringLiteral("bad --time '%1': expected 20150830T123600Z or ISO 8601 "
                                      "(2015-08-30T12:36:00Z)").arg(text);
    }
    return time->isValid();
}

bool Command::expiresFrom(const QCommandLineParser &parser, qint64 *expires, QString *errorString)
{
    *expires = AwsSigningConfig::DefaultExpiry;
    if (!parser.isSet(QStringLiteral("expires")))
        return true;
    const QString text = parser.value(QStringLiteral("expires"));
    bool ok = false;
    *expires = text.toLongLong(&ok);
    if (!ok || *expires < 1 || *expires > AwsSigningConfig::MaximumExpiry) {
        *errorString = QStringLiteral("--expires must be a number of seconds from 1 to %1, got '%2'")
                               .arg(AwsSigningConfig::MaximumExpiry).arg(text);
        return false;
    }
    return true;
}

bool Command::parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                             const QString &description, const QString &usage,
                             const QString &epilogue, int *exitCode)
{
    parser.setApplicationDescription(description);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    m_environment = QProcessEnvironment::systemEnvironment();
    addSecretsOf(arguments, m_environment);
    if (!parser.parse(arguments)) {
        *exitCode = fail(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        // QCommandLineParser names the program by its path only: show the subcommand.
        QString text = parser.helpText();
        text.replace(0, text.indexOf(u'\n'), usage);
        writeStdout((text + epilogue).toUtf8());
        *exitCode = ExitSuccess;
        return false;
    }
    return true;
}

bool Command::onePositional(const QCommandLineParser &parser, const QString &name, QString *value,
                            int *exitCode) const
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1) {
        *value = positional.first();
        return true;
    }
    *exitCode = fail(positional.isEmpty()
                             ? QStringLiteral("missing %1").arg(name)
                             : QStringLiteral("expected one %1, got %2").arg(name).arg(positional.size()));
    return false;
}

bool Command::isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"http" || url.scheme() == u"https");
}
