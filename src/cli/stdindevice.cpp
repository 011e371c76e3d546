// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "stdindevice.h"

#include <QtCore/qsocketnotifier.h>
#include <QtCore/qtimer.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

StdinDevice::StdinDevice(int fd, bool ownsFd, QObject *parent)
    : QIODevice(parent), m_fd(fd), m_ownsFd(ownsFd)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    // Level-triggered: it fires for data already there (a redirected file) as well.
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    QObject::connect(m_notifier, &QSocketNotifier::activated, this, [this] { readMore(); });
}

StdinDevice::~StdinDevice()
{
    delete m_notifier;
    if (m_ownsFd)
        ::close(m_fd);
}

qint64 StdinDevice::bytesAvailable() const
{
    return buffered() + QIODevice::bytesAvailable();
}

// One read() per notification: the descriptor is readable, so it does not block.
void StdinDevice::readMore()
{
    if (m_atEnd)
        return;
    if (buffered() >= MaxBuffered) {
        m_notifier->setEnabled(false); // resumed by readData()
        return;
    }
    // Drop what was read: a reader that takes a little at a time (one aws-chunked chunk) must
    // not keep the whole stream behind it.
    if (m_bufferPos > 0) {
        m_buffer.remove(0, m_bufferPos);
        m_bufferPos = 0;
    }
    const qsizetype have = m_buffer.size();
    const qsizetype chunk = 64 * 1024;
    m_buffer.resize(have + chunk);
    const ssize_t n = ::read(m_fd, m_buffer.data() + have, size_t(chunk));
    m_buffer.resize(have + qMax<qsizetype>(0, n));
    if (n > 0) {
        Q_EMIT readyRead();
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n < 0) {
        setErrorString(QStringLiteral("reading %1 failed: %2")
                               .arg(m_fd == 0 ? QStringLiteral("standard input") : QStringLiteral("the input"),
                                    QString::fromLocal8Bit(std::strerror(errno))));
        m_failed = true;
    }
    m_atEnd = true;
    m_notifier->setEnabled(false);
    if (m_failed)
        Q_EMIT readyRead();
    else
        Q_EMIT readChannelFinished();
}

qint64 StdinDevice::readData(char *data, qint64 maxSize)
{
    if (m_failed)
        return -1;
    const qint64 n = qMin<qint64>(maxSize, buffered());
    if (n > 0) {
        std::memcpy(data, m_buffer.constData() + m_bufferPos, size_t(n));
        m_bufferPos += n;
    }
    if (!m_atEnd && buffered() < MaxBuffered)
        m_notifier->setEnabled(true);
    if (m_atEnd && buffered() == 0 && !m_endRepeated) {
        // A reader that connected after the end was signalled (the aws-chunked device is made
        // once the request is signed) learns of it on its next read.
        m_endRepeated = true;
        QTimer::singleShot(0, this, [this] { Q_EMIT readChannelFinished(); });
    }
    return n; // the end is told by readChannelFinished()
}

qint64 StdinDevice::writeData(const char *, qint64)
{
    return -1;
}
