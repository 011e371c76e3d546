// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "requestinput.h"

#include "core/awscrypto_p.h"

#include <QtCore/qfile.h>
#include <QtCore/qtemporaryfile.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// Request files over 2 GiB on 32-bit boards (armhf): without a 64-bit off_t, open() and fstat()
// fail with EOVERFLOW and pread() offsets wrap. src/cli/CMakeLists.txt sets _FILE_OFFSET_BITS.
static_assert(sizeof(off_t) == sizeof(qint64), "the sigv4 tool needs a 64-bit off_t (_FILE_OFFSET_BITS=64)");

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// read() that retries on EINTR.
qint64 readSome(int fd, char *data, qint64 size)
{
    for (;;) {
        const ssize_t n = ::read(fd, data, size_t(size));
        if (n >= 0 || errno != EINTR)
            return qint64(n);
    }
}

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Where the head ends in text: the index of the blank line's first byte (the body follows the
// blank line's '\n'), else -1. *bodyStart is set to the first byte of the body.
qsizetype headEnd(const QByteArray &text, qsizetype *bodyStart)
{
    qsizetype pos = 0;
    for (;;) {
        const qsizetype newline = text.indexOf('\n', pos);
        if (newline < 0)
            return -1;
        const bool blank = newline == pos || (newline == pos + 1 && text.at(pos) == '\r');
        if (blank) {
            *bodyStart = newline + 1;
            return pos;
        }
        pos = newline + 1;
    }
}

} // namespace

RequestInput::RequestInput() = default;

RequestInput::~RequestInput()
{
    if (m_ownsFd)
        ::close(m_fd);
}

bool RequestInput::read(const QString &fileName, bool keepBody, QString *errorString)
{
    const bool isStdin = fileName == u"-";
    m_name = isStdin ? QStringLiteral("standard input") : fileName;
    m_fd = isStdin ? STDIN_FILENO : ::open(QFile::encodeName(fileName).constData(), O_RDONLY | O_CLOEXEC);
    m_ownsFd = !isStdin && m_fd >= 0;
    struct stat status {};
    if (m_fd < 0 || ::fstat(m_fd, &status) != 0) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(m_name, systemError());
        return false;
    }
    if (S_ISDIR(status.st_mode)) {
        *errorString = QStringLiteral("cannot read %1: it is a directory").arg(m_name);
        return false;
    }
    // A device (/dev/urandom, /dev/zero) or socket never ends: a request is a file or a pipe
    // (give "-" for standard input, whatever it is).
    if (!isStdin && !S_ISREG(status.st_mode) && !S_ISFIFO(status.st_mode)) {
        *errorString = QStringLiteral("cannot read %1: not a regular file or pipe").arg(m_name);
        return false;
    }
    return readHead(errorString) && readBody(keepBody, errorString);
}

bool RequestInput::readHead(QString *errorString)
{
    QByteArray text;
    char block[64 * 1024];
    for (;;) {
        qsizetype bodyStart = 0;
        const qsizetype end = headEnd(text, &bodyStart);
        if (end == 0) { // a blank first line: no request line, which the parser reports
            m_head = text.left(bodyStart);
            return true;
        }
        if (end > 0) {
            m_head = text.left(end);
            m_pending = text.mid(bodyStart);
            return true;
        }
        if (text.size() > MaxHeadSize) {
            *errorString = QStringLiteral("%1: the request line and headers exceed %2 bytes without the "
                                          "blank line that ends them")
                                   .arg(m_name)
                                   .arg(MaxHeadSize);
            return false;
        }
        const qint64 n = readSome(m_fd, block, sizeof block);
        if (n < 0) {
            *errorString = QStringLiteral("cannot read %1: %2").arg(m_name, systemError());
            return false;
        }
        if (n == 0) { // no blank line: no body
            m_head = text;
            return true;
        }
        text.append(block, qsizetype(n));
    }
}

bool RequestInput::readBody(bool keepBody, QString *errorString)
{
    QtSigV4Private::Sha256 sha;
    sha.addData(m_pending);
    m_bodySize = m_pending.size();
    const qint64 position = ::lseek(m_fd, 0, SEEK_CUR);
    struct stat status {};
    const bool seekable = ::fstat(m_fd, &status) == 0 && S_ISREG(status.st_mode) && position >= 0;
    if (keepBody && seekable) {
        m_bodyOffset = position - m_pending.size();
    } else if (keepBody) {
        m_spool = std::make_unique<QTemporaryFile>();
        if (!m_spool->open() || m_spool->write(m_pending) != m_pending.size()) {
            *errorString = QStringLiteral("cannot spool the body of %1 to a temporary file: %2")
                                   .arg(m_name, m_spool->errorString());
            return false;
        }
    }
    m_pending.clear();

    QByteArray block(BlockSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = readSome(m_fd, block.data(), block.size());
        if (n < 0) {
            *errorString = QStringLiteral("cannot read %1: %2").arg(m_name, systemError());
            return false;
        }
        if (n == 0)
            break;
        sha.addData(block.constData(), qsizetype(n));
        m_bodySize += n;
        if (m_spool && m_spool->write(block.constData(), n) != n) {
            *errorString = QStringLiteral("cannot spool the body of %1 to a temporary file: %2")
                                   .arg(m_name, m_spool->errorString());
            return false;
        }
    }
    if (m_spool && !m_spool->flush()) {
        *errorString = QStringLiteral("cannot spool the body of %1 to a temporary file: %2")
                               .arg(m_name, m_spool->errorString());
        return false;
    }
    m_bodyHash = sha.resultHex();
    return true;
}

bool RequestInput::writeBody(QString *errorString) const
{
    std::fflush(stdout);
    const int fd = m_spool ? int(m_spool->handle()) : m_fd;
    qint64 offset = m_spool ? 0 : m_bodyOffset;
    QByteArray block(BlockSize, Qt::Uninitialized);
    for (qint64 left = m_bodySize; left > 0;) {
        const ssize_t n = ::pread(fd, block.data(), size_t(qMin<qint64>(left, block.size())), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *errorString = n < 0 ? QStringLiteral("cannot read the body of %1 again: %2").arg(m_name, systemError())
                                 : QStringLiteral("the body of %1 shrank while it was signed").arg(m_name);
            return false;
        }
        if (!writeAll(STDOUT_FILENO, block.constData(), n)) {
            *errorString = QStringLiteral("cannot write to standard output");
            return false;
        }
        offset += n;
        left -= n;
    }
    return true;
}
