// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TEST_TESTSECRETS_H
#define QTSIGV4_TEST_TESTSECRETS_H

#include <qtsigv4/awscredentials.h>

#include <QtCore/qfile.h>
#include <QtCore/qset.h>

// Secrets made while a test runs (moto's access keys, STS session credentials) are unknown to
// the secret_hygiene test beforehand: a test publishes them here, and the hygiene run (which
// sets QTSIGV4_HYGIENE_SECRETS_FILE) checks the test's output for them too.
inline void publishTestSecrets(const AwsCredentials &credentials)
{
    const QString path = qEnvironmentVariable("QTSIGV4_HYGIENE_SECRETS_FILE");
    if (path.isEmpty())
        return;
    static QSet<QString> published; // the fixture signs with the same keys again and again
    QFile file(path);
    for (const QString &secret : { credentials.secretAccessKey(), credentials.sessionToken() }) {
        if (secret.isEmpty() || published.contains(secret))
            continue;
        if (!file.isOpen() && !file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            qFatal("cannot append to QTSIGV4_HYGIENE_SECRETS_FILE %s", qPrintable(path));
        file.write(secret.toUtf8() + '\n');
        published.insert(secret);
    }
}

#endif // QTSIGV4_TEST_TESTSECRETS_H
