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

AwsSigningResult::AwsSigningResult() : d(new AwsSigningResultPrivate) { }
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
QByteArray AwsSigningResult::canonicalRequest() const { return d->canonicalRequest; }
QByteArray AwsSigningResult::stringToSign() const { return d->stringToSign; }
/*! The signature as lower-case hex. */
QByteArray AwsSigningResult::signature() const { return d->signature; }
/*! The signed header names, e.g. \c{host;x-amz-date}. */
QByteArray AwsSigningResult::signedHeaders() const { return d->signedHeaders; }
QByteArray AwsSigningResult::credentialScope() const { return d->credentialScope; }
/*! The value of the \c Authorization header (header mode). */
QByteArray AwsSigningResult::authorization() const { return d->authorization; }
QDateTime AwsSigningResult::signingTime() const { return d->signingTime; }
/*! The payload hash that was signed (hex, or a marker such as \c UNSIGNED-PAYLOAD). */
QByteArray AwsSigningResult::payloadHash() const { return d->payloadHash; }
AwsHeaderList AwsSigningResult::headersToAdd() const { return d->headersToAdd; }
/*! The encoded presigning parameters (query mode), without a leading '&' or '?'. */
QByteArray AwsSigningResult::queryToAdd() const { return d->queryToAdd; }

/*! The request target with the presigning parameters appended (query mode). */
QByteArray AwsSigningResult::presignedTarget() const
{
    const QByteArray target = d->request.target();
    if (d->queryToAdd.isEmpty())
        return target;
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return target + '?' + d->queryToAdd;
    if (q == target.size() - 1)
        return target + d->queryToAdd;
    return target + '&' + d->queryToAdd;
}

/*! The complete signed request: the input with headersToAdd() or presignedTarget() applied. */
AwsHttpRequest AwsSigningResult::signedRequest() const
{
    if (!isValid())
        return AwsHttpRequest();
    AwsHttpRequest request = d->request;
    for (const auto &h : std::as_const(d->headersToAdd))
        request.addHeader(h.first, h.second);
    request.setTarget(presignedTarget());
    return request;
}
