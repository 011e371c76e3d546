// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awscanonicalrequest_p.h"

#include "core/awscrypto_p.h"
#include "core/awshmacsha256_p.h"

#include <algorithm>

namespace QtSigV4Private {

namespace {

// Above this many fields the insertion sort's quadratic cost would show; below it, it beats
// std::stable_sort, which allocates a buffer.
constexpr qsizetype InsertionSortLimit = 32;

} // namespace

// Names are written lower-cased and trimmed, values trimmed and collapsed, into one scratch
// array sized once (neither is ever longer than its input), so the fields refer to it by
// offset; then they are sorted by name, stably: repeated fields keep their order of
// appearance and are joined by ','.
AwsCanonicalRequest::AwsCanonicalRequest(const AwsHeaderList &headers, const AwsHeaderList &added,
                                         HeaderPredicate isSigned)
{
    QVarLengthArray<HeaderField, 8> views;
    for (const auto &h : added)
        views.append({ h.first, h.second });
    addFields(headers, views.constData(), views.size(), isSigned);
}

AwsCanonicalRequest::AwsCanonicalRequest(const AwsHeaderList &headers, const HeaderField *added,
                                         qsizetype addedCount, HeaderPredicate isSigned)
{
    addFields(headers, added, addedCount, isSigned);
}

void AwsCanonicalRequest::addFields(const AwsHeaderList &headers, const HeaderField *added,
                                    qsizetype addedCount, HeaderPredicate isSigned)
{
    qsizetype capacity = 0;
    for (const auto &h : headers)
        capacity += h.first.size() + h.second.size();
    for (qsizetype i = 0; i < addedCount; ++i)
        capacity += added[i].name.size() + added[i].value.size();
    m_scratch.resize(capacity);
    char *const base = m_scratch.data();
    qsizetype used = 0;
    const auto add = [&](QByteArrayView name, QByteArrayView value) {
        const qsizetype nameLength = writeLowerTrimmed(base + used, name);
        if (!isSigned(QByteArray::fromRawData(base + used, nameLength)))
            return;
        const qsizetype valueLength = writeCollapsed(base + used + nameLength, value);
        m_fields.append({ used, nameLength, used + nameLength, valueLength });
        used += nameLength + valueLength;
    };
    for (const auto &h : headers)
        add(h.first, h.second);
    for (qsizetype i = 0; i < addedCount; ++i)
        add(added[i].name, added[i].value);
    const auto byName = [this](const Field &a, const Field &b) { return nameOf(a) < nameOf(b); };
    if (m_fields.size() > InsertionSortLimit) {
        std::stable_sort(m_fields.begin(), m_fields.end(), byName);
    } else {
        for (qsizetype i = 1; i < m_fields.size(); ++i) {
            const Field f = m_fields[i];
            qsizetype j = i;
            for (; j > 0 && byName(f, m_fields[j - 1]); --j)
                m_fields[j] = m_fields[j - 1];
            m_fields[j] = f;
        }
    }
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const Field &f = m_fields[i];
        if (sameNameAsPrevious(i)) {
            m_linesSize += 1 + f.valueLength; // ",value"
        } else {
            m_linesSize += f.nameLength + f.valueLength + 2; // "name:value\n"
            m_namesSize += f.nameLength + (m_namesSize > 0 ? 1 : 0);
        }
    }
}

QByteArray AwsCanonicalRequest::signedHeaders() const
{
    QByteArray names(m_namesSize, Qt::Uninitialized);
    writeSignedHeaders(names.data());
    return names;
}

char *AwsCanonicalRequest::writeSignedHeaders(char *dst) const
{
    char *const start = dst;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (sameNameAsPrevious(i))
            continue;
        if (dst != start)
            *dst++ = ';';
        dst = put(dst, nameOf(m_fields[i]));
    }
    return dst;
}

char *AwsCanonicalRequest::writeHeaderLines(char *l) const
{
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const Field &f = m_fields[i];
        if (sameNameAsPrevious(i)) {
            *l++ = ',';
        } else {
            l = put(l, nameOf(f));
            *l++ = ':';
        }
        l = put(l, valueOf(f));
        if (i + 1 == m_fields.size() || !sameNameAsPrevious(i + 1))
            *l++ = '\n';
    }
    return l;
}

namespace {

// The canonical query: every parameter's key and value normalised into one scratch array,
// sorted by key, then value (byte-wise), through an array of views.
class CanonicalQuery
{
public:
    CanonicalQuery(QByteArrayView query, const QueryParameter *extra, qsizetype extraCount,
                   QByteArrayView dropKey)
        : m_scratch(3 * query.size())
    {
        char *dst = m_scratch.data();
        for (qsizetype start = 0; start < query.size();) {
            qsizetype end = query.indexOf('&', start);
            if (end < 0)
                end = query.size();
            const QByteArrayView item = query.sliced(start, end - start);
            start = end + 1;
            if (item.isEmpty())
                continue;
            const qsizetype eq = item.indexOf('=');
            char *const key = dst;
            dst = writeNormalizedEncoding(dst, eq < 0 ? item : item.first(eq), SlashMode::Encode);
            char *const value = dst;
            if (eq >= 0)
                dst = writeNormalizedEncoding(dst, item.sliced(eq + 1), SlashMode::Encode);
            const QueryParameter p { QByteArrayView(key, value - key), QByteArrayView(value, dst - value) };
            if (dropKey.isNull() || p.key != dropKey)
                add(p);
        }
        for (qsizetype i = 0; i < extraCount; ++i)
            add(extra[i]);
        std::sort(m_parameters.begin(), m_parameters.end(), [](const QueryParameter &a, const QueryParameter &b) {
            return a.key < b.key || (a.key == b.key && a.value < b.value);
        });
    }

    qsizetype size() const { return m_size; }

    char *write(char *dst) const
    {
        for (qsizetype i = 0; i < m_parameters.size(); ++i) {
            const QueryParameter &p = m_parameters[i];
            if (i > 0)
                *dst++ = '&';
            dst = put(dst, p.key);
            *dst++ = '=';
            dst = put(dst, p.value);
        }
        return dst;
    }

private:
    void add(const QueryParameter &p)
    {
        m_size += (m_parameters.isEmpty() ? 0 : 1) + p.key.size() + 1 + p.value.size();
        m_parameters.append(p);
    }

    QVarLengthArray<char, 256> m_scratch;
    QVarLengthArray<QueryParameter, 16> m_parameters;
    qsizetype m_size = 0;
};

} // namespace

QByteArray AwsCanonicalRequest::build(const Target &target, QByteArrayView signedHeaders,
                                      QByteArrayView payloadHash, const QueryParameter *extraQuery,
                                      qsizetype extraQueryCount, QByteArrayView dropQueryKey) const
{
    QByteArray out;
    appendTo(out, 0, target, signedHeaders, payloadHash, extraQuery, extraQueryCount, dropQueryKey);
    return out;
}

qsizetype AwsCanonicalRequest::appendTo(QByteArray &out, qsizetype extraCapacity, const Target &target,
                                        QByteArrayView signedHeaders, QByteArrayView payloadHash,
                                        const QueryParameter *extraQuery, qsizetype extraQueryCount,
                                        QByteArrayView dropQueryKey) const
{
    CanonicalQuery query(target.query, extraQuery, extraQueryCount, dropQueryKey);
    const qsizetype namesSize = signedHeaders.isNull() ? m_namesSize : signedHeaders.size();
    const qsizetype bound = target.method.size() + canonicalUriBound(target.path) + query.size()
            + m_linesSize + namesSize + payloadHash.size() + 5;
    const qsizetype start = out.size();
    out.reserve(start + bound + extraCapacity);
    out.resize(start + bound);
    char *dst = put(out.data() + start, target.method);
    *dst++ = '\n';
    dst = writeCanonicalUri(dst, target.path, target.s3Rules, target.normalizePath);
    *dst++ = '\n';
    dst = query.write(dst);
    *dst++ = '\n';
    dst = writeHeaderLines(dst);
    *dst++ = '\n';
    dst = signedHeaders.isNull() ? writeSignedHeaders(dst) : put(dst, signedHeaders);
    *dst++ = '\n';
    dst = put(dst, payloadHash);
    const qsizetype end = dst - out.constData();
    out.resize(end); // shrinking keeps the capacity
    return end - start;
}

QByteArray AwsCanonicalRequest::stringToSign(QByteArrayView algorithm, QByteArrayView amzDate,
                                             QByteArrayView scope, QByteArrayView canonicalRequest)
{
    QByteArray out(stringToSignSize(algorithm, amzDate, scope), Qt::Uninitialized);
    writeStringToSign(out.data(), algorithm, amzDate, scope, canonicalRequest);
    return out;
}

char *AwsCanonicalRequest::writeStringToSign(char *dst, QByteArrayView algorithm, QByteArrayView amzDate,
                                             QByteArrayView scope, QByteArrayView canonicalRequest)
{
    unsigned char digest[Sha256Size];
    sha256Direct(canonicalRequest, digest);
    dst = put(dst, algorithm);
    *dst++ = '\n';
    dst = put(dst, amzDate);
    *dst++ = '\n';
    dst = put(dst, scope);
    *dst++ = '\n';
    return putHex(dst, digest, Sha256Size);
}

} // namespace QtSigV4Private
