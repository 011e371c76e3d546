// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awshttprequest_p.h"

#include "core/awscanonical_p.h"
#include "core/awsinputcheck_p.h"

#include <QtCore/qurl.h>

/*!
    \class AwsHttpRequest
    \inmodule QtSigV4
    \brief An HTTP request as the signer sees it: method, request target, ordered header
    fields, and the body or a precomputed payload hash.

    The request target is kept exactly as it will go on the wire (path and query,
    percent-encoded). fromRaw() parses a raw HTTP/1.1 message (the form of the official
    test vectors); fromUrl() builds a request from a QUrl with the strict AWS encoding and
    the \c Host header that the server will see.
*/


namespace {

using QtSigV4Private::isHttpToken;

// The signer looks names up several times per request: sizes first, then an ASCII loop;
// qstrnicmp's Latin-1 folding is kept for the rare non-ASCII byte.
bool sameName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    const auto lower = [](uchar c) { return (c >= 'A' && c <= 'Z') ? uchar(c | 0x20) : c; };
    for (qsizetype i = 0; i < a.size(); ++i) {
        const uchar x = uchar(a[i]), y = uchar(b[i]);
        if (x == y)
            continue;
        if (x >= 0x80 || y >= 0x80)
            return a.sliced(i).compare(b.sliced(i), Qt::CaseInsensitive) == 0;
        if (lower(x) != lower(y))
            return false;
    }
    return true;
}

// "HTTP/1.1", "HTTP/1.0" (and any HTTP/<digit>.<digit>, for the version to be printed back).
bool isHttpVersion(QByteArrayView version)
{
    return version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0'
            && version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
}

QString lineError(int line, const char *what)
{
    return QStringLiteral("line %1: %2").arg(line).arg(QLatin1StringView(what));
}

bool setError(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return false;
}

bool parseRequestLine(QByteArrayView line, AwsHttpRequestPrivate &d, QString *errorString)
{
    // The target may contain raw spaces (normalize-path/get-space): split at the last " HTTP/".
    const qsizetype versionAt = line.lastIndexOf(QByteArrayView(" HTTP/"));
    const qsizetype methodEnd = line.indexOf(' ');
    if (versionAt <= 0 || methodEnd <= 0 || methodEnd >= versionAt) {
        return setError(errorString,
                        QStringLiteral("line 1: expected a request line 'METHOD /target HTTP/1.1'"));
    }
    d.method = line.first(methodEnd).toByteArray();
    d.target = line.sliced(methodEnd + 1, versionAt - methodEnd - 1).toByteArray();
    d.httpVersion = line.sliced(versionAt + 1).toByteArray();
    if (!isHttpToken(d.method))
        return setError(errorString, lineError(1, "the method is not a valid HTTP token"));
    if (d.target.isEmpty())
        return setError(errorString, lineError(1, "the request target is empty"));
    // Only the origin form is signed as a path: "G E T / HTTP/1.1" (target "E T /") and
    // "GET http://host/x HTTP/1.1" are not requests for a path.
    if (!d.target.startsWith('/')) {
        return setError(errorString, lineError(1, "the request target must be a path starting with '/' "
                                                  "(origin form; absolute URLs and '*' are not signed)"));
    }
    if (!isHttpVersion(d.httpVersion))
        return setError(errorString, lineError(1, "expected HTTP/1.0 or HTTP/1.1 at the end"));
    for (char c : std::as_const(d.target)) {
        if (uchar(c) < 0x20 || uchar(c) == 0x7f)
            return setError(errorString, lineError(1, "control character in the request target"));
    }
    return true;
}

bool parseHeaderLine(QByteArrayView line, int lineNumber, AwsHttpRequestPrivate &d,
                     QString *errorString)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        // obs-fold: a continuation of the previous field value, joined by one space.
        if (d.headers.isEmpty())
            return setError(errorString, lineError(lineNumber, "continuation line without a header"));
        QByteArray &value = d.headers.last().second;
        value.append(' ');
        value.append(line.trimmed());
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return setError(errorString, lineError(lineNumber, "header without ':'"));
    const QByteArrayView name = line.first(colon);
    if (!isHttpToken(name))
        return setError(errorString, lineError(lineNumber, "invalid header name"));
    d.headers.append({ name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray() });
    return true;
}

} // namespace

namespace {

// Null requests share one private, detached on the first change: the signer's results
// hold a request, and a heap allocation per default-constructed one showed up in profiles.
const QSharedDataPointer<AwsHttpRequestPrivate> &sharedNull()
{
    static const QSharedDataPointer<AwsHttpRequestPrivate> null(new AwsHttpRequestPrivate);
    return null;
}

} // namespace

/*! Constructs a null request. */
AwsHttpRequest::AwsHttpRequest() : d(sharedNull()) { }

/*! Constructs a request from its parts; \a target is the encoded path and query. */
AwsHttpRequest::AwsHttpRequest(const QByteArray &method, const QByteArray &target,
                               const AwsHeaderList &headers, const QByteArray &body)
    : d(new AwsHttpRequestPrivate)
{
    d->method = method;
    d->target = target;
    d->headers = headers;
    d->body = body;
}

AwsHttpRequest::AwsHttpRequest(const AwsHttpRequest &other) = default;
AwsHttpRequest::AwsHttpRequest(AwsHttpRequest &&other) noexcept = default;
AwsHttpRequest &AwsHttpRequest::operator=(const AwsHttpRequest &other) = default;
AwsHttpRequest &AwsHttpRequest::operator=(AwsHttpRequest &&other) noexcept = default;
AwsHttpRequest::~AwsHttpRequest() = default;

/*!
    Parses \a raw, an HTTP/1.x request: request line, header fields (folded continuation lines
    are joined with one space), an empty line, and the body. Lines may end in LF or CRLF.
    On failure returns a null request and sets \a errorString to a one-line message.
*/
AwsHttpRequest AwsHttpRequest::fromRaw(const QByteArray &raw, QString *errorString)
{
    AwsHttpRequest request;
    AwsHttpRequestPrivate &d = *request.d;
    if (raw.trimmed().isEmpty()) {
        setError(errorString, QStringLiteral("empty request: expected 'METHOD /target HTTP/1.1'"));
        return AwsHttpRequest();
    }
    qsizetype pos = 0;
    int lineNumber = 0;
    bool inBody = false;
    while (pos < raw.size()) {
        qsizetype end = raw.indexOf('\n', pos);
        const qsizetype next = end < 0 ? raw.size() : end + 1;
        if (end < 0)
            end = raw.size();
        QByteArrayView line(raw.constData() + pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = next;
        ++lineNumber;
        if (lineNumber == 1) {
            if (!parseRequestLine(line, d, errorString))
                return AwsHttpRequest();
        } else if (line.isEmpty()) {
            inBody = true;
            break;
        } else if (!parseHeaderLine(line, lineNumber, d, errorString)) {
            return AwsHttpRequest();
        }
    }
    if (inBody)
        d.body = raw.mid(pos);
    return request;
}

/*!
    Builds a request with \a method, \a url, \a headers and \a body: the target in strict AWS encoding (so what is signed is what
    is sent) and a \c Host header with the port when it is not the scheme's default. A
    \c Host given in \a headers is kept.
*/
AwsHttpRequest AwsHttpRequest::fromUrl(const QByteArray &method, const QUrl &url,
                                       const AwsHeaderList &headers, const QByteArray &body)
{
    AwsHttpRequest request(method, encodedTargetFor(url), headers, body);
    if (!request.hasHeader("host"))
        request.d->headers.prepend({ QByteArrayLiteral("Host"), hostHeaderFor(url) });
    return request;
}

/*!
    The value of the \c Host header for \a url: the ASCII host name (IPv6 literals in
    brackets) followed by \c{:port} unless the port is the scheme's default (80 for http,
    443 for https).
*/
QByteArray AwsHttpRequest::hostHeaderFor(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port();
    const int defaultPort = QtSigV4Private::defaultPortFor(url.scheme());
    if (port >= 0 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

/*!
    The request target (path and query) of \a url in the strict AWS encoding: every byte
    outside the unreserved set is percent-encoded, an encoded '/' in the path stays encoded,
    and an empty path becomes "/".
*/
QByteArray AwsHttpRequest::encodedTargetFor(const QUrl &url)
{
    using namespace QtSigV4Private;
    QByteArray target = normalizeEncoding(url.path(QUrl::FullyEncoded).toLatin1(), SlashMode::Keep);
    if (target.isEmpty())
        target = QByteArrayLiteral("/");
    if (url.hasQuery()) {
        QByteArray query;
        const QList<QueryPair> pairs = canonicalQueryPairs(url.query(QUrl::FullyEncoded).toLatin1());
        for (const QueryPair &pair : pairs) {
            if (!query.isEmpty())
                query.append('&');
            query.append(pair.first + '=' + pair.second);
        }
        target += '?' + query;
    }
    return target;
}

/*! Returns \c true for a default-constructed or failed-to-parse request. */
bool AwsHttpRequest::isNull() const { return d->method.isEmpty(); }

QByteArray AwsHttpRequest::method() const { return d->method; }
void AwsHttpRequest::setMethod(const QByteArray &method) { d->method = method; }
/*! The request target as sent: the encoded path and query. */
QByteArray AwsHttpRequest::target() const { return d->target; }
void AwsHttpRequest::setTarget(const QByteArray &target) { d->target = target; }

/*! The path part of the target (before any '?'). */
QByteArray AwsHttpRequest::path() const
{
    const qsizetype q = d->target.indexOf('?');
    return q < 0 ? d->target : d->target.left(q);
}

/*! The query part of the target (after the first '?'), without the '?'. */
QByteArray AwsHttpRequest::query() const
{
    const qsizetype q = d->target.indexOf('?');
    return q < 0 ? QByteArray() : d->target.mid(q + 1);
}

QByteArray AwsHttpRequest::httpVersion() const { return d->httpVersion; }
void AwsHttpRequest::setHttpVersion(const QByteArray &version) { d->httpVersion = version; }

/*! The header fields in order, names as given. */
AwsHeaderList AwsHttpRequest::headers() const { return d->headers; }
void AwsHttpRequest::setHeaders(const AwsHeaderList &headers) { d->headers = headers; }
/*! Appends a header field \a name: \a value, keeping any existing field of the same name. */
void AwsHttpRequest::addHeader(const QByteArray &name, const QByteArray &value)
{
    d->headers.append({ name, value });
}

/*!
    Replaces all fields named \a name (case-insensitively) by one field with \a value, at the
    first one's place.
*/
void AwsHttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (qsizetype i = 0; i < d->headers.size(); ++i) {
        if (sameName(d->headers.at(i).first, name)) {
            d->headers[i].second = value;
            for (qsizetype j = d->headers.size() - 1; j > i; --j) {
                if (sameName(d->headers.at(j).first, name))
                    d->headers.removeAt(j);
            }
            return;
        }
    }
    addHeader(name, value);
}

/*! Removes every field named \a name; returns how many were removed. */
int AwsHttpRequest::removeHeader(const QByteArray &name)
{
    return int(d->headers.removeIf([&](const auto &h) { return sameName(h.first, name); }));
}

bool AwsHttpRequest::hasHeader(const QByteArray &name) const
{
    return std::any_of(d->headers.cbegin(), d->headers.cend(),
                       [&](const auto &h) { return sameName(h.first, name); });
}

/*! The values of all fields named \a name joined by ",", or an empty array. */
QByteArray AwsHttpRequest::header(const QByteArray &name) const
{
    QByteArray value; // shares the field's data when there is one field (the usual case)
    bool found = false;
    for (const auto &h : std::as_const(d->headers)) {
        if (!sameName(h.first, name))
            continue;
        if (found)
            value += ',' + h.second;
        else
            value = h.second;
        found = true;
    }
    return value;
}

QList<QByteArray> AwsHttpRequest::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const auto &h : std::as_const(d->headers)) {
        if (sameName(h.first, name))
            values.append(h.second);
    }
    return values;
}

QByteArray AwsHttpRequest::body() const { return d->body; }
void AwsHttpRequest::setBody(const QByteArray &body) { d->body = body; }

/*!
    A precomputed payload hash (lower-case hex SHA-256) or a marker such as
    \c UNSIGNED-PAYLOAD. When set, the signer uses it instead of hashing body(), so a body
    streamed from a device is hashed once and never held in memory.
*/
QByteArray AwsHttpRequest::payloadHash() const { return d->payloadHash; }
void AwsHttpRequest::setPayloadHash(const QByteArray &hash) { d->payloadHash = hash; }

/*! Serialises the request as an HTTP/1.1 message with CRLF line ends. */
QByteArray AwsHttpRequest::toRaw() const
{
    QByteArray out = d->method + ' ' + d->target + ' ' + d->httpVersion + "\r\n";
    for (const auto &h : std::as_const(d->headers))
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    out += d->body;
    return out;
}
