// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigner.h>

#include "core/awscanonical_p.h"
#include "core/awscanonicalrequest_p.h"
#include "core/awscrypto_p.h"
#include "core/awshmacsha256_p.h"
#include "core/awsredaction_p.h"
#include "core/awssignerheaders_p.h"
#include "core/awssigningresult_p.h"
#include "core/awssigv4akey_p.h"
#include "core/awssigv4names_p.h"
#include "core/awsutc_p.h"
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

// Header names the signer removes or adds: QByteArrayLiteral, so no allocation per use.
const QByteArray DateHeader = QByteArrayLiteral("date");
const QByteArray AmzDateHeader = QByteArrayLiteral("x-amz-date");
const QByteArray ContentSha256Header = QByteArrayLiteral("x-amz-content-sha256");

struct SigningTime
{
    QDateTime time;
    bool addAmzDate = false;
    QByteArray amzDate; // time in the amz basic form
};

// The UTF-8 form of a short string without a heap allocation when it is ASCII, as
// regions, services and access key ids are: toUtf8() on each of them cost an allocation
// per signature.
class Utf8
{
public:
    explicit Utf8(QStringView text)
    {
        m_ascii.resize(text.size());
        char *out = m_ascii.data();
        for (QChar c : text) {
            if (c.unicode() >= 0x80) {
                m_heap = text.toUtf8();
                return;
            }
            *out++ = char(c.unicode());
        }
    }
    Utf8(const Utf8 &) = delete;
    Utf8 &operator=(const Utf8 &) = delete;

    QByteArrayView view() const
    {
        return m_heap.isNull() ? QByteArrayView(m_ascii.constData(), m_ascii.size()) : QByteArrayView(m_heap);
    }

private:
    QVarLengthArray<char, 64> m_ascii;
    QByteArray m_heap;
};

// What AwsDate::toAmzDate() writes for a time parsed from value in the amz basic form: the
// same 16 bytes when the year has four digits (1000-9999), read without calendar work.
bool isCanonicalAmzDate(QByteArrayView value)
{
    return value.size() == 16 && value[0] != '0';
}

QDateTime toWholeSecondsUtc(const QDateTime &t)
{
    if (t.timeSpec() == Qt::UTC && t.isValid() && t.toMSecsSinceEpoch() % 1000 == 0)
        return t; // already: no calendar work
    const QDateTime source = t.isValid() ? t : QDateTime::currentDateTimeUtc();
    return QtSigV4Private::utcFromSecsSinceEpoch(source.toSecsSinceEpoch());
}

// Applies the date mode to the request (may remove or rewrite date headers, then scans it
// again into known) and picks the signing time. Returns an error message, or an empty string.
QString resolveSigningTime(AwsHttpRequest &request, Known &known, const AwsSigningConfig &config,
                           const QDateTime &now, SigningTime &out)
{
    using DateMode = AwsSigningConfig::DateMode;
    const bool passive = config.dateMode() == DateMode::Passive;
    const bool query = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    const bool hasAmzDate = known.has(Known::AmzDate);
    const QByteArray name = hasAmzDate ? QByteArrayLiteral("X-Amz-Date") : QByteArrayLiteral("Date");
    if (!hasAmzDate && !known.has(Known::Date)) {
        if (passive)
            return QStringLiteral("passive date mode needs a Date or X-Amz-Date header in the request");
        out = { now, !query, AwsDate::toAmzDate(now) };
        return QString();
    }
    const QByteArray value = known.value(hasAmzDate ? Known::AmzDate : Known::Date);
    AwsDate::Format format = AwsDate::InvalidFormat;
    const QDateTime parsed = AwsDate::parse(value, &format);
    if (!parsed.isValid()) {
        if (passive || config.raiseOnInvalidDate()) {
            return QStringLiteral("cannot parse the %1 header '%2': expected an RFC 7231, RFC 850, "
                                  "asctime, amz (20150830T123600Z) or ISO 8601 date")
                    .arg(QString::fromLatin1(name), QString::fromLatin1(value.left(64)));
        }
        qCDebug(lcSigner, "replacing the unparsable %s header by X-Amz-Date", name.constData());
        request.removeHeader(AmzDateHeader);
        request.removeHeader(DateHeader);
        known.scan(request);
        out = { now, !query, AwsDate::toAmzDate(now) };
        return QString();
    }
    // The header's own bytes when they are what toAmzDate() would write: no formatting.
    const bool canonical = format == AwsDate::AmzBasicFormat && isCanonicalAmzDate(value);
    out = { parsed, !hasAmzDate && !passive && !query, canonical ? value : AwsDate::toAmzDate(parsed) };
    if (hasAmzDate && !passive && out.amzDate != value) { // setHeader() would copy the header list
        request.setHeader(name, out.amzDate);
        known.scan(request);
    }
    return QString();
}

struct HeaderFilter
{
    explicit HeaderFilter(const AwsSigningConfig &config)
        : unsignedNames(config.unsignedHeaders()),
          only(config.signedHeaders()),
          signToken(config.sessionTokenMode() == AwsSigningConfig::SessionTokenMode::Sign)
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

    const QSet<QByteArray> unsignedNames;
    const QSet<QByteArray> only;
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

QByteArray payloadHashFor(const AwsHttpRequest &request, const Known &known, const AwsSigningConfig &config,
                          bool query)
{
    const QByteArray declared = known.value(Known::ContentSha256);
    if (!declared.isEmpty())
        return declared.trimmed();
    if (config.isStreaming() && !query)
        return AwsSigningConfig::payloadMarker(config.payloadMode());
    if (config.unsignedPayload() || (query && config.usesS3Rules() && !config.isSignBodySet()))
        return Names::bytes(Names::UnsignedPayload);
    if (!request.payloadHash().isEmpty())
        return request.payloadHash();
    return hexSha256(request.body()).view().toByteArray();
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

// The signature: hex HMAC-SHA256 written straight into its result array.
QByteArray hexHmacSha256(const QByteArray &signingKey, QByteArrayView data)
{
    unsigned char mac[Sha256Size];
    hmacKeyFor(signingKey).sign(data, mac);
    QByteArray hex(2 * Sha256Size, Qt::Uninitialized);
    putHex(hex.data(), mac, Sha256Size);
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
        return QByteArrayView(when.amzDate).first(8);
    slow = AwsDate::toScopeDate(date);
    return slow;
}

// Everything decided before the canonical request is built.
struct SigningPlan
{
    SigningPlan(const AwsHttpRequest &r, const Known &k) : request(r), known(k) { }

    const AwsHttpRequest &request; // after the date mode's changes; sign() keeps it alive
    const Known &known; // of request
    SigningTime when;
    QDate date; // of when.time, computed once: QDateTime::date() is not free
    bool query = false;
    bool sigV4a = false;
    QByteArray algorithm;
    QByteArray scope;
    QByteArray token;
    bool sendToken = false;
    bool tokenSigned = false;
    QByteArray regionSet;
    QByteArray payloadHash;
};

SigningPlan makePlan(const AwsHttpRequest &request, const Known &known, SigningTime when,
                     const AwsSigningConfig &config, const QString &region, const QString &service,
                     const AwsSigningKey &key)
{
    using TokenMode = AwsSigningConfig::SessionTokenMode;
    SigningPlan plan(request, known);
    plan.when = std::move(when);
    plan.date = plan.when.time.date();
    plan.query = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    plan.sigV4a = config.algorithm() == AwsSigningConfig::Algorithm::SigV4a;
    plan.algorithm = Names::bytes(plan.sigV4a ? Names::EcdsaAlgorithm : Names::HmacAlgorithm);
    // SigV4a scopes leave the region out: the signature is valid in every region of the set.
    const Utf8 regionUtf8(region), serviceUtf8(service);
    QByteArray slowDate;
    const QByteArrayView date = scopeDate(plan.when, plan.date, slowDate);
    plan.scope = plan.sigV4a
            ? concat({ date, "/", serviceUtf8.view(), "/", Names::ScopeTerminator })
            : concat({ date, "/", regionUtf8.view(), "/", serviceUtf8.view(), "/", Names::ScopeTerminator });
    plan.token = key.sessionToken().toUtf8();
    plan.sendToken = !plan.token.isEmpty() && config.sessionTokenMode() != TokenMode::DoNotSend;
    plan.tokenSigned = plan.sendToken && config.sessionTokenMode() == TokenMode::Sign;
    if (plan.sigV4a)
        plan.regionSet = config.regionSet().join(u',').toUtf8();
    plan.payloadHash = payloadHashFor(request, known, config, plan.query);
    return plan;
}

// The header fields the signer appends before the Authorization header, in the order the
// official vectors append them.
AwsHeaderList headersToSign(const SigningPlan &plan, const AwsSigningConfig &config)
{
    AwsHeaderList added;
    if (plan.query)
        return added;
    added.reserve(5); // these four and Authorization: one allocation
    if (plan.sendToken && !plan.known.has(Known::SecurityToken))
        added.append({ QByteArrayLiteral("X-Amz-Security-Token"), plan.token });
    if (plan.when.addAmzDate)
        added.append({ QByteArrayLiteral("X-Amz-Date"), plan.when.amzDate });
    if (plan.sigV4a && !plan.known.has(Known::RegionSet))
        added.append({ QByteArrayLiteral("X-Amz-Region-Set"), plan.regionSet });
    if (config.signBody() && !plan.known.has(Known::ContentSha256))
        added.append({ ContentSha256Header, plan.payloadHash });
    return added;
}

// The presigning parameters in the order the official vectors write them, before the signature.
QList<QueryPair> presignParameters(const SigningPlan &plan, QByteArrayView accessKeyId,
                                   const QByteArray &signedHeaders, qint64 expires)
{
    QList<QueryPair> params = {
        { "X-Amz-Algorithm", plan.algorithm },
        { "X-Amz-Credential", uriEncode(concat({ accessKeyId, "/", plan.scope }), SlashMode::Encode) },
        { "X-Amz-Date", plan.when.amzDate },
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
    if (const QString problem = config.validate(); !problem.isEmpty()) {
        const R::Error e = problem.startsWith(u"X-Amz-Expires") ? R::InvalidExpiryError
                                                               : R::InvalidConfigError;
        return R::failure(e, problem);
    }
    if (input.isNull())
        return R::failure(R::InvalidRequestError, QStringLiteral("the request has no method"));
    if (key.isNull())
        return R::failure(R::MissingCredentialsError, QStringLiteral("no credentials: the access key id is empty"));
    const QDateTime now = toWholeSecondsUtc(nowIn);
    const AwsCredentials credentials = key.credentials();
    // The key id and token become header text: a CR or LF there would inject headers, or a
    // whole request, whichever source they came from.
    if (const QString problem = key.credentialsProblem(); !problem.isEmpty()) {
        const QString source = credentials.providerName();
        return R::failure(R::InvalidCredentialsError,
                          QStringLiteral("refusing to sign: ") + problem
                                  + (source.isEmpty() ? QString()
                                                      : QStringLiteral(" (credentials from %1)").arg(source)));
    }
    if (credentials.isExpired(now)) {
        return R::failure(R::ExpiredCredentialsError,
                          QStringLiteral("the credentials of %1 expired at %2")
                                  .arg(credentials.accessKeyId(),
                                       credentials.expiration().toUTC().toString(Qt::ISODate)));
    }
    AwsHttpRequest request = input;
    Known known(request);
    if (known.value(Known::Host).trimmed().isEmpty())
        return R::failure(R::MissingHostError, QStringLiteral("the request has no Host header"));
    SigningTime when;
    if (const QString problem = resolveSigningTime(request, known, config, now, when); !problem.isEmpty())
        return R::failure(R::InvalidDateError, problem);
    // Fetched once: each accessor call copies a QString (two atomic reference-count updates).
    const QString region = config.region(), service = config.service();
    SigningPlan plan = makePlan(request, known, std::move(when), config, region, service, key);

    QString keyProblem;
    QByteArray signingKey;
    std::shared_ptr<const SigV4aKey> ecdsaKey;
    if (plan.sigV4a) {
        ecdsaKey = key.sigV4aKey(&keyProblem);
        if (!ecdsaKey)
            return R::failure(key.hasSecret() ? R::InvalidConfigError : R::NoSecretKeyError, keyProblem);
    } else {
        const bool allowRegenerate = config.dateMode() != AwsSigningConfig::DateMode::Strict;
        signingKey = key.keyFor(plan.date, region, service, allowRegenerate, &keyProblem);
        if (signingKey.isEmpty())
            return R::failure(keyError(key, config), keyProblem);
    }

    AwsHeaderList added = headersToSign(plan, config);
    const HeaderFilter filter(config);
    const AwsCanonicalRequest canonical(known.fields(), added,
                                        [&filter](const QByteArray &name) { return filter.isSigned(name); });
    QByteArray signedHeaders = canonical.signedHeaders();
    QList<QueryPair> presign;
    QVarLengthArray<QueryParameter, 8> presignViews;
    const Utf8 accessKeyId(key.accessKeyId());
    if (plan.query) {
        presign = presignParameters(plan, accessKeyId.view(), signedHeaders, config.expiresInSeconds());
        for (const QueryPair &p : std::as_const(presign))
            presignViews.append({ p.first, p.second });
    }

    const QByteArray method = plan.request.method(), requestTarget = plan.request.target();
    const qsizetype question = requestTarget.indexOf('?');
    AwsCanonicalRequest::Target target;
    target.method = method;
    target.path = question < 0 ? QByteArrayView(requestTarget) : QByteArrayView(requestTarget).first(question);
    target.query = question < 0 ? QByteArrayView() : QByteArrayView(requestTarget).sliced(question + 1);
    target.s3Rules = config.usesS3Rules();
    target.normalizePath = config.normalizePath();

    AwsSigningResult result;
    AwsSigningResultPrivate &d = *result.d;
    d.canonicalRequest = canonical.build(target, signedHeaders, plan.payloadHash, presignViews.constData(),
                                         presignViews.size());
    d.stringToSign = AwsCanonicalRequest::stringToSign(plan.algorithm, plan.when.amzDate, plan.scope,
                                                       d.canonicalRequest);
    d.signature = plan.sigV4a ? ecdsaKey->sign(d.stringToSign).toHex()
                              : hexHmacSha256(signingKey, d.stringToSign);
    if (d.signature.isEmpty())
        return R::failure(R::InvalidConfigError, QStringLiteral("OpenSSL failed to produce a signature"));
    d.signingTime = plan.when.time;
    d.request = plan.request;

    if (plan.query) {
        presign.append({ "X-Amz-Signature", d.signature });
        if (plan.sendToken && !plan.tokenSigned)
            presign.append({ "X-Amz-Security-Token", uriEncode(plan.token, SlashMode::Encode) });
        d.queryToAdd = joinInOrder(presign);
    } else {
        d.authorization = concat({ plan.algorithm, " Credential=", accessKeyId.view(), "/", plan.scope,
                                   ", SignedHeaders=", signedHeaders, ", Signature=", d.signature });
        added.append({ QByteArrayLiteral("Authorization"), d.authorization });
        d.headersToAdd = std::move(added);
    }
    // Moved, not copied, once nothing else reads them.
    d.signedHeaders = std::move(signedHeaders);
    d.credentialScope = std::move(plan.scope);
    d.payloadHash = std::move(plan.payloadHash);
    // A token the caller put in the request itself (header or query) is redacted by its place.
    qCDebug(lcSigner).noquote() << "canonical request:\n"
                                << redactCredentials(d.canonicalRequest, { QString::fromUtf8(plan.token) })
                                << "\nstring to sign:\n" << d.stringToSign;
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
