// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "clicredentials.h"

#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>

#include <memory>

namespace {

AwsCredentials failWith(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return AwsCredentials();
}

} // namespace

AwsCredentials CliCredentials::resolve(const Options &options,
                                       const QProcessEnvironment &environment,
                                       QString *errorString)
{
    const bool hasKeyFlags = !options.accessKeyId.isEmpty() || !options.secretAccessKey.isEmpty();

    if (options.hasProfile) {
        if (hasKeyFlags) {
            return failWith(errorString, QStringLiteral(
                    "--profile cannot be combined with --access-key-id/--secret-access-key"));
        }
        if (options.profile.isEmpty())
            return failWith(errorString, QStringLiteral("--profile needs a profile name"));
        return fromProfile(options.profile, errorString);
    }

    if (hasKeyFlags) {
        if (options.accessKeyId.isEmpty())
            return failWith(errorString, QStringLiteral("--secret-access-key needs --access-key-id"));
        if (options.secretAccessKey.isEmpty())
            return failWith(errorString, QStringLiteral("--access-key-id needs --secret-access-key"));
        AwsCredentials credentials(options.accessKeyId, options.secretAccessKey,
                                   options.hasSessionToken ? options.sessionToken : QString());
        credentials.setProviderName(QStringLiteral("command line"));
        return credentials;
    }

    const QString id = environment.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    const QString secret = environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (!id.isEmpty() && !secret.isEmpty()) {
        const QString token = options.hasSessionToken
                ? options.sessionToken
                : environment.value(QStringLiteral("AWS_SESSION_TOKEN"));
        AwsCredentials credentials(id, secret, token);
        credentials.setProviderName(QStringLiteral("environment"));
        return credentials;
    }
    if (!id.isEmpty())
        return failWith(errorString, QStringLiteral("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
    if (!secret.isEmpty())
        return failWith(errorString, QStringLiteral("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"));

    return fromDefaultChain(errorString);
}

AwsCredentials CliCredentials::fromDefaultChain(QString *errorString)
{
    // What the AWS CLI does without flags: web identity, ~/.aws profiles (AWS_PROFILE),
    // container and instance metadata, each bounded in time.
    std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    const AwsCredentials credentials = chain->waitForCredentials(90000, &error, &message);
    if (!credentials.isValid()) {
        return failWith(errorString, QStringLiteral("no credentials: pass --access-key-id and "
                                                    "--secret-access-key or --profile (%1)")
                                             .arg(message.simplified()));
    }
    return credentials;
}

AwsCredentials CliCredentials::fromProfile(const QString &profile, QString *errorString)
{
    // The named profile only (static keys, credential_process, role_arn via STS, ...), as the
    // AWS CLI does for --profile: environment keys do not override it. Every source inside is
    // bounded (STS 15 s, credential_process 30 s).
    AwsProfileCredentialsProvider provider(profile);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(90000, &error, &message);
    if (!credentials.isValid())
        return failWith(errorString, QStringLiteral("--profile %1: %2").arg(profile, message.simplified()));
    return credentials;
}
