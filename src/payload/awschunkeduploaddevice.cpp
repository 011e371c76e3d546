// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awschunkeduploaddevice.h>

#include <QtCore/qpointer.h>

#include <cstring>

/*!
    \class AwsChunkedUploadDevice
    \inmodule QtSigV4
    \brief A sequential device that reads a source device and gives its \c aws-chunked
    encoding, for QNetworkAccessManager to upload.

    The device reads the source one chunk at a time, encodes it with a started
    AwsChunkedEncoder and hands out the encoded bytes; at most one chunk of input and one
    encoded chunk are held, whatever the size of the body. The source may be random-access
    (a QFile, read from its current position) or sequential (a QProcess, a socket, a custom
    device that emits readyRead() and readChannelFinished()); it must deliver exactly
    decodedLength() bytes, else the device fails (failed() is emitted and reads return -1).

    QNetworkAccessManager buffers a sequential upload device unless it knows the length:
    set the request's \c Content-Length to encodedLength() and
    QNetworkRequest::DoNotBufferUploadDataAttribute to \c true.
    AwsNetworkAccessManager does this itself for rules whose configuration asks for a
    streaming payload mode.
*/

/*!
    \fn void AwsChunkedUploadDevice::failed(const QString &errorString)
    Emitted once when the source fails or delivers a length other than decodedLength();
    \a errorString says which.
*/

class AwsChunkedUploadDevicePrivate
{
public:
    QPointer<QIODevice> source;
    AwsChunkedEncoder encoder;
    qint64 decodedLength = 0;
    qint64 encodedLength = 0;
    qint64 readFromSource = 0;
    bool sourceFinished = false;
    bool failed = false;
    QByteArray input;   // up to one chunk of source data
    QByteArray output;  // one encoded chunk, handed out from outputPos
    qsizetype outputPos = 0;
    qint64 peak = 0;

    qint64 remaining() const { return decodedLength - readFromSource; }
    bool sourceEnded() const;
    bool checkNoMoreData(QString *error);
    bool readSource(QString *error);
};

// Whether the source has told its end. A source that delivered the declared length must still
// end there: the final chunk is only sent once it has (else more data would be dropped).
bool AwsChunkedUploadDevicePrivate::sourceEnded() const
{
    if (!source)
        return true;
    return sourceFinished || (!source->isSequential() && source->atEnd()) || !source->isOpen();
}

// Once the declared length is read, the source must have nothing more: one byte more is a
// lie about the length, detected as soon as it shows (else the object would be truncated).
bool AwsChunkedUploadDevicePrivate::checkNoMoreData(QString *error)
{
    if (!source || remaining() > 0 || !source->isOpen())
        return true;
    if (!source->isSequential()) {
        if (source->atEnd())
            return true;
    } else {
        char extra;
        const qint64 n = source->read(&extra, 1);
        sourceFinished = sourceFinished || n < 0; // -1: a sequential device's end
        if (n <= 0)
            return true;
    }
    *error = QStringLiteral("the upload source holds more than the %1 bytes announced in "
                            "x-amz-decoded-content-length")
                     .arg(decodedLength);
    return false;
}

// Reads what the source has, up to one chunk and the declared length. False on a read error
// or more data than declared.
bool AwsChunkedUploadDevicePrivate::readSource(QString *error)
{
    const qint64 chunk = encoder.chunkSize();
    while (source && input.size() < chunk && remaining() > 0) {
        const qsizetype have = input.size();
        const qint64 want = qMin<qint64>(chunk - have, remaining());
        input.resize(have + want);
        const qint64 n = source->read(input.data() + have, want);
        input.resize(have + qMax<qint64>(0, n));
        if (n > 0) {
            readFromSource += n;
            continue;
        }
        if (n < 0) {
            sourceFinished = true;
            if (!source->isSequential()) {
                *error = QStringLiteral("reading the upload source failed: %1").arg(source->errorString());
                return false;
            }
        }
        break;
    }
    return checkNoMoreData(error);
}

/*!
    Constructs a device that reads \a source (which must stay open while the device is read)
    and encodes it with \a encoder, which must have been started. \a decodedLength is the
    number of bytes the source will deliver, as announced in \c x-amz-decoded-content-length.
    The device is opened for reading. \a parent is the QObject parent.
*/
AwsChunkedUploadDevice::AwsChunkedUploadDevice(QIODevice *source, AwsChunkedEncoder &&encoder,
                                               qint64 decodedLength, QObject *parent)
    : QIODevice(parent), d(new AwsChunkedUploadDevicePrivate)
{
    d->source = source;
    d->encoder = std::move(encoder);
    d->decodedLength = qMax<qint64>(0, decodedLength);
    d->encodedLength = d->encoder.encodedLength(d->decodedLength);
    d->input.reserve(d->encoder.chunkSize());
    if (source) {
        connect(source, &QIODevice::readyRead, this, &QIODevice::readyRead);
        connect(source, &QIODevice::readChannelFinished, this, [this] {
            d->sourceFinished = true;
            Q_EMIT readyRead();
        });
    }
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

AwsChunkedUploadDevice::~AwsChunkedUploadDevice() = default;

// The source signalled its end before this device was connected to it.
void AwsChunkedUploadDevice::markSourceFinished()
{
    d->sourceFinished = true;
}

/*! The size of the whole encoded stream: the request's \c Content-Length. */
qint64 AwsChunkedUploadDevice::encodedLength() const { return d->encodedLength; }
/*! The number of bytes the source must deliver (\c x-amz-decoded-content-length). */
qint64 AwsChunkedUploadDevice::decodedLength() const { return d->decodedLength; }
/*! The number of bytes read from the source so far. */
qint64 AwsChunkedUploadDevice::bytesReadFromSource() const { return d->readFromSource; }

/*! The largest encoded chunk held at once, in bytes (for tests of bounded memory). */
qint64 AwsChunkedUploadDevice::peakBufferSize() const { return d->peak; }

/*! \reimp The encoded bytes ready to be read without touching the source. */
qint64 AwsChunkedUploadDevice::bytesAvailable() const
{
    return QIODevice::bytesAvailable() + (d->output.size() - d->outputPos);
}

void AwsChunkedUploadDevice::fail(const QString &message)
{
    if (d->failed)
        return;
    d->failed = true;
    setErrorString(message);
    Q_EMIT failed(message);
}

// Encodes the next chunk (or the end) into the output buffer. False when the source has no
// data yet, the stream is complete, or it failed.
bool AwsChunkedUploadDevice::fillOutput()
{
    if (d->failed || d->encoder.isFinished())
        return false;
    QString error;
    if (!d->readSource(&error)) {
        fail(error);
        return false;
    }
    const bool full = d->input.size() == d->encoder.chunkSize();
    const bool ended = !full && d->sourceEnded(); // a finished source may still hold data
    if (!full && !ended)
        return false; // wait for readyRead()
    if (ended && d->remaining() > 0) {
        fail(QStringLiteral("the upload source ended after %1 of the %2 bytes announced in "
                            "x-amz-decoded-content-length")
                     .arg(d->readFromSource)
                     .arg(d->decodedLength));
        return false;
    }
    d->output = d->input.isEmpty() ? d->encoder.finish() : d->encoder.encodeChunk(d->input);
    d->outputPos = 0;
    d->input.resize(0);
    d->peak = qMax<qint64>(d->peak, d->output.size());
    if (d->output.isEmpty()) {
        fail(d->encoder.errorString());
        return false;
    }
    return true;
}

qint64 AwsChunkedUploadDevice::readData(char *data, qint64 maxSize)
{
    qint64 produced = 0;
    while (produced < maxSize) {
        const qint64 buffered = d->output.size() - d->outputPos;
        if (buffered > 0) {
            const qint64 n = qMin(buffered, maxSize - produced);
            std::memcpy(data + produced, d->output.constData() + d->outputPos, size_t(n));
            d->outputPos += n;
            produced += n;
        } else if (!fillOutput()) {
            break;
        }
    }
    if (produced > 0)
        return produced;
    return (d->failed || d->encoder.isFinished()) ? -1 : 0;
}

qint64 AwsChunkedUploadDevice::writeData(const char *, qint64)
{
    return -1;
}
