// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSREQUESTBODY_P_H
#define AWSREQUESTBODY_P_H

// Internal: gets the SHA-256 of a request body without losing the body (see docs/design.md section 2).
// Exported for the unit tests only; not part of the public API.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qsharedpointer.h>

class QIODevice;
class QTimer;
class QTemporaryFile;

namespace QtSigV4Private {
struct BodyHashJob;
class Sha256;
}

class QTSIGV4_AUTOTEST_EXPORT AwsRequestBody : public QObject
{
    Q_OBJECT
public:
    enum State { Idle, Pending, Ready, Failed };
    enum Strategy {
        NoBody,            // no device: the hash of the empty string
        InMemory,          // QBuffer, hashed where it lies
        RandomAccess,      // QFile & co.: streamed, then seeked back to the original position
        RandomAccessAsync, // the same on a worker thread (large bodies)
        SequentialMemory,  // read to the end into an owned buffer
        SequentialFile,    // read to the end, spilled to an owned temporary file
        Skipped,           // hash not needed (UNSIGNED-PAYLOAD, presigned, caller's hash)
        Streamed           // aws-chunked: the caller's device is read while sending, never copied
    };
    Q_ENUM(Strategy)

    struct Options {
        qint64 memoryLimit = 8 * 1024 * 1024;    // sequential bodies above go to a temp file
        qint64 asyncThreshold = 4 * 1024 * 1024; // random-access bodies from here on: thread
        int idleTimeoutMs = 30000;               // sequential: no data and no end for so long
        bool computeHash = true;
        bool streamed = false;                   // aws-chunked upload: no hash, no copy
    };

    AwsRequestBody(QIODevice *source, const Options &options, QObject *parent = nullptr);
    ~AwsRequestBody() override;

    void start();
    void cancel();

    State state() const { return m_state; }
    Strategy strategy() const { return m_strategy; }
    QString errorString() const { return m_errorString; }
    QByteArray payloadHash() const { return m_hash; }

    QIODevice *device() const;
    qint64 size() const { return m_size; }
    // A streamed sequential source that already signalled its end (readChannelFinished()).
    bool sourceFinished() const { return m_sourceFinished; }
    bool rewind();
    // Whether the body can be sent once more: all but a streamed sequential source, which is
    // read while it is sent.
    bool canSendAgain() const;
    QString deviceName() const; // for messages: the class, and the file or program name
    QString sizeChange(const QString &when) const;

    static constexpr qint64 ChunkSize = 1024 * 1024;

Q_SIGNALS:
    void ready();
    void failed(const QString &errorString);

private:
    friend struct QtSigV4Private::BodyHashJob;
    void startStreamed();
    void startRandomAccess();
    void startSequential();
    void readSequential();
    void finishSequential();
    QString describeSource() const;
    void sourceDestroyed();
    void hashFinished(const QByteArray &hash, const QString &error);
    void feedHashJob();
    QByteArray readChunk();
    void succeed(const QByteArray &hash);
    void fail(const QString &error);
    void finishHashing(const QByteArray &hash, const QString &error, bool readInPlace);
    bool appendSequential(const char *data, qint64 size);

    QPointer<QIODevice> m_source;
    QString m_deviceName;
    Options m_options;
    State m_state = Idle;
    Strategy m_strategy = NoBody;
    QString m_errorString;
    QByteArray m_hash;
    qint64 m_startPos = 0;
    qint64 m_size = 0;            // -1: a streamed sequential body of unknown size
    bool m_streamSent = false;    // a streamed sequential body can be sent once

    // Sequential bodies.
    QScopedPointer<QtSigV4Private::Sha256> m_sha;
    QByteArray m_memory;
    QIODevice *m_copy = nullptr; // QBuffer or QTemporaryFile, owned
    QTemporaryFile *m_spill = nullptr;
    QTimer *m_idleTimer = nullptr;
    bool m_sourceFinished = false;

    // Worker-thread hashing; a device read here for the worker is fed a chunk at a time.
    QSharedPointer<QtSigV4Private::BodyHashJob> m_job;
    qint64 m_fedRemaining = 0;
    QByteArray m_nextChunk;
    QString m_feedError;
};

#endif // AWSREQUESTBODY_P_H
