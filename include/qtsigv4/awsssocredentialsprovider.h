// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSSOCREDENTIALSPROVIDER_H
#define AWSSSOCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class AwsSsoCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsSsoCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;

    explicit AwsSsoCredentialsProvider(QObject *parent = nullptr);
    ~AwsSsoCredentialsProvider() override;

    QString name() const override;

    QString startUrl() const;
    void setStartUrl(const QString &url);
    QString ssoRegion() const;
    void setSsoRegion(const QString &region);
    QString accountId() const;
    void setAccountId(const QString &accountId);
    QString roleName() const;
    void setRoleName(const QString &roleName);
    // Empty: the legacy form (token cached under the start URL, never refreshed).
    QString sessionName() const;
    void setSessionName(const QString &sessionName);
    // The profile the settings come from: its endpoints, and the "aws sso login" advice.
    QString profile() const;
    void setProfile(const QString &profile);

    QString cacheDirectory() const;
    void setCacheDirectory(const QString &path);
    QString tokenCacheFile() const;

    QUrl portalEndpoint() const;
    void setPortalEndpoint(const QUrl &endpoint);
    QUrl oidcEndpoint() const;
    void setOidcEndpoint(const QUrl &endpoint);

    int timeout() const;
    void setTimeout(int msecs);
    void setNetworkAccessManager(QNetworkAccessManager *manager);

protected:
    void startFetch() override;

private:
    QString configurationProblem() const;
    QString loginAdvice() const;
    void useToken();
    void refreshToken();
    void finishRefresh();
    void requestRoleCredentials();
    void finishRoleCredentials();
    void failWithToken(Error error, const QString &message);
    QScopedPointer<AwsSsoCredentialsProviderPrivate> d;
};

#endif // AWSSSOCREDENTIALSPROVIDER_H
