// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigner.h>

#include "awscanonical_p.h"
#include "awscrypto_p.h"
#include "awssigningresult_p.h"
#include "qtsigv4logging_p.h"

#include <qtsigv4/awsdate.h>

#include <QtCore/qmap.h>

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
    const QDateTime parsed = AwsDate::parse(value);
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
    if (hasAmzDate && !passive)
        request.setHeader(name, AwsDate::toAmzDate(parsed));
    out = { parsed, !hasAmzDate && !passive && !query };
    return QString();
}

bool isSignedHeader(const QByteArray &lowerName, const AwsSigningConfig &config)
{
    if (AwsSigningConfig::neverSignedHeaders().contains(lowerName)
        || config.unsignedHeaders().contains(lowerName)) {
        return false;
    }
    if (lowerName == "x-amz-security-token"
        && config.sessionTokenMode() != AwsSigningConfig::SessionTokenMode::Sign) {
        return false;
    }
    const QSet<QByteArray> only = config.signedHeaders();
    return only.isEmpty() || lowerName == "host" || lowerName.startsWith("x-amz-")
            || only.contains(lowerName);
}

// Builds "name:value\n" lines (sorted, repeated fields joined by ',') and the signed-header list.
void canonicalHeaders(const AwsHeaderList &headers, const AwsSigningConfig &config,
                      QByteArray &lines, QByteArray &names)
{
    QMap<QByteArray, QByteArray> fields;
    for (const auto &h : headers) {
        const QByteArray lowerName = h.first.trimmed().toLower();
        if (!isSignedHeader(lowerName, config))
            continue;
        auto it = fields.find(lowerName);
        if (it == fields.end())
            fields.insert(lowerName, trimAndCollapse(h.second));
        else
            it.value() += ',' + trimAndCollapse(h.second);
    }
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        lines += it.key() + ':' + it.value() + '\n';
        if (!names.isEmpty())
            names += ';';
        names += it.key();
    }
}

QByteArray payloadHashFor(const AwsHttpRequest &request, const AwsSigningConfig &config, bool query)
{
    const QByteArray declared = request.header("x-amz-content-sha256");
    if (!declared.isEmpty())
        return declared.trimmed();
    if (config.unsignedPayload() || (query && config.usesS3Rules() && !config.isSignBodySet()))
        return UnsignedPayloadMarker;
    if (!request.payloadHash().isEmpty())
        return request.payloadHash();
    return Sha256::hashHex(request.body());
}

QByteArray redactToken(QByteArray text, const QString &token)
{
    if (!token.isEmpty()) {
        text.replace(token.toUtf8(), "<redacted>");
        text.replace(uriEncode(token.toUtf8(), SlashMode::Encode), "<redacted>");
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
    if (!input.hasHeader("host"))
        return R::failure(R::MissingHostError, QStringLiteral("the request has no Host header"));

    AwsHttpRequest request = input;
    SigningTime when;
    if (const QString problem = resolveSigningTime(request, config, now, when); !problem.isEmpty())
        return R::failure(R::InvalidDateError, problem);

    QString keyProblem;
    const bool allowRegenerate = config.dateMode() != AwsSigningConfig::DateMode::Strict;
    const QByteArray signingKey = key.keyFor(when.time.date(), config.region(), config.service(),
                                             allowRegenerate, &keyProblem);
    if (signingKey.isEmpty())
        return R::failure(keyError(key, config), keyProblem);

    const bool query = config.signatureLocation() == AwsSigningConfig::SignatureLocation::QueryString;
    const bool s3 = config.usesS3Rules();
    const QByteArray amzDate = AwsDate::toAmzDate(when.time);
    const QByteArray scope = AwsDate::toScopeDate(when.time.date()) + '/' + config.region().toUtf8()
            + '/' + config.service().toUtf8() + "/aws4_request";
    const QString token = key.sessionToken();
    const auto tokenMode = config.sessionTokenMode();
    const bool sendToken = !token.isEmpty() && tokenMode != AwsSigningConfig::SessionTokenMode::DoNotSend;
    const QByteArray payloadHash = payloadHashFor(request, config, query);

    AwsHeaderList added; // in the order the official vectors append them
    if (sendToken && !query && !request.hasHeader("x-amz-security-token"))
        added.append({ "X-Amz-Security-Token", token.toUtf8() });
    if (when.addAmzDate)
        added.append({ "X-Amz-Date", amzDate });
    if (!query && config.signBody() && !request.hasHeader("x-amz-content-sha256"))
        added.append({ "x-amz-content-sha256", payloadHash });

    QByteArray headerLines, signedHeaders;
    canonicalHeaders(request.headers() + added, config, headerLines, signedHeaders);

    QList<QueryPair> queryPairs = canonicalQueryPairs(request.query());
    QList<QueryPair> presign;
    if (query) {
        presign = {
            { "X-Amz-Algorithm", Algorithm },
            { "X-Amz-Credential", uriEncode(key.accessKeyId().toUtf8() + '/' + scope, SlashMode::Encode) },
            { "X-Amz-Date", amzDate },
            { "X-Amz-SignedHeaders", uriEncode(signedHeaders, SlashMode::Encode) },
            { "X-Amz-Expires", QByteArray::number(config.expiresInSeconds()) },
        };
        if (sendToken && tokenMode == AwsSigningConfig::SessionTokenMode::Sign)
            presign.append({ "X-Amz-Security-Token", uriEncode(token.toUtf8(), SlashMode::Encode) });
        queryPairs += presign;
    }

    AwsSigningResult result;
    AwsSigningResultPrivate &d = *result.d;
    d.canonicalRequest = request.method() + '\n' + canonicalUri(request.path(), s3, config.normalizePath())
            + '\n' + joinQuery(queryPairs) + '\n' + headerLines + '\n' + signedHeaders + '\n' + payloadHash;
    d.stringToSign = Algorithm + '\n' + amzDate + '\n' + scope + '\n' + Sha256::hashHex(d.canonicalRequest);
    d.signature = hmacSha256(signingKey, d.stringToSign).toHex();
    d.signedHeaders = signedHeaders;
    d.credentialScope = scope;
    d.payloadHash = payloadHash;
    d.signingTime = when.time;
    d.request = request;

    if (query) {
        presign.append({ "X-Amz-Signature", d.signature });
        if (sendToken && tokenMode == AwsSigningConfig::SessionTokenMode::OmitFromSignature)
            presign.append({ "X-Amz-Security-Token", uriEncode(token.toUtf8(), SlashMode::Encode) });
        for (const QueryPair &p : std::as_const(presign))
            d.queryToAdd += (d.queryToAdd.isEmpty() ? "" : "&") + p.first + '=' + p.second;
    } else {
        d.authorization = Algorithm + " Credential=" + key.accessKeyId().toUtf8() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + d.signature;
        added.append({ "Authorization", d.authorization });
        d.headersToAdd = added;
    }
    qCDebug(lcSigner).noquote() << "canonical request:\n" << redactToken(d.canonicalRequest, token)
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
