// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSNETWORKACCESSMANAGER_H
#define AWSNETWORKACCESSMANAGER_H

#include <qtsigv4/awssigningkey.h>
#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qlist.h>
#include <QtCore/qscopedpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkrequest.h>

class AwsCredentialsProvider;
class AwsNetworkAccessManagerPrivate;
class AwsPresignReply;

class QTSIGV4_EXPORT AwsNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
    Q_PROPERTY(qint64 clockOffset READ clockOffset WRITE setClockOffset NOTIFY clockOffsetChanged)
public:
    // Request attributes (QString values) that choose the signing service and region.
    static constexpr QNetworkRequest::Attribute ServiceAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 20800);
    static constexpr QNetworkRequest::Attribute RegionAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 20801);
    // Request attribute (an int): the most attempts for this request, instead of maxAttempts().
    static constexpr QNetworkRequest::Attribute MaxAttemptsAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 20802);

    explicit AwsNetworkAccessManager(QObject *parent = nullptr);
    ~AwsNetworkAccessManager() override;

    void addRule(const AwsSigningRule &rule);
    void setRules(const QList<AwsSigningRule> &rules);
    QList<AwsSigningRule> rules() const;
    void clearRules();
    AwsSigningRule ruleFor(const QUrl &url, QString *errorString = nullptr) const;
    AwsSigningRule ruleFor(const QNetworkRequest &request, QString *errorString = nullptr) const;

    AwsPresignReply *presign(const QNetworkRequest &request, const QByteArray &verb = QByteArrayLiteral("GET"),
                             qint64 expiresInSeconds = AwsSigningConfig::DefaultExpiry);

    AwsCredentialsProvider *defaultCredentialsProvider() const;
    void setDefaultCredentialsProvider(AwsCredentialsProvider *provider);

    qint64 clockOffset() const;
    void setClockOffset(qint64 msecs);
    bool isClockSkewCorrectionEnabled() const;
    void setClockSkewCorrectionEnabled(bool enabled);

    bool directRepliesEnabled() const;
    void setDirectRepliesEnabled(bool enabled);

    qint64 bodyMemoryLimit() const;
    void setBodyMemoryLimit(qint64 bytes);
    qint64 asyncHashThreshold() const;
    void setAsyncHashThreshold(qint64 bytes);
    int bodyReadTimeout() const;
    void setBodyReadTimeout(int msecs);
    int credentialsTimeout() const;
    void setCredentialsTimeout(int msecs);

    int maxAttempts() const;
    void setMaxAttempts(int attempts);
    int retryBaseDelay() const;
    void setRetryBaseDelay(int msecs);

Q_SIGNALS:
    void requestSigned(QNetworkReply *reply, const AwsSigningResult &result);
    void clockOffsetChanged(qint64 msecs);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData = nullptr) override;

private:
    Q_DECLARE_PRIVATE_D(d, AwsNetworkAccessManager)
    QScopedPointer<AwsNetworkAccessManagerPrivate> d;
};

#endif // AWSNETWORKACCESSMANAGER_H
