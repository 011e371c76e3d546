// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_TESTCERTIFICATEAUTHORITY_H
#define QTSIGV4_TESTS_TESTCERTIFICATEAUTHORITY_H

#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslkey.h>

// A certificate authority made at run time with the openssl CLI (P-256 keys, valid two days),
// in a temporary directory of its own that goes with it. It issues leaf certificates usable
// both as TLS server and TLS client certificates.
//
//     TestCertificateAuthority ca(QStringLiteral("qtsigv4 test CA"));
//     QVERIFY2(ca.isValid(), qPrintable(ca.errorString()));
//     const auto server = ca.issue(QStringLiteral("server"), { QStringLiteral("IP:127.0.0.1") });
class TestCertificateAuthority
{
public:
    struct Identity
    {
        QString certificatePath;     // PEM
        QString keyPath;             // PEM, PKCS#8, unencrypted
        QSslCertificate certificate;
        QSslKey key;
        bool isValid() const { return !certificate.isNull() && !key.isNull(); }
    };

    explicit TestCertificateAuthority(const QString &commonName);

    static bool isOpensslAvailable();

    bool isValid() const { return m_errorString.isEmpty() && !m_certificate.isNull(); }
    QString errorString() const { return m_errorString; }
    QString certificatePath() const { return m_certificatePath; }
    QSslCertificate certificate() const { return m_certificate; }

    // A key and a certificate for commonName signed by this CA; subjectAltNames as openssl
    // writes them ("IP:127.0.0.1", "DNS:localhost"). An invalid Identity on failure
    // (errorString() says why).
    Identity issue(const QString &commonName, const QStringList &subjectAltNames);

private:
    bool run(const QStringList &arguments);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_certificatePath;
    QString m_keyPath;
    QSslCertificate m_certificate;
    QString m_errorString;
    int m_serial = 1;
};

#endif // QTSIGV4_TESTS_TESTCERTIFICATEAUTHORITY_H
