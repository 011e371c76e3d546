// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigner.h>

#include "core/awscanonical_p.h"
#include "core/awscanonicalrequest_p.h"
#include "core/awscrypto_p.h"
#include "core/awshmacsha256_p.h"
#include "core/awshttprequest_p.h"
#include "core/awsredaction_p.h"
#include "core/awssignerheaders_p.h"
#include "core/awssigningconfig_p.h"
#include "core/awssigningkey_p.h"
#include "core/awssigningresult_p.h"
#include "core/awssigningtime_p.h"
#include "core/awssigv4akey_p.h"
#include "core/awssigv4names_p.h"
#include "core/qtsigv4logging_p.h"

#include <qtsigv4/awsdate.h>

#include <QtCore/qvarlengtharray.h>

#include <algorithm>
#include <cstring>

/*!
    \class AwsSigner
    \inmodule QtSigV4
    \brief Signs HTTP requests with AWS Signature Version 4 (AWS4-HMAC-SHA256).

    The signer is a pure function of its configuration, the request, the key and the
    time: it does no I/O, keeps no state and may be used from many threads at once.
    (OpenSSL keeps a little state per thread, freed when the thread exits. A thread of your
    own that signs and is still running when the application exits should call
    \c OPENSSL_thread_stop() when it is done, or that state is left unfreed.)
    It implements both signature locations (the \c Authorization header and presigned
    query strings), the S3 rules (single encoding, no path normalisation,
    \c x-amz-content-sha256) and the generic rules (double encoding, dot-segment removal).

    \code
    AwsSigner signer(AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1")));
    AwsHttpRequest request = AwsHttpRequest::fromUrl("GET", QUrl(QStringLiteral("https://bucket.s3.amazonaws.com/key")));
    AwsSigningResult result = signer.sign(request, AwsCredentials(keyId, secret));
    if (!result.isValid())
        qWarning() << result.errorString();
    for (const auto &[name, value] : result.headersToAdd())
        networkRequest.setRawHeader(name, value);
    \endcode
*/

namespace {

using namespace QtSigV4Private;

namespace Names = SigV4Names;

using Known = AwsSignerHeaders;

// Added by the signer: QByteArrayLiteral, so no allocation per use.
const QByteArray ContentSha256Header = QByteArrayLiteral("x-amz-content-sha256");

struct HeaderFilter
{
    // The configuration's own sets, read in place (their getters copy them).
    explicit HeaderFilter(const AwsSigningConfigPrivate &config)
        : unsignedNames(config.unsignedHeaders),
          only(config.signedHeaders),
          signToken(config.tokenMode == AwsSigningConfig::SessionTokenMode::Sign)
    {
    }

    bool isSigned(const QByteArray &lowerName) const
    {
        if (isNeverSignedHeader(lowerName) || unsignedNames.contains(lowerName))
            return false;
        if (!signToken && lowerName == "x-amz-security-token")
            return false;
        return only.isEmpty() || lowerName == "host" || lowerName.startsWith("x-amz-")
                || only.contains(lowerName);
    }

    const QSet<QByteArray> &unsignedNames;
    const QSet<QByteArray> &only;
    const bool signToken;
};

// The hex SHA-256 of data on the stack (the string to sign embeds it; no allocation).
struct HexDigest
{
    char text[2 * Sha256Size];
    QByteArrayView view() const { return QByteArrayView(text, sizeof text); }
};

HexDigest hexSha256(QByteArrayView data)
{
    unsigned char digest[Sha256Size];
    sha256Direct(data, digest);
    HexDigest hex;
    putHex(hex.text, digest, Sha256Size);
    return hex;
}

// The signed payload hash: a view of a header, a marker or the request's own hash, or the
// hex digest of the body kept on the stack. Filled in place, never copied.
struct PayloadHash
{
    QByteArrayView value;
    QByteArray joined; // of repeated x-amz-content-sha256 fields
    HexDigest hex;
    bool isHex = false;
    QByteArrayView view() const { return isHex ? hex.view() : value; }
};

void payloadHashFor(const RequestInSigning &request, const Known &known, const AwsSigningConfigPrivate &config,
                    bool s3Rules, bool query, PayloadHash &out)
{
    const AwsHttpRequestPrivate &fields = request.fields();
    if (const QByteArrayView declared = known.valueView(Known::ContentSha256, out.joined); !declared.isEmpty())
        out.value = declared.trimmed();
    else if (config.payloadMode != AwsSigningConfig::PayloadMode::WholeBody && !query)
        out.value = AwsSigningConfig::payloadMarker(config.payloadMode); // static bytes
    else if (config.unsignedPayload || (query && s3Rules && config.signBody < 0))
        out.value = Names::UnsignedPayload;
    else if (!fields.payloadHash.isEmpty())
        out.value = fields.payloadHash;
    else {
        out.hex = hexSha256(fields.body);
        out.isHex = true;
    }
}

// The HMAC of the signing key, kept per thread for the last key used: signing with one key
// (the usual case) then skips hashing the key's two padded blocks. Thread-local, so the
// signer stays free of shared mutable state; wiped when the thread ends.
const HmacSha256Key &hmacKeyFor(const QByteArray &signingKey)
{
    struct Cache
    {
        QByteArray key;
        HmacSha256Key hmac;
        ~Cache() { key.fill('\0'); }
    };
    thread_local Cache cache;
    if (cache.key.size() != signingKey.size()
        || std::memcmp(cache.key.constData(), signingKey.constData(), size_t(signingKey.size())) != 0) {
        cache.key.fill('\0');
        cache.key = QByteArray(signingKey.constData(), signingKey.size()); // a copy of its own, to wipe
        cache.hmac = HmacSha256Key(signingKey);
    }
    return cache.hmac;
}

HexDigest hexHmacSha256(const HmacSha256Key &key, QByteArrayView data)
{
    unsigned char mac[Sha256Size];
    key.sign(data, mac);
    HexDigest hex;
    putHex(hex.text, mac, Sha256Size);
    return hex;
}

AwsSigningResult::Error keyError(const AwsSigningKey &key, const AwsSigningConfig &config)
{
    if (config.dateMode() == AwsSigningConfig::DateMode::Strict)
        return AwsSigningResult::DateMismatchError;
    return key.hasSecret() ? AwsSigningResult::InvalidConfigError : AwsSigningResult::NoSecretKeyError;
}

} // namespace

/*! Constructs a signer with an empty configuration; set one before signing. */
AwsSigner::AwsSigner() = default;

/*! Constructs a signer for \a config. */
AwsSigner::AwsSigner(const AwsSigningConfig &config) : m_config(config) { }

/*!
    Signs \a request with \a credentials at \a now (the current time when invalid).
    A signing key is derived for the call; to sign many requests, keep an AwsSigningKey.
*/
AwsSigningResult AwsSigner::sign(const AwsHttpRequest &request, const AwsCredentials &credentials,
                                 const QDateTime &now) const
{
    if (!credentials.isValid()) {
        return AwsSigningResult::failure(
                AwsSigningResult::MissingCredentialsError,
                credentials.accessKeyId().isEmpty()
                        ? QStringLiteral("no credentials: the access key id is empty")
                        : QStringLiteral("no credentials: the secret access key is empty"));
    }
    const QDateTime t = toWholeSecondsUtc(now);
    return sign(request, AwsSigningKey(credentials, t.date(), m_config.region(), m_config.service()), t);
}

namespace {

// The scope date (yyyyMMdd) of when, as a view into when.amzDate or slow.
QByteArrayView scopeDate(const SigningTime &when, QDate date, QByteArray &slow)
{
    // For a UTC time both are the same yyyyMMdd of the same date, so the amz date starts with
    // the scope date (a longer amz date means a year outside 0000-9999): no calendar work.
    if (when.time.timeSpec() == Qt::UTC && when.amzDate.size() == 16)
        return when.amzDate.first(8);
    slow = AwsDate::toScopeDate(date);
    return slow;
}

using ConfigPrivate = AwsSigningConfigPrivate;
using ResultPrivate = AwsSigningResultPrivate;

// Everything decided before the canonical request is built. The views refer to the
// configuration's and the key's privates, which outlive the call.
struct SigningPlan
{
    SigningPlan(const RequestInSigning &r, const Known &k) : request(r), known(k) { }
    SigningPlan(const SigningPlan &) = delete;
    SigningPlan &operator=(const SigningPlan &) = delete;

    const RequestInSigning &request; // after the date mode's changes
    const Known &known; // of request
    SigningTime when;
    QDate date; // of when.time, computed once: QDateTime::date() is not free
    bool query = false;
    bool sigV4a = false;
    bool s3Rules = false;
    QByteArrayView algorithm;
    QVarLengthArray<char, 96> scope;
    QByteArrayView token;
    bool sendToken = false;
    bool tokenSigned = false;
    QByteArrayView regionSet;
    PayloadHash payloadHash;

    QByteArrayView scopeView() const { return QByteArrayView(scope.constData(), scope.size()); }
};

void appendParts(QVarLengthArray<char, 96> &out, std::initializer_list<QByteArrayView> parts)
{
    for (QByteArrayView part : parts)
        out.append(part.data(), part.size());
}

// The rest of the plan, once plan.when is set.
void makePlan(SigningPlan &plan, const ConfigPrivate &config, const ConfigPrivate::Signing &derived,
              const AwsSigningKeyPrivate &key)
{
    using TokenMode = AwsSigningConfig::SessionTokenMode;
    plan.date = plan.when.time.date();
    plan.query = config.location == AwsSigningConfig::SignatureLocation::QueryString;
    plan.sigV4a = config.algorithm == AwsSigningConfig::Algorithm::SigV4a;
    plan.s3Rules = derived.s3Rules;
    plan.algorithm = plan.sigV4a ? Names::EcdsaAlgorithm : Names::HmacAlgorithm;
    // SigV4a scopes leave the region out: the signature is valid in every region of the set.
    QByteArray slowDate;
    appendParts(plan.scope, { scopeDate(plan.when, plan.date, slowDate),
                              plan.sigV4a ? derived.sigV4aScopeSuffix : derived.scopeSuffix });
    plan.token = key.sessionTokenUtf8;
    plan.sendToken = !plan.token.isEmpty() && config.tokenMode != TokenMode::DoNotSend;
    plan.tokenSigned = plan.sendToken && config.tokenMode == TokenMode::Sign;
    if (plan.sigV4a)
        plan.regionSet = derived.regionSet;
    payloadHashFor(plan.request, plan.known, config, plan.s3Rules, plan.query, plan.payloadHash);
}

// The header fields the signer appends before the Authorization header, in the order the
// official vectors append them (as views, and as ResultPrivate::AddedField bits).
struct AddedFields
{
    HeaderField fields[4];
    qsizetype count = 0;
    quint8 bits = 0;

    void add(ResultPrivate::AddedField bit, QByteArrayView name, QByteArrayView value)
    {
        fields[count++] = { name, value };
        bits |= bit;
    }
};

AddedFields headersToSign(const SigningPlan &plan, bool signBody)
{
    AddedFields added;
    if (plan.query)
        return added;
    if (plan.sendToken && !plan.known.has(Known::SecurityToken))
        added.add(ResultPrivate::AddedToken, "X-Amz-Security-Token", plan.token);
    if (plan.when.addAmzDate)
        added.add(ResultPrivate::AddedAmzDate, "X-Amz-Date", plan.when.amzDate);
    if (plan.sigV4a && !plan.known.has(Known::RegionSet))
        added.add(ResultPrivate::AddedRegionSet, "X-Amz-Region-Set", plan.regionSet);
    if (signBody && !plan.known.has(Known::ContentSha256))
        added.add(ResultPrivate::AddedContentSha256, ContentSha256Header, plan.payloadHash.view());
    return added;
}

// The presigning parameters in the order the official vectors write them, before the signature.
QList<QueryPair> presignParameters(const SigningPlan &plan, QByteArrayView accessKeyId,
                                   const QByteArray &signedHeaders, qint64 expires)
{
    QList<QueryPair> params = {
        { "X-Amz-Algorithm", plan.algorithm.toByteArray() },
        { "X-Amz-Credential", uriEncode(concat({ accessKeyId, "/", plan.scopeView() }), SlashMode::Encode) },
        { "X-Amz-Date", plan.when.amzDate.toByteArray() },
        { "X-Amz-SignedHeaders", uriEncode(signedHeaders, SlashMode::Encode) },
        { "X-Amz-Expires", QByteArray::number(expires) },
    };
    if (plan.tokenSigned)
        params.append({ "X-Amz-Security-Token", uriEncode(plan.token, SlashMode::Encode) });
    if (plan.sigV4a)
        params.append({ "X-Amz-Region-Set", uriEncode(plan.regionSet, SlashMode::Encode) });
    return params;
}

QByteArray joinInOrder(const QList<QueryPair> &pairs)
{
    QByteArray out;
    for (const QueryPair &p : pairs)
        out += (out.isEmpty() ? "" : "&") + p.first + '=' + p.second;
    return out;
}

// Appends parts as one piece of the result (none of them may point into its text).
void appendPiece(ResultPrivate &d, ResultPrivate::Piece piece, std::initializer_list<QByteArrayView> parts)
{
    const qsizetype offset = d.text.size();
    qsizetype size = 0;
    for (QByteArrayView part : parts)
        size += part.size();
    d.text.resize(offset + size + 1);
    char *dst = d.text.data() + offset;
    for (QByteArrayView part : parts)
        dst = put(dst, part);
    *dst = '\0';
    d.setPieceAt(piece, offset, size);
}

// Writes pieces of the result into its text after one resize; finish() trims the text to
// what was written. The parts may point into the text: it is not reallocated meanwhile.
class PieceWriter
{
public:
    PieceWriter(ResultPrivate &d, qsizetype room) : m_d(d), m_pos(d.text.size())
    {
        d.text.resize(m_pos + room);
        m_base = d.text.data();
    }
    PieceWriter(const PieceWriter &) = delete;
    PieceWriter &operator=(const PieceWriter &) = delete;

    void write(ResultPrivate::Piece piece, std::initializer_list<QByteArrayView> parts)
    {
        char *dst = m_base + m_pos;
        for (QByteArrayView part : parts)
            dst = put(dst, part);
        end(piece, dst);
    }
    // size bytes of the text at from.
    void copy(ResultPrivate::Piece piece, qsizetype from, qsizetype size)
    {
        std::memcpy(m_base + m_pos, m_base + from, size_t(size));
        end(piece, m_base + m_pos + size);
    }
    void finish() { m_d.text.resize(m_pos); }

private:
    void end(ResultPrivate::Piece piece, char *dst)
    {
        *dst = '\0';
        const qsizetype size = dst - (m_base + m_pos);
        m_d.setPieceAt(piece, m_pos, size);
        m_pos += size + 1;
    }

    ResultPrivate &m_d;
    qsizetype m_pos;
    char *m_base = nullptr;
};

// The canonical request and the string to sign, written into the result's text, whose
// one allocation also has room for extra bytes.
void writeCanonicalAndStringToSign(ResultPrivate &d, const SigningPlan &plan, const AwsCanonicalRequest &canonical,
                                   const AwsCanonicalRequest::Target &target, const QByteArray &querySignedHeaders,
                                   const QVarLengthArray<QueryParameter, 8> &presign, qsizetype extra)
{
    const QByteArrayView scope = plan.scopeView();
    const qsizetype stsSize = AwsCanonicalRequest::stringToSignSize(plan.algorithm, plan.when.amzDate, scope);
    // Header mode: the builder writes the signed header names itself (a null view).
    const QByteArrayView names = plan.query ? QByteArrayView(querySignedHeaders) : QByteArrayView();
    const qsizetype crSize = canonical.appendTo(d.text, 1 + stsSize + 1 + extra, target, names,
                                                plan.payloadHash.view(), presign.constData(), presign.size());
    d.text.append('\0');
    d.setPieceAt(ResultPrivate::CanonicalRequest, 0, crSize);
    const qsizetype stsOffset = d.text.size();
    d.text.resize(stsOffset + stsSize + 1);
    char *end = AwsCanonicalRequest::writeStringToSign(d.text.data() + stsOffset, plan.algorithm,
                                                       plan.when.amzDate, scope,
                                                       QByteArrayView(d.text.constData(), crSize));
    *end = '\0';
    d.setPieceAt(ResultPrivate::StringToSign, stsOffset, stsSize);
}

} // namespace

/*!
    \fn AwsSigningResult AwsSigner::sign(const AwsHttpRequest &request, const AwsSigningKey &key, const QDateTime &now) const

    Signs \a request with \a key at \a now (the current time when invalid) and returns the
    headers or query parameters to add, with the canonical request and string to sign.
    Never throws; failures come back as AwsSigningResult::error().
*/
AwsSigningResult AwsSigner::sign(const AwsHttpRequest &input, const AwsSigningKey &key,
                                 const QDateTime &nowIn) const
{
    using R = AwsSigningResult;
    const AwsSigningConfig &config = m_config;
    // The configuration's and the key's internals are read in place: their getters copy.
    const ConfigPrivate &c = ConfigPrivate::get(config);
    const ConfigPrivate::Signing &derived = ConfigPrivate::signing(config);
    if (const QString &problem = derived.problem; !problem.isEmpty()) {
        const R::Error e = problem.startsWith(u"X-Amz-Expires") ? R::InvalidExpiryError
                                                               : R::InvalidConfigError;
        return R::failure(e, problem);
    }
    if (input.isNull())
        return R::failure(R::InvalidRequestError, QStringLiteral("the request has no method"));
    if (key.isNull())
        return R::failure(R::MissingCredentialsError, QStringLiteral("no credentials: the access key id is empty"));
    const AwsSigningKeyPrivate &k = *key.d;
    SigningNow now(nowIn);
    // The key id and token become header text: a CR or LF there would inject headers, or a
    // whole request, whichever source they came from.
    if (!k.credentialsProblem.isEmpty()) {
        const QString source = k.credentials.providerName();
        return R::failure(R::InvalidCredentialsError,
                          QStringLiteral("refusing to sign: ") + k.credentialsProblem
                                  + (source.isEmpty() ? QString()
                                                      : QStringLiteral(" (credentials from %1)").arg(source)));
    }
    if (k.credentials.canExpire() && k.credentials.isExpired(now.get())) {
        return R::failure(R::ExpiredCredentialsError,
                          QStringLiteral("the credentials of %1 expired at %2")
                                  .arg(k.credentials.accessKeyId(),
                                       k.credentials.expiration().toUTC().toString(Qt::ISODate)));
    }
    RequestInSigning request(input);
    Known known(request.get());
    if (QByteArray joined; known.valueView(Known::Host, joined).trimmed().isEmpty())
        return R::failure(R::MissingHostError, QStringLiteral("the request has no Host header"));
    SigningPlan plan(request, known);
    if (const QString problem = resolveSigningTime(request, known, c, now, plan.when); !problem.isEmpty())
        return R::failure(R::InvalidDateError, problem);
    makePlan(plan, c, derived, k);

    QString keyProblem;
    const HmacSha256Key *hmac = nullptr;
    std::shared_ptr<const SigV4aKey> ecdsaKey;
    if (plan.sigV4a) {
        ecdsaKey = key.sigV4aKey(&keyProblem);
        if (!ecdsaKey)
            return R::failure(key.hasSecret() ? R::InvalidConfigError : R::NoSecretKeyError, keyProblem);
    } else if (hmac = k.ownHmacFor(plan.date, c.region, c.service); !hmac) {
        // Another scope than the key's own: derived (or found) under the key's lock.
        const bool allowRegenerate = c.dateMode != AwsSigningConfig::DateMode::Strict;
        const QByteArray signingKey = key.keyFor(plan.date, c.region, c.service, allowRegenerate, &keyProblem);
        if (signingKey.isEmpty())
            return R::failure(keyError(key, config), keyProblem);
        hmac = &hmacKeyFor(signingKey);
    }

    const AddedFields added = headersToSign(plan, derived.signBody);
    const HeaderFilter filter(c);
    const AwsCanonicalRequest canonical(known.fields(), added.fields, added.count,
                                        [&filter](const QByteArray &name) { return filter.isSigned(name); });
    const QByteArrayView accessKeyId = k.accessKeyIdUtf8;
    QByteArray querySignedHeaders;
    QList<QueryPair> presign;
    QVarLengthArray<QueryParameter, 8> presignViews;
    if (plan.query) {
        querySignedHeaders = canonical.signedHeaders();
        presign = presignParameters(plan, accessKeyId, querySignedHeaders, c.expires);
        for (const QueryPair &p : std::as_const(presign))
            presignViews.append({ p.first, p.second });
    }

    const QByteArrayView requestTarget = request.fields().target;
    const qsizetype question = requestTarget.indexOf('?');
    AwsCanonicalRequest::Target target;
    target.method = request.fields().method;
    target.path = question < 0 ? requestTarget : requestTarget.first(question);
    target.query = question < 0 ? QByteArrayView() : requestTarget.sliced(question + 1);
    target.s3Rules = plan.s3Rules;
    target.normalizePath = c.normalizePath;

    // One array for every string of the result: room for them after the canonical request.
    const QByteArrayView scope = plan.scopeView();
    const qsizetype namesSize = canonical.signedHeadersSize();
    const QByteArrayView payloadHash = plan.payloadHash.view();
    constexpr QByteArrayView CredentialPart = " Credential=", NamesPart = ", SignedHeaders=",
                             SignaturePart = ", Signature=";
    const qsizetype signatureSize = 2 * Sha256Size; // SigV4a's is longer: the array grows then
    const qsizetype authorizationSize = plan.algorithm.size() + CredentialPart.size() + accessKeyId.size() + 1
            + scope.size() + NamesPart.size() + namesSize + SignaturePart.size() + signatureSize;
    const qsizetype extra = signatureSize + namesSize + scope.size() + authorizationSize + payloadHash.size()
            + plan.when.amzDate.size() + 6;

    AwsSigningResult result(new ResultPrivate(request.get()));
    ResultPrivate &d = *result.d;
    writeCanonicalAndStringToSign(d, plan, canonical, target, querySignedHeaders, presignViews, extra);
    HexDigest hmacSignature;
    QByteArray ecdsaSignature;
    QByteArrayView signature;
    if (plan.sigV4a) {
        ecdsaSignature = ecdsaKey->sign(d.view(ResultPrivate::StringToSign)).toHex();
        signature = ecdsaSignature;
    } else {
        hmacSignature = hexHmacSha256(*hmac, d.view(ResultPrivate::StringToSign));
        signature = hmacSignature.view();
    }
    if (signature.isEmpty())
        return R::failure(R::InvalidConfigError, QStringLiteral("OpenSSL failed to produce a signature"));
    // The other pieces after one resize of the text (a resize per piece showed in profiles).
    const qsizetype authorizationRoom = plan.query ? 0 : authorizationSize - signatureSize + signature.size() + 1;
    PieceWriter pieces(d, signature.size() + namesSize + scope.size() + payloadHash.size()
                               + plan.when.amzDate.size() + 5 + authorizationRoom);
    pieces.write(ResultPrivate::Signature, { signature });
    if (plan.query) {
        pieces.write(ResultPrivate::SignedHeaders, { querySignedHeaders });
    } else {
        // The canonical request ends with the names, '\n' and the payload hash: copied.
        const qsizetype crSize = d.view(ResultPrivate::CanonicalRequest).size();
        pieces.copy(ResultPrivate::SignedHeaders, crSize - payloadHash.size() - 1 - namesSize, namesSize);
    }
    pieces.write(ResultPrivate::CredentialScope, { scope });
    pieces.write(ResultPrivate::PayloadHash, { payloadHash });
    pieces.write(ResultPrivate::AmzDate, { plan.when.amzDate });
    if (!plan.query) {
        pieces.write(ResultPrivate::Authorization,
                     { plan.algorithm, CredentialPart, accessKeyId, "/", scope, NamesPart,
                       d.view(ResultPrivate::SignedHeaders), SignaturePart, signature });
    }
    pieces.finish();
    d.signingTime = plan.when.time;

    if (plan.query) {
        presign.append({ "X-Amz-Signature", signature.toByteArray() });
        if (plan.sendToken && !plan.tokenSigned)
            presign.append({ "X-Amz-Security-Token", uriEncode(plan.token, SlashMode::Encode) });
        appendPiece(d, ResultPrivate::QueryToAdd, { joinInOrder(presign) });
    } else {
        d.added = added.bits | ResultPrivate::AddedAuthorization;
        if (added.bits & ResultPrivate::AddedToken)
            d.token = k.sessionTokenUtf8;
        if (added.bits & ResultPrivate::AddedRegionSet)
            d.regionSet = derived.regionSet;
    }
    // A token the caller put in the request itself (header or query) is redacted by its place.
    qCDebug(lcSigner).noquote() << "canonical request:\n"
                                << redactCredentials(result.canonicalRequest(),
                                                     { QString::fromUtf8(plan.token) })
                                << "\nstring to sign:\n" << result.stringToSign();
    return result;
}

/*! The hex SHA-256 of an empty payload. */
QByteArray AwsSigner::emptyPayloadHash()
{
    return QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/*! The \c UNSIGNED-PAYLOAD marker. */
QByteArray AwsSigner::unsignedPayload() { return Names::bytes(Names::UnsignedPayload); }

/*! The lower-case hex SHA-256 of \a payload (OpenSSL EVP). */
QByteArray AwsSigner::hashPayload(QByteArrayView payload) { return Sha256::hashHex(payload); }
