// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3progress.h"

#include <cstdio>

void S3Progress::start(qint64 totalBytes, int totalFiles)
{
    m_total = totalBytes;
    m_files = totalFiles;
    m_done = m_current = 0;
    m_filesDone = 0;
    m_clock.start();
    m_lastDrawMs = -1000;
}

void S3Progress::setCurrent(qint64 bytes)
{
    m_current = qMax<qint64>(0, bytes);
    draw(false);
}

void S3Progress::finishFile()
{
    m_done += m_current;
    m_current = 0;
    ++m_filesDone;
    draw(true);
}

QString S3Progress::formatBytes(qint64 bytes)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = double(bytes) / 1024;
    int unit = 0;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

void S3Progress::draw(bool force)
{
    if (!m_enabled)
        return;
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastDrawMs < 100)
        return;
    m_lastDrawMs = now;
    const qint64 done = qMin(m_total, m_done + m_current);
    const double rate = now > 0 ? double(done) * 1000 / double(now) : 0;
    QString eta = QStringLiteral("--:--");
    if (rate > 0 && m_total >= done) {
        const qint64 seconds = qint64(double(m_total - done) / rate);
        eta = QStringLiteral("%1:%2").arg(seconds / 60, 2, 10, QLatin1Char('0'))
                      .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    constexpr int width = 24;
    const int filled = m_total > 0 ? int(done * width / m_total) : width;
    const QString line = QStringLiteral("\r[%1%2] %3 / %4  %5/s  ETA %6  (%7 of %8 files)\x1b[K")
                                 .arg(QString(filled, u'#'), QString(width - filled, u'.'),
                                      formatBytes(done), formatBytes(m_total),
                                      formatBytes(qint64(rate)), eta)
                                 .arg(m_filesDone).arg(m_files);
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void S3Progress::clear()
{
    if (!m_drawn)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
}
