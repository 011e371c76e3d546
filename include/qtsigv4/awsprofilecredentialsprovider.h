// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSPROFILECREDENTIALSPROVIDER_H
#define AWSPROFILECREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class AwsProfileCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsProfileCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    // An empty profile means the active one (AWS_PROFILE, AWS_DEFAULT_PROFILE, "default"),
    // looked up at every refresh.
    explicit AwsProfileCredentialsProvider(const QString &profile = QString(),
                                           QObject *parent = nullptr);
    ~AwsProfileCredentialsProvider() override;

    QString name() const override;
    QString profile() const;
    QString effectiveProfile() const;

    // Default: AwsConfigFile::resolveRegion(profile) / resolveEndpointUrl("sts", profile).
    QString region() const;
    void setRegion(const QString &region);
    QUrl stsEndpoint() const;
    void setStsEndpoint(const QUrl &endpoint);
    int stsTimeout() const;
    void setStsTimeout(int msecs);
    int processTimeout() const;
    void setProcessTimeout(int msecs);
    void setNetworkAccessManager(QNetworkAccessManager *manager);

protected:
    void startFetch() override;

private:
    void assumeNextRole();
    AwsCredentialsProvider *createSsoProvider();
    void fail(Error error, const QString &message);
    QScopedPointer<AwsProfileCredentialsProviderPrivate> d;
};

#endif // AWSPROFILECREDENTIALSPROVIDER_H
