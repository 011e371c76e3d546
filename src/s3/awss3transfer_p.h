// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3TRANSFER_P_H
#define AWSS3TRANSFER_P_H

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>

#include <functional>

class AwsS3Reply;
class QElapsedTimer;
class QJsonObject;
class QJsonValue;

// What the file transfers (AwsS3Upload, AwsS3Download) share: part sizes, rate and time
// left, the text of a failed request, and their resume state files, which are read as
// hostile input (bounded, regular files only) and written atomically with mode 0600.
namespace AwsS3Transfer {

constexpr qint64 MaxStateFileSize = 4 * 1024 * 1024;

// At least `minimum`, grown in whole MiB so that `size` fits in `maxCount` parts; -1 when
// `size` is negative or above `maxSize`.
qint64 partSize(qint64 size, qint64 requested, qint64 minimum, qint64 maximum, int maxCount,
                qint64 maxSize);
int partCount(qint64 size, qint64 partSize);

// Bytes per second of this run (`bytes` moved since `timer` started), 0 when unknown.
double bytesPerSecond(const QElapsedTimer &timer, qint64 bytes);
// Seconds left at `rate` for `remaining` bytes: 0 when finished, -1 while unknown.
qint64 secondsRemaining(bool finished, double rate, qint64 remaining);

// "Operation (what) failed: reason".
QString requestFailure(const AwsS3Reply *reply, const QString &what);

// Reads and parses the state file at `path`: false with *problem when it cannot be read, is
// not a regular file, is too large or `parse` refuses it (a `kind` state); true with *exists
// false when there is none.
bool loadStateFile(const QString &path, const char *kind,
                   const std::function<bool(const QByteArray &, QString *)> &parse, bool *exists,
                   QString *problem);
bool writeStateFile(const QString &path, const QByteArray &json, QString *problem);
// The JSON object of a state file of `version`, with a valid bucket and key.
bool parseStateObject(const QByteArray &json, int version, QJsonObject *root, QString *bucket,
                      QString *key, QString *problem);
// A whole number in [min, max] stored in a JSON double (exact up to 2^53).
bool jsonInteger(const QJsonValue &value, qint64 min, qint64 max, qint64 *out);

// Renames `from` to `to`, replacing a file at `to` atomically.
bool replaceFile(const QString &from, const QString &to, QString *problem);
// Writes the file's data to the disk (a recorded part must survive a power cut).
bool syncFile(int handle);

} // namespace AwsS3Transfer

#endif // AWSS3TRANSFER_P_H
