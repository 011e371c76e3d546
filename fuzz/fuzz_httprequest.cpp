// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The raw HTTP request parser behind `sigv4 sign` (AwsHttpRequest::fromRaw), then the
// round trip through toRaw(), a signature of whatever parsed and its verification. Checked:
// what parses has an origin-form target (a path: "G E T / HTTP/1.1" and absolute URLs are
// refused), and the verifier never accepts an Authorization header that repeats a parameter.
#include "fuzz_common.h"
#include "core/awsutc_p.h"

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssignatureverifier.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awsverificationresult.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    QString error;
    const AwsHttpRequest request = AwsHttpRequest::fromRaw(qtsigv4FuzzBytes(data, size), &error);
    if (request.isNull())
        return 0;
    QTSIGV4_FUZZ_CHECK(request.target().startsWith('/'));
    const QByteArray raw = request.toRaw();
    (void)AwsHttpRequest::fromRaw(raw);
    (void)request.path();
    (void)request.query();

    static const AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                                            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    static const QDateTime when = QtSigV4Private::utcDateTime(QDate(2015, 8, 30), QTime(12, 36));
    static const AwsSigner signer(AwsSigningConfig(QStringLiteral("service"), QStringLiteral("us-east-1")));
    const AwsSigningResult result = signer.sign(request, credentials, when);
    if (result.isValid())
        QTSIGV4_FUZZ_CHECK(result.signature().size() == 64);

    static const AwsSignatureVerifier verifier([](const QString &id) {
        return id == credentials.accessKeyId() ? credentials : AwsCredentials();
    });
    const AwsVerificationResult verdict = verifier.verify(request, when);
    const QByteArray authorization = request.header("authorization");
    if (verdict.isValid())
        QTSIGV4_FUZZ_CHECK(authorization.count("Signature=") <= 1 && authorization.count("Credential=") <= 1);
    return 0;
}
