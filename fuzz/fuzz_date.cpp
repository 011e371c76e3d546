// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsDate::parse on arbitrary bytes; what parses must format and parse back to itself.
#include "fuzz_common.h"
#include "core/awsutc_p.h"

#include <qtsigv4/awsdate.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    AwsDate::Format format = AwsDate::InvalidFormat;
    const QDateTime parsed = AwsDate::parse(qtsigv4FuzzBytes(data, size), &format);
    QTSIGV4_FUZZ_CHECK(parsed.isValid() == (format != AwsDate::InvalidFormat));
    if (!parsed.isValid())
        return 0;
    const QDateTime whole = QtSigV4Private::utcFromSecsSinceEpoch(parsed.toSecsSinceEpoch());
    const int year = whole.date().year();
    // The digit-by-digit formatting is QDateTime::toString()'s, for every year.
    QTSIGV4_FUZZ_CHECK(AwsDate::toScopeDate(whole.date()) == whole.date().toString(u"yyyyMMdd").toLatin1());
    QTSIGV4_FUZZ_CHECK(AwsDate::toAmzDate(whole) == whole.toString(u"yyyyMMdd'T'HHmmss'Z'").toLatin1());
    if (year >= 1000 && year <= 9999) {
        const QByteArray amz = AwsDate::toAmzDate(whole);
        QTSIGV4_FUZZ_CHECK(amz.size() == 16);
        QTSIGV4_FUZZ_CHECK(AwsDate::parse(amz) == whole);
        const QByteArray http = AwsDate::toHttpDate(whole);
        QTSIGV4_FUZZ_CHECK(AwsDate::parse(http) == whole);
    }
    return 0;
}
