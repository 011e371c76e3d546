// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSINSTANCEMETADATACREDENTIALSPROVIDER_H
#define AWSINSTANCEMETADATACREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class AwsInstanceMetadataCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsInstanceMetadataCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 1000;
    static constexpr int DefaultTokenTtlSeconds = 21600;

    explicit AwsInstanceMetadataCredentialsProvider(QObject *parent = nullptr);
    ~AwsInstanceMetadataCredentialsProvider() override;

    QString name() const override;

    // Default: AWS_EC2_METADATA_SERVICE_ENDPOINT, the profile's ec2_metadata_service_endpoint,
    // else http://169.254.169.254 (http://[fd00:ec2::254] in IPv6 endpoint mode).
    QUrl endpoint() const;
    void setEndpoint(const QUrl &endpoint);
    static QUrl configuredEndpoint(const QString &profile = QString());
    static bool isDisabled();

    int timeout() const;
    void setTimeout(int msecs);
    int tokenTtlSeconds() const;
    void setTokenTtlSeconds(int seconds);
    bool allowsV1Fallback() const;
    void setAllowV1Fallback(bool allow);
    void setNetworkAccessManager(QNetworkAccessManager *manager);

protected:
    void startFetch() override;

private:
    enum Step { TokenStep, RoleStep, CredentialsStep };
    void runStep(Step step);
    void finishStep(Step step, int status, const QByteArray &body, const QString &failure,
                    Error failureType);
    QScopedPointer<AwsInstanceMetadataCredentialsProviderPrivate> d;
};

#endif // AWSINSTANCEMETADATACREDENTIALSPROVIDER_H
