// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3PROGRESS_H
#define SIGV4_S3PROGRESS_H

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qstring.h>

// The progress line of sigv4 s3 cp/mv on stderr: bytes done of the total, rate and time
// left, redrawn in place at most ten times a second. Only drawn when enabled (stderr is a
// terminal, no --quiet or --no-progress); clear() wipes it before other output.
class S3Progress
{
public:
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    // A new operation of totalBytes in totalFiles files.
    void start(qint64 totalBytes, int totalFiles);
    // The current file has transferred `bytes` so far.
    void setCurrent(qint64 bytes);
    void addToTotal(qint64 bytes) { m_total += bytes; }
    // The current file is done (or failed): the bytes it moved count as done.
    void finishFile();
    void clear();

    static QString formatBytes(qint64 bytes);

private:
    void draw(bool force);

    bool m_enabled = false;
    bool m_drawn = false;
    qint64 m_total = 0;
    qint64 m_done = 0;
    qint64 m_current = 0;
    int m_files = 0;
    int m_filesDone = 0;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1000;
};

#endif // SIGV4_S3PROGRESS_H
