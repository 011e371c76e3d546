// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The AWS error-response parser (XML and JSON bodies, x-amzn-ErrorType header), and what is
// made of a hostile answer: the clock-skew verdict, the signature-mismatch diagnosis and the
// redaction of credentials in them.
#include "fuzz_common.h"

#include "network/awsclockskew_p.h"
#include "core/awsredaction_p.h"
#include "network/awsserviceerror_p.h"

#include <qtsigv4/awssigningresult.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    const QByteArray bytes = qtsigv4FuzzBytes(data, size);
    const qsizetype split = bytes.indexOf('\0');
    const QByteArray header = split < 0 ? QByteArray() : bytes.left(split);
    const QByteArray body = split < 0 ? bytes : bytes.mid(split + 1);
    const AwsServiceError error = AwsServiceError::parse(body, header);
    (void)error.summary();
    (void)error.isClockSkewError();
    (void)error.isSignatureError();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    (void)AwsClockSkew::assess(error, header, now, now).verdict();
    (void)AwsServiceError::diagnoseSignatureMismatch(error, AwsSigningResult(),
                                                     { QString::fromUtf8(header) });
    (void)QtSigV4Private::redactCredentials(body, { QString::fromUtf8(header) });
    return 0;
}
