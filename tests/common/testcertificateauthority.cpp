// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "testcertificateauthority.h"

#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>

static const QStringList newKeyArguments = { QStringLiteral("-newkey"), QStringLiteral("ec"),
                                             QStringLiteral("-pkeyopt"),
                                             QStringLiteral("ec_paramgen_curve:prime256v1"),
                                             QStringLiteral("-nodes") };

static QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

TestCertificateAuthority::TestCertificateAuthority(const QString &commonName)
{
    if (!m_dir.isValid()) {
        m_errorString = QStringLiteral("cannot create a temporary directory");
        return;
    }
    m_certificatePath = path(QStringLiteral("ca.pem"));
    m_keyPath = path(QStringLiteral("ca.key"));
    if (!run(QStringList{ QStringLiteral("req"), QStringLiteral("-x509") } + newKeyArguments
             + QStringList{ QStringLiteral("-keyout"), m_keyPath, QStringLiteral("-out"),
                            m_certificatePath, QStringLiteral("-days"), QStringLiteral("2"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
                            QStringLiteral("-addext"),
                            QStringLiteral("basicConstraints=critical,CA:TRUE"),
                            QStringLiteral("-addext"),
                            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") }))
        return;
    m_certificate = QSslCertificate(readAll(m_certificatePath), QSsl::Pem);
    if (m_certificate.isNull())
        m_errorString = QStringLiteral("openssl wrote a CA certificate Qt cannot read");
}

bool TestCertificateAuthority::isOpensslAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

TestCertificateAuthority::Identity TestCertificateAuthority::issue(const QString &commonName,
                                                                   const QStringList &subjectAltNames)
{
    Identity identity;
    if (!isValid())
        return identity;
    const QString base = QStringLiteral("leaf%1").arg(++m_serial);
    identity.certificatePath = path(base + QStringLiteral(".pem"));
    identity.keyPath = path(base + QStringLiteral(".key"));
    const QString request = path(base + QStringLiteral(".csr"));
    const QString extensions = path(base + QStringLiteral(".ext"));
    QFile extensionFile(extensions);
    if (!extensionFile.open(QIODevice::WriteOnly)) {
        m_errorString = QStringLiteral("cannot write ") + extensions;
        return identity;
    }
    if (!subjectAltNames.isEmpty())
        extensionFile.write("subjectAltName=" + subjectAltNames.join(u',').toUtf8() + '\n');
    extensionFile.write("extendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n");
    extensionFile.close();

    if (!run(QStringList{ QStringLiteral("req") } + newKeyArguments
             + QStringList{ QStringLiteral("-keyout"), identity.keyPath, QStringLiteral("-out"),
                            request, QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName })
        || !run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request,
                  QStringLiteral("-CA"), m_certificatePath, QStringLiteral("-CAkey"), m_keyPath,
                  QStringLiteral("-set_serial"), QString::number(m_serial),
                  QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                  extensions, QStringLiteral("-out"), identity.certificatePath })) {
        return identity;
    }
    identity.certificate = QSslCertificate(readAll(identity.certificatePath), QSsl::Pem);
    identity.key = QSslKey(readAll(identity.keyPath), QSsl::Ec, QSsl::Pem);
    if (!identity.isValid())
        m_errorString = QStringLiteral("openssl wrote a certificate or key Qt cannot read");
    return identity;
}

bool TestCertificateAuthority::run(const QStringList &arguments)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit
        || openssl.exitCode() != 0) {
        m_errorString = QStringLiteral("openssl %1 failed: %2 %3")
                                .arg(arguments.value(0), openssl.errorString(),
                                     QString::fromLocal8Bit(openssl.readAll()));
        return false;
    }
    return true;
}
