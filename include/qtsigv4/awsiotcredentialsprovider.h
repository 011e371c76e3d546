// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSIOTCREDENTIALSPROVIDER_H
#define AWSIOTCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qlist.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslkey.h>

class QSslConfiguration;
class AwsIotCredentialsProviderPrivate;

class QTSIGV4_EXPORT AwsIotCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 5000;
    static constexpr int MaxNameLength = 128;

    explicit AwsIotCredentialsProvider(QObject *parent = nullptr);
    ~AwsIotCredentialsProvider() override;

    QString name() const override;

    QUrl endpoint() const;
    void setEndpoint(const QString &hostOrUrl);
    QString roleAlias() const;
    void setRoleAlias(const QString &roleAlias);
    QString thingName() const;
    void setThingName(const QString &thingName);

    QString certificateFile() const;
    void setCertificateFile(const QString &path);
    QString privateKeyFile() const;
    void setPrivateKeyFile(const QString &path);
    QString caFile() const;
    void setCaFile(const QString &path);

    QSslCertificate certificate() const;
    void setCertificate(const QSslCertificate &certificate);
    QSslKey privateKey() const;
    void setPrivateKey(const QSslKey &key);
    QList<QSslCertificate> caCertificates() const;
    void setCaCertificates(const QList<QSslCertificate> &certificates);

    int timeout() const;
    void setTimeout(int msecs);

    QUrl credentialsUrl() const;

protected:
    void startFetch() override;

private:
    bool buildTlsConfiguration(QSslConfiguration *configuration, QString *errorString) const;
    QString configurationProblem() const;
    void finishFetch();
    QScopedPointer<AwsIotCredentialsProviderPrivate> d;
};

#endif // AWSIOTCREDENTIALSPROVIDER_H
