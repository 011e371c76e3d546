// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awsverificationresult_p.h"

/*!
    \class AwsVerificationResult
    \brief The verdict of AwsSignatureVerifier::verify(): a status, a human-readable reason,
    and what the signature claimed (access key id, scope, time), with the canonical request
    and string to sign the verifier computed, for diagnostics.
*/

AwsVerificationResult::AwsVerificationResult() : d(new AwsVerificationResultPrivate) { }

AwsVerificationResult::AwsVerificationResult(Status status, const QString &reason)
    : d(new AwsVerificationResultPrivate)
{
    d->status = status;
    d->reason = reason;
}

AwsVerificationResult::AwsVerificationResult(const AwsVerificationResult &other) = default;
AwsVerificationResult::AwsVerificationResult(AwsVerificationResult &&other) noexcept = default;
AwsVerificationResult &AwsVerificationResult::operator=(const AwsVerificationResult &other) = default;
AwsVerificationResult &AwsVerificationResult::operator=(AwsVerificationResult &&other) noexcept = default;
AwsVerificationResult::~AwsVerificationResult() = default;

AwsVerificationResult::Status AwsVerificationResult::status() const { return d->status; }
/*! Why the request was rejected (or "signature valid"); never contains a secret. */
QString AwsVerificationResult::reason() const { return d->reason; }
QString AwsVerificationResult::accessKeyId() const { return d->accessKeyId; }
QString AwsVerificationResult::region() const { return d->region; }
QString AwsVerificationResult::service() const { return d->service; }
QDateTime AwsVerificationResult::signingTime() const { return d->signingTime; }
bool AwsVerificationResult::isPresigned() const { return d->presigned; }
QByteArray AwsVerificationResult::canonicalRequest() const { return d->canonicalRequest; }
QByteArray AwsVerificationResult::stringToSign() const { return d->stringToSign; }

/*! A stable name for \a status, e.g. "SignatureMismatch". */
QString AwsVerificationResult::statusName(Status status)
{
    static const char *const names[] = {
        "Valid", "MissingSignature", "MalformedSignature", "UnsupportedAlgorithm",
        "UnknownAccessKey", "ScopeMismatch", "InvalidDate", "RequestTimeTooSkewed",
        "PresignExpired", "InvalidExpiry", "HostNotSigned", "MissingSignedHeader",
        "PayloadHashMismatch", "SessionTokenMismatch", "SignatureMismatch"
    };
    const int i = int(status);
    return i >= 0 && i < int(std::size(names)) ? QString::fromLatin1(names[i]) : QString();
}
