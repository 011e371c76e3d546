// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "verifier/awsverificationresult_p.h"

/*!
    \class AwsVerificationResult
    \inmodule QtSigV4
    \brief The verdict of AwsSignatureVerifier::verify(): a status, a human-readable reason,
    and what the signature claimed (access key id, scope, time), with the canonical request
    and string to sign the verifier computed, for diagnostics.
*/

/*!
    \enum AwsVerificationResult::Status
    \value Valid The signature is valid.
    \value MissingSignature The request carries no SigV4 signature (no \c Authorization
           header nor \c X-Amz-Signature).
    \value MalformedSignature The \c Authorization header or the credential scope is malformed.
    \value UnsupportedAlgorithm The algorithm is neither \c AWS4-HMAC-SHA256 nor
           \c AWS4-ECDSA-P256-SHA256.
    \value UnknownAccessKey The verifier's lookup knows no credentials for the access key id.
    \value ScopeMismatch The credential scope names another date, region or service than
           the verifier expects.
    \value InvalidDate The request's date is missing or cannot be parsed.
    \value RequestTimeTooSkewed The request's date is too far from the verifier's clock, or
           a presigned URL is not valid yet.
    \value PresignExpired The presigned URL has expired.
    \value InvalidExpiry \c X-Amz-Expires is outside 1 to 604800 seconds.
    \value HostNotSigned The \c host header is not among the signed headers.
    \value MissingSignedHeader A header listed as signed is not in the request.
    \value PayloadHashMismatch \c x-amz-content-sha256 does not match the body.
    \value SessionTokenMismatch The session token does not match the credentials'.
    \value SignatureMismatch The signature is not the one the verifier computes.
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
