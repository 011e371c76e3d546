// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSNETWORKREPLY_P_H
#define AWSNETWORKREPLY_P_H

// Internal: the reply AwsNetworkAccessManager returns for a signed request. It prepares the
// body hash and the credentials, signs, and forwards everything of the real QNAM reply it
// starts then; it follows redirects itself (re-signing same-origin ones, stripping credentials
// from cross-origin ones), signs again once after learning a clock offset, and retries
// throttling and transient errors (AWS's standard retry mode).

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/awssigningrule.h>
#include "network/awsforwardingreply_p.h"
#include "network/awsretrypolicy_p.h"

#include <QtCore/qdatetime.h>
#include <QtCore/qpointer.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qnetworkaccessmanager.h>

class AwsCredentialsWait;
class AwsNetworkAccessManager;
class AwsNetworkAccessManagerPrivate;
class AwsRedirect;
class AwsRequestBody;

class AwsNetworkReply : public AwsForwardingReply
{
    Q_OBJECT
public:
    AwsNetworkReply(AwsNetworkAccessManager *manager, QNetworkAccessManager::Operation op,
                    const QNetworkRequest &request, QIODevice *outgoingData,
                    const AwsSigningRule &rule, QNetworkRequest::RedirectPolicy callerPolicy,
                    bool autoDelete);
    ~AwsNetworkReply() override;

    void start();
    void failLater(QNetworkReply::NetworkError error, const QString &message);

    void abort() override;
    void close() override;

    AwsSigningResult signingResult() const { return m_result; }
    AwsRequestBody *body() const { return m_body; }
    int attempts() const { return m_attempts; }

protected:
    void onMetaDataChanged() override;
    void onErrorOccurred(QNetworkReply::NetworkError error) override;
    void onFinished() override;
    void resend() override;

private:
    void requestCredentials();
    void sendSigned(const AwsCredentials &credentials);
    void sendUnsigned();
    QString addStreamingHeaders(QNetworkRequest &request, qint64 *decodedLength) const;
    QIODevice *chunkedDevice(qint64 decodedLength, const AwsCredentials &credentials);
    bool forwardError(QNetworkReply::NetworkError error);
    bool retryLater(AwsRetryPolicy::Kind kind, const QString &failure, QString *note);
    void reportError(QNetworkReply::NetworkError error, const QString &message);
    void handleRedirect();
    void followRedirect(const AwsRedirect &redirect, int status);
    AwsNetworkAccessManagerPrivate *managerPrivate() const;
    void stopPendingWork();
    void finishWithError(QNetworkReply::NetworkError error, const QString &message);
    void complete();
    QByteArray verb() const;

    QPointer<AwsNetworkAccessManager> m_manager;
    QNetworkAccessManager::Operation m_op;
    QByteArray m_customVerb;
    QNetworkRequest m_original;
    QUrl m_url;                  // the URL of the current attempt
    AwsSigningRule m_rule;
    QNetworkRequest::RedirectPolicy m_callerPolicy;
    int m_maxRedirects = 50;
    int m_redirects = 0;
    bool m_signed = true;        // false after a cross-origin redirect
    bool m_sendBody = true;      // false after a redirect that turned the request into GET
    bool m_skewRetried = false;
    int m_attempts = 0;          // requests sent: retries, redirects, the clock-skew re-send
    int m_maxAttempts = AwsRetryPolicy::DefaultMaxAttempts;
    int m_retries = 0;           // of AWS's standard retry mode
    QStringList m_secrets;       // of the credentials signed with: never in a message

    AwsRequestBody *m_body = nullptr;
    QPointer<QIODevice> m_chunked; // the aws-chunked encoding of the current attempt
    AwsSigningResult m_result;
    QDateTime m_signedAt;        // local clock (without offset) when the attempt was signed
    AwsCredentialsWait *m_credentialsWait = nullptr;
};

#endif // AWSNETWORKREPLY_P_H
