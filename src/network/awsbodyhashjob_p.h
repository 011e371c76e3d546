// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSBODYHASHJOB_P_H
#define AWSBODYHASHJOB_P_H

// Internal: the SHA-256 of a large request body, computed on threads of the global pool for
// AwsRequestBody.

#include <QtCore/qbytearray.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qsharedpointer.h>
#include <QtCore/qstring.h>

#include <atomic>
#include <mutex>

class AwsRequestBody;
class QIODevice;

namespace QtSigV4Private {

class Sha256;

// Feeds the next size bytes of device to sha; returns what went wrong, or nothing.
QString hashDevice(QIODevice *device, qint64 size, Sha256 &sha, const std::atomic<bool> *cancelled);

struct BodyHashJob
{
    BodyHashJob();
    ~BodyHashJob();

    // Whole bodies, hashed by one task: a QBuffer's bytes (shared, read-only) or a QFile
    // reopened by name on the worker.
    static void startWhole(const QSharedPointer<BodyHashJob> &job);
    // Any other device: its own thread reads it (AwsRequestBody::feedHashJob()) and hands
    // over one chunk at a time; the worker only ever sees the chunks, never the device.
    static void startChunk(const QSharedPointer<BodyHashJob> &job, const QByteArray &chunk);
    QByteArray fedResult(); // once the last chunk's task has reported
    void cancel();          // the receiver is gone: nothing is reported any more

    // std rather than QMutex: Debian's Qt is not built with ThreadSanitizer, so it would not
    // see Qt's hand-overs (scripts/sanitize tsan). Every hand-over goes through this mutex.
    std::mutex mutex;
    AwsRequestBody *receiver = nullptr; // guarded by mutex
    std::atomic<bool> cancelled { false };

    QByteArray data;
    QString fileName;
    qint64 startPos = 0;
    qint64 size = 0;
    bool fed = false;

private:
    void runWhole();
    void hashChunk(const QByteArray &chunk);
    QScopedPointer<Sha256> m_sha; // fed jobs: one task at a time, in the order of the chunks
};

} // namespace QtSigV4Private

#endif // AWSBODYHASHJOB_P_H
