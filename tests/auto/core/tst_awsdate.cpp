// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsdate.h>

#include <QtCore/qtimezone.h>
#include <QtTest/qtest.h>

class tst_AwsDate : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void format();
    void amzDate_data();
    void amzDate();
};

void tst_AwsDate::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::addColumn<int>("format");
    const QDateTime t(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc());
    QTest::newRow("rfc7231") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << t << int(AwsDate::Rfc7231Format);
    QTest::newRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << t << int(AwsDate::Rfc850Format);
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << t << int(AwsDate::AsctimeFormat);
    QTest::newRow("amz") << QByteArray("19941106T084937Z") << t << int(AwsDate::AmzBasicFormat);
    QTest::newRow("iso-z") << QByteArray("1994-11-06T08:49:37Z") << t << int(AwsDate::Iso8601Format);
    QTest::newRow("iso-offset") << QByteArray("1994-11-06T10:49:37+02:00") << t << int(AwsDate::Iso8601Format);
    QTest::newRow("iso-negative-offset") << QByteArray("1994-11-06T03:19:37-0530") << t << int(AwsDate::Iso8601Format);
    QTest::newRow("iso-fraction") << QByteArray("1994-11-06T08:49:37.000Z") << t << int(AwsDate::Iso8601Format);
    QTest::newRow("surrounding-space") << QByteArray("  19941106T084937Z ") << t << int(AwsDate::AmzBasicFormat);
    QTest::newRow("rfc850-2000s") << QByteArray("Sunday, 30-Aug-15 12:36:00 GMT")
                                  << QDateTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc()) << int(AwsDate::Rfc850Format);
    // Past 2038-01-19T03:14:07Z, the end of a 32-bit time_t (armhf boards running Debian 12).
    const QDateTime y2038(QDate(2038, 1, 19), QTime(3, 14, 8), QTimeZone::utc());
    const QDateTime y2040(QDate(2040, 2, 29), QTime(23, 59, 59), QTimeZone::utc());
    QTest::newRow("amz-2038") << QByteArray("20380119T031408Z") << y2038 << int(AwsDate::AmzBasicFormat);
    QTest::newRow("amz-2040") << QByteArray("20400229T235959Z") << y2040 << int(AwsDate::AmzBasicFormat);
    QTest::newRow("rfc7231-2040") << QByteArray("Wed, 29 Feb 2040 23:59:59 GMT") << y2040 << int(AwsDate::Rfc7231Format);
    QTest::newRow("iso-offset-2040") << QByteArray("2040-03-01T01:59:59+02:00") << y2040 << int(AwsDate::Iso8601Format);
    QTest::newRow("rfc2822-2040") << QByteArray("Wed, 29 Feb 2040 23:59:59 +0000") << y2040 << int(AwsDate::Rfc2822Format);
    QTest::newRow("empty") << QByteArray() << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("garbage") << QByteArray("yesterday") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("bad-month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("bad-day") << QByteArray("19940231T000000Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("bad-hour") << QByteArray("19941106T254937Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("not-gmt") << QByteArray("Sun, 06 Nov 1994 08:49:37 PST") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("huge") << QByteArray(100000, '1') << QDateTime() << int(AwsDate::InvalidFormat);
    const QDateTime b(QDate(2026, 3, 14), QTime(15, 9, 26), QTimeZone::utc());
    QTest::newRow("rfc2822-botocore") << QByteArray("Sat, 14 Mar 2026 15:09:26 -0000") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-plus-zero") << QByteArray("Sat, 14 Mar 2026 15:09:26 +0000") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-east") << QByteArray("Sat, 14 Mar 2026 17:09:26 +0200") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-west-half-hour") << QByteArray("Sat, 14 Mar 2026 11:39:26 -0330") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-day-before") << QByteArray("Sun, 15 Mar 2026 00:09:26 +0900") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-no-weekday") << QByteArray("14 Mar 2026 15:09:26 +0000") << b << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-one-digit-day") << QByteArray("Sun, 6 Nov 1994 08:49:37 -0000") << t << int(AwsDate::Rfc2822Format);
    QTest::newRow("rfc2822-offset-2400") << QByteArray("Sat, 14 Mar 2026 15:09:26 +2400") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-offset-0960") << QByteArray("Sat, 14 Mar 2026 15:09:26 +0960") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-offset-short") << QByteArray("Sat, 14 Mar 2026 15:09:26 +000") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-offset-garbage") << QByteArray("Sat, 14 Mar 2026 15:09:26 +0x00") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-offset-unsigned") << QByteArray("Sat, 14 Mar 2026 15:09:26 0000") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-offset-trailing") << QByteArray("Sat, 14 Mar 2026 15:09:26 +0000 GMT") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("rfc2822-bad-time") << QByteArray("Sat, 14 Mar 2026 24:09:26 +0000") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("iso-offset-2400") << QByteArray("1994-11-06T08:49:37+24:00") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("iso-offset-0960") << QByteArray("1994-11-06T08:49:37+09:60") << QDateTime() << int(AwsDate::InvalidFormat);
    // The amz basic form has a parser of its own (no QString, no regular expression).
    QTest::newRow("amz-letter") << QByteArray("1994110ST084937Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-lower-case") << QByteArray("19941106t084937z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-sign") << QByteArray("+9941106T084937Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-second-60") << QByteArray("19941106T084960Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-year-0") << QByteArray("00000101T000000Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-year-999") << QByteArray("09991231T235959Z")
                                  << QDateTime(QDate(999, 12, 31), QTime(23, 59, 59), QTimeZone::utc()) << int(AwsDate::AmzBasicFormat);
    QTest::newRow("amz-leap-day") << QByteArray("20240229T000000Z")
                                  << QDateTime(QDate(2024, 2, 29), QTime(0, 0), QTimeZone::utc()) << int(AwsDate::AmzBasicFormat);
    QTest::newRow("amz-no-leap-day") << QByteArray("21000229T000000Z") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("amz-trailing-byte") << QByteArray("19941106T084937Zx") << QDateTime() << int(AwsDate::InvalidFormat);
    QTest::newRow("invalid-utf8") << QByteArray("\xff\xfe 1994") << QDateTime() << int(AwsDate::InvalidFormat);
}

void tst_AwsDate::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    QFETCH(int, format);
    AwsDate::Format matched = AwsDate::Rfc850Format;
    const QDateTime parsed = AwsDate::parse(text, &matched);
    QCOMPARE(parsed, expected);
    QCOMPARE(int(matched), format);
}

void tst_AwsDate::format()
{
    const QDateTime t(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc());
    QCOMPARE(AwsDate::toAmzDate(t), QByteArray("20150830T123600Z"));
    QCOMPARE(AwsDate::toAmzDate(t.toOffsetFromUtc(3600)), QByteArray("20150830T123600Z"));
    QCOMPARE(AwsDate::toScopeDate(t.date()), QByteArray("20150830"));
    QCOMPARE(AwsDate::toHttpDate(t), QByteArray("Sun, 30 Aug 2015 12:36:00 GMT"));
    QCOMPARE(AwsDate::parse(AwsDate::toHttpDate(t)), t);

    // After the 32-bit time_t limit (2038-01-19T03:14:07Z).
    const QDateTime late(QDate(2040, 2, 29), QTime(23, 59, 59), QTimeZone::utc());
    QCOMPARE(AwsDate::toAmzDate(late), QByteArray("20400229T235959Z"));
    QCOMPARE(AwsDate::toAmzDate(late.toOffsetFromUtc(-5 * 3600)), QByteArray("20400229T235959Z"));
    QCOMPARE(AwsDate::toScopeDate(late.date()), QByteArray("20400229"));
    QCOMPARE(AwsDate::toHttpDate(late), QByteArray("Wed, 29 Feb 2040 23:59:59 GMT"));
    QCOMPARE(AwsDate::parse(AwsDate::toHttpDate(late)), late);
}

void tst_AwsDate::amzDate_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("amz");
    QTest::addColumn<QByteArray>("scope");
    const QDateTime t(QDate(2015, 8, 30), QTime(12, 36, 5, 999), QTimeZone::utc());
    QTest::newRow("utc-msecs-dropped") << t << QByteArray("20150830T123605Z") << QByteArray("20150830");
    QTest::newRow("offset") << t.toOffsetFromUtc(-5 * 3600) << QByteArray("20150830T123605Z") << QByteArray("20150830");
    QTest::newRow("local") << t.toLocalTime() << QByteArray("20150830T123605Z") << QByteArray();
    QTest::newRow("first-of-1000") << QDateTime(QDate(1000, 1, 1), QTime(0, 0), QTimeZone::utc()) << QByteArray("10000101T000000Z")
                                   << QByteArray("10000101");
    QTest::newRow("last-of-9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), QTimeZone::utc())
                                  << QByteArray("99991231T235959Z") << QByteArray("99991231");
    // Outside 1000-9999 QDateTime::toString() writes the year; the result must read back.
    QTest::newRow("year-999") << QDateTime(QDate(999, 1, 2), QTime(3, 4, 5), QTimeZone::utc()) << QByteArray() << QByteArray();
    QTest::newRow("year-10000") << QDateTime(QDate(10000, 1, 2), QTime(3, 4, 5), QTimeZone::utc()) << QByteArray() << QByteArray();
}

// The digit-by-digit formatting against QDateTime::toString(), the form it replaced.
void tst_AwsDate::amzDate()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, amz);
    QFETCH(QByteArray, scope);
    const QDateTime utc = time.toUTC();
    QCOMPARE(AwsDate::toAmzDate(time), utc.toString(u"yyyyMMdd'T'HHmmss'Z'").toLatin1());
    QCOMPARE(AwsDate::toScopeDate(utc.date()), utc.date().toString(u"yyyyMMdd").toLatin1());
    if (!amz.isEmpty())
        QCOMPARE(AwsDate::toAmzDate(time), amz);
    if (!scope.isEmpty())
        QCOMPARE(AwsDate::toScopeDate(time.date()), scope);
    if (utc.date().year() >= 1000 && utc.date().year() <= 9999)
        QCOMPARE(AwsDate::parse(AwsDate::toAmzDate(time)), utc.addMSecs(-utc.time().msec()));
}

QTEST_GUILESS_MAIN(tst_AwsDate)
#include "tst_awsdate.moc"
