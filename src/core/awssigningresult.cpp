// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awssigningresult_p.h"

#include "core/awsredaction_p.h"

/*!
    \class AwsSigningResult
    \inmodule QtSigV4
    \brief The outcome of AwsSigner::sign(): either an error (error() and errorString()),
    or what to add to the request together with the intermediate values (canonical
    request, string to sign) for debugging.

    In header mode, headersToAdd() lists the fields to append in order
    (\c X-Amz-Security-Token, \c X-Amz-Date, \c x-amz-content-sha256, \c Authorization, each
    only when needed). In query mode, presignedTarget() is the request target with the
    presigning query parameters appended.
*/

/*!
    \enum AwsSigningResult::Error
    \value NoError The request was signed.
    \value InvalidConfigError The signing configuration is invalid (see
           AwsSigningConfig::validate()), or the signature could not be computed.
    \value InvalidRequestError The request cannot be signed, e.g. it has no method.
    \value MissingHostError The request has no \c Host header (nor a URL to take it from).
    \value MissingCredentialsError There are no credentials: the access key id is empty.
    \value ExpiredCredentialsError The credentials have expired.
    \value NoSecretKeyError The signing key is for another scope and holds no secret to
           derive the right one.
    \value InvalidDateError The request's date cannot be parsed, and the configuration
           raises on invalid dates or signs passively.
    \value DateMismatchError In the strict date mode, the request's date is not the signing
           key's date.
    \value InvalidExpiryError \c X-Amz-Expires is outside 1 to 604800 seconds.
    \value InvalidCredentialsError The access key id, secret or session token holds a control
           character (CR, LF, NUL, ...): it cannot go into a header, and nothing is signed.
*/

using D = AwsSigningResultPrivate;

QByteArray AwsSigningResultPrivate::piece(Piece p) const
{
    if (sizes[p] < 0)
        return QByteArray();
    // A shallow copy of text, narrowed to the piece: it shares text's block (Qt 6 arrays may
    // start inside theirs) and ends before a '\0', as constData() promises.
    QByteArray::DataPointer shared = const_cast<QByteArray &>(text).data_ptr();
    shared.ptr += offsets[p];
    shared.size = sizes[p];
    return QByteArray(std::move(shared));
}

QByteArrayView AwsSigningResultPrivate::view(Piece p) const
{
    return sizes[p] < 0 ? QByteArrayView() : QByteArrayView(text.constData() + offsets[p], sizes[p]);
}

void AwsSigningResultPrivate::setPiece(Piece p, QByteArrayView value)
{
    const qsizetype offset = text.size();
    text.append(value);
    text.append('\0');
    setPieceAt(p, offset, value.size());
}

void AwsSigningResultPrivate::setPieceAt(Piece p, qsizetype offset, qsizetype size)
{
    offsets[p] = offset;
    sizes[p] = size;
}

const AwsHeaderList *AwsSigningResultPrivate::HeadersCache::set(const AwsHeaderList *fresh) const
{
    const AwsHeaderList *expected = nullptr;
    if (m_list.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel))
        return fresh;
    delete fresh;
    return expected;
}

AwsHeaderList AwsSigningResultPrivate::headersToAdd() const
{
    if (!added)
        return AwsHeaderList();
    if (const AwsHeaderList *cached = headersCache.get())
        return *cached;
    return *headersCache.set(new AwsHeaderList(makeHeadersToAdd()));
}

AwsHeaderList AwsSigningResultPrivate::makeHeadersToAdd() const
{
    AwsHeaderList list;
    if (!added)
        return list;
    list.reserve(5);
    if (added & AddedToken)
        list.append({ QByteArrayLiteral("X-Amz-Security-Token"), token });
    if (added & AddedAmzDate)
        list.append({ QByteArrayLiteral("X-Amz-Date"), piece(AmzDate) });
    if (added & AddedRegionSet)
        list.append({ QByteArrayLiteral("X-Amz-Region-Set"), regionSet });
    if (added & AddedContentSha256)
        list.append({ QByteArrayLiteral("x-amz-content-sha256"), piece(PayloadHash) });
    if (added & AddedAuthorization)
        list.append({ QByteArrayLiteral("Authorization"), piece(Authorization) });
    return list;
}

AwsSigningResult::AwsSigningResult() : d(new AwsSigningResultPrivate) { }
// For the signer, which makes the private with the signed request in it.
AwsSigningResult::AwsSigningResult(AwsSigningResultPrivate *d) : d(d) { }
AwsSigningResult::AwsSigningResult(const AwsSigningResult &other) = default;
AwsSigningResult::AwsSigningResult(AwsSigningResult &&other) noexcept = default;
AwsSigningResult &AwsSigningResult::operator=(const AwsSigningResult &other) = default;
AwsSigningResult &AwsSigningResult::operator=(AwsSigningResult &&other) noexcept = default;
AwsSigningResult::~AwsSigningResult() = default;

/*! A result carrying \a error and its human-readable \a message, credentials redacted. */
AwsSigningResult AwsSigningResult::failure(Error error, const QString &message)
{
    AwsSigningResult result;
    result.d->error = error;
    result.d->errorString = QtSigV4Private::redactCredentials(message);
    return result;
}

AwsSigningResult::Error AwsSigningResult::error() const { return d->error; }
/*! A one-line description of the error; never contains a secret. */
QString AwsSigningResult::errorString() const { return d->errorString; }
QByteArray AwsSigningResult::canonicalRequest() const { return d->piece(D::CanonicalRequest); }
QByteArray AwsSigningResult::stringToSign() const { return d->piece(D::StringToSign); }
/*! The signature as lower-case hex. */
QByteArray AwsSigningResult::signature() const { return d->piece(D::Signature); }
/*! The signed header names, e.g. \c{host;x-amz-date}. */
QByteArray AwsSigningResult::signedHeaders() const { return d->piece(D::SignedHeaders); }
QByteArray AwsSigningResult::credentialScope() const { return d->piece(D::CredentialScope); }
/*! The value of the \c Authorization header (header mode). */
QByteArray AwsSigningResult::authorization() const { return d->piece(D::Authorization); }
QDateTime AwsSigningResult::signingTime() const { return d->signingTime; }
/*! The payload hash that was signed (hex, or a marker such as \c UNSIGNED-PAYLOAD). */
QByteArray AwsSigningResult::payloadHash() const { return d->piece(D::PayloadHash); }
AwsHeaderList AwsSigningResult::headersToAdd() const { return d->headersToAdd(); }
/*! The encoded presigning parameters (query mode), without a leading '&' or '?'. */
QByteArray AwsSigningResult::queryToAdd() const { return d->piece(D::QueryToAdd); }

/*! The request target with the presigning parameters appended (query mode). */
QByteArray AwsSigningResult::presignedTarget() const
{
    const QByteArray target = d->request.target();
    const QByteArray query = d->piece(D::QueryToAdd);
    if (query.isEmpty())
        return target;
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return target + '?' + query;
    if (q == target.size() - 1)
        return target + query;
    return target + '&' + query;
}

/*! The complete signed request: the input with headersToAdd() or presignedTarget() applied. */
AwsHttpRequest AwsSigningResult::signedRequest() const
{
    if (!isValid())
        return AwsHttpRequest();
    AwsHttpRequest request = d->request;
    const AwsHeaderList added = d->headersToAdd();
    for (const auto &h : added)
        request.addHeader(h.first, h.second);
    request.setTarget(presignedTarget());
    return request;
}
