// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSFORWARDINGREPLY_P_H
#define AWSFORWARDINGREPLY_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qsslconfiguration.h>

#include <optional>

class QTimer;

// The mechanics of a reply that stands for a transport reply created later (and again, after
// a redirect or a retry): it forwards the transport reply's signals and data to the caller,
// or holds an error answer until it is complete, or swallows a redirect being followed. What
// happens on metaDataChanged(), errorOccurred() and finished() is the subclass's.
class AwsForwardingReply : public QNetworkReply
{
    Q_OBJECT
public:
    explicit AwsForwardingReply(QObject *parent);
    ~AwsForwardingReply() override;

    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void setReadBufferSize(qint64 size) override;
    void ignoreSslErrors() override;

    QNetworkReply *transportReply() const { return m_inner.data(); }

protected:
    enum class Mode { Forwarding, Holding, Redirecting };

    qint64 readData(char *data, qint64 maxSize) override;
    void ignoreSslErrorsImplementation(const QList<QSslError> &errors) override;
#if QT_CONFIG(ssl)
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override;
    void setSslConfigurationImplementation(const QSslConfiguration &configuration) override;
#endif

    // Called only while a transport reply is attached and the reply is not done.
    virtual void onMetaDataChanged() = 0;
    virtual void onErrorOccurred(QNetworkReply::NetworkError error) = 0;
    virtual void onFinished() = 0;
    // Sends the request (again: the end of sendAgain()), with a new transport reply (attach()).
    virtual void resend() = 0;

    void attach(QNetworkReply *inner);
    void detachInner();
    void copyMetaData(QNetworkReply *from);
    void release(); // forward a held answer from its start
    // Drops the transport reply unseen (nothing of its answer forwarded) and calls resend()
    // after delayMs, from the event loop: a retry, or the re-send after a clock-skew answer.
    void sendAgain(int delayMs);
    void stopSendAgain();

    QPointer<QNetworkReply> m_inner;
    Mode m_mode = Mode::Forwarding;
    bool m_metaDataForwarded = false;
    bool m_released = false;
    bool m_done = false;         // decided: no transport signal is acted upon any more
    QByteArray m_held;           // body of a held (error) response
    qsizetype m_heldPos = 0;
    QElapsedTimer m_attemptTimer; // since the current attempt was sent
    qint64 m_bytesSent = 0;      // of the current attempt, as uploadProgress() said
    qint64 m_bytesTotal = -1;

private:
    void onReadyRead();
    void transportMetaDataChanged();
    void transportErrorOccurred(QNetworkReply::NetworkError error);
    void transportFinished();

    QTimer *m_resendTimer = nullptr; // a child: it cannot fire for a reply that is gone
    QList<QPointer<QNetworkReply>> m_detached; // aborted, deleteLater() pending: they may still read the body
    qint64 m_readBufferSize = 0;
    bool m_ignoreAllSslErrors = false;
    QList<QSslError> m_ignoredSslErrors;
#if QT_CONFIG(ssl)
    // Only when set on the reply: a default QSslConfiguration costs the TLS backend's set-up.
    std::optional<QSslConfiguration> m_sslConfiguration;
#endif
};

#endif // AWSFORWARDINGREPLY_P_H
