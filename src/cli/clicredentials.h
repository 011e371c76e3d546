// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_CLICREDENTIALS_H
#define SIGV4_CLICREDENTIALS_H

#include <qtsigv4/awscredentials.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>

// Where the sigv4 subcommands get their credentials:
//   1. --profile P                               -> fromProfile() (the provider chain)
//   2. --access-key-id / --secret-access-key     (+ --session-token)
//   3. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, or --session-token)
//   4. the default provider chain (web identity, ~/.aws, container, instance metadata)
class CliCredentials
{
public:
    struct Options {
        QString accessKeyId;
        QString secretAccessKey;
        QString sessionToken;
        bool hasSessionToken = false;
        QString profile;
        bool hasProfile = false;
    };

    // Returns valid credentials, or null ones with *errorString set (one line, no secret).
    static AwsCredentials resolve(const Options &options,
                                  const QProcessEnvironment &environment,
                                  QString *errorString);

private:
    // The one place that knows about profiles; swapped for the credential chain when the
    // provider issue lands.
    static AwsCredentials fromProfile(const QString &profile, QString *errorString);
    // Nothing given: the default provider chain, as the AWS CLI does.
    static AwsCredentials fromDefaultChain(QString *errorString);
};

#endif // SIGV4_CLICREDENTIALS_H
