// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awsqmlnetworkaccessmanagerfactory.h"

#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsiotcredentialsprovider.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

void AwsQmlNetworkAccessManagerFactory::setSettings(const AwsQmlSigningSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    m_settings = settings;
}

AwsQmlSigningSettings AwsQmlNetworkAccessManagerFactory::settings() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings;
}

// A path, or a file: URL as Qt.resolvedUrl() makes it.
static QString localPath(const QString &pathOrUrl)
{
    return pathOrUrl.startsWith(QLatin1String("file:")) ? QUrl(pathOrUrl).toLocalFile() : pathOrUrl;
}

static AwsCredentialsProvider *createIotProvider(const AwsQmlSigningSettings &s, QObject *parent)
{
    auto *provider = new AwsIotCredentialsProvider(parent);
    provider->setEndpoint(s.iotEndpoint);
    provider->setRoleAlias(s.iotRoleAlias);
    provider->setThingName(s.iotThingName);
    provider->setCertificateFile(localPath(s.iotCertificateFile));
    provider->setPrivateKeyFile(localPath(s.iotPrivateKeyFile));
    provider->setCaFile(localPath(s.iotCaFile));
    return provider;
}

QNetworkAccessManager *AwsQmlNetworkAccessManagerFactory::create(QObject *parent)
{
    const AwsQmlSigningSettings s = settings();
    auto *manager = new AwsNetworkAccessManager(parent);
    // The provider lives with the manager, in the thread that asked for it.
    AwsCredentialsProvider *provider = nullptr;
    if (!s.accessKeyId.isEmpty()) {
        provider = new AwsStaticCredentialsProvider(
                AwsCredentials(s.accessKeyId, s.secretAccessKey, s.sessionToken), manager);
    } else if (!s.iotEndpoint.isEmpty()) {
        provider = createIotProvider(s, manager);
    } else if (!s.profile.isEmpty()) {
        provider = new AwsProfileCredentialsProvider(s.profile, manager);
    } else {
        provider = AwsCredentialsProviderChain::createDefault(QString(), manager);
    }
    if (s.endpoint.isValid() && !s.endpoint.host().isEmpty())
        manager->addRule(AwsSigningRule::forBaseUrl(s.endpoint, s.service, s.region, provider));
    else
        manager->addRule(AwsSigningRule::forAwsEndpoints(provider));
    return manager;
}
