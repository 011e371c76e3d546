// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TEST_PIPEDEVICE_H
#define QTSIGV4_TEST_PIPEDEVICE_H

#include <QtCore/qbytearray.h>
#include <QtCore/qiodevice.h>

#include <cstring>

// A sequential device fed from the outside (a pipe whose writer is slow): it has the bytes
// fed so far, finishes only when told to, and fails its reads once broken.
class PipeDevice : public QIODevice
{
public:
    PipeDevice() { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() + QIODevice::bytesAvailable(); }
    void feed(const QByteArray &data)
    {
        m_data += data;
        Q_EMIT readyRead();
    }
    void finish() { Q_EMIT readChannelFinished(); }
    void breakIt()
    {
        m_broken = true;
        Q_EMIT readyRead();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_broken) {
            setErrorString(QStringLiteral("the pipe broke"));
            return -1;
        }
        const qint64 n = qMin<qint64>(maxSize, m_data.size());
        if (n > 0)
            std::memcpy(data, m_data.constData(), size_t(n));
        m_data.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    bool m_broken = false;
};

#endif // QTSIGV4_TEST_PIPEDEVICE_H
