// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsclockskew_p.h"

#include "network/awsserviceerror_p.h"

#include <qtsigv4/awsdate.h>

/*!
    \class AwsClockSkew
    \internal
    \brief Decides whether an error answer proves that the local clock is off, and by how much.

    An answer says the request time is too far from the server's when its code says so
    (\c RequestTimeTooSkewed, an expired signature) or when it is a signature error and the
    server's time (S3's \c ServerTime, else the \c Date header) is more than ToleranceMs from
    the time signed. The server's time is believed only within MaxCorrectionMs of the local
    clock: beyond, the answer is Implausible and nothing is learned from it.
*/

AwsClockSkew AwsClockSkew::assess(const AwsServiceError &error, const QByteArray &dateHeader,
                                  const QDateTime &signedAt, const QDateTime &now)
{
    AwsClockSkew skew;
    skew.m_serverTime = error.serverTime.isValid() ? error.serverTime : AwsDate::parse(dateHeader);
    if (!skew.m_serverTime.isValid())
        return skew;
    const bool skewed = error.isClockSkewError()
            || (error.isSignatureError() && qAbs(signedAt.msecsTo(skew.m_serverTime)) > ToleranceMs);
    if (!skewed)
        return skew;
    skew.m_offset = now.msecsTo(skew.m_serverTime);
    skew.m_verdict = qAbs(skew.m_offset) <= MaxCorrectionMs ? Correctable : Implausible;
    return skew;
}

QString AwsClockSkew::refusal() const
{
    return QStringLiteral("the server's time %1 is %2 s from the local clock, more than the %3 s "
                          "(one day) this client corrects: check the local clock, or the server")
            .arg(m_serverTime.toUTC().toString(Qt::ISODate))
            .arg(m_offset / 1000)
            .arg(MaxCorrectionMs / 1000);
}
