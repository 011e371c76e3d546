// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCREDENTIALSPROVIDER_H
#define AWSCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>

class AwsCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsCredentialsProvider : public QObject
{
    Q_OBJECT
public:
    enum Error {
        NoError = 0,
        NotConfiguredError,
        InvalidConfigurationError,
        NetworkError,
        TimeoutError,
        ProcessError,
        ExpiredError,
        ChainExhaustedError,
        LoginRequiredError,
        UnknownError
    };
    Q_ENUM(Error)

    explicit AwsCredentialsProvider(QObject *parent = nullptr);
    ~AwsCredentialsProvider() override;

    virtual QString name() const = 0;

    AwsCredentials currentCredentials() const;
    bool hasUsableCredentials() const;
    bool needsRefresh() const;
    bool isFetching() const;
    void fetch();
    virtual void invalidate();
    AwsCredentials waitForCredentials(int msecs = 30000, Error *error = nullptr,
                                      QString *errorString = nullptr);

    Error error() const;
    QString errorString() const;

    qint64 refreshMarginSeconds() const;
    void setRefreshMarginSeconds(qint64 seconds);
    qint64 retryIntervalSeconds() const;
    void setRetryIntervalSeconds(qint64 seconds);

    static QString errorName(Error error);

Q_SIGNALS:
    void credentialsReady(const AwsCredentials &credentials);
    void credentialsFailed(AwsCredentialsProvider::Error error, const QString &errorString);

protected:
    virtual void startFetch() = 0;
    void reportCredentials(const AwsCredentials &credentials);
    void reportError(Error error, const QString &errorString);

private:
    QScopedPointer<AwsCredentialsProviderPrivate> d;
};

#endif // AWSCREDENTIALSPROVIDER_H
