// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_SIGV4VERIFIER_H
#define QTSIGV4_TESTS_SIGV4VERIFIER_H

// What a server does with a request signed by AwsNetworkAccessManager: takes the request as it
// arrived on the wire (method, target, headers, body), recomputes the signature from the
// headers named in Authorization, and compares. Proves that what was sent is what was signed
// (URL encoding, Host with port, Content-Type, body hash).

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qmap.h>
#include <QtCore/qstring.h>

struct Sigv4Verification
{
    bool ok = false;
    QString error;
    QByteArray service;
    QByteArray region;
    QByteArray accessKeyId;
    QByteArray canonicalRequest; // as recomputed from the wire
};

inline Sigv4Verification verifySigv4(const QByteArray &method, const QByteArray &target,
                                     const QMap<QByteArray, QByteArray> &lowerCaseHeaders,
                                     const QByteArray &body, const AwsCredentials &credentials)
{
    Sigv4Verification v;
    const QByteArray authorization = lowerCaseHeaders.value("authorization");
    if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
        v.error = QStringLiteral("no AWS4-HMAC-SHA256 Authorization header");
        return v;
    }
    QByteArray credential, signedHeaders, signature;
    const QList<QByteArray> parts = authorization.mid(17).split(',');
    for (QByteArray part : parts) {
        part = part.trimmed();
        if (part.startsWith("Credential="))
            credential = part.mid(11);
        else if (part.startsWith("SignedHeaders="))
            signedHeaders = part.mid(14);
        else if (part.startsWith("Signature="))
            signature = part.mid(10);
    }
    const QList<QByteArray> scope = credential.split('/');
    if (scope.size() != 5) {
        v.error = QStringLiteral("malformed Credential: ") + QString::fromLatin1(credential);
        return v;
    }
    v.accessKeyId = scope.at(0);
    v.region = scope.at(2);
    v.service = scope.at(3);

    AwsHeaderList headers;
    for (const QByteArray &name : signedHeaders.split(';')) {
        if (!lowerCaseHeaders.contains(name)) {
            v.error = QStringLiteral("signed header %1 was not received").arg(QString::fromLatin1(name));
            return v;
        }
        headers.append({ name, lowerCaseHeaders.value(name) });
    }
    AwsHttpRequest request(method, target, headers, body);
    const QByteArray declared = lowerCaseHeaders.value("x-amz-content-sha256");
    if (!declared.isEmpty() && declared != "UNSIGNED-PAYLOAD" && declared != AwsSigner::hashPayload(body)) {
        v.error = QStringLiteral("x-amz-content-sha256 is not the hash of the received body (%1 bytes)")
                          .arg(body.size());
        return v;
    }
    AwsSigningConfig config(QString::fromLatin1(v.service), QString::fromLatin1(v.region));
    config.setDateMode(AwsSigningConfig::DateMode::Passive);
    config.setSignBody(!declared.isEmpty());
    const QDateTime when = AwsDate::parse(lowerCaseHeaders.value("x-amz-date"));
    const AwsSigningResult result = AwsSigner(config).sign(request, credentials, when);
    v.canonicalRequest = result.canonicalRequest();
    if (!result.isValid()) {
        v.error = QStringLiteral("cannot recompute: ") + result.errorString();
        return v;
    }
    if (result.signature() != signature) {
        v.error = QStringLiteral("signature mismatch; canonical request from the wire:\n")
                + QString::fromUtf8(result.canonicalRequest());
        return v;
    }
    v.ok = true;
    return v;
}

#endif // QTSIGV4_TESTS_SIGV4VERIFIER_H
