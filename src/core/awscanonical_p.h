// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCANONICAL_P_H
#define AWSCANONICAL_P_H

// Internal: the canonicalisation rules of SigV4 (docs/design.md section 3).

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>
#include <QtCore/qstringview.h>

#include <QtCore/qstring.h>
#include <cstring>
#include <initializer_list>
#include <type_traits>

class AwsSigningConfig;
class QUrl;

namespace QtSigV4Private {

using QueryPair = QPair<QByteArray, QByteArray>;

enum class SlashMode { Keep, Encode };

// A non-owning reference to a callable bool(const QByteArray &lowerCaseName), valid for the
// call it is passed to: std::function cost a type-erased object per signature.
class HeaderPredicate
{
public:
    template<typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, HeaderPredicate>>>
    HeaderPredicate(const F &f) // NOLINT: implicit, like std::function
        : m_callable(&f),
          m_call([](const void *callable, const QByteArray &name) -> bool {
              return (*static_cast<const F *>(callable))(name);
          })
    {
    }
    bool operator()(const QByteArray &name) const { return m_call(m_callable, name); }

private:
    const void *m_callable;
    bool (*m_call)(const void *, const QByteArray &);
};

// The header names (lower case) AwsSigningConfig::neverSignedHeaders() returns, as an
// array: the signer tests every header against it, and a QSet lookup hashed each name.
inline constexpr QByteArrayView NeverSignedHeaderNames[] = {
    "authorization", "user-agent", "expect", "x-amzn-trace-id", "x-amz-client-context",
    "connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade"
};

// The lengths of those names, one bit each: most fields (host, range, content-type, ...)
// are rejected by their length alone, before any comparison.
inline constexpr quint32 NeverSignedHeaderSizes = [] {
    quint32 bits = 0;
    for (QByteArrayView name : NeverSignedHeaderNames)
        bits |= 1u << name.size();
    return bits;
}();

inline bool isNeverSignedHeader(QByteArrayView lowerName)
{
    const qsizetype size = lowerName.size();
    if (size >= 32 || !(NeverSignedHeaderSizes >> size & 1u))
        return false;
    for (QByteArrayView name : NeverSignedHeaderNames) {
        if (name.size() == size && name.front() == lowerName.front()
            && std::memcmp(name.data(), lowerName.data(), size_t(size)) == 0) {
            return true;
        }
    }
    return false;
}

// Percent-encodes every byte that is not unreserved (A-Z a-z 0-9 - . _ ~), and '/' unless kept.
QTSIGV4_AUTOTEST_EXPORT QByteArray uriEncode(QByteArrayView raw, SlashMode slash);
// Decodes valid %XX escapes, then encodes strictly: one canonical spelling for any input,
// never a second layer of encoding (an encoded '/' stays encoded).
QTSIGV4_AUTOTEST_EXPORT QByteArray normalizeEncoding(QByteArrayView text, SlashMode slash);
// Dot-segment removal and collapsing of empty segments, byte for byte as AWS's signers.
QTSIGV4_AUTOTEST_EXPORT QByteArray removeDotSegments(QByteArrayView path);
// A request target ("path?query") with removeDotSegments() applied to its path only.
QTSIGV4_AUTOTEST_EXPORT QByteArray targetWithoutDotSegments(QByteArrayView target);
QTSIGV4_AUTOTEST_EXPORT QByteArray canonicalUri(QByteArrayView path, bool s3Rules, bool normalize);
QTSIGV4_AUTOTEST_EXPORT QList<QueryPair> canonicalQueryPairs(QByteArrayView query);
QTSIGV4_AUTOTEST_EXPORT QByteArray joinQuery(QList<QueryPair> pairs);
QTSIGV4_AUTOTEST_EXPORT QByteArray trimAndCollapse(QByteArrayView value);

// The forms of the above that write into a buffer the caller sized (AwsCanonicalRequest):
// each returns the end of what it wrote. The encoders write at most 3 bytes per input byte,
// canonical URIs at most canonicalUriBound(path), the collapsed value at most its input,
// the lower-case trimmed name at most its input.
char *writeUriEncoded(char *dst, QByteArrayView raw, SlashMode slash);
char *writeNormalizedEncoding(char *dst, QByteArrayView text, SlashMode slash);
inline qsizetype canonicalUriBound(QByteArrayView path) { return 3 * (path.size() + 1); }
char *writeCanonicalUri(char *dst, QByteArrayView path, bool s3Rules, bool normalize);
qsizetype writeCollapsed(char *dst, QByteArrayView value);
qsizetype writeLowerTrimmed(char *dst, QByteArrayView name);
// memcpy that accepts an empty view with a null data().
char *put(char *dst, QByteArrayView src);
// One allocation for the concatenation of parts (the signer's strings are built this way).
QTSIGV4_AUTOTEST_EXPORT QByteArray concat(std::initializer_list<QByteArrayView> parts);
// 443 for https and wss, 80 for http and ws, -1 for any other scheme (case-insensitive).
QTSIGV4_AUTOTEST_EXPORT int defaultPortFor(QStringView scheme);
// http or https.
QTSIGV4_AUTOTEST_EXPORT bool isHttpScheme(QStringView scheme);
// The first "." or ".." segment of a path, decoded (it may be percent-encoded); empty if none.
QTSIGV4_AUTOTEST_EXPORT QByteArray dotSegmentIn(QByteArrayView path);
// Why url cannot be sent as signed under config (Qt removes the "." and ".." segments that
// S3, or a rule without normalisation, signs as they are), or an empty string.
QTSIGV4_AUTOTEST_EXPORT QString dotSegmentError(const QUrl &url, const AwsSigningConfig &config);

} // namespace QtSigV4Private

#endif // AWSCANONICAL_P_H
