// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCLOCKSKEW_P_H
#define AWSCLOCKSKEW_P_H

// Internal: what an error answer says about the server's clock, and whether to believe it.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qstring.h>

class AwsServiceError;

class QTSIGV4_AUTOTEST_EXPORT AwsClockSkew
{
public:
    enum Verdict {
        NotSkewed,   // no clock error, or no server time to learn from
        Correctable, // sign again with offset()
        Implausible  // the server's time is too far from ours to be believed
    };

    // A signature error counts as skew when the server's time is this far from ours.
    static constexpr qint64 ToleranceMs = 5 * 60 * 1000;
    // No correction beyond a day: a server (or a man in the middle) claiming the year 9999
    // would otherwise make every later request of the manager carry that date.
    static constexpr qint64 MaxCorrectionMs = 24 * 60 * 60 * 1000;

    // error and dateHeader come from the answer to a request signed at signedAt (the time
    // in the request: the local clock plus the offset then in use); now is the local clock.
    static AwsClockSkew assess(const AwsServiceError &error, const QByteArray &dateHeader,
                               const QDateTime &signedAt, const QDateTime &now);

    Verdict verdict() const { return m_verdict; }
    qint64 offset() const { return m_offset; } // the server's time minus the local time, ms
    QDateTime serverTime() const { return m_serverTime; }
    QString refusal() const; // why an Implausible correction was not made

private:
    Verdict m_verdict = NotSkewed;
    qint64 m_offset = 0;
    QDateTime m_serverTime;
};

#endif // AWSCLOCKSKEW_P_H
