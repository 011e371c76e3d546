// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSQMLNETWORKACCESSMANAGERFACTORY_H
#define AWSQMLNETWORKACCESSMANAGERFACTORY_H

#include <QtCore/qmutex.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>
#include <QtQml/qqmlnetworkaccessmanagerfactory.h>

// What an AwsSigning element configures: copied into the factory under a lock, because the
// engine calls create() from its loader threads too.
struct AwsQmlSigningSettings
{
    QString service = QStringLiteral("s3");
    QString region;
    QString profile;
    QUrl endpoint;
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    // AWS IoT Core credentials (used when iotEndpoint is set and accessKeyId is not).
    QString iotEndpoint;
    QString iotRoleAlias;
    QString iotThingName;
    QString iotCertificateFile;
    QString iotPrivateKeyFile;
    QString iotCaFile;
};

// Gives the QML engine AwsNetworkAccessManagers: requests to the configured endpoint (or, with
// no endpoint, to AWS endpoints) are signed; everything else is sent unchanged.
class AwsQmlNetworkAccessManagerFactory : public QQmlNetworkAccessManagerFactory
{
public:
    AwsQmlNetworkAccessManagerFactory() = default;
    QNetworkAccessManager *create(QObject *parent) override;

    void setSettings(const AwsQmlSigningSettings &settings);
    AwsQmlSigningSettings settings() const;

private:
    mutable QMutex m_mutex;
    AwsQmlSigningSettings m_settings;
};

#endif // AWSQMLNETWORKACCESSMANAGERFACTORY_H
