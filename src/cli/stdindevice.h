// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_STDINDEVICE_H
#define SIGV4_STDINDEVICE_H

#include <QtCore/qbytearray.h>
#include <QtCore/qiodevice.h>

class QSocketNotifier;

// Standard input as a sequential QIODevice that signals like a socket: readyRead() as data
// arrives and readChannelFinished() at its end (QFile on a pipe signals neither, and its reads
// block). `sigv4 curl --data-binary @-` and `-T -` stream stdin through it, so a body produced
// by another program is read while it is written.
class StdinDevice : public QIODevice
{
public:
    explicit StdinDevice(QObject *parent = nullptr);
    ~StdinDevice() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void readMore();

    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    bool m_atEnd = false;
    bool m_failed = false;
    int m_originalFlags = -1;
};

#endif // SIGV4_STDINDEVICE_H
