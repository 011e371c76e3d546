// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsforwardingreply_p.h"

#include <QtCore/qtimer.h>
#include <QtNetwork/qsslerror.h>

#include <cstring>

// An error answer is held to read the service's message from it; one longer than this is
// forwarded as it comes.
static constexpr qsizetype MaxHeldErrorBody = 1024 * 1024;

/*!
    \class AwsForwardingReply
    \internal
    \brief The forwarding half of the proxy reply: one transport reply at a time, whose
    signals and data reach the caller, or are held (an error answer) or swallowed (a redirect
    being followed) as the subclass decides.
*/

AwsForwardingReply::AwsForwardingReply(QObject *parent) : QNetworkReply(parent) { }

AwsForwardingReply::~AwsForwardingReply()
{
    // Every slot connected to the transport reply returns at once when m_done is set, which
    // is cheaper than disconnecting them (the string-based disconnect() walks all of the
    // transport reply's connections: a twentieth of a small request's cost).
    m_done = true;
    delete m_inner.data();
    // Transport replies of earlier attempts (aborted, deleted later) may still read the body
    // device, which the subclass owns: they must go first.
    for (const QPointer<QNetworkReply> &inner : std::as_const(m_detached))
        delete inner.data();
}

void AwsForwardingReply::attach(QNetworkReply *inner)
{
    m_inner = inner;
    m_mode = Mode::Forwarding;
    m_metaDataForwarded = false;
    m_held.clear();
    m_heldPos = 0;
    m_bytesSent = 0;
    m_bytesTotal = -1;
    m_attemptTimer.start();

    if (m_readBufferSize > 0)
        inner->setReadBufferSize(m_readBufferSize);
#if QT_CONFIG(ssl)
    if (m_sslConfiguration)
        inner->setSslConfiguration(*m_sslConfiguration);
    if (m_ignoreAllSslErrors)
        inner->ignoreSslErrors();
    if (!m_ignoredSslErrors.isEmpty())
        inner->ignoreSslErrors(m_ignoredSslErrors);
#endif

    connect(inner, &QNetworkReply::metaDataChanged, this, &AwsForwardingReply::transportMetaDataChanged);
    connect(inner, &QNetworkReply::readyRead, this, &AwsForwardingReply::onReadyRead);
    connect(inner, &QNetworkReply::errorOccurred, this, &AwsForwardingReply::transportErrorOccurred);
    connect(inner, &QNetworkReply::finished, this, &AwsForwardingReply::transportFinished);
    connect(inner, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (!m_done && m_mode == Mode::Forwarding)
            Q_EMIT downloadProgress(received, total);
    });
    connect(inner, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        m_bytesSent = sent;
        m_bytesTotal = total;
        Q_EMIT uploadProgress(sent, total);
    });
    connect(inner, &QNetworkReply::socketStartedConnecting, this,
            &QNetworkReply::socketStartedConnecting);
    connect(inner, &QNetworkReply::requestSent, this, &QNetworkReply::requestSent);
#if QT_CONFIG(ssl)
    connect(inner, &QNetworkReply::encrypted, this, &QNetworkReply::encrypted);
    connect(inner, &QNetworkReply::sslErrors, this, &QNetworkReply::sslErrors);
    connect(inner, &QNetworkReply::preSharedKeyAuthenticationRequired, this,
            &QNetworkReply::preSharedKeyAuthenticationRequired);
#endif
}

void AwsForwardingReply::detachInner()
{
    if (!m_inner)
        return;
    QNetworkReply *inner = m_inner.data();
    m_inner.clear();
    disconnect(inner, nullptr, this, nullptr);
    if (!inner->isFinished())
        inner->abort();
    inner->deleteLater();
    m_detached.removeIf([](const QPointer<QNetworkReply> &p) { return p.isNull(); });
    m_detached.append(inner);
}

void AwsForwardingReply::copyMetaData(QNetworkReply *from)
{
    // Qt's own attributes: User is 1000, far beyond the last of them (about 30 in Qt 6), and
    // the 1000 look-ups per answer were a tenth of a small request's cost.
    constexpr int QtAttributeBound = 64;
    static_assert(int(QNetworkRequest::Http2CleartextAllowedAttribute) < QtAttributeBound);
    for (int a = 0; a < QtAttributeBound; ++a) {
        const auto attribute = QNetworkRequest::Attribute(a);
        const QVariant value = from->attribute(attribute);
        if (value.isValid())
            setAttribute(attribute, value);
    }
    const QList<QNetworkReply::RawHeaderPair> pairs = from->rawHeaderPairs();
    for (const auto &[name, value] : pairs)
        setRawHeader(name, value);
}

void AwsForwardingReply::onReadyRead()
{
    if (m_done || !m_inner)
        return;
    switch (m_mode) {
    case Mode::Forwarding:
        Q_EMIT readyRead();
        break;
    case Mode::Holding:
        m_held += m_inner->readAll();
        if (m_held.size() > MaxHeldErrorBody)
            release();
        break;
    case Mode::Redirecting:
        m_inner->readAll();
        break;
    }
}

// The virtual handlers are never reached from the destructors (m_done is set first).
void AwsForwardingReply::transportMetaDataChanged()
{
    if (!m_done && m_inner)
        onMetaDataChanged();
}

void AwsForwardingReply::transportErrorOccurred(QNetworkReply::NetworkError error)
{
    if (!m_done && m_inner)
        onErrorOccurred(error);
}

void AwsForwardingReply::transportFinished()
{
    if (!m_done && m_inner)
        onFinished();
}

void AwsForwardingReply::release()
{
    copyMetaData(m_inner);
    m_mode = Mode::Forwarding;
    m_released = true;
    m_metaDataForwarded = true;
    Q_EMIT metaDataChanged();
    if (m_heldPos < m_held.size())
        Q_EMIT readyRead();
}

void AwsForwardingReply::sendAgain(int delayMs)
{
    detachInner();
    m_held.clear();
    m_heldPos = 0;
    if (!m_resendTimer) {
        m_resendTimer = new QTimer(this);
        m_resendTimer->setSingleShot(true);
        connect(m_resendTimer, &QTimer::timeout, this, [this] {
            if (!m_done)
                resend();
        });
    }
    m_resendTimer->start(delayMs);
}

void AwsForwardingReply::stopSendAgain()
{
    if (m_resendTimer)
        m_resendTimer->stop();
}

qint64 AwsForwardingReply::bytesAvailable() const
{
    qint64 available = QNetworkReply::bytesAvailable() + (m_held.size() - m_heldPos);
    if (m_inner && m_mode == Mode::Forwarding)
        available += m_inner->bytesAvailable();
    return available;
}

qint64 AwsForwardingReply::readData(char *data, qint64 maxSize)
{
    if (m_heldPos < m_held.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_held.size() - m_heldPos);
        std::memcpy(data, m_held.constData() + m_heldPos, size_t(n));
        m_heldPos += n;
        if (m_heldPos == m_held.size()) {
            m_held.clear();
            m_heldPos = 0;
        }
        return n;
    }
    if (m_inner && m_mode == Mode::Forwarding) {
        const qint64 n = m_inner->read(data, maxSize);
        if (n > 0)
            return n;
    }
    return isFinished() ? -1 : 0;
}

void AwsForwardingReply::setReadBufferSize(qint64 size)
{
    m_readBufferSize = size;
    QNetworkReply::setReadBufferSize(size);
    if (m_inner)
        m_inner->setReadBufferSize(size);
}

void AwsForwardingReply::ignoreSslErrors()
{
    m_ignoreAllSslErrors = true;
    if (m_inner)
        m_inner->ignoreSslErrors();
}

void AwsForwardingReply::ignoreSslErrorsImplementation(const QList<QSslError> &errors)
{
    m_ignoredSslErrors = errors;
#if QT_CONFIG(ssl)
    if (m_inner)
        m_inner->ignoreSslErrors(errors);
#endif
}

#if QT_CONFIG(ssl)
void AwsForwardingReply::sslConfigurationImplementation(QSslConfiguration &configuration) const
{
    if (m_inner)
        configuration = m_inner->sslConfiguration();
    else
        configuration = m_sslConfiguration ? *m_sslConfiguration : request().sslConfiguration();
}

void AwsForwardingReply::setSslConfigurationImplementation(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    if (m_inner)
        m_inner->setSslConfiguration(configuration);
}
#endif
