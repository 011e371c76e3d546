// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The raw HTTP request parser behind `sigv4 sign` (AwsHttpRequest::fromRaw), then the
// round trip through toRaw() and a signature of whatever parsed.
#include "fuzz_common.h"

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    QString error;
    const AwsHttpRequest request = AwsHttpRequest::fromRaw(qtsigv4FuzzBytes(data, size), &error);
    if (request.isNull())
        return 0;
    const QByteArray raw = request.toRaw();
    (void)AwsHttpRequest::fromRaw(raw);
    (void)request.path();
    (void)request.query();

    static const AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                                            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    static const QDateTime when(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);
    static const AwsSigner signer(AwsSigningConfig(QStringLiteral("service"), QStringLiteral("us-east-1")));
    const AwsSigningResult result = signer.sign(request, credentials, when);
    if (result.isValid())
        QTSIGV4_FUZZ_CHECK(result.signature().size() == 64);
    return 0;
}
