// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3transfer_p.h"

#include "s3/awss3addressing_p.h"

#include <qtsigv4/awss3reply.h>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qsavefile.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_WIN
#  include <io.h>
#  include <qt_windows.h>
#else
#  include <unistd.h>
#endif

namespace AwsS3Transfer {

qint64 partSize(qint64 size, qint64 requested, qint64 minimum, qint64 maximum, int maxCount,
                qint64 maxSize)
{
    if (size < 0 || size > maxSize)
        return -1;
    qint64 part = qBound(minimum, requested, maximum);
    const qint64 needed = (size + maxCount - 1) / maxCount;
    if (needed > part) {
        constexpr qint64 MiB = 1024 * 1024;
        part = (needed + MiB - 1) / MiB * MiB;
    }
    return part;
}

int partCount(qint64 size, qint64 partSize)
{
    return partSize > 0 ? int(qMax<qint64>(1, (size + partSize - 1) / partSize)) : 0;
}

double bytesPerSecond(const QElapsedTimer &timer, qint64 bytes)
{
    if (!timer.isValid())
        return 0;
    const qint64 msecs = timer.elapsed();
    return msecs > 0 && bytes > 0 ? double(bytes) * 1000.0 / double(msecs) : 0;
}

qint64 secondsRemaining(bool finished, double rate, qint64 remaining)
{
    if (finished)
        return 0;
    if (rate <= 0)
        return -1;
    return qint64(double(remaining) / rate + 0.5);
}

QString requestFailure(const AwsS3Reply *reply, const QString &what)
{
    const QString operation = QString::fromLatin1(
            QMetaEnum::fromType<AwsS3Reply::Operation>().valueToKey(reply->operation()));
    return QStringLiteral("%1%2 failed: %3")
            .arg(operation, what.isEmpty() ? QString() : QStringLiteral(" (") + what + u')',
                 reply->errorString());
}

bool loadStateFile(const QString &path, const char *kind,
                   const std::function<bool(const QByteArray &, QString *)> &parse, bool *exists,
                   QString *problem)
{
    QFile file(path);
    *exists = file.exists();
    if (!*exists)
        return true;
    // A FIFO or a device would block or never end.
    if (!QFileInfo(path).isFile()) {
        *problem = QStringLiteral("the state file %1 is not a regular file").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot read the state file %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray json = file.read(MaxStateFileSize + 1);
    if (json.size() > MaxStateFileSize) {
        *problem = QStringLiteral("the state file %1 is larger than %2 bytes").arg(path).arg(MaxStateFileSize);
        return false;
    }
    QString why;
    if (!parse(json, &why)) {
        *problem = QStringLiteral("the state file %1 is not a valid %2 state (%3)")
                           .arg(path, QLatin1StringView(kind), why);
        return false;
    }
    return true;
}

bool writeStateFile(const QString &path, const QByteArray &json, QString *problem)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(json) < 0 || !file.commit()) {
        *problem = QStringLiteral("cannot write the state file %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool parseStateObject(const QByteArray &json, int version, QJsonObject *root, QString *bucket,
                      QString *key, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *problem = QStringLiteral("not a JSON object");
        return false;
    }
    *root = document.object();
    qint64 number = 0;
    if (!jsonInteger(root->value(u"version"), version, version, &number)) {
        *problem = QStringLiteral("invalid version");
        return false;
    }
    *bucket = root->value(u"bucket").toString();
    *key = root->value(u"key").toString();
    if (!AwsS3Addressing::bucketProblem(*bucket, false).isEmpty()
        || !AwsS3Addressing::keyProblem(*key).isEmpty()) {
        *problem = QStringLiteral("invalid bucket or key");
        return false;
    }
    return true;
}

bool jsonInteger(const QJsonValue &value, qint64 min, qint64 max, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (d < double(min) || d > double(max) || d != double(qint64(d)))
        return false;
    *out = qint64(d);
    return true;
}

bool replaceFile(const QString &from, const QString &to, QString *problem)
{
#ifdef Q_OS_WIN
    if (MoveFileExW(reinterpret_cast<const wchar_t *>(QFileInfo(from).absoluteFilePath().utf16()),
                    reinterpret_cast<const wchar_t *>(QFileInfo(to).absoluteFilePath().utf16()),
                    MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return true;
    *problem = QStringLiteral("cannot rename %1 to %2 (error %3)").arg(from, to).arg(GetLastError());
#else
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    *problem = QStringLiteral("cannot rename %1 to %2: %3")
                       .arg(from, to, QString::fromLocal8Bit(std::strerror(errno)));
#endif
    return false;
}

bool syncFile(int handle)
{
#ifdef Q_OS_WIN
    return _commit(handle) == 0;
#elif defined(Q_OS_DARWIN)
    return ::fsync(handle) == 0;
#else
    return ::fdatasync(handle) == 0;
#endif
}

} // namespace AwsS3Transfer
