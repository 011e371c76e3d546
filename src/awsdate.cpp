// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsdate.h>

#include <QtCore/qregularexpression.h>

/*!
    \class AwsDate
    \inmodule QtSigV4
    \brief Parses and formats the date forms that appear in signed AWS requests.

    parse() accepts RFC 7231 (IMF-fixdate), RFC 850, asctime(), the amz basic form
    (\c{20150830T123600Z}) and ISO 8601 with a zone designator. Anything else gives an
    invalid QDateTime, so callers can report a clear error.
*/

/*!
    \enum AwsDate::Format
    \value InvalidFormat Not a date in any of the forms below.
    \value Rfc7231Format \c{Sun, 06 Nov 1994 08:49:37 GMT} (the HTTP date).
    \value Rfc850Format \c{Sunday, 06-Nov-94 08:49:37 GMT}.
    \value AsctimeFormat \c{Sun Nov  6 08:49:37 1994}.
    \value AmzBasicFormat \c{19941106T084937Z} (\c X-Amz-Date).
    \value Iso8601Format \c{1994-11-06T08:49:37Z} or with an offset and fractions,
           \c{1994-11-06T10:49:37.5+02:00}.
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
    return QDateTime(date, time, Qt::UTC);
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

QDateTime parseIso8601(const QRegularExpressionMatch &m)
{
    QDateTime dt = makeUtc(captureInt(m, "y"), captureInt(m, "mo"), captureInt(m, "d"),
                           captureInt(m, "h"), captureInt(m, "m"), captureInt(m, "s"),
                           m.captured(u"frac").left(3).leftJustified(3, u'0').toInt());
    const QString zone = m.captured(u"zone");
    if (!dt.isValid() || zone.isEmpty() || zone == u"Z" || zone == u"z")
        return dt;
    const int sign = zone.startsWith(u'-') ? -1 : 1;
    const QString digits = zone.mid(1).remove(u':');
    const int offset = sign * (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60);
    if (digits.left(2).toInt() > 23 || digits.mid(2, 2).toInt() > 59)
        return QDateTime();
    return dt.addSecs(-offset);
}

} // namespace

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
    return dateTime.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

/*! Formats \a date as the credential scope date: \c{20150830}. */
QByteArray AwsDate::toScopeDate(QDate date)
{
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
