// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSWEBIDENTITYCREDENTIALSPROVIDER_H
#define AWSWEBIDENTITYCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class AwsWebIdentityCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsWebIdentityCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    // Configured from AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME.
    explicit AwsWebIdentityCredentialsProvider(QObject *parent = nullptr);
    AwsWebIdentityCredentialsProvider(const QString &roleArn, const QString &tokenFile,
                                      const QString &roleSessionName = QString(),
                                      QObject *parent = nullptr);
    ~AwsWebIdentityCredentialsProvider() override;

    QString name() const override;

    QString roleArn() const;
    QString tokenFile() const;
    QString roleSessionName() const;
    int durationSeconds() const;
    void setDurationSeconds(int seconds);

    // Default: AwsConfigFile::resolveRegion() / resolveEndpointUrl("sts") at each refresh.
    QString region() const;
    void setRegion(const QString &region);
    QUrl stsEndpoint() const;
    void setStsEndpoint(const QUrl &endpoint);
    int timeout() const;
    void setTimeout(int msecs);
    void setNetworkAccessManager(QNetworkAccessManager *manager);

protected:
    void startFetch() override;

private:
    QScopedPointer<AwsWebIdentityCredentialsProviderPrivate> d;
};

#endif // AWSWEBIDENTITYCREDENTIALSPROVIDER_H
