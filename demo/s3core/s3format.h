// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3FORMAT_H
#define S3FORMAT_H

#include <QtCore/qdatetime.h>
#include <QtCore/qstring.h>

namespace S3Format {
QString size(qint64 bytes);              // "0 B", "812 B", "1.4 KiB", "3.0 MiB"
QString dateTime(const QDateTime &time); // local time, "2026-11-30 08:51"
QString lastSegment(const QString &keyOrPrefix); // "a/b/c.txt" -> "c.txt", "a/b/" -> "b"
} // namespace S3Format

#endif // S3FORMAT_H
