// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awssignerheaders_p.h"

#include <cstring>

namespace QtSigV4Private {

namespace {

constexpr QByteArrayView LowerNames[AwsSignerHeaders::NameCount] = {
    "host", "date", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "x-amz-region-set"
};

// field's 8 bytes at i with A-Z lower-cased (SWAR: the high bit of each byte of upper marks
// an ASCII upper-case letter; other bytes, non-ASCII included, are kept).
quint64 lower8(const char *p)
{
    constexpr quint64 Ones = 0x0101010101010101ULL, High = 0x8080808080808080ULL;
    quint64 x;
    std::memcpy(&x, p, sizeof x);
    const quint64 low7 = x & ~High;
    const quint64 aboveZ = low7 + (0x7f - 'Z') * Ones; // high bit: low7 > 'Z'
    const quint64 fromA = low7 + (0x80 - 'A') * Ones; // high bit: low7 >= 'A'
    const quint64 upper = (fromA ^ aboveZ) & ~x & High;
    return x | (upper >> 2);
}

// ASCII case-insensitive: the names above are ASCII, and no byte above 0x7f folds to ASCII
// (AwsHttpRequest's Latin-1 folding agrees). Eight bytes at a time: the signer looks at
// every field of every request.
bool isName(QByteArrayView field, QByteArrayView lower)
{
    if (field.size() != lower.size())
        return false;
    qsizetype i = 0;
    for (; i + 8 <= field.size(); i += 8) {
        quint64 want;
        std::memcpy(&want, lower.data() + i, sizeof want);
        if (lower8(field.data() + i) != want)
            return false;
    }
    for (; i < field.size(); ++i) {
        const char c = field[i];
        if ((c >= 'A' && c <= 'Z' ? char(c | 0x20) : c) != lower[i])
            return false;
    }
    return true;
}

} // namespace

// The known names have four lengths: one comparison per field at most, two for 4 and 20.
int AwsSignerHeaders::nameOf(QByteArrayView field)
{
    static constexpr int NoName = -1;
    const auto either = [field](Name a, Name b) {
        return isName(field, LowerNames[a]) ? int(a) : isName(field, LowerNames[b]) ? int(b) : NoName;
    };
    switch (field.size()) {
    case 4:
        return either(Host, Date);
    case 10:
        return isName(field, LowerNames[AmzDate]) ? int(AmzDate) : NoName;
    case 16:
        return isName(field, LowerNames[RegionSet]) ? int(RegionSet) : NoName;
    case 20:
        return either(ContentSha256, SecurityToken);
    default:
        return NoName;
    }
}

void AwsSignerHeaders::scan(const AwsHttpRequest &request)
{
    m_fields = &AwsHttpRequestPrivate::get(request).headers;
    for (int &count : m_count)
        count = 0;
    for (qsizetype i = 0; i < m_fields->size(); ++i) {
        const int name = nameOf(m_fields->at(i).first);
        if (name >= 0 && m_count[name]++ == 0)
            m_first[name] = i;
    }
}

QByteArray AwsSignerHeaders::value(Name name) const
{
    if (m_count[name] == 0)
        return QByteArray();
    const QByteArray &first = m_fields->at(m_first[name]).second;
    if (m_count[name] == 1)
        return first;
    QByteArray joined = first;
    for (qsizetype i = m_first[name] + 1; i < m_fields->size(); ++i) {
        if (nameOf(m_fields->at(i).first) == name)
            joined += ',' + m_fields->at(i).second;
    }
    return joined;
}

QByteArrayView AwsSignerHeaders::valueView(Name name, QByteArray &storage) const
{
    if (m_count[name] == 1)
        return m_fields->at(m_first[name]).second;
    storage = value(name);
    return storage;
}

} // namespace QtSigV4Private
