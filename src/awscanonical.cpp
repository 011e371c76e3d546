// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awscanonical_p.h"

#include <algorithm>

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

void appendEncoded(QByteArray &out, uchar c)
{
    static const char hex[] = "0123456789ABCDEF";
    out.append('%');
    out.append(hex[c >> 4]);
    out.append(hex[c & 0xf]);
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

} // namespace

QByteArray uriEncode(QByteArrayView raw, SlashMode slash)
{
    QByteArray out;
    out.reserve(raw.size() + raw.size() / 2);
    for (char ch : raw) {
        const uchar c = uchar(ch);
        if (isUnreserved(c) || (c == '/' && slash == SlashMode::Keep))
            out.append(ch);
        else
            appendEncoded(out, c);
    }
    return out;
}

QByteArray normalizeEncoding(QByteArrayView text, SlashMode slash)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const uchar c = uchar(text[i]);
        if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0
            && hexValue(text[i + 2]) >= 0) {
            const uchar decoded = uchar(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
            if (isUnreserved(decoded))
                out.append(char(decoded));
            else
                appendEncoded(out, decoded); // an escaped '/' stays escaped
        } else if (isUnreserved(c) || (c == '/' && slash == SlashMode::Keep)) {
            out.append(char(c));
        } else {
            appendEncoded(out, c);
        }
    }
    return out;
}

QByteArray removeDotSegments(QByteArrayView path)
{
    QList<QByteArrayView> segments;
    bool trailingSlash = false;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView segment = path.sliced(start, end - start);
        const bool last = end == path.size();
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            trailingSlash = last;
        } else if (segment == "." || segment.isEmpty()) {
            trailingSlash = last && (start > 0 || segment == ".");
        } else {
            segments.append(segment);
            trailingSlash = false;
        }
        start = end + 1;
    }
    QByteArray out;
    out.reserve(path.size() + 1);
    for (const QByteArrayView &segment : std::as_const(segments)) {
        out.append('/');
        out.append(segment);
    }
    if (out.isEmpty() || trailingSlash)
        out.append('/');
    return out;
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

QByteArray trimAndCollapse(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (char c : value) {
        if (isWhitespace(c)) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

bool hasDotSegment(QByteArrayView path)
{
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArray decoded =
                QByteArray::fromPercentEncoding(path.sliced(start, end - start).toByteArray());
        if (decoded == "." || decoded == "..")
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace QtSigV4Private
