// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awscredentialswait_p.h"

#include <qtsigv4/awscredentialsprovider.h>

// When provider has usable credentials, sets *credentials to them (starting a background
// refresh when they are due for one) and returns true.
bool AwsCredentialsWait::takeReady(AwsCredentialsProvider *provider, AwsCredentials *credentials)
{
    if (!provider->hasUsableCredentials())
        return false;
    *credentials = provider->currentCredentials();
    if (provider->needsRefresh())
        provider->fetch();
    return true;
}

// Asks provider for credentials and calls ready or failed once, failed with TimedOut after
// timeoutMsecs; the messages name the provider, never a secret.
void AwsCredentialsWait::start(AwsCredentialsProvider *provider, int timeoutMsecs,
                               ReadyHandler ready, FailureHandler failed)
{
    stop();
    const QString name = provider->name();
    m_ready = connect(provider, &AwsCredentialsProvider::credentialsReady, this,
                      [this, ready](const AwsCredentials &credentials) {
                          stop();
                          ready(credentials);
                      });
    m_failed = connect(provider, &AwsCredentialsProvider::credentialsFailed, this,
                       [this, failed, name](AwsCredentialsProvider::Error, const QString &message) {
                           stop();
                           failed(ProviderFailed, QStringLiteral("no credentials from the %1 provider: %2")
                                                          .arg(name, message));
                       });
    connect(&m_timer, &QTimer::timeout, this, [this, failed, name] {
        stop();
        failed(TimedOut, QStringLiteral("timed out waiting for credentials from the %1 provider").arg(name));
    });
    m_timer.start(timeoutMsecs);
    provider->fetch();
}

void AwsCredentialsWait::stop()
{
    m_timer.stop();
    disconnect(&m_timer, nullptr, this, nullptr);
    disconnect(m_ready);
    disconnect(m_failed);
}
