// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "command.h"

#include <QtCore/qfile.h>

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
    for (const QString &secret : m_secrets)
        text.replace(secret, QStringLiteral("<redacted>"));
    return text;
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

bool Command::readInput(const QString &fileName, QByteArray *data, QString *errorString)
{
    QFile file;
    const bool isStdin = fileName == u"-";
    const QString what = isStdin ? QStringLiteral("standard input") : fileName;
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly)
                                : (file.setFileName(fileName), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(what, file.errorString());
        return false;
    }
    *data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(what, file.errorString());
        return false;
    }
    return true;
}
