// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awscanonical_p.h"

#include <QtCore/qvarlengtharray.h>

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
    // Writes through a raw pointer: QByteArray::append(char) per byte costs more than the
    // rest of a header's canonicalisation. The output is never longer than the input.
    QByteArray out(value.size(), Qt::Uninitialized);
    char *const begin = out.data();
    char *dst = begin;
    bool pendingSpace = false;
    for (char c : value) {
        if (isWhitespace(c)) {
            pendingSpace = dst != begin;
            continue;
        }
        if (pendingSpace)
            *dst++ = ' ';
        pendingSpace = false;
        *dst++ = c;
    }
    out.truncate(dst - begin);
    return out;
}

namespace {

struct CanonicalField
{
    QByteArray name;  // lower case
    QByteArray value; // trimmed, runs of spaces collapsed
};

} // namespace

// Builds "name:value\n" lines (sorted byte-wise by name, repeated fields joined by ',' in
// their order of appearance) and the signed-header list. Called with the request's headers
// and the ones the signer adds.
void canonicalHeaders(const AwsHeaderList &headers, const AwsHeaderList &added,
                      const std::function<bool(const QByteArray &)> &isSigned, QByteArray &lines,
                      QByteArray &names)
{
    QVarLengthArray<CanonicalField, 16> fields;
    qsizetype total = 0;
    for (const AwsHeaderList *list : { &headers, &added }) {
        for (const auto &h : *list) {
            QByteArray lowerName = h.first.trimmed().toLower();
            if (!isSigned(lowerName))
                continue;
            QByteArray value = trimAndCollapse(h.second);
            total += lowerName.size() + value.size() + 3;
            fields.append({ std::move(lowerName), std::move(value) });
        }
    }
    // A stable sort keeps repeated fields in their order of appearance.
    std::stable_sort(fields.begin(), fields.end(),
                     [](const CanonicalField &a, const CanonicalField &b) { return a.name < b.name; });
    lines.reserve(lines.size() + total);
    names.reserve(names.size() + total / 2);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const CanonicalField &f = fields.at(i);
        if (i > 0 && fields.at(i - 1).name == f.name) {
            lines.insert(lines.size() - 1, ',' + f.value); // before the line's '\n'
            continue;
        }
        lines.append(f.name).append(':').append(f.value).append('\n');
        if (!names.isEmpty())
            names.append(';');
        names.append(f.name);
    }
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
