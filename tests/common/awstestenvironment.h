// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_AWSTESTENVIRONMENT_H
#define QTSIGV4_TESTS_AWSTESTENVIRONMENT_H

#include <QtCore/qbytearray.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qfile.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>
#include <QtCore/qtemporarydir.h>

// Gives a test a clean AWS environment and restores the old one on destruction:
// every AWS_* variable is unset, HOME points to an empty temporary directory (so ~/.aws is
// empty), and AWS_EC2_METADATA_DISABLED=true keeps the default chain off the network.
// set()/unset() changes are restored too. Not thread-safe: use from the test's main thread.
class AwsTestEnvironment
{
public:
    AwsTestEnvironment()
    {
        const QStringList keys = QProcessEnvironment::systemEnvironment().keys();
        for (const QString &key : keys) {
            if (key.startsWith(QLatin1String("AWS_")))
                unset(key.toLatin1());
        }
        set("HOME", QFile::encodeName(m_home.path()));
        set("AWS_EC2_METADATA_DISABLED", "true");
    }
    ~AwsTestEnvironment()
    {
        for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
            if (it->second.isNull())
                qunsetenv(it->first.constData());
            else
                qputenv(it->first.constData(), it->second);
        }
    }
    AwsTestEnvironment(const AwsTestEnvironment &) = delete;
    AwsTestEnvironment &operator=(const AwsTestEnvironment &) = delete;

    void set(const QByteArray &name, const QByteArray &value)
    {
        save(name);
        qputenv(name.constData(), value);
    }
    void set(const QByteArray &name, const QString &value) { set(name, value.toUtf8()); }
    void set(const QByteArray &name, const char *value) { set(name, QByteArray(value)); }
    void unset(const QByteArray &name)
    {
        save(name);
        qunsetenv(name.constData());
    }

    QString home() const { return m_home.path(); }
    QString awsDir() const { return m_home.filePath(QStringLiteral(".aws")); }

    // Writes ~/.aws/<name> (or any path relative to HOME); returns its absolute path.
    QString writeFile(const QString &relativePath, const QByteArray &content,
                      QFile::Permissions permissions = QFile::Permissions())
    {
        const QString path = m_home.filePath(relativePath);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString();
        file.write(content);
        file.close();
        if (permissions)
            file.setPermissions(permissions);
        return path;
    }
    QString writeConfig(const QByteArray &content)
    {
        return writeFile(QStringLiteral(".aws/config"), content);
    }
    QString writeCredentials(const QByteArray &content)
    {
        return writeFile(QStringLiteral(".aws/credentials"), content);
    }

private:
    void save(const QByteArray &name)
    {
        for (const auto &entry : std::as_const(m_saved)) {
            if (entry.first == name)
                return;
        }
        m_saved.append({ name, qEnvironmentVariableIsSet(name.constData())
                                       ? qgetenv(name.constData())
                                       : QByteArray() });
    }

    QTemporaryDir m_home;
    QList<QPair<QByteArray, QByteArray>> m_saved; // null value: was unset
};

#endif // QTSIGV4_TESTS_AWSTESTENVIRONMENT_H
