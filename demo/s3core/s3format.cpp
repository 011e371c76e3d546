// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3format.h"

#include <QtCore/qlocale.h>

namespace S3Format {

QString size(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 1 : 0)
            .arg(QLatin1String(units[unit]));
}

QString dateTime(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString lastSegment(const QString &keyOrPrefix)
{
    QString s = keyOrPrefix;
    if (s.endsWith(u'/'))
        s.chop(1);
    const qsizetype slash = s.lastIndexOf(u'/');
    return slash < 0 ? s : s.mid(slash + 1);
}

} // namespace S3Format
