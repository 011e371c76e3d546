// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awsrequestbody_p.h"

#include "awscrypto_p.h"
#include "qtsigv4logging_p.h"

#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qrunnable.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qthreadpool.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qabstractsocket.h>

#include <openssl/crypto.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
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
        send an empty body otherwise). From Options::asyncThreshold bytes on this runs on a
        thread of the global pool; a QFile with a name is reopened there, so the caller's
        object is not touched at all;
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

namespace QtSigV4Private {

// Feeds the next size bytes of device to sha, read in chunks of ChunkSize (measured: as fast
// as larger reads, and 2-4 % faster than 64 KiB ones). Returns what went wrong, or nothing.
QString hashDevice(QIODevice *device, qint64 size, Sha256 &sha, const std::atomic<bool> *cancelled)
{
    QByteArray buffer(qMin<qint64>(AwsRequestBody::ChunkSize, qMax<qint64>(size, 1)), Qt::Uninitialized);
    for (qint64 remaining = size; remaining > 0;) {
        if (cancelled && cancelled->load())
            return QStringLiteral("cancelled");
        const qint64 n = device->read(buffer.data(), qMin<qint64>(remaining, buffer.size()));
        if (n < 0)
            return QStringLiteral("reading it failed: %1").arg(device->errorString());
        if (n == 0)
            return QStringLiteral("it ended %1 bytes before its size()").arg(remaining);
        sha.addData(buffer.constData(), n);
        remaining -= n;
    }
    return QString();
}

struct BodyHashJob
{
    // std rather than QMutex/QWaitCondition: Debian's Qt is not built with ThreadSanitizer, so
    // it would not see QWaitCondition::wait() release the mutex (scripts/sanitize tsan).
    std::mutex mutex;
    std::condition_variable doneCondition;
    bool done = false;
    AwsRequestBody *receiver = nullptr; // guarded by mutex
    std::atomic<bool> cancelled { false };

    QByteArray data;          // a QBuffer's bytes (shared, read-only)
    QString fileName;         // a QFile reopened on this thread
    QIODevice *device = nullptr; // any other random-access device, read in place
    qint64 startPos = 0;
    qint64 size = 0;

    void run()
    {
        // The inputs, and the caller's device or buffer written before them, were published
        // under the mutex. QThreadPool hands the job over too, but inside Qt, where
        // ThreadSanitizer does not see it (it would report, and slowly suppress, every byte).
        { const std::lock_guard<std::mutex> published(mutex); }
        Sha256 sha;
        QString error;
        qint64 remaining = size;
        if (!fileName.isEmpty() || device) {
            QFile file;
            QIODevice *in = device;
            if (!fileName.isEmpty()) {
                file.setFileName(fileName);
                if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !file.seek(startPos))
                    error = QStringLiteral("cannot reopen it to hash it: %1").arg(file.errorString());
                in = &file;
            }
            if (error.isEmpty())
                error = hashDevice(in, size, sha, &cancelled);
        } else {
            const QByteArrayView view(data);
            qint64 offset = startPos;
            while (remaining > 0 && !cancelled.load()) {
                const qint64 n = qMin<qint64>(remaining, AwsRequestBody::ChunkSize);
                sha.addData(view.sliced(offset, n));
                offset += n;
                remaining -= n;
            }
        }
        const QByteArray hash = sha.resultHex();
        releaseThreadState();

        const std::lock_guard<std::mutex> locker(mutex);
        if (receiver && !cancelled.load()) {
            AwsRequestBody *target = receiver;
            QMetaObject::invokeMethod(
                    target, [target, hash, error] { target->hashFinished(hash, error); },
                    Qt::QueuedConnection);
        }
        done = true;
        doneCondition.notify_all();
    }

    // OpenSSL frees a thread's state (its error queue, at least) when the thread exits, but
    // only if OPENSSL_cleanup() has not run yet. QCoreApplication's destructor waits for the
    // pool's threads to finish their work, not for them to exit, so at application exit a
    // worker can outlive OpenSSL and its state leaks. Free it now, while OpenSSL is alive.
    static void releaseThreadState() { OPENSSL_thread_stop(); }
};

} // namespace QtSigV4Private

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
    Stops any work in progress without emitting a signal. A worker thread that reads the
    caller's device in place is waited for (at most one chunk) and the device is seeked back.
*/
void AwsRequestBody::cancel()
{
    if (m_idleTimer)
        m_idleTimer->stop();
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    if (m_job) {
        const bool readsInPlace = m_job->device != nullptr;
        {
            std::unique_lock<std::mutex> locker(m_job->mutex);
            m_job->receiver = nullptr;
            m_job->cancelled = true;
            if (readsInPlace)
                m_job->doneCondition.wait(locker, [this] { return m_job->done; });
        }
        m_job.reset();
        if (readsInPlace && m_source) {
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
    if (!m_source)
        return QStringLiteral("device");
    QString name = QString::fromLatin1(m_source->metaObject()->className());
    if (auto *file = qobject_cast<QFile *>(m_source.data()); file && !file->fileName().isEmpty())
        name += QStringLiteral(" \"%1\"").arg(file->fileName());
    else if (auto *process = qobject_cast<QProcess *>(m_source.data()))
        name += QStringLiteral(" \"%1\"").arg(process->program());
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
        {
            const std::lock_guard<std::mutex> publish(m_job->mutex); // see BodyHashJob::run()
            m_job->receiver = this;
            m_job->startPos = m_startPos;
            m_job->size = m_size;
            auto *file = qobject_cast<QFile *>(m_source.data());
            if (buffer) {
                m_job->data = buffer->data();
            } else if (file && !file->fileName().isEmpty() && QFile::exists(file->fileName())) {
                m_job->fileName = file->fileName();
            } else {
                m_job->device = m_source.data();
            }
        }
        qCDebug(lcNetwork) << "hashing" << m_size << "bytes of" << deviceName()
                           << "on a worker thread";
        QSharedPointer<BodyHashJob> job = m_job;
        QThreadPool::globalInstance()->start([job] { job->run(); });
        return;
    }

    m_strategy = RandomAccess;
    Sha256 sha;
    const QString error = hashDevice(m_source, m_size, sha, nullptr);
    finishHashing(sha.resultHex(), error, /* readInPlace */ true);
}

void AwsRequestBody::hashFinished(const QByteArray &hash, const QString &error)
{
    const bool readInPlace = m_job && m_job->device;
    m_job.reset();
    if (m_state != Pending)
        return;
    finishHashing(hash, error, readInPlace);
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
    connect(source, &QObject::destroyed, this, [this] {
        fail(QStringLiteral("the request body device was destroyed before its end"));
    });
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
