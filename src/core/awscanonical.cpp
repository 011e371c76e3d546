// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awscanonical_p.h"

#include <qtsigv4/awssigningconfig.h>

#include <QtCore/qurl.h>
#include <QtCore/qvarlengtharray.h>

#include <algorithm>
#include <cstring>

namespace QtSigV4Private {

namespace {

bool isUnreserved(uchar c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool isWhitespace(char c)
{
    return uchar(c) <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f');
}

} // namespace

namespace {

char *putEncoded(char *dst, uchar c)
{
    static const char hex[] = "0123456789ABCDEF";
    dst[0] = '%';
    dst[1] = hex[c >> 4];
    dst[2] = hex[c & 0xf];
    return dst + 3;
}

} // namespace

// Both encoders write through a pointer into a buffer of the worst-case size (3 bytes per
// input byte): QByteArray::append(char) per byte would cost more than the hashing.
char *writeUriEncoded(char *dst, QByteArrayView raw, SlashMode slash)
{
    for (char ch : raw) {
        const uchar c = uchar(ch);
        if (isUnreserved(c) || (c == '/' && slash == SlashMode::Keep))
            *dst++ = ch;
        else
            dst = putEncoded(dst, c);
    }
    return dst;
}

char *writeNormalizedEncoding(char *dst, QByteArrayView text, SlashMode slash)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const uchar c = uchar(text[i]);
        if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0
            && hexValue(text[i + 2]) >= 0) {
            const uchar decoded = uchar(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
            if (isUnreserved(decoded))
                *dst++ = char(decoded);
            else
                dst = putEncoded(dst, decoded); // an escaped '/' stays escaped
        } else if (isUnreserved(c) || (c == '/' && slash == SlashMode::Keep)) {
            *dst++ = char(c);
        } else {
            dst = putEncoded(dst, c);
        }
    }
    return dst;
}

namespace {

template<typename Writer>
QByteArray encodedWith(Writer write, QByteArrayView text, SlashMode slash)
{
    QByteArray out(text.size() * 3, Qt::Uninitialized);
    out.truncate(write(out.data(), text, slash) - out.data());
    return out;
}

} // namespace

QByteArray uriEncode(QByteArrayView raw, SlashMode slash)
{
    return encodedWith(writeUriEncoded, raw, slash);
}

QByteArray normalizeEncoding(QByteArrayView text, SlashMode slash)
{
    return encodedWith(writeNormalizedEncoding, text, slash);
}

// As botocore, smithy and aws-c-auth do (and AWS services verify): empty and "." segments
// dropped, ".." pops one, and a trailing slash kept only when the path itself ends with one
// and something is left ("/a/b/." is "/a/b", "/a/.." is "/", "/a/b/../" is "/a/").
QByteArray removeDotSegments(QByteArrayView path)
{
    QVarLengthArray<QByteArrayView, 16> segments;
    for (qsizetype start = 0; start < path.size();) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            segments.append(segment);
        }
        start = end + 1;
    }
    QByteArray out;
    out.reserve(path.size() + 1);
    for (const QByteArrayView &segment : std::as_const(segments)) {
        out.append('/');
        out.append(segment);
    }
    if (out.isEmpty() || path.endsWith('/'))
        out.append('/');
    return out;
}

QByteArray targetWithoutDotSegments(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return removeDotSegments(target);
    return removeDotSegments(target.first(question)).append(target.sliced(question));
}

namespace {

// removeDotSegments() would return path itself: it starts with '/', has no empty segment and
// no segment starting with '.' (the usual path, checked without an allocation).
bool hasNoDotOrEmptySegment(QByteArrayView path)
{
    if (!path.startsWith('/'))
        return false;
    for (qsizetype i = 1; i < path.size(); ++i) {
        if (path[i - 1] == '/' && (path[i] == '/' || path[i] == '.'))
            return false;
    }
    return true;
}

} // namespace

char *writeCanonicalUri(char *dst, QByteArrayView path, bool s3Rules, bool normalize)
{
    if (path.isEmpty()) {
        *dst = '/';
        return dst + 1;
    }
    if (s3Rules)
        return writeNormalizedEncoding(dst, path, SlashMode::Keep);
    if (normalize && !hasNoDotOrEmptySegment(path))
        return writeUriEncoded(dst, removeDotSegments(path), SlashMode::Keep);
    return writeUriEncoded(dst, path, SlashMode::Keep);
}

QByteArray canonicalUri(QByteArrayView path, bool s3Rules, bool normalize)
{
    QByteArray out(canonicalUriBound(path), Qt::Uninitialized);
    out.truncate(writeCanonicalUri(out.data(), path, s3Rules, normalize) - out.data());
    return out;
}

QList<QueryPair> canonicalQueryPairs(QByteArrayView query)
{
    QList<QueryPair> pairs;
    qsizetype start = 0;
    while (start < query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView item = query.sliced(start, end - start);
        if (!item.isEmpty()) {
            const qsizetype eq = item.indexOf('=');
            const QByteArrayView key = eq < 0 ? item : item.first(eq);
            const QByteArrayView value = eq < 0 ? QByteArrayView() : item.sliced(eq + 1);
            pairs.append({ normalizeEncoding(key, SlashMode::Encode),
                           normalizeEncoding(value, SlashMode::Encode) });
        }
        start = end + 1;
    }
    return pairs;
}

QByteArray joinQuery(QList<QueryPair> pairs)
{
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const QueryPair &pair : std::as_const(pairs)) {
        if (!out.isEmpty())
            out.append('&');
        out.append(pair.first);
        out.append('=');
        out.append(pair.second);
    }
    return out;
}

qsizetype writeLowerTrimmed(char *dst, QByteArrayView name)
{
    const QByteArrayView trimmed = name.trimmed();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    }
    return trimmed.size();
}

namespace {

// True when some byte is <= ' ' (every whitespace byte is), eight bytes at a time: most
// header values (hosts, dates, hashes) have none and are copied as they are.
bool mayHaveWhitespace(QByteArrayView value)
{
    constexpr quint64 ones = 0x0101010101010101ULL, highBits = 0x8080808080808080ULL;
    const char *p = value.data();
    qsizetype left = value.size();
    for (; left >= 8; p += 8, left -= 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        if ((word - ones * 0x21) & ~word & highBits) // some byte < 0x21
            return true;
    }
    for (; left > 0; ++p, --left) {
        if (uchar(*p) <= ' ')
            return true;
    }
    return false;
}

} // namespace

char *put(char *dst, QByteArrayView src)
{
    if (!src.isEmpty()) // an empty view may have a null data(): memcpy from null is undefined
        std::memcpy(dst, src.data(), size_t(src.size()));
    return dst + src.size();
}

// Copies runs of non-blank bytes with memcpy: a per-byte loop over the values cost more
// than the rest of the canonicalisation.
qsizetype writeCollapsed(char *dst, QByteArrayView value)
{
    if (!mayHaveWhitespace(value))
        return put(dst, value) - dst;
    char *const begin = dst;
    const char *p = value.data();
    const char *const end = p + value.size();
    while (p != end) {
        if (isWhitespace(*p)) {
            ++p;
            continue;
        }
        const char *run = p;
        while (p != end && !isWhitespace(*p))
            ++p;
        if (dst != begin)
            *dst++ = ' ';
        dst = put(dst, QByteArrayView(run, p - run));
    }
    return dst - begin;
}

QByteArray trimAndCollapse(QByteArrayView value)
{
    QByteArray out(value.size(), Qt::Uninitialized); // never longer than the input
    out.truncate(writeCollapsed(out.data(), value));
    return out;
}

QByteArray concat(std::initializer_list<QByteArrayView> parts)
{
    qsizetype size = 0;
    for (const QByteArrayView &part : parts)
        size += part.size();
    QByteArray out(size, Qt::Uninitialized);
    char *dst = out.data();
    for (const QByteArrayView &part : parts)
        dst = put(dst, part);
    return out;
}

int defaultPortFor(QStringView scheme)
{
    if (scheme.compare(u"https", Qt::CaseInsensitive) == 0 || scheme.compare(u"wss", Qt::CaseInsensitive) == 0)
        return 443;
    if (scheme.compare(u"http", Qt::CaseInsensitive) == 0 || scheme.compare(u"ws", Qt::CaseInsensitive) == 0)
        return 80;
    return -1;
}

bool isHttpScheme(QStringView scheme)
{
    return scheme.compare(u"http", Qt::CaseInsensitive) == 0
            || scheme.compare(u"https", Qt::CaseInsensitive) == 0;
}

QByteArray dotSegmentIn(QByteArrayView path)
{
    for (qsizetype start = 0; start <= path.size();) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        if (!segment.isEmpty() && segment.size() <= 6) { // "%2e%2e" at the most
            const QByteArray decoded = QByteArray::fromPercentEncoding(segment.toByteArray());
            if (decoded == "." || decoded == "..")
                return decoded;
        }
        start = end + 1;
    }
    return QByteArray();
}

QString dotSegmentError(const QUrl &url, const AwsSigningConfig &config)
{
    if (!config.usesS3Rules() && config.normalizePath())
        return QString();
    const QByteArray decoded = dotSegmentIn(url.path(QUrl::FullyEncoded).toLatin1());
    if (decoded.isEmpty())
        return QString();
    return QStringLiteral("refusing to send %1: its path has a \"%2\" segment, which Qt's "
                          "QNetworkAccessManager removes before sending (even when "
                          "percent-encoded), so the request would read or overwrite a different "
                          "object than the one named")
            .arg(url.toDisplayString(), QString::fromLatin1(decoded));
}

} // namespace QtSigV4Private
