// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsrequestbody_p.h"

#include "network/awsbodyhashjob_p.h"
#include "core/awscrypto_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qabstractsocket.h>

#include <utility>

/*!
    \class AwsRequestBody
    \internal
    \brief Computes the SHA-256 of a request body while keeping the body sendable.

    The strategies follow what Qt 6's QNetworkAccessManager does with upload devices
    (docs/design.md section 2):
    \list
    \li no device: the hash of the empty string;
    \li a QBuffer: hashed where the bytes lie;
    \li another random-access device (QFile, QHttpMultiPart's device, ...): streamed through
        SHA-256 in chunks of ChunkSize and seeked back to its original position (QNAM would
        send an empty body otherwise). From Options::asyncThreshold bytes on this runs on
        threads of the global pool, which never touch the caller's object: a QFile with a name
        is reopened there, any other device is read here, a chunk at a time, and only the
        chunks go to the pool. Deleting the device while it is hashed (or before it is sent)
        fails the body at once instead of sending an empty or stale body;
    \li a sequential device (QProcess, sockets, custom devices): read to its end into an owned
        buffer, spilled to an owned QTemporaryFile above Options::memoryLimit. A device that
        reports an error, or neither delivers data nor signals its end for
        Options::idleTimeoutMs, fails with a message naming the device. A QProcess ends with
        finished() (a crash or a non-zero exit code is an error); a QFile on a pipe or FIFO,
        which never signals, is read to its end at once (its reads block, as in QNAM).
    \endlist

    The object emits ready() or failed() exactly once (possibly from within start()).
    device() is what must be given to QNetworkAccessManager, and rewind() prepares it for
    another send (redirect, retry).
*/

using namespace QtSigV4Private;

AwsRequestBody::AwsRequestBody(QIODevice *source, const Options &options, QObject *parent)
    : QObject(parent), m_source(source), m_options(options)
{
}

AwsRequestBody::~AwsRequestBody()
{
    cancel();
}

/*!
    Stops any work in progress without emitting a signal; a device that was being read for
    the worker is seeked back. Also forgets the device: its deletion is no longer an error.
*/
void AwsRequestBody::cancel()
{
    if (m_idleTimer)
        m_idleTimer->stop();
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    if (m_job) {
        m_job->cancel();
        const bool readInPlace = m_job->fed;
        m_job.reset();
        m_nextChunk.clear();
        if (readInPlace && m_source) {
            m_source->seek(m_startPos);
            if (m_startPos == 0)
                m_source->reset();
        }
    }
    if (m_state == Pending)
        m_state = Idle;
}

QString AwsRequestBody::deviceName() const
{
    return m_deviceName.isEmpty() ? QStringLiteral("device") : m_deviceName;
}

// The class, and the file or program name: also for messages after the device is gone.
QString AwsRequestBody::describeSource() const
{
    QString name = QString::fromLatin1(m_source->metaObject()->className());
    if (auto *file = qobject_cast<QFile *>(m_source.data()); file && !file->fileName().isEmpty())
        name += QStringLiteral(" \"%1\"").arg(file->fileName());
    else if (auto *process = qobject_cast<QProcess *>(m_source.data()))
        name += QStringLiteral(" \"%1\"").arg(process->program());
    else if (!m_source->objectName().isEmpty()) // a caller's own device, named by the caller
        name += QStringLiteral(" \"%1\"").arg(m_source->objectName());
    return name;
}

/*!
    Starts computing the hash. Emits ready() or failed(), possibly before returning.
*/
void AwsRequestBody::start()
{
    if (m_state != Idle)
        return;
    m_state = Pending;
    if (!m_source) {
        m_strategy = NoBody;
        m_size = 0;
        succeed(m_options.computeHash ? AwsSigner::emptyPayloadHash() : QByteArray());
        return;
    }
    m_deviceName = describeSource();
    // Qt's put() contract forbids deleting the device before the reply finishes; when it
    // happens anyway, say so instead of sending nothing or reading freed memory.
    connect(m_source, &QObject::destroyed, this, &AwsRequestBody::sourceDestroyed);
    if (!m_source->isOpen() || !m_source->isReadable()) {
        fail(QStringLiteral("the request body %1 is not open for reading").arg(deviceName()));
        return;
    }
    if (m_options.streamed)
        startStreamed();
    else if (m_source->isSequential())
        startSequential();
    else
        startRandomAccess();
}

// aws-chunked uploads read the body while sending it: nothing to hash, nothing to copy.
void AwsRequestBody::startStreamed()
{
    m_strategy = Streamed;
    const bool sequential = m_source->isSequential();
    m_startPos = sequential ? 0 : m_source->pos();
    m_size = sequential ? -1 : qMax<qint64>(0, m_source->size() - m_startPos);
    // A source that ends before the upload device reads it (a pipe read to its end while the
    // request waited for credentials) told it once: keep it for the device.
    if (sequential) {
        connect(m_source, &QIODevice::readChannelFinished, this, [this] { m_sourceFinished = true; });
        connect(m_source, &QIODevice::aboutToClose, this, [this] { m_sourceFinished = true; });
    }
    succeed(QByteArray());
}

void AwsRequestBody::startRandomAccess()
{
    m_startPos = m_source->pos();
    m_size = qMax<qint64>(0, m_source->size() - m_startPos);
    if (!m_options.computeHash) {
        m_strategy = Skipped;
        succeed(QByteArray());
        return;
    }

    auto *buffer = qobject_cast<QBuffer *>(m_source.data());
    const bool async = m_size >= m_options.asyncThreshold;
    if (buffer && !async) {
        m_strategy = InMemory;
        succeed(Sha256::hashHex(QByteArrayView(buffer->data()).sliced(m_startPos, m_size)));
        return;
    }
    if (async) {
        m_strategy = RandomAccessAsync;
        m_job = QSharedPointer<BodyHashJob>::create();
        auto *file = qobject_cast<QFile *>(m_source.data());
        {
            const std::lock_guard<std::mutex> publish(m_job->mutex); // see BodyHashJob
            m_job->receiver = this;
            m_job->startPos = m_startPos;
            m_job->size = m_size;
            if (buffer)
                m_job->data = buffer->data();
            else if (file && !file->fileName().isEmpty() && QFile::exists(file->fileName()))
                m_job->fileName = file->fileName();
            else
                m_job->fed = true;
        }
        qCDebug(lcNetwork) << "hashing" << m_size << "bytes of" << deviceName()
                           << "on a worker thread";
        if (m_job->fed) {
            m_fedRemaining = m_size;
            QMetaObject::invokeMethod(this, &AwsRequestBody::feedHashJob, Qt::QueuedConnection);
        } else {
            BodyHashJob::startWhole(m_job);
        }
        return;
    }

    m_strategy = RandomAccess;
    Sha256 sha;
    const QString error = hashDevice(m_source, m_size, sha, nullptr);
    finishHashing(sha.resultHex(), error, /* readInPlace */ true);
}

void AwsRequestBody::hashFinished(const QByteArray &hash, const QString &error)
{
    m_job.reset();
    if (m_state == Pending)
        finishHashing(hash, error, /* readInPlace */ false);
}

// Reads the next chunk of a device the worker must not touch, here in the device's thread,
// and hands it over; one chunk is hashed while the next one is read. Called again each time
// the worker has hashed a chunk.
void AwsRequestBody::feedHashJob()
{
    if (!m_job || m_state != Pending)
        return;
    if (m_nextChunk.isEmpty() && m_fedRemaining > 0)
        m_nextChunk = readChunk();
    if (!m_feedError.isEmpty() || m_nextChunk.isEmpty()) {
        // A read failed, or every chunk has been hashed.
        const QByteArray hash = m_feedError.isEmpty() ? m_job->fedResult() : QByteArray();
        m_job->cancel();
        m_job.reset();
        finishHashing(hash, m_feedError, /* readInPlace */ true);
        return;
    }
    BodyHashJob::startChunk(m_job, std::exchange(m_nextChunk, QByteArray()));
    if (m_fedRemaining > 0)
        m_nextChunk = readChunk(); // a failure shows when this chunk is due
}

QByteArray AwsRequestBody::readChunk()
{
    QByteArray chunk(qMin(m_fedRemaining, ChunkSize), Qt::Uninitialized);
    const qint64 n = m_source->read(chunk.data(), chunk.size());
    if (n <= 0) {
        m_feedError = n < 0 ? QStringLiteral("reading it failed: %1").arg(m_source->errorString())
                            : QStringLiteral("it ended %1 bytes before its size()").arg(m_fedRemaining);
        m_fedRemaining = 0;
        return QByteArray();
    }
    chunk.truncate(n);
    m_fedRemaining -= n;
    return chunk;
}

// The end of hashing a random-access body (here or on the worker): a device that was
// read in place goes back to where it was, then the hash or the first failure is reported.
void AwsRequestBody::finishHashing(const QByteArray &hash, const QString &error, bool readInPlace)
{
    QString message = error.isEmpty()
            ? QString() : QStringLiteral("the request body %1: %2").arg(deviceName(), error);
    if (readInPlace && !rewind() && message.isEmpty())
        message = QStringLiteral("cannot seek the request body %1 back to position %2 after hashing it")
                          .arg(deviceName())
                          .arg(m_startPos);
    if (!message.isEmpty())
        fail(message);
    else
        succeed(hash);
}

void AwsRequestBody::startSequential()
{
    m_strategy = SequentialMemory;
    if (m_options.computeHash)
        m_sha.reset(new Sha256);

    QIODevice *source = m_source.data();
    connect(source, &QIODevice::readyRead, this, &AwsRequestBody::readSequential);
    auto *process = qobject_cast<QProcess *>(source);
    if (!process) {
        connect(source, &QIODevice::readChannelFinished, this, [this] {
            m_sourceFinished = true;
            readSequential();
            finishSequential();
        });
        connect(source, &QIODevice::aboutToClose, this, [this] {
            m_sourceFinished = true;
            readSequential();
            finishSequential();
        });
    } else {
        // A process ends with finished(), whose exit status tells whether the output is
        // complete; its output channel closing only means that finished() is near.
        connect(source, &QIODevice::readChannelFinished, this, [this] {
            readSequential();
            if (m_idleTimer && m_state == Pending)
                m_idleTimer->start();
        });
    }
    if (process) {
        connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
            if (e == QProcess::Timedout || e == QProcess::WriteError)
                return;
            fail(QStringLiteral("the request body process \"%1\" failed: %2")
                         .arg(process->program(), process->errorString()));
        });
        connect(process, &QProcess::finished, this,
                [this, process](int exitCode, QProcess::ExitStatus status) {
                    if (status == QProcess::CrashExit) {
                        fail(QStringLiteral("the request body process \"%1\" crashed")
                                     .arg(process->program()));
                    } else if (exitCode != 0) {
                        fail(QStringLiteral("the request body process \"%1\" exited with code %2")
                                     .arg(process->program())
                                     .arg(exitCode));
                    } else {
                        m_sourceFinished = true;
                        readSequential();
                        finishSequential();
                    }
                });
    } else if (auto *socket = qobject_cast<QAbstractSocket *>(source)) {
        connect(socket, &QAbstractSocket::errorOccurred, this,
                [this, socket](QAbstractSocket::SocketError e) {
                    if (e == QAbstractSocket::RemoteHostClosedError) {
                        m_sourceFinished = true;
                        readSequential();
                        finishSequential();
                    } else {
                        fail(QStringLiteral("the request body socket failed: %1")
                                     .arg(socket->errorString()));
                    }
                });
        connect(socket, &QAbstractSocket::disconnected, this, [this] {
            m_sourceFinished = true;
            readSequential();
            finishSequential();
        });
    }

    if (qobject_cast<QFileDevice *>(source)) {
        // QFile never emits readyRead() or readChannelFinished(), and reads from a pipe or FIFO
        // block until data arrives: read it to its end now, as QNetworkAccessManager would.
        disconnect(source, nullptr, this, nullptr);
        char buffer[64 * 1024];
        while (m_state == Pending) {
            const qint64 n = source->read(buffer, sizeof buffer);
            if (n > 0) {
                if (!appendSequential(buffer, n))
                    return;
            } else if (n == 0) {
                m_sourceFinished = true;
                finishSequential();
            } else {
                fail(QStringLiteral("reading the request body %1 failed: %2")
                             .arg(deviceName(), source->errorString()));
            }
        }
        return;
    }

    m_idleTimer = new QTimer(this);
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_options.idleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("the request body %1 delivered no data and did not signal its end "
                            "(readChannelFinished) for %2 ms; giving up instead of hanging")
                     .arg(deviceName())
                     .arg(m_options.idleTimeoutMs));
    });
    m_idleTimer->start();

    // Data may already be buffered, and the source may already have ended.
    readSequential();
    if (m_state != Pending)
        return;
    if (process) {
        if (process->state() == QProcess::NotRunning) {
            if (process->exitStatus() == QProcess::CrashExit) {
                fail(QStringLiteral("the request body process \"%1\" crashed").arg(process->program()));
            } else if (process->error() == QProcess::FailedToStart) {
                fail(QStringLiteral("the request body process \"%1\" failed to start: %2")
                             .arg(process->program(), process->errorString()));
            } else if (process->exitCode() != 0) {
                fail(QStringLiteral("the request body process \"%1\" exited with code %2")
                             .arg(process->program())
                             .arg(process->exitCode()));
            } else {
                m_sourceFinished = true;
                finishSequential();
            }
        }
    } else if (auto *socket = qobject_cast<QAbstractSocket *>(source)) {
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            m_sourceFinished = true;
            finishSequential();
        }
    }
}

bool AwsRequestBody::appendSequential(const char *data, qint64 size)
{
    if (m_sha)
        m_sha->addData(data, size);
    if (!m_spill && m_memory.size() + size > m_options.memoryLimit) {
        m_spill = new QTemporaryFile(QDir::tempPath() + QStringLiteral("/qtsigv4-body-XXXXXX"), this);
        if (!m_spill->open()) {
            fail(QStringLiteral("cannot create a temporary file for the request body: %1")
                         .arg(m_spill->errorString()));
            return false;
        }
        m_strategy = SequentialFile;
        qCDebug(lcNetwork) << "request body above" << m_options.memoryLimit
                           << "bytes, spilling to" << m_spill->fileName();
        if (m_spill->write(m_memory) != m_memory.size()) {
            fail(QStringLiteral("cannot write the request body to a temporary file: %1")
                         .arg(m_spill->errorString()));
            return false;
        }
        m_memory.clear();
        m_memory.squeeze();
    }
    if (m_spill) {
        if (m_spill->write(data, size) != size) {
            fail(QStringLiteral("cannot write the request body to a temporary file: %1")
                         .arg(m_spill->errorString()));
            return false;
        }
    } else {
        m_memory.append(data, size);
    }
    m_size += size;
    return true;
}

void AwsRequestBody::readSequential()
{
    if (m_state != Pending || !m_source)
        return;
    char buffer[64 * 1024];
    bool gotData = false;
    while (m_state == Pending) {
        const qint64 n = m_source->read(buffer, sizeof buffer);
        if (n > 0) {
            gotData = true;
            if (!appendSequential(buffer, n))
                return;
            continue;
        }
        if (n < 0) {
            bool ended = m_sourceFinished || !m_source->isOpen();
            if (auto *process = qobject_cast<QProcess *>(m_source.data()))
                ended = ended || process->state() == QProcess::NotRunning;
            else if (auto *socket = qobject_cast<QAbstractSocket *>(m_source.data()))
                ended = ended || socket->state() == QAbstractSocket::UnconnectedState;
            if (!ended) {
                fail(QStringLiteral("reading the request body %1 failed: %2")
                             .arg(deviceName(), m_source->errorString()));
                return;
            }
        }
        break;
    }
    if (gotData && m_idleTimer && m_state == Pending)
        m_idleTimer->start();
}

void AwsRequestBody::finishSequential()
{
    if (m_state != Pending)
        return;
    if (m_idleTimer)
        m_idleTimer->stop();
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    if (m_spill) {
        if (!m_spill->flush() || !m_spill->seek(0)) {
            fail(QStringLiteral("cannot rewind the temporary file of the request body: %1")
                         .arg(m_spill->errorString()));
            return;
        }
        m_copy = m_spill;
    } else {
        auto *buffer = new QBuffer(this);
        buffer->setData(m_memory);
        buffer->open(QIODevice::ReadOnly);
        m_memory.clear();
        m_copy = buffer;
    }
    qCDebug(lcNetwork) << "read" << m_size << "bytes from the sequential request body"
                       << deviceName() << (m_spill ? "(in a temporary file)" : "(in memory)");
    succeed(m_sha ? m_sha->resultHex() : QByteArray());
}

void AwsRequestBody::succeed(const QByteArray &hash)
{
    if (m_state != Pending)
        return;
    m_hash = hash;
    m_state = Ready;
    Q_EMIT ready();
}

void AwsRequestBody::fail(const QString &error)
{
    if (m_state != Pending)
        return;
    cancel();
    m_state = Failed;
    m_errorString = error;
    qCDebug(lcNetwork).noquote() << error;
    Q_EMIT failed(error);
}

// The caller deleted the device. Before the body is ready this fails it; afterwards (while the
// request waits for credentials, or is being sent) it fails it too: the device that was
// hashed is no longer there to be sent, and QNetworkAccessManager would read freed memory.
void AwsRequestBody::sourceDestroyed()
{
    if (m_copy)
        return; // a sequential body was copied: the copy is sent
    if (m_state == Pending) {
        fail(QStringLiteral("the request body %1 was destroyed before its end").arg(deviceName()));
        return;
    }
    if (m_state != Ready)
        return;
    m_state = Failed;
    m_errorString = QStringLiteral("the request body %1 was destroyed before the request was "
                                   "done with it (QNetworkAccessManager needs the device until "
                                   "the reply has finished)")
                            .arg(deviceName());
    Q_EMIT failed(m_errorString);
}

/*!
    Compares the size of the caller's random-access device with the size it had when the body
    was prepared (and hashed); \a when says when it was checked ("before it was sent", ...).
    Returns what changed, or an empty string.
*/
QString AwsRequestBody::sizeChange(const QString &when) const
{
    if (m_copy || !m_source || m_source->isSequential())
        return QString();
    const qint64 now = qMax<qint64>(0, m_source->size() - m_startPos);
    if (now == m_size)
        return QString();
    return QStringLiteral("the request body %1 %2 %3: expected %4 bytes, got %5")
            .arg(deviceName(), now < m_size ? QStringLiteral("shrank") : QStringLiteral("grew"), when)
            .arg(m_size)
            .arg(now);
}

/*!
    The device to hand to QNetworkAccessManager: the owned copy of a sequential body, else
    the caller's device; null when there is no body.
*/
QIODevice *AwsRequestBody::device() const
{
    if (m_copy)
        return m_copy;
    return m_source.data();
}

/*!
    Returns whether device() can be sent again after it was sent (a retry): \c true for no
    body, the copy of a sequential body, and a random-access device (from the position it
    had); \c false for a streamed (aws-chunked) sequential source, which was read while it
    was sent.
*/
bool AwsRequestBody::canSendAgain() const
{
    return m_copy || !m_source || !m_source->isSequential();
}

/*!
    Puts device() back at the start of the body. Returns \c false when that is impossible. A
    streamed (aws-chunked) sequential body is read while it is sent, so it can be sent once:
    the first call returns \c true, later ones \c false.
*/
bool AwsRequestBody::rewind()
{
    if (m_copy)
        return m_copy->seek(0);
    if (!m_source)
        return true;
    if (m_source->isSequential()) // a streamed one can be sent once, from where it is
        return m_strategy == Streamed && !std::exchange(m_streamSent, true);
    if (!m_source->seek(m_startPos))
        return false;
    // QHttpMultiPart's device only rewinds its parts with reset().
    if (m_startPos == 0 && !m_source->reset())
        return false;
    return m_source->pos() == m_startPos;
}
