// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssignatureverifier.h>

#include "core/awscanonical_p.h"
#include "core/awscanonicalrequest_p.h"
#include "core/awscrypto_p.h"
#include "core/awssigv4akey_p.h"
#include "core/awssigv4names_p.h"
#include "verifier/awsverificationresult_p.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningkey.h>

#include <QtCore/qset.h>

#include <iterator>

/*!
    \class AwsSignatureVerifier
    \inmodule QtSigV4
    \brief Checks SigV4 and SigV4a signatures, for servers, proxies and tests.

    Given a request signed in its headers or presigned in its query string, and a lookup from
    access key id to credentials, verify() recomputes the signature and compares it in
    constant time. It also checks that the scope (date, and region and service when expected
    values are set) matches, that the request time is within allowedClockSkew() of now (15
    minutes by default, as AWS does), that a presigned URL has not expired, that \c host is
    signed, and that a declared \c x-amz-content-sha256 matches the body.
*/

using namespace QtSigV4Private;
using Status = AwsVerificationResult::Status;

class AwsSignatureVerifierPrivate : public QSharedData
{
public:
    AwsSignatureVerifier::CredentialsLookup lookup;
    QString expectedRegion;
    QString expectedService;
    qint64 allowedSkew = AwsSignatureVerifier::DefaultAllowedSkew;
    bool normalizePath = true;
};

namespace {

using SigV4Names::EcdsaAlgorithm;
using SigV4Names::HmacAlgorithm;

// What the request claims about its own signature.
struct Claim
{
    bool presigned = false;
    QByteArray algorithm;
    QByteArray credential;
    QByteArray signedHeaders;
    QByteArray signature;
    QByteArray amzDate;
    QByteArray expires;
    QByteArray regionSet;
    QByteArray token;
    // From the credential scope:
    QString accessKeyId;
    QByteArray scope;
    QByteArray scopeDate;
    QString region;
    QString service;
    QDateTime time;
};

AwsVerificationResult fail(Status status, const QString &reason)
{
    return AwsVerificationResult(status, reason);
}

// Sets *field to value unless the parameter was already given: a second Signature= (or any
// other parameter) is a rejection, never "the last one wins".
bool setOnce(QByteArray *field, bool *seen, const QByteArray &value)
{
    if (*seen)
        return false;
    *seen = true;
    *field = value;
    return true;
}

// False when the header is malformed, repeats a parameter or has one SigV4 does not define.
bool parseAuthorization(const QByteArray &header, Claim &claim)
{
    const qsizetype space = header.indexOf(' ');
    if (space <= 0)
        return false;
    claim.algorithm = header.left(space);
    bool seen[3] = {};
    for (const QByteArray &part : header.mid(space + 1).split(',')) {
        const QByteArray item = part.trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq <= 0)
            return false;
        const QByteArray key = item.left(eq), value = item.mid(eq + 1);
        bool ok = true;
        if (key == "Credential")
            ok = setOnce(&claim.credential, &seen[0], value);
        else if (key == "SignedHeaders")
            ok = setOnce(&claim.signedHeaders, &seen[1], value);
        else if (key == "Signature")
            ok = setOnce(&claim.signature, &seen[2], value);
        else
            ok = false; // SigV4 has no other parameter: a disguised one ("\x0f Signature") is not skipped
        if (!ok)
            return false;
    }
    return true;
}

// False when an X-Amz-* parameter of the signature appears twice.
bool parsePresignQuery(const QByteArray &query, Claim &claim)
{
    const struct {
        const char *name;
        QByteArray Claim::*field;
    } parameters[] = {
        { "X-Amz-Algorithm", &Claim::algorithm },   { "X-Amz-Credential", &Claim::credential },
        { "X-Amz-SignedHeaders", &Claim::signedHeaders }, { "X-Amz-Signature", &Claim::signature },
        { "X-Amz-Date", &Claim::amzDate },          { "X-Amz-Expires", &Claim::expires },
        { "X-Amz-Security-Token", &Claim::token },  { "X-Amz-Region-Set", &Claim::regionSet },
    };
    bool seen[std::size(parameters)] = {};
    for (const QByteArray &item : query.split('&')) {
        const qsizetype eq = item.indexOf('=');
        const QByteArray key = QByteArray::fromPercentEncoding(eq < 0 ? item : item.left(eq));
        const QByteArray value = QByteArray::fromPercentEncoding(eq < 0 ? QByteArray() : item.mid(eq + 1));
        for (size_t i = 0; i < std::size(parameters); ++i) {
            if (key == parameters[i].name && !setOnce(&(claim.*parameters[i].field), &seen[i], value))
                return false;
        }
    }
    return true;
}

// Reads the signature from the Authorization header or, failing that, the query string.
AwsVerificationResult readClaim(const AwsHttpRequest &request, Claim &claim)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.startsWith("AWS4-")) {
        if (request.headerValues("authorization").size() > 1 || !parseAuthorization(authorization, claim))
            return fail(AwsVerificationResult::MalformedSignature,
                        QStringLiteral("the Authorization header is malformed or repeats a parameter"));
        claim.amzDate = request.hasHeader("x-amz-date") ? request.header("x-amz-date") : request.header("date");
        claim.regionSet = request.header("x-amz-region-set");
        claim.token = request.header("x-amz-security-token");
    } else if (request.query().contains("X-Amz-Signature=")) {
        claim.presigned = true;
        if (!parsePresignQuery(request.query(), claim))
            return fail(AwsVerificationResult::MalformedSignature,
                        QStringLiteral("the presigned query repeats an X-Amz- parameter of the signature"));
    } else {
        return fail(AwsVerificationResult::MissingSignature,
                    QStringLiteral("the request has neither an AWS4 Authorization header nor a presigned query"));
    }
    if (claim.algorithm != HmacAlgorithm && claim.algorithm != EcdsaAlgorithm) {
        return fail(AwsVerificationResult::UnsupportedAlgorithm,
                    QStringLiteral("unsupported algorithm '%1'").arg(QString::fromLatin1(claim.algorithm.left(64))));
    }
    if (claim.algorithm == EcdsaAlgorithm && !SigV4aKey::isAvailable())
        return fail(AwsVerificationResult::UnsupportedAlgorithm, SigV4aKey::unavailableError());
    if (claim.credential.isEmpty() || claim.signedHeaders.isEmpty() || claim.signature.isEmpty())
        return fail(AwsVerificationResult::MalformedSignature,
                    QStringLiteral("the signature lacks Credential, SignedHeaders or Signature"));
    const QList<QByteArray> parts = claim.credential.split('/');
    const bool v4a = claim.algorithm == EcdsaAlgorithm;
    if (parts.size() != (v4a ? 4 : 5) || parts.last() != SigV4Names::ScopeTerminator || parts.first().isEmpty())
        return fail(AwsVerificationResult::MalformedSignature, QStringLiteral("malformed credential scope"));
    claim.accessKeyId = QString::fromUtf8(parts.at(0));
    claim.scopeDate = parts.at(1);
    claim.region = v4a ? QString() : QString::fromUtf8(parts.at(2));
    claim.service = QString::fromUtf8(parts.at(v4a ? 2 : 3));
    claim.scope = claim.credential.mid(claim.credential.indexOf('/') + 1);
    claim.time = AwsDate::parse(claim.amzDate);
    if (!claim.time.isValid())
        return fail(AwsVerificationResult::InvalidDate, QStringLiteral("the request date is missing or unparsable"));
    if (AwsDate::toScopeDate(claim.time.date()) != claim.scopeDate)
        return fail(AwsVerificationResult::ScopeMismatch,
                    QStringLiteral("the scope date %1 is not the request date").arg(QString::fromLatin1(claim.scopeDate)));
    return AwsVerificationResult(AwsVerificationResult::Valid, QString());
}

AwsVerificationResult checkScope(const Claim &claim, const AwsSignatureVerifierPrivate &d)
{
    if (!d.expectedService.isEmpty() && claim.service != d.expectedService) {
        return fail(AwsVerificationResult::ScopeMismatch,
                    QStringLiteral("signed for service '%1', expected '%2'").arg(claim.service, d.expectedService));
    }
    if (d.expectedRegion.isEmpty())
        return AwsVerificationResult(AwsVerificationResult::Valid, QString());
    if (claim.algorithm == EcdsaAlgorithm) {
        const QList<QByteArray> set = claim.regionSet.split(',');
        if (!set.contains(d.expectedRegion.toUtf8()) && !set.contains("*"))
            return fail(AwsVerificationResult::ScopeMismatch,
                        QStringLiteral("region '%1' is not in the signed region set").arg(d.expectedRegion));
    } else if (claim.region != d.expectedRegion) {
        return fail(AwsVerificationResult::ScopeMismatch,
                    QStringLiteral("signed for region '%1', expected '%2'").arg(claim.region, d.expectedRegion));
    }
    return AwsVerificationResult(AwsVerificationResult::Valid, QString());
}

AwsVerificationResult checkTime(const Claim &claim, const QDateTime &now, qint64 skew)
{
    const qint64 age = claim.time.secsTo(now);
    if (!claim.presigned) {
        if (qAbs(age) > skew)
            return fail(AwsVerificationResult::RequestTimeTooSkewed,
                        QStringLiteral("the request time is %1 s away from now (allowed: %2 s)").arg(age).arg(skew));
        return AwsVerificationResult(AwsVerificationResult::Valid, QString());
    }
    bool ok = false;
    const qint64 expires = claim.expires.toLongLong(&ok);
    if (!ok || expires < 1 || expires > AwsSigningConfig::MaximumExpiry)
        return fail(AwsVerificationResult::InvalidExpiry, QStringLiteral("X-Amz-Expires must be 1 to 604800"));
    if (age < -skew)
        return fail(AwsVerificationResult::RequestTimeTooSkewed, QStringLiteral("the presigned URL is not valid yet"));
    if (age > expires)
        return fail(AwsVerificationResult::PresignExpired,
                    QStringLiteral("the presigned URL expired %1 s ago").arg(age - expires));
    return AwsVerificationResult(AwsVerificationResult::Valid, QString());
}

QByteArray bodyHash(const AwsHttpRequest &request)
{
    return request.payloadHash().isEmpty() ? Sha256::hashHex(request.body()) : request.payloadHash();
}

// The payload hash that was signed; fails when a declared x-amz-content-sha256 lies.
AwsVerificationResult payloadHashOf(const AwsHttpRequest &request, const Claim &claim, bool s3,
                                    QByteArray &hash)
{
    const QByteArray declared = request.header("x-amz-content-sha256").trimmed();
    if (declared.isEmpty()) {
        hash = claim.presigned && s3 ? SigV4Names::bytes(SigV4Names::UnsignedPayload) : bodyHash(request);
    } else {
        hash = declared;
        const bool marker = declared == SigV4Names::UnsignedPayload || declared.startsWith(SigV4Names::StreamingPrefix);
        if (!marker && declared.toLower() != bodyHash(request))
            return fail(AwsVerificationResult::PayloadHashMismatch,
                        QStringLiteral("the body does not match x-amz-content-sha256"));
    }
    return AwsVerificationResult(AwsVerificationResult::Valid, QString());
}

bool signatureMatches(const Claim &claim, const AwsCredentials &credentials, const QByteArray &stringToSign)
{
    if (claim.algorithm == EcdsaAlgorithm) {
        const auto key = SigV4aKey::derive(credentials.accessKeyId(), credentials.secretAccessKey());
        return key && SigV4aKey::verify(key->publicKeyX(), key->publicKeyY(), stringToSign,
                                        QByteArray::fromHex(claim.signature));
    }
    const AwsSigningKey key(credentials, claim.time.date(), claim.region, claim.service);
    return constantTimeEquals(hmacSha256(key.key(), stringToSign).toHex(), claim.signature.toLower());
}

} // namespace

/*! Constructs a verifier without a credentials lookup: every key is then unknown. */
AwsSignatureVerifier::AwsSignatureVerifier() : d(new AwsSignatureVerifierPrivate) { }

/*! Constructs a verifier that finds secrets with \a lookup. */
AwsSignatureVerifier::AwsSignatureVerifier(const CredentialsLookup &lookup)
    : d(new AwsSignatureVerifierPrivate)
{
    d->lookup = lookup;
}

AwsSignatureVerifier::AwsSignatureVerifier(const AwsSignatureVerifier &other) = default;
AwsSignatureVerifier &AwsSignatureVerifier::operator=(const AwsSignatureVerifier &other) = default;
AwsSignatureVerifier::~AwsSignatureVerifier() = default;

void AwsSignatureVerifier::setCredentialsLookup(const CredentialsLookup &lookup) { d->lookup = lookup; }
/*! The region the signature must be for; empty accepts any. */
QString AwsSignatureVerifier::expectedRegion() const { return d->expectedRegion; }
void AwsSignatureVerifier::setExpectedRegion(const QString &region) { d->expectedRegion = region; }
/*! The service the signature must be for; empty accepts any. */
QString AwsSignatureVerifier::expectedService() const { return d->expectedService; }
void AwsSignatureVerifier::setExpectedService(const QString &service) { d->expectedService = service; }
/*! How far the request time may be from now, in seconds (default 900). */
qint64 AwsSignatureVerifier::allowedClockSkew() const { return d->allowedSkew; }
void AwsSignatureVerifier::setAllowedClockSkew(qint64 seconds) { d->allowedSkew = seconds; }
/*! Returns whether non-S3 paths are normalised before verification (default \c true, as AWS does). */
bool AwsSignatureVerifier::normalizePath() const { return d->normalizePath; }
void AwsSignatureVerifier::setNormalizePath(bool normalize) { d->normalizePath = normalize; }

/*!
    \fn AwsVerificationResult AwsSignatureVerifier::verify(const AwsHttpRequest &request, const QDateTime &now) const

    Verifies the signature of \a request at \a now (the current time when invalid).
    The request must carry its body (or AwsHttpRequest::payloadHash()) when the payload was
    signed.
*/
AwsVerificationResult AwsSignatureVerifier::verify(const AwsHttpRequest &request, const QDateTime &nowIn) const
{
    const QDateTime now = nowIn.isValid() ? nowIn.toUTC() : QDateTime::currentDateTimeUtc();
    Claim claim;
    AwsVerificationResult verdict = readClaim(request, claim);
    if (verdict.isValid())
        verdict = checkScope(claim, *d);
    if (verdict.isValid())
        verdict = checkTime(claim, now, d->allowedSkew);
    const QList<QByteArray> names = claim.signedHeaders.split(';');
    if (verdict.isValid() && !names.contains("host"))
        verdict = fail(AwsVerificationResult::HostNotSigned, QStringLiteral("the host header is not signed"));
    for (const QByteArray &name : names) {
        if (verdict.isValid() && !request.hasHeader(name))
            verdict = fail(AwsVerificationResult::MissingSignedHeader,
                           QStringLiteral("the signed header '%1' is missing").arg(QString::fromLatin1(name.left(64))));
    }
    const AwsCredentials credentials = verdict.isValid() && d->lookup ? d->lookup(claim.accessKeyId) : AwsCredentials();
    if (verdict.isValid() && !credentials.isValid())
        verdict = fail(AwsVerificationResult::UnknownAccessKey,
                       QStringLiteral("unknown access key id '%1'").arg(claim.accessKeyId.left(128)));
    if (verdict.isValid() && credentials.hasSessionToken() && claim.token != credentials.sessionToken().toUtf8())
        verdict = fail(AwsVerificationResult::SessionTokenMismatch, QStringLiteral("the session token does not match"));
    const bool s3 = claim.service == u"s3" || claim.service == u"s3-object-lambda";
    QByteArray payloadHash;
    if (verdict.isValid())
        verdict = payloadHashOf(request, claim, s3, payloadHash);

    AwsVerificationResultPrivate &r = *verdict.d;
    r.accessKeyId = claim.accessKeyId;
    r.region = claim.region;
    r.service = claim.service;
    r.signingTime = claim.time;
    r.presigned = claim.presigned;
    if (!verdict.isValid())
        return verdict;

    const QSet<QByteArray> signedNames(names.cbegin(), names.cend());
    const AwsCanonicalRequest canonical(request.headers(), {},
                                        [&](const QByteArray &n) { return signedNames.contains(n); });
    const QByteArray method = request.method(), path = request.path(), query = request.query();
    AwsCanonicalRequest::Target target;
    target.method = method;
    target.path = path;
    target.query = query;
    target.s3Rules = s3;
    target.normalizePath = d->normalizePath;
    r.canonicalRequest = canonical.build(target, canonical.signedHeaders(), payloadHash, nullptr, 0,
                                         claim.presigned ? QByteArrayView("X-Amz-Signature") : QByteArrayView());
    r.stringToSign = AwsCanonicalRequest::stringToSign(claim.algorithm, AwsDate::toAmzDate(claim.time),
                                                       claim.scope, r.canonicalRequest);
    if (!signatureMatches(claim, credentials, r.stringToSign)) {
        r.status = AwsVerificationResult::SignatureMismatch;
        r.reason = QStringLiteral("the signature does not match the request");
        return verdict;
    }
    r.reason = QStringLiteral("signature valid");
    return verdict;
}
