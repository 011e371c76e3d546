// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awscredentialswait_p.h"

#include "core/qtsigv4logging_p.h"

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
    m_expiredRefetches = 0;
    m_ready = connect(provider, &AwsCredentialsProvider::credentialsReady, this,
                      [this, ready, failed, provider](const AwsCredentials &credentials) {
                          // Credentials may have expired while the signal waited in the queue (a
                          // busy event loop): never hand those out; ask the provider again.
                          if (credentials.isExpired()) {
                              const QString expiry = credentials.expiration().toUTC().toString(Qt::ISODate);
                              if (++m_expiredRefetches <= MaxExpiredRefetches) {
                                  qCDebug(lcCredentials).noquote()
                                          << "the credentials from" << credentials.providerName()
                                          << "expired at" << expiry << "before use; fetching them again";
                                  provider->fetch();
                                  return;
                              }
                              stop();
                              failed(ProviderFailed,
                                     QStringLiteral("the credentials from %1 expired (at %2) before the "
                                                    "request could be signed, %3 times in a row")
                                             .arg(credentials.providerName(), expiry)
                                             .arg(m_expiredRefetches));
                              return;
                          }
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
