// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_STDINDEVICE_H
#define SIGV4_STDINDEVICE_H

#include <QtCore/qbytearray.h>
#include <QtCore/qiodevice.h>

class QSocketNotifier;

// Standard input (or another file descriptor: a FIFO, a /proc file) as a sequential
// QIODevice that signals like a socket: readyRead() as data arrives and readChannelFinished()
// at its end (QFile on a pipe signals neither, and its reads block). `sigv4 curl
// --data-binary @-` and `-T -` stream stdin through it, so a body produced by another program
// is read while it is written.
//
// At most MaxBuffered bytes are held: reading pauses until the consumer reads. The descriptor
// stays in blocking mode (it is shared with the shell that started us, and a signal must not
// leave it non-blocking): one read() per readiness notification, which does not block.
class StdinDevice : public QIODevice
{
public:
    static constexpr qint64 MaxBuffered = 1 << 20;

    // Reads fd; closes it on destruction when ownsFd.
    explicit StdinDevice(int fd = 0, bool ownsFd = false, QObject *parent = nullptr);
    ~StdinDevice() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void readMore();
    qint64 buffered() const { return m_buffer.size() - m_bufferPos; }

    int m_fd;
    bool m_ownsFd;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    qsizetype m_bufferPos = 0;
    bool m_atEnd = false;
    bool m_failed = false;
    bool m_endRepeated = false;
};

#endif // SIGV4_STDINDEVICE_H
