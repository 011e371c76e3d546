// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCHUNKEDUPLOADDEVICE_H
#define AWSCHUNKEDUPLOADDEVICE_H

#include <qtsigv4/awschunkedencoder.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qiodevice.h>
#include <QtCore/qscopedpointer.h>

class AwsChunkedUploadDevicePrivate;
namespace QtSigV4Private { class ChunkedUpload; }

class QTSIGV4_EXPORT AwsChunkedUploadDevice : public QIODevice
{
    Q_OBJECT
public:
    AwsChunkedUploadDevice(QIODevice *source, AwsChunkedEncoder &&encoder, qint64 decodedLength,
                           QObject *parent = nullptr);
    ~AwsChunkedUploadDevice() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 encodedLength() const;
    qint64 decodedLength() const;
    qint64 bytesReadFromSource() const;
    qint64 peakBufferSize() const;

Q_SIGNALS:
    void failed(const QString &errorString);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    // markSourceFinished(): the manager's upload saw the end before this device existed.
    friend class QtSigV4Private::ChunkedUpload;
    void markSourceFinished();
    bool fillOutput();
    void fail(const QString &message);
    QScopedPointer<AwsChunkedUploadDevicePrivate> d;
};

#endif // AWSCHUNKEDUPLOADDEVICE_H
