// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// URL, path, query and header canonicalisation: signs an arbitrary request target (and
// header value) under each rule set, and runs the canonicalisation helpers directly.
// Input: one option byte, then "<target>\n<header value>".
#include "fuzz_common.h"
#include "core/awsutc_p.h"

#include "core/awscanonical_p.h"
#include "core/awscanonicalrequest_p.h"

#include <qtsigv4/awssigner.h>

using namespace QtSigV4Private;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    if (size < 1)
        return 0;
    const uint8_t options = data[0];
    const QByteArray rest = qtsigv4FuzzBytes(data + 1, size - 1);
    const qsizetype newline = rest.indexOf('\n');
    const QByteArray target = newline < 0 ? rest : rest.left(newline);
    const QByteArray headerValue = newline < 0 ? QByteArray() : rest.mid(newline + 1);

    // The helpers on their own.
    const qsizetype q = target.indexOf('?');
    const QByteArray path = q < 0 ? target : target.left(q);
    const QByteArray query = q < 0 ? QByteArray() : target.mid(q + 1);
    const bool s3 = options & 1;
    const bool normalize = options & 2;
    const QByteArray uri = canonicalUri(path, s3, normalize);
    const QByteArray canonicalQuery = joinQuery(canonicalQueryPairs(query));

    // The builder the signer and verifier share against the helpers, part by part.
    const AwsHeaderList fields{ { "X-Fuzz", headerValue } };
    const AwsCanonicalRequest builder(fields, {}, [](const QByteArray &) { return true; });
    AwsCanonicalRequest::Target parts;
    parts.method = "GET";
    parts.path = path;
    parts.query = query;
    parts.s3Rules = s3;
    parts.normalizePath = normalize;
    QTSIGV4_FUZZ_CHECK(builder.signedHeaders() == "x-fuzz");
    QTSIGV4_FUZZ_CHECK(builder.build(parts, "x-fuzz", "UNSIGNED-PAYLOAD")
                       == "GET\n" + uri + '\n' + canonicalQuery + "\nx-fuzz:" + trimAndCollapse(headerValue)
                               + "\n\nx-fuzz\nUNSIGNED-PAYLOAD");
    const QByteArray once = normalizeEncoding(path, SlashMode::Keep);
    QTSIGV4_FUZZ_CHECK(normalizeEncoding(once, SlashMode::Keep) == once); // idempotent
    const QByteArray withoutDots = removeDotSegments(path);
    QTSIGV4_FUZZ_CHECK(removeDotSegments(withoutDots) == withoutDots); // idempotent
    QTSIGV4_FUZZ_CHECK(withoutDots.startsWith('/') && !withoutDots.contains("//"));
    const QByteArray dot = dotSegmentIn(path);
    QTSIGV4_FUZZ_CHECK(dot.isEmpty() || dot == "." || dot == "..");
    const QByteArray collapsed = trimAndCollapse(headerValue);
    QTSIGV4_FUZZ_CHECK(trimAndCollapse(collapsed) == collapsed);
    QTSIGV4_FUZZ_CHECK(collapsed.size() <= headerValue.size());

    // Through the signer.
    AwsSigningConfig config(s3 ? QStringLiteral("s3") : QStringLiteral("service"),
                            QStringLiteral("us-east-1"));
    config.setS3Rules(s3 ? AwsSigningConfig::S3Rules::Enabled : AwsSigningConfig::S3Rules::Disabled);
    config.setNormalizePath(normalize);
    if (options & 4)
        config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    static const AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                                            QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                            (QStringLiteral("token/with+odd=chars")));
    static const QDateTime when = QtSigV4Private::utcDateTime(QDate(2015, 8, 30), QTime(12, 36));
    const AwsHttpRequest request(options & 8 ? QByteArray("POST") : QByteArray("GET"), target,
                                 { { "Host", "example.amazonaws.com" }, { "X-Fuzz", headerValue },
                                   { "x-fuzz", headerValue } });
    const AwsSigningResult result = AwsSigner(config).sign(request, credentials, when);
    if (result.isValid()) {
        QTSIGV4_FUZZ_CHECK(result.signature().size() == 64);
        (void)result.signedRequest().toRaw();
        (void)result.presignedTarget();
    }
    return 0;
}
