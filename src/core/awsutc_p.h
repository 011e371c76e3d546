// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSUTC_P_H
#define AWSUTC_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <QtCore/qdatetime.h>
#include <QtCore/qtimezone.h>

namespace QtSigV4Private {

// Qt::UTC date-times on every supported Qt (6.4 to 6.8 LTS and later). The Qt::TimeSpec
// constructors and fromSecsSinceEpoch(secs, Qt::UTC) are deprecated since Qt 6.8, and
// QTimeZone::UTC, their replacement, only exists since 6.5; on 6.4 QTimeZone::utc() is a
// time zone (timeSpec() Qt::TimeZone), not Qt::UTC, which the signer's fast paths expect.
// So: one Qt::UTC epoch, moved with addSecs() and setDate()/setTime(), which keep the spec.
inline const QDateTime &utcEpoch()
{
    static const QDateTime epoch = QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc()).toUTC();
    return epoch;
}

// QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).
inline QDateTime utcFromSecsSinceEpoch(qint64 secs)
{
    return utcEpoch().addSecs(secs);
}

// QDateTime(date, time, Qt::UTC).
inline QDateTime utcDateTime(QDate date, QTime time)
{
    QDateTime t = utcEpoch();
    t.setDate(date);
    t.setTime(time);
    return t;
}

} // namespace QtSigV4Private

#endif // AWSUTC_P_H
