// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCONTAINERCREDENTIALSPROVIDER_H
#define AWSCONTAINERCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class AwsContainerCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsContainerCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 2000;

    explicit AwsContainerCredentialsProvider(QObject *parent = nullptr);
    ~AwsContainerCredentialsProvider() override;

    QString name() const override;

    // Where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is resolved (http://169.254.170.2).
    QUrl relativeUriBase() const;
    void setRelativeUriBase(const QUrl &base);
    int timeout() const;
    void setTimeout(int msecs);
    int attempts() const;
    void setAttempts(int attempts);
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    static bool isAllowedFullUri(const QUrl &url);

protected:
    void startFetch() override;

private:
    void attempt(const QUrl &url, const QByteArray &token, int attemptsLeft);
    QScopedPointer<AwsContainerCredentialsProviderPrivate> d;
};

#endif // AWSCONTAINERCREDENTIALSPROVIDER_H
