// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSPROCESSCREDENTIALSPROVIDER_H
#define AWSPROCESSCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qscopedpointer.h>

class AwsProcessCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsProcessCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 30000;

    explicit AwsProcessCredentialsProvider(const QString &command, QObject *parent = nullptr);
    ~AwsProcessCredentialsProvider() override;

    QString name() const override;
    QString command() const;
    int timeout() const;
    void setTimeout(int msecs);

    static AwsCredentials parseOutput(const QByteArray &output, QString *errorString = nullptr);

protected:
    void startFetch() override;

private:
    QScopedPointer<AwsProcessCredentialsProviderPrivate> d;
};

#endif // AWSPROCESSCREDENTIALSPROVIDER_H
