// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSNETWORKREPLY_P_H
#define AWSNETWORKREPLY_P_H

// Internal: the reply AwsNetworkAccessManager returns for a signed request. It prepares the
// body hash and the credentials, signs, and forwards everything of the real QNAM reply it
// starts then; it follows redirects itself (re-signing same-origin ones, stripping credentials
// from cross-origin ones) and retries once after learning a clock offset.

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/awssigningrule.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qsslconfiguration.h>

#include <optional>

class AwsCredentialsWait;
class AwsNetworkAccessManager;
class AwsRequestBody;

class AwsNetworkReply : public QNetworkReply
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
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void setReadBufferSize(qint64 size) override;
    void ignoreSslErrors() override;

    QNetworkReply *transportReply() const { return m_inner.data(); }
    AwsSigningResult signingResult() const { return m_result; }
    AwsRequestBody *body() const { return m_body; }
    int attempts() const { return m_attempts; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;
#if QT_CONFIG(ssl)
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
    void setSslConfigurationImplementation(const QSslConfiguration &configuration) override;
#endif

private:
    enum class Mode { Forwarding, Holding, Redirecting };

    void bodyReady();
    void requestCredentials();
    void sendSigned(const AwsCredentials &credentials);
    void sendUnsigned();
    QString addStreamingHeaders(QNetworkRequest &request, qint64 *decodedLength) const;
    QIODevice *chunkedDevice(qint64 decodedLength, const AwsCredentials &credentials);
    void attach(QNetworkReply *inner);
    void detachInner();
    void onMetaDataChanged();
    void onReadyRead();
    void onErrorOccurred(QNetworkReply::NetworkError error);
    void forwardError(QNetworkReply::NetworkError error);
    void reportError(QNetworkReply::NetworkError error, const QString &message);
    void onFinished();
    void handleRedirect();
    void followRedirect(const QUrl &target, int status);
    void release();
    void copyMetaData(QNetworkReply *from);
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
    int m_attempts = 0;
    QStringList m_secrets;       // of the credentials signed with: never in a message

    AwsRequestBody *m_body = nullptr;
    QPointer<QIODevice> m_chunked; // the aws-chunked encoding of the current attempt
    QPointer<QNetworkReply> m_inner;
    QList<QPointer<QNetworkReply>> m_detached; // aborted, deleteLater() pending: they may still read the body
    AwsSigningResult m_result;
    QDateTime m_signedAt;        // local clock (without offset) when the attempt was signed
    QElapsedTimer m_attemptTimer; // since the current attempt was sent
    qint64 m_bytesSent = 0;      // of the current attempt, as uploadProgress() said
    qint64 m_bytesTotal = -1;
    AwsCredentialsWait *m_credentialsWait = nullptr;

    Mode m_mode = Mode::Forwarding;
    bool m_metaDataForwarded = false;
    QByteArray m_held;           // body of a held (error) response
    qsizetype m_heldPos = 0;
    bool m_released = false;
    bool m_done = false;
    qint64 m_readBufferSize = 0;
    bool m_ignoreAllSslErrors = false;
    QList<QSslError> m_ignoredSslErrors;
#if QT_CONFIG(ssl)
    // Only when set on the reply: a default QSslConfiguration costs the TLS backend's set-up.
    std::optional<QSslConfiguration> m_sslConfiguration;
#endif
};

#endif // AWSNETWORKREPLY_P_H
