// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSDATE_H
#define AWSDATE_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qdatetime.h>

class QTSIGV4_EXPORT AwsDate
{
public:
    enum Format {
        InvalidFormat,
        Rfc7231Format,   // Sun, 06 Nov 1994 08:49:37 GMT
        Rfc850Format,    // Sunday, 06-Nov-94 08:49:37 GMT
        AsctimeFormat,   // Sun Nov  6 08:49:37 1994
        AmzBasicFormat,  // 19941106T084937Z
        Iso8601Format,   // 1994-11-06T08:49:37Z, 1994-11-06T10:49:37.5+02:00
        Rfc2822Format    // Sun, 06 Nov 1994 10:49:37 +0200
    };

    static QDateTime parse(QByteArrayView text, Format *format = nullptr);
    static QByteArray toAmzDate(const QDateTime &dateTime);
    static QByteArray toScopeDate(QDate date);
    static QByteArray toHttpDate(const QDateTime &dateTime);
};

#endif // AWSDATE_H
