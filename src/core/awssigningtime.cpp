// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awssigningtime_p.h"

#include "core/awsdate_p.h"
#include "core/awsutc_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awsdate.h>

namespace QtSigV4Private {

namespace {

// Header names the date mode removes: QByteArrayLiteral, so no allocation per use.
const QByteArray DateHeader = QByteArrayLiteral("date");
const QByteArray AmzDateHeader = QByteArrayLiteral("x-amz-date");

// What AwsDate::toAmzDate() writes for a time parsed from value in the amz basic form: the
// same 16 bytes when the year has four digits (1000-9999), read without calendar work.
bool isCanonicalAmzDate(QByteArrayView value)
{
    return value.size() == 16 && value[0] != '0';
}

} // namespace

QDateTime toWholeSecondsUtc(const QDateTime &t)
{
    if (t.timeSpec() == Qt::UTC && t.isValid() && t.toMSecsSinceEpoch() % 1000 == 0)
        return t; // already: no calendar work
    const QDateTime source = t.isValid() ? t : QDateTime::currentDateTimeUtc();
    return QtSigV4Private::utcFromSecsSinceEpoch(source.toSecsSinceEpoch());
}

void SigningTime::set(const QDateTime &t, bool add, QByteArrayView header)
{
    time = t;
    addAmzDate = add;
    if (header.isNull()) {
        if (writeAmzDate(written, t)) {
            amzDate = QByteArrayView(written, sizeof written);
        } else {
            formatted = AwsDate::toAmzDate(t);
            amzDate = formatted;
        }
    } else {
        amzDate = header;
    }
}

const QDateTime &SigningNow::get()
{
    if (!m_now)
        m_now = toWholeSecondsUtc(m_input);
    return *m_now;
}

QString resolveSigningTime(RequestInSigning &request, AwsSignerHeaders &known,
                           const AwsSigningConfigPrivate &config, SigningNow &now, SigningTime &out)
{
    using DateMode = AwsSigningConfig::DateMode;
    const bool passive = config.dateMode == DateMode::Passive;
    const bool query = config.location == AwsSigningConfig::SignatureLocation::QueryString;
    const bool hasAmzDate = known.has(AwsSignerHeaders::AmzDate);
    const QByteArray name = hasAmzDate ? QByteArrayLiteral("X-Amz-Date") : QByteArrayLiteral("Date");
    if (!hasAmzDate && !known.has(AwsSignerHeaders::Date)) {
        if (passive)
            return QStringLiteral("passive date mode needs a Date or X-Amz-Date header in the request");
        out.set(now.get(), !query);
        return QString();
    }
    QByteArray joined;
    const QByteArrayView value = known.valueView(hasAmzDate ? AwsSignerHeaders::AmzDate : AwsSignerHeaders::Date, joined);
    AwsDate::Format format = AwsDate::InvalidFormat;
    const QDateTime parsed = AwsDate::parse(value, &format);
    if (!parsed.isValid()) {
        if (passive || config.raiseOnInvalidDate) {
            return QStringLiteral("cannot parse the %1 header '%2': expected an RFC 7231, RFC 850, "
                                  "asctime, amz (20150830T123600Z) or ISO 8601 date")
                    .arg(QString::fromLatin1(name), QString::fromLatin1(value.first(qMin(value.size(), qsizetype(64)))));
        }
        qCDebug(lcSigner, "replacing the unparsable %s header by X-Amz-Date", name.constData());
        request.change().removeHeader(AmzDateHeader);
        request.change().removeHeader(DateHeader);
        known.scan(request.get());
        out.set(now.get(), !query);
        return QString();
    }
    // The header's own bytes when they are what toAmzDate() would write: no formatting (and
    // the request is not changed after this, so the view stays valid).
    const bool canonical = format == AwsDate::AmzBasicFormat && isCanonicalAmzDate(value);
    const bool add = !hasAmzDate && !passive && !query;
    if (canonical) {
        out.set(parsed, add, value);
        return QString();
    }
    out.set(parsed, add);
    if (hasAmzDate && !passive && out.amzDate != value) { // setHeader() would copy the header list
        request.change().setHeader(name, out.amzDate.toByteArray());
        known.scan(request.get());
    }
    return QString();
}

} // namespace QtSigV4Private
