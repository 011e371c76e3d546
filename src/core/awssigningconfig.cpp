// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigningconfig.h>

#include "core/awssigningconfig_p.h"

#include "core/awscanonical_p.h"
#include "core/awsinputcheck_p.h"
#include "core/awssigv4names_p.h"

#include <algorithm>

/*!
    \class AwsSigningConfig
    \inmodule QtSigV4
    \brief What to sign and how: service, region, where the signature goes, S3 or generic
    canonicalisation, payload handling, session-token placement, date handling, and which
    headers to sign.

    \section1 Date modes
    \list
    \li \c Default: sign with the request's \c X-Amz-Date or \c Date when it parses (a
        signing key for another day is regenerated when the secret is available), else
        with the current time, adding \c X-Amz-Date.
    \li \c Strict: as Default, but a request date outside the key's scope date is a
        DateMismatchError instead of a regenerated key.
    \li \c Passive: sign with the caller's date and never add, change or remove a date
        header; a request without a parsable date is an error.
    \endlist
    An unparsable \c Date/\c X-Amz-Date is replaced by one \c X-Amz-Date of now, unless
    setRaiseOnInvalidDate(true) makes it an InvalidDateError.
*/

/*!
    \enum AwsSigningConfig::SignatureLocation
    \value Headers An \c Authorization header (and \c X-Amz-Date and the others).
    \value QueryString A presigned URL: the signature and its parameters in the query.
*/

/*!
    \enum AwsSigningConfig::DateMode
    \value Default Sign with the request's date when it parses, else with now.
    \value Strict As Default, but a request date outside the key's scope is an error.
    \value Passive Sign with the caller's date and never touch the date headers.
    See \l{Date modes}.
*/

/*!
    \enum AwsSigningConfig::SessionTokenMode
    \value Sign The session token is sent and signed (\c X-Amz-Security-Token).
    \value OmitFromSignature The token is sent but added after signing (IoT style).
    \value DoNotSend The token is neither signed nor sent.
*/

/*!
    \enum AwsSigningConfig::S3Rules
    \value Auto The S3 rules apply when the service is \c s3 or \c s3-object-lambda.
    \value Enabled The S3 rules always apply.
    \value Disabled The generic rules always apply.
    See usesS3Rules().
*/

/*!
    \enum AwsSigningConfig::Algorithm
    \value SigV4 \c AWS4-HMAC-SHA256, for one region.
    \value SigV4a \c AWS4-ECDSA-P256-SHA256, valid in every region of regionSet().
*/

/*!
    \enum AwsSigningConfig::PayloadMode
    \value WholeBody One hash of the whole body (or \c UNSIGNED-PAYLOAD).
    \value StreamingSigned \c STREAMING-AWS4-HMAC-SHA256-PAYLOAD: \c aws-chunked, each chunk
           signed.
    \value StreamingSignedWithTrailer \c STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed
           chunks and a signed trailer carrying trailingChecksum().
    \value StreamingUnsignedWithTrailer \c STREAMING-UNSIGNED-PAYLOAD-TRAILER: unsigned chunks
           and trailer, for HTTPS.
    See payloadMode().
*/

/*!
    \enum AwsSigningConfig::ChecksumAlgorithm
    \value None No trailing checksum.
    \value Crc32 \c x-amz-checksum-crc32.
    \value Crc32c \c x-amz-checksum-crc32c.
    \value Sha256 \c x-amz-checksum-sha256.
*/

const AwsSigningConfigPrivate::Signing *
AwsSigningConfigPrivate::SigningCache::set(const Signing *fresh) const
{
    const Signing *expected = nullptr;
    if (m_signing.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel))
        return fresh;
    delete fresh; // another thread made it first
    return expected;
}

const AwsSigningConfigPrivate::Signing &AwsSigningConfigPrivate::signing(const AwsSigningConfig &config)
{
    const AwsSigningConfigPrivate &d = *config.d;
    if (const Signing *cached = d.cache.get())
        return *cached;
    auto *fresh = new Signing;
    fresh->problem = config.validate();
    fresh->region = d.region.toUtf8();
    fresh->service = d.service.toUtf8();
    using namespace QtSigV4Private::SigV4Names;
    fresh->sigV4aScopeSuffix = '/' + fresh->service + '/' + bytes(ScopeTerminator);
    fresh->scopeSuffix = '/' + fresh->region + fresh->sigV4aScopeSuffix;
    if (d.algorithm == AwsSigningConfig::Algorithm::SigV4a)
        fresh->regionSet = config.regionSet().join(u',').toUtf8();
    fresh->s3Rules = config.usesS3Rules();
    fresh->signBody = config.signBody();
    return *d.cache.set(fresh);
}

AwsSigningConfig::AwsSigningConfig() : d(new AwsSigningConfigPrivate) { }

/*! Constructs a configuration for \a service (e.g. "s3", "sqs") in \a region. */
AwsSigningConfig::AwsSigningConfig(const QString &service, const QString &region)
    : d(new AwsSigningConfigPrivate)
{
    d->service = service;
    d->region = region;
}

AwsSigningConfig::AwsSigningConfig(const AwsSigningConfig &other) = default;
AwsSigningConfig::AwsSigningConfig(AwsSigningConfig &&other) noexcept = default;
AwsSigningConfig &AwsSigningConfig::operator=(const AwsSigningConfig &other) = default;
AwsSigningConfig &AwsSigningConfig::operator=(AwsSigningConfig &&other) noexcept = default;
AwsSigningConfig::~AwsSigningConfig() = default;

QString AwsSigningConfig::service() const { return d->service; }
void AwsSigningConfig::setService(const QString &service) { d->service = service; d->cache.reset(); }
QString AwsSigningConfig::region() const { return d->region; }
void AwsSigningConfig::setRegion(const QString &region) { d->region = region; d->cache.reset(); }

/*!
    \c SigV4 (AWS4-HMAC-SHA256, the default) or \c SigV4a (AWS4-ECDSA-P256-SHA256, an
    asymmetric signature valid in every region of regionSet(), used by multi-region access
    points and other global endpoints).
*/
AwsSigningConfig::Algorithm AwsSigningConfig::algorithm() const { return d->algorithm; }
void AwsSigningConfig::setAlgorithm(Algorithm algorithm) { d->algorithm = algorithm; d->cache.reset(); }

/*!
    The regions a SigV4a signature is valid in (\c X-Amz-Region-Set); empty means
    region(). Use \c{"*"} for all regions.
*/
QStringList AwsSigningConfig::regionSet() const
{
    return d->regionSet.isEmpty() ? QStringList{ d->region } : d->regionSet;
}
void AwsSigningConfig::setRegionSet(const QStringList &regions) { d->regionSet = regions; d->cache.reset(); }

/*! Headers (an \c Authorization header) or query string (a presigned URL). */
AwsSigningConfig::SignatureLocation AwsSigningConfig::signatureLocation() const { return d->location; }
void AwsSigningConfig::setSignatureLocation(SignatureLocation location) { d->location = location; d->cache.reset(); }

/*! \c X-Amz-Expires of presigned requests, 1 to 604800 seconds (7 days); default 3600. */
qint64 AwsSigningConfig::expiresInSeconds() const { return d->expires; }
void AwsSigningConfig::setExpiresInSeconds(qint64 seconds) { d->expires = seconds; d->cache.reset(); }

/*! Whether S3 canonicalisation applies; \c Auto means "when the service is s3". */
AwsSigningConfig::S3Rules AwsSigningConfig::s3Rules() const { return d->s3Rules; }
void AwsSigningConfig::setS3Rules(S3Rules rules) { d->s3Rules = rules; d->cache.reset(); }

/*!
    Returns \c true when the S3 rules apply: the path is encoded once and never normalised, and
    \c x-amz-content-sha256 is sent.
*/
bool AwsSigningConfig::usesS3Rules() const
{
    if (d->s3Rules == S3Rules::Auto) {
        const auto is = [this](QStringView name) { // sizes first: the signer asks on every request
            return d->service.size() == name.size() && d->service.compare(name, Qt::CaseInsensitive) == 0;
        };
        return is(u"s3") || is(u"s3-object-lambda");
    }
    return d->s3Rules == S3Rules::Enabled;
}

/*! Returns whether dot segments are removed from the path (generic rules only). Default \c true. */
bool AwsSigningConfig::normalizePath() const { return d->normalizePath; }
void AwsSigningConfig::setNormalizePath(bool normalize) { d->normalizePath = normalize; d->cache.reset(); }

/*! Returns whether the \c x-amz-content-sha256 header is added; defaults to usesS3Rules(). */
bool AwsSigningConfig::signBody() const { return d->signBody < 0 ? usesS3Rules() : d->signBody == 1; }
void AwsSigningConfig::setSignBody(bool sign) { d->signBody = sign ? 1 : 0; d->cache.reset(); }
bool AwsSigningConfig::isSignBodySet() const { return d->signBody >= 0; }

/*! Returns whether to sign with the \c UNSIGNED-PAYLOAD marker instead of the body's hash. */
bool AwsSigningConfig::unsignedPayload() const { return d->unsignedPayload; }
void AwsSigningConfig::setUnsignedPayload(bool value) { d->unsignedPayload = value; d->cache.reset(); }

/*!
    How the body is signed. \c WholeBody (the default) signs the hash of the whole body (or
    \c UNSIGNED-PAYLOAD). The streaming modes send the body in the \c aws-chunked encoding
    of S3 (see AwsChunkedEncoder): \c StreamingSigned signs every chunk, chained from the
    request's signature; \c StreamingSignedWithTrailer adds a signed trailer carrying
    trailingChecksum(); \c StreamingUnsignedWithTrailer sends unsigned chunks and an unsigned
    trailer (use it over HTTPS only). A streamed body is read once, while it is sent, in
    bounded memory: there is no hash pass before the request.
*/
AwsSigningConfig::PayloadMode AwsSigningConfig::payloadMode() const { return d->payloadMode; }

/*!
    The \c x-amz-content-sha256 value that announces an aws-chunked body sent in \a mode, for
    example \c STREAMING-AWS4-HMAC-SHA256-PAYLOAD; empty for \c WholeBody.
*/
QByteArray AwsSigningConfig::payloadMarker(PayloadMode mode)
{
    switch (mode) {
    case PayloadMode::StreamingSigned:
        return QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::StreamingSignedPayload);
    case PayloadMode::StreamingSignedWithTrailer:
        return QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::StreamingSignedPayloadTrailer);
    case PayloadMode::StreamingUnsignedWithTrailer:
        return QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::StreamingUnsignedPayloadTrailer);
    case PayloadMode::WholeBody:
        break;
    }
    return QByteArray();
}
void AwsSigningConfig::setPayloadMode(PayloadMode mode) { d->payloadMode = mode; d->cache.reset(); }

/*!
    The checksum sent in the trailer of the \c ...WithTrailer payload modes
    (\c x-amz-checksum-crc32, \c -crc32c or \c -sha256, base64). Default \c None.
*/
AwsSigningConfig::ChecksumAlgorithm AwsSigningConfig::trailingChecksum() const { return d->trailingChecksum; }
void AwsSigningConfig::setTrailingChecksum(ChecksumAlgorithm algorithm) { d->trailingChecksum = algorithm; d->cache.reset(); }

/*!
    The size of the data in each \c aws-chunked chunk but the last, at least
    MinimumChunkSize (8 KiB, S3's minimum) and at most MaximumChunkSize (16 MiB: the upload
    device holds one chunk and its encoding); default DefaultChunkSize (64 KiB).
*/
qint64 AwsSigningConfig::chunkSize() const { return d->chunkSize; }
void AwsSigningConfig::setChunkSize(qint64 bytes) { d->chunkSize = bytes; d->cache.reset(); }

/*!
    How the session token of temporary credentials is sent: signed (the default),
    added after signing (\c OmitFromSignature, as IoT requires), or not sent at all.
*/
AwsSigningConfig::SessionTokenMode AwsSigningConfig::sessionTokenMode() const { return d->tokenMode; }
void AwsSigningConfig::setSessionTokenMode(SessionTokenMode mode) { d->tokenMode = mode; d->cache.reset(); }

AwsSigningConfig::DateMode AwsSigningConfig::dateMode() const { return d->dateMode; }
void AwsSigningConfig::setDateMode(DateMode mode) { d->dateMode = mode; d->cache.reset(); }
bool AwsSigningConfig::raiseOnInvalidDate() const { return d->raiseOnInvalidDate; }
void AwsSigningConfig::setRaiseOnInvalidDate(bool raise) { d->raiseOnInvalidDate = raise; d->cache.reset(); }

/*! Header names (lower case) never signed in addition to neverSignedHeaders(). */
QSet<QByteArray> AwsSigningConfig::unsignedHeaders() const { return d->unsignedHeaders; }
void AwsSigningConfig::setUnsignedHeaders(const QSet<QByteArray> &names) { d->unsignedHeaders = names; d->cache.reset(); }

/*!
    When not empty, only these headers (lower case) are signed, together with \c host and
    every \c x-amz-* header, which AWS requires to be signed. Empty (the default) signs
    every header except the unsigned ones.
*/
QSet<QByteArray> AwsSigningConfig::signedHeaders() const { return d->signedHeaders; }
void AwsSigningConfig::setSignedHeaders(const QSet<QByteArray> &names) { d->signedHeaders = names; d->cache.reset(); }

/*!
    Headers that are never signed because proxies and the HTTP stack change them, or AWS
    requires them unsigned: authorization, user-agent, expect, x-amzn-trace-id,
    x-amz-client-context and the hop-by-hop fields.
*/
QSet<QByteArray> AwsSigningConfig::neverSignedHeaders()
{
    static const QSet<QByteArray> names = [] {
        QSet<QByteArray> set;
        for (QByteArrayView name : QtSigV4Private::NeverSignedHeaderNames)
            set.insert(name.toByteArray());
        return set;
    }();
    return names;
}

// The rules of the aws-chunked payload modes; an empty string when they hold.
QString AwsSigningConfig::validateStreaming() const
{
    if (!isStreaming())
        return QString();
    if (d->chunkSize < MinimumChunkSize || d->chunkSize > MaximumChunkSize)
        return QStringLiteral("the aws-chunked chunk size must be %1 to %2 bytes, got %3")
                .arg(MinimumChunkSize).arg(MaximumChunkSize).arg(d->chunkSize);
    if (d->location == SignatureLocation::QueryString)
        return QStringLiteral("aws-chunked uploads are signed in the Authorization header, not presigned");
    if (d->algorithm == Algorithm::SigV4a)
        return QStringLiteral("aws-chunked uploads are supported with SigV4 only, not SigV4a");
    const bool trailer = d->payloadMode != PayloadMode::StreamingSigned;
    if (trailer && d->trailingChecksum == ChecksumAlgorithm::None)
        return QStringLiteral("the aws-chunked trailer modes need a trailing checksum (CRC32, CRC32C or SHA-256)");
    if (!trailer && d->trailingChecksum != ChecksumAlgorithm::None)
        return QStringLiteral("a trailing checksum needs a ...WithTrailer payload mode");
    return QString();
}

/*! Returns an empty string when the configuration can sign, else what is wrong. */
QString AwsSigningConfig::validate() const
{
    if (d->service.isEmpty())
        return QStringLiteral("no service name is set (e.g. \"s3\")");
    if (d->region.isEmpty())
        return QStringLiteral("no region is set (e.g. \"us-east-1\")");
    const auto badScopePart = [](const QString &s) { // one pass: validate() runs on every signature
        return std::any_of(s.cbegin(), s.cend(), [](QChar c) {
            return c == u'/' || c == u' ' || c.unicode() < 0x20 || c.unicode() == 0x7f;
        });
    };
    if (badScopePart(d->service) || badScopePart(d->region))
        return QStringLiteral("service and region must not contain '/', spaces or control characters");
    // The region set is sent as the X-Amz-Region-Set header.
    for (const QString &region : std::as_const(d->regionSet)) {
        if (const QString problem = QtSigV4Private::controlCharacterProblem(
                    QStringLiteral("the region set"), region);
            !problem.isEmpty()) {
            return problem;
        }
    }
    if (d->location == SignatureLocation::QueryString
        && (d->expires < 1 || d->expires > MaximumExpiry)) {
        return QStringLiteral("X-Amz-Expires must be between 1 and %1 seconds, got %2")
                .arg(MaximumExpiry).arg(d->expires);
    }
    return validateStreaming();
}
