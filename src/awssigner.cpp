// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigner.h>

#include "awscanonical_p.h"
#include "awscrypto_p.h"
#include "awssigningresult_p.h"
#include "awssigv4akey_p.h"
#include "qtsigv4logging_p.h"

#include <qtsigv4/awschunkedencoder.h>
#include <qtsigv4/awsdate.h>

#include <algorithm>

/*!
    \class AwsSigner
    \brief Signs HTTP requests with AWS Signature Version 4 (AWS4-HMAC-SHA256).

    The signer is a pure function of its configuration, the request, the key and the
    time: it does no I/O, keeps no state and may be used from many threads at once.
    It implements both signature locations (the \c Authorization header and presigned
    query strings), the S3 rules (single encoding, no path normalisation,
    \c x-amz-content-sha256) and the generic rules (double encoding, dot-segment removal).

    \code
    AwsSigner signer(AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1")));
    AwsHttpRequest request = AwsHttpRequest::fromUrl("GET", QUrl(u"https://bucket.s3.amazonaws.com/key"_qs));
    AwsSigningResult result = signer.sign(request, AwsCredentials(keyId, secret));
    if (!result.isValid())
        qWarning() << result.errorString();
    for (const auto &[name, value] : result.headersToAdd())
        networkRequest.setRawHeader(name, value);
    \endcode
*/

namespace {

using namespace QtSigV4Private;

const QByteArray Algorithm = QByteArrayLiteral("AWS4-HMAC-SHA256");
const QByteArray UnsignedPayloadMarker = QByteArrayLiteral("UNSIGNED-PAYLOAD");

struct SigningTime
{
    QDateTime time;
    bool addAmzDate = false;
};

// Fast paths for the date forms every signature needs (QDateTime::toString and
// QRegularExpression cost more than the whole HMAC chain). Anything outside the fast path
// goes to AwsDate, so the results are identical.
void put2(char *out, int v)
{
    out[0] = char('0' + v / 10);
    out[1] = char('0' + v % 10);
}

bool putScopeDate(char *out, QDate date)
{
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (!date.isValid() || y < 1000 || y > 9999)
        return false;
    put2(out, y / 100);
    put2(out + 2, y % 100);
    put2(out + 4, m);
    put2(out + 6, d);
    return true;
}

QByteArray scopeDate(QDate date)
{
    char buf[8];
    return putScopeDate(buf, date) ? QByteArray(buf, 8) : AwsDate::toScopeDate(date);
}

QByteArray amzDate(const QDateTime &t)
{
    if (t.timeSpec() == Qt::UTC) {
        char buf[16];
        const QTime time = t.time();
        if (putScopeDate(buf, t.date()) && time.isValid()) {
            buf[8] = 'T';
            put2(buf + 9, time.hour());
            put2(buf + 11, time.minute());
            put2(buf + 13, time.second());
            buf[15] = 'Z';
            return QByteArray(buf, 16);
        }
    }
    return AwsDate::toAmzDate(t);
}

// The amz basic form (20150830T123600Z) exactly, else AwsDate::parse().
QDateTime parseDate(const QByteArray &value)
{
    if (value.size() == 16 && value.at(8) == 'T' && value.at(15) == 'Z') {
        int digits[14];
        int n = 0;
        for (int i = 0; i < 15; ++i) {
            if (i == 8)
                continue;
            const char c = value.at(i);
            if (c < '0' || c > '9')
                return AwsDate::parse(value);
            digits[n++] = c - '0';
        }
        const QDate date(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                         digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]);
        const QTime time(digits[8] * 10 + digits[9], digits[10] * 10 + digits[11],
                         digits[12] * 10 + digits[13]);
        if (!date.isValid() || !time.isValid())
            return QDateTime();
        return QDateTime(date, time, Qt::UTC);
    }
    return AwsDate::parse(value);
}

QDateTime toWholeSecondsUtc(const QDateTime &t)
{
    const QDateTime source = t.isValid() ? t : QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(source.toSecsSinceEpoch(), Qt::UTC);
}

// Applies the date mode to the request (may remove or rewrite date headers) and picks the
// signing time. Returns an error message, or an empty string.
QString resolveSigningTime(AwsHttpRequest &request, const AwsSigningConfig &config,
                           const QDateTime &now, SigningTime &out)
{
    using DateMode = AwsSigningConfig::DateMode;
    const bool passive = config.dateMode() == DateMode::Passive;
    const bool query = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    const bool hasAmzDate = request.hasHeader("x-amz-date");
    const QByteArray name = hasAmzDate ? QByteArrayLiteral("X-Amz-Date") : QByteArrayLiteral("Date");
    if (!hasAmzDate && !request.hasHeader("date")) {
        if (passive)
            return QStringLiteral("passive date mode needs a Date or X-Amz-Date header in the request");
        out = { now, !query };
        return QString();
    }
    const QByteArray value = request.header(name);
    const QDateTime parsed = parseDate(value);
    if (!parsed.isValid()) {
        if (passive || config.raiseOnInvalidDate()) {
            return QStringLiteral("cannot parse the %1 header '%2': expected an RFC 7231, RFC 850, "
                                  "asctime, amz (20150830T123600Z) or ISO 8601 date")
                    .arg(QString::fromLatin1(name), QString::fromLatin1(value.left(64)));
        }
        qCDebug(lcSigner, "replacing the unparsable %s header by X-Amz-Date", name.constData());
        request.removeHeader("x-amz-date");
        request.removeHeader("date");
        out = { now, !query };
        return QString();
    }
    if (hasAmzDate && !passive) {
        const QByteArray canonical = amzDate(parsed);
        if (canonical != value) // setHeader() would copy the header list
            request.setHeader(name, canonical);
    }
    out = { parsed, !hasAmzDate && !passive && !query };
    return QString();
}

struct HeaderFilter
{
    explicit HeaderFilter(const AwsSigningConfig &config)
        : never(AwsSigningConfig::neverSignedHeaders()),
          unsignedNames(config.unsignedHeaders()),
          only(config.signedHeaders()),
          signToken(config.sessionTokenMode() == AwsSigningConfig::SessionTokenMode::Sign)
    {
    }

    bool isSigned(const QByteArray &lowerName) const
    {
        if (never.contains(lowerName) || unsignedNames.contains(lowerName))
            return false;
        if (!signToken && lowerName == "x-amz-security-token")
            return false;
        return only.isEmpty() || lowerName == "host" || lowerName.startsWith("x-amz-")
                || only.contains(lowerName);
    }

    const QSet<QByteArray> never;
    const QSet<QByteArray> unsignedNames;
    const QSet<QByteArray> only;
    const bool signToken;
};

// Builds the canonical header lines and signed-header list of the fields the config signs.
void canonicalHeaders(const AwsHeaderList &headers, const AwsHeaderList &added,
                      const AwsSigningConfig &config, QByteArray &lines, QByteArray &names)
{
    const HeaderFilter filter(config);
    QtSigV4Private::canonicalHeaders(
            headers, added, [&filter](const QByteArray &name) { return filter.isSigned(name); },
            lines, names);
}

QByteArray payloadHashFor(const AwsHttpRequest &request, const AwsSigningConfig &config, bool query)
{
    const QByteArray declared = request.header("x-amz-content-sha256");
    if (!declared.isEmpty())
        return declared.trimmed();
    if (config.isStreaming() && !query)
        return AwsChunkedEncoder::payloadMarker(config.payloadMode());
    if (config.unsignedPayload() || (query && config.usesS3Rules() && !config.isSignBodySet()))
        return UnsignedPayloadMarker;
    if (!request.payloadHash().isEmpty())
        return request.payloadHash();
    return Sha256::hashHex(request.body());
}

QByteArray redactToken(QByteArray text, const QByteArray &token)
{
    if (!token.isEmpty()) {
        text.replace(token, "<redacted>");
        text.replace(uriEncode(token, SlashMode::Encode), "<redacted>");
    }
    return text;
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

// Everything decided before the canonical request is built.
struct SigningPlan
{
    AwsHttpRequest request;        // after the date mode's changes
    SigningTime when;
    bool query = false;
    bool sigV4a = false;
    QByteArray algorithm;
    QByteArray amzDate;
    QByteArray scope;
    QByteArray token;
    bool sendToken = false;
    bool tokenSigned = false;
    QByteArray regionSet;
    QByteArray payloadHash;
};

SigningPlan makePlan(const AwsHttpRequest &request, const SigningTime &when,
                     const AwsSigningConfig &config, const AwsSigningKey &key)
{
    using TokenMode = AwsSigningConfig::SessionTokenMode;
    SigningPlan plan;
    plan.request = request;
    plan.when = when;
    plan.query = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    plan.sigV4a = config.algorithm() == AwsSigningConfig::Algorithm::SigV4a;
    plan.algorithm = plan.sigV4a ? QByteArrayLiteral("AWS4-ECDSA-P256-SHA256") : Algorithm;
    plan.amzDate = amzDate(when.time);
    // SigV4a scopes leave the region out: the signature is valid in every region of the set.
    const QByteArray region = config.region().toUtf8(), service = config.service().toUtf8();
    plan.scope = plan.sigV4a
            ? concat({ scopeDate(when.time.date()), "/", service, "/aws4_request" })
            : concat({ scopeDate(when.time.date()), "/", region, "/", service, "/aws4_request" });
    plan.token = key.sessionToken().toUtf8();
    plan.sendToken = !plan.token.isEmpty() && config.sessionTokenMode() != TokenMode::DoNotSend;
    plan.tokenSigned = plan.sendToken && config.sessionTokenMode() == TokenMode::Sign;
    if (plan.sigV4a)
        plan.regionSet = config.regionSet().join(u',').toUtf8();
    plan.payloadHash = payloadHashFor(request, config, plan.query);
    return plan;
}

// The header fields the signer appends before the Authorization header, in the order the
// official vectors append them.
AwsHeaderList headersToSign(const SigningPlan &plan, const AwsSigningConfig &config)
{
    AwsHeaderList added;
    if (plan.query)
        return added;
    if (plan.sendToken && !plan.request.hasHeader("x-amz-security-token"))
        added.append({ "X-Amz-Security-Token", plan.token });
    if (plan.when.addAmzDate)
        added.append({ "X-Amz-Date", plan.amzDate });
    if (plan.sigV4a && !plan.request.hasHeader("x-amz-region-set"))
        added.append({ "X-Amz-Region-Set", plan.regionSet });
    if (config.signBody() && !plan.request.hasHeader("x-amz-content-sha256"))
        added.append({ "x-amz-content-sha256", plan.payloadHash });
    return added;
}

// The presigning parameters in the order the official vectors write them, before the signature.
QList<QueryPair> presignParameters(const SigningPlan &plan, const QByteArray &accessKeyId,
                                   const QByteArray &signedHeaders, qint64 expires)
{
    QList<QueryPair> params = {
        { "X-Amz-Algorithm", plan.algorithm },
        { "X-Amz-Credential", uriEncode(accessKeyId + '/' + plan.scope, SlashMode::Encode) },
        { "X-Amz-Date", plan.amzDate },
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
    if (credentials.isExpired(now)) {
        return R::failure(R::ExpiredCredentialsError,
                          QStringLiteral("the credentials of %1 expired at %2")
                                  .arg(credentials.accessKeyId(),
                                       credentials.expiration().toUTC().toString(Qt::ISODate)));
    }
    if (input.header("host").trimmed().isEmpty())
        return R::failure(R::MissingHostError, QStringLiteral("the request has no Host header"));

    AwsHttpRequest request = input;
    SigningTime when;
    if (const QString problem = resolveSigningTime(request, config, now, when); !problem.isEmpty())
        return R::failure(R::InvalidDateError, problem);
    const SigningPlan plan = makePlan(request, when, config, key);

    QString keyProblem;
    QByteArray signingKey;
    std::shared_ptr<const SigV4aKey> ecdsaKey;
    if (plan.sigV4a) {
        ecdsaKey = key.sigV4aKey(&keyProblem);
        if (!ecdsaKey)
            return R::failure(key.hasSecret() ? R::InvalidConfigError : R::NoSecretKeyError, keyProblem);
    } else {
        const bool allowRegenerate = config.dateMode() != AwsSigningConfig::DateMode::Strict;
        signingKey = key.keyFor(when.time.date(), config.region(), config.service(), allowRegenerate,
                                &keyProblem);
        if (signingKey.isEmpty())
            return R::failure(keyError(key, config), keyProblem);
    }

    AwsHeaderList added = headersToSign(plan, config);
    QByteArray headerLines, signedHeaders;
    canonicalHeaders(plan.request.headers(), added, config, headerLines, signedHeaders);
    QList<QueryPair> queryPairs = canonicalQueryPairs(plan.request.query());
    QList<QueryPair> presign;
    const QByteArray accessKeyId = key.accessKeyId().toUtf8();
    if (plan.query) {
        presign = presignParameters(plan, accessKeyId, signedHeaders, config.expiresInSeconds());
        queryPairs += presign;
    }

    AwsSigningResult result;
    AwsSigningResultPrivate &d = *result.d;
    d.canonicalRequest = concat({ plan.request.method(), "\n",
                                  canonicalUri(plan.request.path(), config.usesS3Rules(), config.normalizePath()),
                                  "\n", joinQuery(queryPairs), "\n", headerLines, "\n", signedHeaders, "\n",
                                  plan.payloadHash });
    d.stringToSign = concat({ plan.algorithm, "\n", plan.amzDate, "\n", plan.scope, "\n",
                              Sha256::hashHex(d.canonicalRequest) });
    d.signature = plan.sigV4a ? ecdsaKey->sign(d.stringToSign).toHex()
                              : hmacSha256(signingKey, d.stringToSign).toHex();
    if (d.signature.isEmpty())
        return R::failure(R::InvalidConfigError, QStringLiteral("OpenSSL failed to produce a signature"));
    d.signedHeaders = signedHeaders;
    d.credentialScope = plan.scope;
    d.payloadHash = plan.payloadHash;
    d.signingTime = when.time;
    d.request = plan.request;

    if (plan.query) {
        presign.append({ "X-Amz-Signature", d.signature });
        if (plan.sendToken && !plan.tokenSigned)
            presign.append({ "X-Amz-Security-Token", uriEncode(plan.token, SlashMode::Encode) });
        d.queryToAdd = joinInOrder(presign);
    } else {
        d.authorization = concat({ plan.algorithm, " Credential=", accessKeyId, "/", plan.scope,
                                   ", SignedHeaders=", signedHeaders, ", Signature=", d.signature });
        added.append({ "Authorization", d.authorization });
        d.headersToAdd = added;
    }
    qCDebug(lcSigner).noquote() << "canonical request:\n" << redactToken(d.canonicalRequest, plan.token)
                                << "\nstring to sign:\n" << d.stringToSign;
    return result;
}

/*! The hex SHA-256 of an empty payload. */
QByteArray AwsSigner::emptyPayloadHash()
{
    return QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/*! The \c UNSIGNED-PAYLOAD marker. */
QByteArray AwsSigner::unsignedPayload() { return UnsignedPayloadMarker; }

/*! The lower-case hex SHA-256 of \a payload (OpenSSL EVP). */
QByteArray AwsSigner::hashPayload(QByteArrayView payload) { return Sha256::hashHex(payload); }
