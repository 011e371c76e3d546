// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsbodyhashjob_p.h"

#include "core/awscrypto_p.h"
#include "network/awsrequestbody_p.h"

#include <QtCore/qfile.h>
#include <QtCore/qthreadpool.h>

namespace QtSigV4Private {

// Reads in chunks of ChunkSize (measured: as fast as larger reads, and 2-4 % faster than
// 64 KiB ones).
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

BodyHashJob::BodyHashJob() : m_sha(new Sha256) { }

BodyHashJob::~BodyHashJob() = default;

void BodyHashJob::startWhole(const QSharedPointer<BodyHashJob> &job)
{
    QThreadPool::globalInstance()->start([job] { job->runWhole(); });
}

void BodyHashJob::startChunk(const QSharedPointer<BodyHashJob> &job, const QByteArray &chunk)
{
    // Published under the mutex: QThreadPool hands the task over inside Qt, where
    // ThreadSanitizer does not see it (it would report every byte of the hash state).
    { const std::lock_guard<std::mutex> publish(job->mutex); }
    QThreadPool::globalInstance()->start([job, chunk] { job->hashChunk(chunk); });
}

void BodyHashJob::cancel()
{
    const std::lock_guard<std::mutex> locker(mutex);
    receiver = nullptr;
    cancelled = true;
}

void BodyHashJob::runWhole()
{
    { const std::lock_guard<std::mutex> published(mutex); } // see startChunk()
    QString error;
    if (!fileName.isEmpty()) {
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !file.seek(startPos))
            error = QStringLiteral("cannot reopen it to hash it: %1").arg(file.errorString());
        else
            error = hashDevice(&file, size, *m_sha, &cancelled);
    } else {
        const QByteArrayView view(data);
        for (qint64 offset = startPos, remaining = size; remaining > 0 && !cancelled.load();) {
            const qint64 n = qMin<qint64>(remaining, AwsRequestBody::ChunkSize);
            m_sha->addData(view.sliced(offset, n));
            offset += n;
            remaining -= n;
        }
    }
    const QByteArray hash = m_sha->resultHex();
    releaseThreadState();

    const std::lock_guard<std::mutex> locker(mutex);
    if (receiver && !cancelled.load()) {
        AwsRequestBody *target = receiver;
        QMetaObject::invokeMethod(
                target, [target, hash, error] { target->hashFinished(hash, error); },
                Qt::QueuedConnection);
    }
}

void BodyHashJob::hashChunk(const QByteArray &chunk)
{
    { const std::lock_guard<std::mutex> published(mutex); }
    if (!cancelled.load())
        m_sha->addData(chunk.constData(), chunk.size());
    releaseThreadState();

    const std::lock_guard<std::mutex> locker(mutex);
    if (receiver && !cancelled.load()) {
        AwsRequestBody *target = receiver;
        QMetaObject::invokeMethod(target, [target] { target->feedHashJob(); }, Qt::QueuedConnection);
    }
}

QByteArray BodyHashJob::fedResult()
{
    const std::lock_guard<std::mutex> locker(mutex); // the last task's writes
    return m_sha->resultHex();
}

} // namespace QtSigV4Private
