// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsdate.h>

#include "core/awsutc_p.h"
#include "core/awsdate_p.h"

#include <QtCore/qregularexpression.h>

/*!
    \class AwsDate
    \inmodule QtSigV4
    \brief Parses and formats the date forms that appear in signed AWS requests.

    parse() accepts RFC 7231 (IMF-fixdate), RFC 2822 with a numeric zone (as botocore and
    Python's \c{email.utils.formatdate()} write a \c Date header:
    \c{Sat, 14 Mar 2026 15:09:26 -0000}), RFC 850, asctime(), the amz basic form
    (\c{20150830T123600Z}) and ISO 8601 with a zone designator. Times with a zone offset are
    converted to UTC; an offset of 24 hours or more, or of 60 minutes or more, is refused. Anything else gives an
    invalid QDateTime, so callers can report a clear error.
*/

namespace {

int monthFromName(QStringView name)
{
    static const char *const names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QLatin1StringView(names[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

QDateTime makeUtc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    return QtSigV4Private::utcDateTime(date, time);
}

// makeUtc() for the amz basic form, without QDate and QTime: the signer parses every
// X-Amz-Date, and their calendar work cost more than the arithmetic here (days from the
// proleptic Gregorian civil date, as QDate counts them; Qt has no year 0).
QDateTime utcFromFields(int year, int month, int day, int hour, int minute, int second)
{
    static constexpr int MonthDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1
        || day > MonthDays[month - 1] + (month == 2 && leap ? 1 : 0) || hour > 23 || minute > 59
        || second > 59) {
        return QDateTime();
    }
    const int y = month <= 2 ? year - 1 : year;
    const int era = y / 400; // y >= 0
    const int yearOfEra = y - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    const qint64 days = qint64(era) * 146097 + dayOfEra - 719468; // since 1970-01-01
    return QtSigV4Private::utcFromSecsSinceEpoch(days * 86400 + hour * 3600 + minute * 60 + second);
}

int captureInt(const QRegularExpressionMatch &m, const char *name)
{
    return m.captured(QLatin1StringView(name)).toInt();
}

QDateTime fromNamedMatch(const QRegularExpressionMatch &m, int year)
{
    const int month = monthFromName(m.captured(u"mon"));
    if (month == 0)
        return QDateTime();
    return makeUtc(year, month, captureInt(m, "day"), captureInt(m, "h"), captureInt(m, "m"),
                   captureInt(m, "s"));
}

// A numeric zone ("+0200", "-05:30", "-0000") applied to the local time \a dt, giving UTC;
// an invalid QDateTime for hours over 23 or minutes over 59.
QDateTime withNumericZone(const QDateTime &dt, QStringView zone)
{
    if (!dt.isValid() || zone.isEmpty() || zone == u"Z" || zone == u"z")
        return dt;
    const int sign = zone.startsWith(u'-') ? -1 : 1;
    const QString digits = zone.mid(1).toString().remove(u':');
    const int hours = digits.left(2).toInt(), minutes = digits.mid(2, 2).toInt();
    if (hours > 23 || minutes > 59)
        return QDateTime();
    return dt.addSecs(-sign * (hours * 3600 + minutes * 60));
}

// The amz basic form (20150830T123600Z) exactly: the form of every X-Amz-Date, parsed
// without QString and QRegularExpression (which cost more than a whole signature).
// Sets *matched when text has the form, whether or not the date exists.
QDateTime parseAmzBasic(QByteArrayView text, bool *matched)
{
    *matched = false;
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return QDateTime();
    int digits[14];
    int n = 0;
    for (int i = 0; i < 15; ++i) {
        if (i == 8)
            continue;
        const char c = text[i];
        if (c < '0' || c > '9')
            return QDateTime();
        digits[n++] = c - '0';
    }
    *matched = true;
    const auto number = [&digits](int at) { return digits[at] * 10 + digits[at + 1]; };
    return utcFromFields(number(0) * 100 + number(2), number(4), number(6), number(8), number(10), number(12));
}

void put2(char *out, int v)
{
    out[0] = char('0' + v / 10);
    out[1] = char('0' + v % 10);
}

// yyyyMMdd into out[8] for the years 1000-9999 (QDate::toString covers the others).
bool putScopeDate(char *out, QDate date)
{
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (!date.isValid() || y < 1000 || y > 9999)
        return false;
    put2(out, y / 100);
    put2(out + 2, y % 100);
    put2(out + 4, m);
    put2(out + 6, d);
    return true;
}

QDateTime parseIso8601(const QRegularExpressionMatch &m)
{
    const QDateTime dt = makeUtc(captureInt(m, "y"), captureInt(m, "mo"), captureInt(m, "d"),
                                 captureInt(m, "h"), captureInt(m, "m"), captureInt(m, "s"),
                                 m.captured(u"frac").left(3).leftJustified(3, u'0').toInt());
    return withNumericZone(dt, m.captured(u"zone"));
}

} // namespace

/*!
    \enum AwsDate::Format

    The form of a parsed date.

    \value InvalidFormat    Nothing matched, or the date or time does not exist.
    \value Rfc7231Format    \c{Sun, 06 Nov 1994 08:49:37 GMT} (IMF-fixdate).
    \value Rfc850Format     \c{Sunday, 06-Nov-94 08:49:37 GMT}.
    \value AsctimeFormat    \c{Sun Nov  6 08:49:37 1994}.
    \value AmzBasicFormat   \c{19941106T084937Z}, as in \c X-Amz-Date.
    \value Iso8601Format    \c{1994-11-06T08:49:37Z}, \c{1994-11-06T10:49:37.5+02:00}.
    \value Rfc2822Format    \c{Sun, 06 Nov 1994 10:49:37 +0200}: RFC 2822 with a numeric
                            zone (the weekday is optional, the day may have one digit).
*/

/*!
    Parses \a text in any supported form and returns the time in UTC, or an invalid
    QDateTime. When \a format is given, it receives the form that matched.
*/
QDateTime AwsDate::parse(QByteArrayView text, Format *format)
{
    static const QRegularExpression amz(
            QStringLiteral(R"(^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})T(?<h>\d{2})(?<m>\d{2})(?<s>\d{2})Z$)"));
    static const QRegularExpression iso(QStringLiteral(
            R"(^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt ](?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2}))"
            R"((?:\.(?<frac>\d{1,9}))?(?<zone>[Zz]|[+-]\d{2}:?\d{2})?$)"));
    static const QRegularExpression rfc7231(QStringLiteral(
            R"(^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<day>\d{2}) (?<mon>[A-Za-z]{3}) (?<y>\d{4}) )"
            R"((?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2}) GMT$)"));
    // RFC 2822 / 5322 with a numeric zone, as Python's email.utils.formatdate() writes it.
    static const QRegularExpression rfc2822(QStringLiteral(
            R"(^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?<day>\d{1,2}) (?<mon>[A-Za-z]{3}) (?<y>\d{4}) )"
            R"((?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2}) (?<zone>[+-]\d{4})$)"));
    static const QRegularExpression rfc850(QStringLiteral(
            R"(^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?<day>\d{2})-)"
            R"((?<mon>[A-Za-z]{3})-(?<y>\d{2}) (?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2}) GMT$)"));
    static const QRegularExpression asctime(QStringLiteral(
            R"(^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<mon>[A-Za-z]{3}) {1,2}(?<day>\d{1,2}) )"
            R"((?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2}) (?<y>\d{4})$)"));

    if (format)
        *format = InvalidFormat;
    if (text.size() > 64)
        return QDateTime();
    bool amzBasic = false;
    if (QDateTime fast = parseAmzBasic(text, &amzBasic); amzBasic) {
        if (fast.isValid() && format)
            *format = AmzBasicFormat;
        return fast;
    }
    const QString s = QString::fromLatin1(text.data(), text.size()).trimmed();
    QDateTime result;
    Format matched = InvalidFormat;
    QRegularExpressionMatch m;
    if ((m = amz.match(s)).hasMatch()) {
        result = makeUtc(captureInt(m, "y"), captureInt(m, "mo"), captureInt(m, "d"),
                         captureInt(m, "h"), captureInt(m, "m"), captureInt(m, "s"));
        matched = AmzBasicFormat;
    } else if ((m = iso.match(s)).hasMatch()) {
        result = parseIso8601(m);
        matched = Iso8601Format;
    } else if ((m = rfc7231.match(s)).hasMatch()) {
        result = fromNamedMatch(m, captureInt(m, "y"));
        matched = Rfc7231Format;
    } else if ((m = rfc2822.match(s)).hasMatch()) {
        result = withNumericZone(fromNamedMatch(m, captureInt(m, "y")), m.captured(u"zone"));
        matched = Rfc2822Format;
    } else if ((m = rfc850.match(s)).hasMatch()) {
        // RFC 7231 7.1.1.1: a two-digit year more than 50 years ahead is in the past century.
        const int yy = captureInt(m, "y");
        const int thisYear = QDate::currentDate().year();
        int year = thisYear - thisYear % 100 + yy;
        if (year > thisYear + 50)
            year -= 100;
        result = fromNamedMatch(m, year);
        matched = Rfc850Format;
    } else if ((m = asctime.match(s)).hasMatch()) {
        result = fromNamedMatch(m, captureInt(m, "y"));
        matched = AsctimeFormat;
    }
    if (result.isValid() && format)
        *format = matched;
    return result;
}

/*! Formats \a dateTime as the amz basic form used by X-Amz-Date: \c{20150830T123600Z}. */
QByteArray AwsDate::toAmzDate(const QDateTime &dateTime)
{
    QByteArray out(QtSigV4Private::AmzDateSize, Qt::Uninitialized);
    if (QtSigV4Private::writeAmzDate(out.data(), dateTime))
        return out;
    return dateTime.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

// Written digit by digit for a UTC time in the years 1000-9999 (every signature formats
// one; QDateTime::toString costs more than the HMAC chain).
bool QtSigV4Private::writeAmzDate(char *out, const QDateTime &dateTime)
{
    if (dateTime.timeSpec() != Qt::UTC)
        return false;
    const QTime time = dateTime.time();
    if (!time.isValid() || !putScopeDate(out, dateTime.date()))
        return false;
    out[8] = 'T';
    put2(out + 9, time.hour());
    put2(out + 11, time.minute());
    put2(out + 13, time.second());
    out[15] = 'Z';
    return true;
}

/*! Formats \a date as the credential scope date: \c{20150830}. */
QByteArray AwsDate::toScopeDate(QDate date)
{
    QByteArray out(8, Qt::Uninitialized);
    if (putScopeDate(out.data(), date))
        return out;
    return date.toString(QStringLiteral("yyyyMMdd")).toLatin1();
}

/*! Formats \a dateTime as an RFC 7231 HTTP date. */
QByteArray AwsDate::toHttpDate(const QDateTime &dateTime)
{
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const QDateTime utc = dateTime.toUTC();
    return QByteArray(days[utc.date().dayOfWeek() - 1]) + ", "
            + utc.toString(QStringLiteral("dd")).toLatin1() + ' ' + months[utc.date().month() - 1]
            + ' ' + utc.toString(QStringLiteral("yyyy HH:mm:ss")).toLatin1() + " GMT";
}
