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
QByteArray uriEncode(QByteArrayView raw, SlashMode slash)
{
    QByteArray out(raw.size() * 3, Qt::Uninitialized);
    char *dst = out.data();
    for (char ch : raw) {
        const uchar c = uchar(ch);
        if (isUnreserved(c) || (c == '/' && slash == SlashMode::Keep))
            *dst++ = ch;
        else
            dst = putEncoded(dst, c);
    }
    out.truncate(dst - out.data());
    return out;
}

QByteArray normalizeEncoding(QByteArrayView text, SlashMode slash)
{
    QByteArray out(text.size() * 3, Qt::Uninitialized);
    char *dst = out.data();
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
    out.truncate(dst - out.data());
    return out;
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

QByteArray canonicalUri(QByteArrayView path, bool s3Rules, bool normalize)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");
    if (s3Rules)
        return normalizeEncoding(path, SlashMode::Keep);
    if (normalize)
        return uriEncode(removeDotSegments(path), SlashMode::Keep);
    return uriEncode(path, SlashMode::Keep);
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

namespace {

// A header field inside a scratch buffer: its lower-case name and its canonical value.
struct FieldRef
{
    qsizetype name;
    qsizetype nameLength;
    qsizetype value;
    qsizetype valueLength;
};

qsizetype writeLowerTrimmed(char *dst, QByteArrayView name)
{
    const QByteArrayView trimmed = name.trimmed();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    }
    return trimmed.size();
}

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

char *put(char *dst, const char *src, qsizetype size)
{
    if (size > 0) // an empty view may have a null data(): memcpy from null is undefined
        std::memcpy(dst, src, size_t(size));
    return dst + size;
}

// Copies runs of non-blank bytes with memcpy: a per-byte loop over the values cost more
// than the rest of the canonicalisation.
qsizetype writeCollapsed(char *dst, QByteArrayView value)
{
    if (!mayHaveWhitespace(value))
        return put(dst, value.data(), value.size()) - dst;
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
        dst = put(dst, run, p - run);
    }
    return dst - begin;
}

} // namespace

QByteArray trimAndCollapse(QByteArrayView value)
{
    QByteArray out(value.size(), Qt::Uninitialized); // never longer than the input
    out.truncate(writeCollapsed(out.data(), value));
    return out;
}

// Builds "name:value\n" lines (sorted byte-wise by name, repeated fields joined by ',' in
// their order of appearance) and the signed-header list. Everything is written into
// buffers sized once: the signer calls this for every request.
void canonicalHeaders(const AwsHeaderList &headers, const AwsHeaderList &added,
                      HeaderPredicate isSigned, QByteArray &lines,
                      QByteArray &names)
{
    qsizetype capacity = 0;
    for (const AwsHeaderList *list : { &headers, &added }) {
        for (const auto &h : *list)
            capacity += h.first.size() + h.second.size();
    }
    QVarLengthArray<char, 1024> scratch(capacity); // on the stack for any usual request
    char *const base = scratch.data();
    qsizetype used = 0;
    QVarLengthArray<FieldRef, 16> fields;
    for (const AwsHeaderList *list : { &headers, &added }) {
        for (const auto &h : *list) {
            const qsizetype nameLength = writeLowerTrimmed(base + used, h.first);
            if (!isSigned(QByteArray::fromRawData(base + used, nameLength)))
                continue;
            const qsizetype valueLength = writeCollapsed(base + used + nameLength, h.second);
            fields.append({ used, nameLength, used + nameLength, valueLength });
            used += nameLength + valueLength;
        }
    }
    const auto nameOf = [base](const FieldRef &f) { return QByteArrayView(base + f.name, f.nameLength); };
    // Stable insertion sort: repeated fields keep their order of appearance, and for the
    // dozen fields of a request it beats std::stable_sort, which allocates a buffer.
    for (qsizetype i = 1; i < fields.size(); ++i) {
        const FieldRef f = fields.at(i);
        qsizetype j = i;
        for (; j > 0 && nameOf(f) < nameOf(fields.at(j - 1)); --j)
            fields[j] = fields.at(j - 1);
        fields[j] = f;
    }

    qsizetype linesSize = 0, namesSize = 0;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const FieldRef &f = fields.at(i);
        if (i > 0 && nameOf(fields.at(i - 1)) == nameOf(f)) {
            linesSize += 1 + f.valueLength;
        } else {
            linesSize += f.nameLength + f.valueLength + 2;
            namesSize += f.nameLength + (namesSize > 0 || !names.isEmpty() ? 1 : 0);
        }
    }
    const qsizetype linesStart = lines.size(), namesStart = names.size();
    lines.resize(linesStart + linesSize);
    names.resize(namesStart + namesSize);
    char *l = lines.data() + linesStart;
    char *n = names.data() + namesStart;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const FieldRef &f = fields.at(i);
        if (i > 0 && nameOf(fields.at(i - 1)) == nameOf(f)) {
            *l++ = ',';
        } else {
            if (n != names.data())
                *n++ = ';';
            n = put(n, base + f.name, f.nameLength);
            l = put(l, base + f.name, f.nameLength);
            *l++ = ':';
        }
        l = put(l, base + f.value, f.valueLength);
        if (i + 1 == fields.size() || nameOf(fields.at(i + 1)) != nameOf(f))
            *l++ = '\n';
    }
}

QByteArray concat(std::initializer_list<QByteArrayView> parts)
{
    qsizetype size = 0;
    for (const QByteArrayView &part : parts)
        size += part.size();
    QByteArray out(size, Qt::Uninitialized);
    char *dst = out.data();
    for (const QByteArrayView &part : parts)
        dst = put(dst, part.data(), part.size());
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
