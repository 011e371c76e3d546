// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TEST_TESTSECRETS_H
#define QTSIGV4_TEST_TESTSECRETS_H

#include <qtsigv4/awscredentials.h>

#include <QtCore/qfile.h>

// Secrets made while a test runs (moto's access keys, STS session credentials) are unknown to
// the secret_hygiene test beforehand: a test publishes them here, and the hygiene run (which
// sets QTSIGV4_HYGIENE_SECRETS_FILE) checks the test's output for them too.
inline void publishTestSecrets(const AwsCredentials &credentials)
{
    const QString path = qEnvironmentVariable("QTSIGV4_HYGIENE_SECRETS_FILE");
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        qFatal("cannot append to QTSIGV4_HYGIENE_SECRETS_FILE %s", qPrintable(path));
    for (const QString &secret : { credentials.secretAccessKey(), credentials.sessionToken() }) {
        if (!secret.isEmpty())
            file.write(secret.toUtf8() + '\n');
    }
}

#endif // QTSIGV4_TEST_TESTSECRETS_H
