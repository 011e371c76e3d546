// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_REQUESTINPUT_H
#define SIGV4_REQUESTINPUT_H

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>

#include <memory>

class QTemporaryFile;

// A raw HTTP request read for `sigv4 sign` and `sigv4 verify` in bounded memory, whatever the
// size of its body: the head (request line and header lines, up to MaxHeadSize) is held, the
// body is hashed with SHA-256 as it streams by and never held whole. When the body must be
// printed again (the signed request), it is copied from the input file where it lies, or, for
// a pipe, from a temporary file it was spooled to while hashing.
class RequestInput
{
public:
    static constexpr qint64 MaxHeadSize = 1 << 20;
    static constexpr qint64 BlockSize = 1 << 20;

    RequestInput();
    ~RequestInput();
    RequestInput(const RequestInput &) = delete;
    RequestInput &operator=(const RequestInput &) = delete;

    // Reads FILE, or standard input for "-". keepBody: the body will be written out again.
    // False with *errorString set (one line) on a read error or a head over MaxHeadSize.
    bool read(const QString &fileName, bool keepBody, QString *errorString);

    // The request line and header lines with the line ending after the last one, without the
    // blank line: what AwsHttpRequest::fromRaw() and RawRequest parse.
    QByteArray head() const { return m_head; }
    bool hasBody() const { return m_bodySize > 0; }
    qint64 bodySize() const { return m_bodySize; }
    QByteArray bodyHashHex() const { return m_bodyHash; }

    // Writes the body to standard output (flushed first). False on a read or write error.
    bool writeBody(QString *errorString) const;

private:
    bool readHead(QString *errorString);
    bool readBody(bool keepBody, QString *errorString);

    int m_fd = -1;
    bool m_ownsFd = false;
    QString m_name;
    QByteArray m_head;
    QByteArray m_pending;      // body bytes read with the head
    qint64 m_bodyOffset = -1;  // where the body starts in a seekable input; -1: spooled
    qint64 m_bodySize = 0;
    QByteArray m_bodyHash;
    std::unique_ptr<QTemporaryFile> m_spool;
};

#endif // SIGV4_REQUESTINPUT_H
