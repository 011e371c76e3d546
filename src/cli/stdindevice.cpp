// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "stdindevice.h"

#include <QtCore/qsocketnotifier.h>
#include <QtCore/qtimer.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

StdinDevice::StdinDevice(QObject *parent) : QIODevice(parent)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_originalFlags = ::fcntl(STDIN_FILENO, F_GETFL);
    if (m_originalFlags != -1)
        ::fcntl(STDIN_FILENO, F_SETFL, m_originalFlags | O_NONBLOCK);
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    QObject::connect(m_notifier, &QSocketNotifier::activated, this, [this] { readMore(); });
    // Whatever is already there (a redirected file) is read from the event loop.
    QTimer::singleShot(0, this, [this] { readMore(); });
}

StdinDevice::~StdinDevice()
{
    if (m_originalFlags != -1)
        ::fcntl(STDIN_FILENO, F_SETFL, m_originalFlags);
}

qint64 StdinDevice::bytesAvailable() const
{
    return m_buffer.size() + QIODevice::bytesAvailable();
}

void StdinDevice::readMore()
{
    if (m_atEnd)
        return;
    bool gotData = false;
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n > 0) {
            m_buffer.append(chunk, qsizetype(n));
            gotData = true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0) {
            setErrorString(QStringLiteral("reading standard input failed: %1")
                                   .arg(QString::fromLocal8Bit(std::strerror(errno))));
            m_failed = true;
        }
        m_atEnd = true;
        m_notifier->setEnabled(false);
        break;
    }
    if (gotData || m_failed)
        Q_EMIT readyRead();
    if (m_atEnd && !m_failed)
        Q_EMIT readChannelFinished();
}

qint64 StdinDevice::readData(char *data, qint64 maxSize)
{
    if (m_failed)
        return -1;
    const qint64 n = qMin<qint64>(maxSize, m_buffer.size());
    if (n > 0) {
        std::memcpy(data, m_buffer.constData(), size_t(n));
        m_buffer.remove(0, n);
        return n;
    }
    return 0; // the end is told by readChannelFinished()
}

qint64 StdinDevice::writeData(const char *, qint64)
{
    return -1;
}
