// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_S3BENCHSERVER_H
#define QTSIGV4_S3BENCHSERVER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qthread.h>
#include <QtCore/qurl.h>

#include <atomic>

class S3BenchResponder;

// The S3 of the transfer benchmarks, on 127.0.0.1 and a thread of its own: just enough of S3
// for multipart uploads and ranged downloads by any client (AwsS3Client, boto3's s3transfer),
// as fast as a socket allows so that the clients, not the server, set the pace. Uploaded
// bodies (Content-Length or HTTP chunked, aws-chunked inside either) are counted and dropped;
// every GET serves the same generated object of objectSize() bytes. It checks no signature
// (the signer has its own benchmarks), and buffers at most ~1 MiB per connection.
class S3BenchServer
{
public:
    explicit S3BenchServer(qint64 objectSize);
    ~S3BenchServer();

    QUrl endpoint() const;
    qint64 objectSize() const { return m_objectSize; }
    // The byte at `offset` of the served object (a pattern that differs between parts).
    static char objectByte(qint64 offset);
    qint64 bytesReceived() const { return m_received.load(); }
    int requests() const { return m_requests.load(); }

private:
    QThread m_thread;
    S3BenchResponder *m_responder = nullptr;
    quint16 m_port = 0;
    qint64 m_objectSize;
    std::atomic<qint64> m_received { 0 };
    std::atomic<int> m_requests { 0 };
    friend class S3BenchResponder;
};

#endif // QTSIGV4_S3BENCHSERVER_H
