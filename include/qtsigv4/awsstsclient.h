// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSTSCLIENT_H
#define AWSSTSCLIENT_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class QNetworkAccessManager;
class QNetworkReply;
class AwsStsClientPrivate;

class QTSIGV4_EXPORT AwsStsClient : public QObject
{
    Q_OBJECT
public:
    struct AssumeRoleParameters
    {
        QString roleArn;
        QString roleSessionName;   // default: "qtsigv4-session-<seconds since epoch>"
        QString externalId;
        int durationSeconds = 0;   // 0: the service default (3600)
        QString policy;            // optional session policy (JSON)
    };

    static constexpr int DefaultTimeoutMs = 15000;

    explicit AwsStsClient(QObject *parent = nullptr);
    ~AwsStsClient() override;

    QString region() const;
    void setRegion(const QString &region);
    QUrl endpoint() const;
    void setEndpoint(const QUrl &endpoint);
    QUrl effectiveEndpoint() const;
    static QUrl defaultEndpoint(const QString &region);

    int timeout() const;
    void setTimeout(int msecs);
    QNetworkAccessManager *networkAccessManager() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    void assumeRole(const AwsCredentials &sourceCredentials, const AssumeRoleParameters &parameters);
    void assumeRoleWithWebIdentity(const QString &roleArn, const QString &roleSessionName,
                                   const QByteArray &webIdentityToken, int durationSeconds = 0);
    bool isBusy() const;
    void abort();

    static QString defaultRoleSessionName();
    static AwsCredentials parseCredentialsResponse(const QByteArray &xml,
                                                   QString *errorString = nullptr);
    static QString parseErrorResponse(const QByteArray &xml, QString *code = nullptr);

Q_SIGNALS:
    void finished(const AwsCredentials &credentials);
    void failed(AwsCredentialsProvider::Error error, const QString &errorString);

private:
    void handleReply(QNetworkReply *reply);
    QScopedPointer<AwsStsClientPrivate> d;
};

#endif // AWSSTSCLIENT_H
