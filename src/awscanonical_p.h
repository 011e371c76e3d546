// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCANONICAL_P_H
#define AWSCANONICAL_P_H

// Internal: the canonicalisation rules of SigV4 (DESIGN.md section 3).

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>

#include <functional>
#include <initializer_list>

namespace QtSigV4Private {

using QueryPair = QPair<QByteArray, QByteArray>;

enum class SlashMode { Keep, Encode };

// Percent-encodes every byte that is not unreserved (A-Z a-z 0-9 - . _ ~), and '/' unless kept.
QTSIGV4_EXPORT QByteArray uriEncode(QByteArrayView raw, SlashMode slash);
// Decodes valid %XX escapes, then encodes strictly: one canonical spelling for any input,
// never a second layer of encoding (an encoded '/' stays encoded).
QTSIGV4_EXPORT QByteArray normalizeEncoding(QByteArrayView text, SlashMode slash);
// RFC 3986 dot-segment removal plus collapsing of empty segments.
QTSIGV4_EXPORT QByteArray removeDotSegments(QByteArrayView path);
QTSIGV4_EXPORT QByteArray canonicalUri(QByteArrayView path, bool s3Rules, bool normalize);
QTSIGV4_EXPORT QList<QueryPair> canonicalQueryPairs(QByteArrayView query);
QTSIGV4_EXPORT QByteArray joinQuery(QList<QueryPair> pairs);
QTSIGV4_EXPORT QByteArray trimAndCollapse(QByteArrayView value);
// The canonical header lines ("name:value\n", sorted by lower-case name, repeated fields
// joined by ',' in order of appearance) and the signed-header list ("a;b") of the fields
// of headers + added for which isSigned(lower-case name) is true.
QTSIGV4_EXPORT void canonicalHeaders(const AwsHeaderList &headers, const AwsHeaderList &added,
                                     const std::function<bool(const QByteArray &)> &isSigned,
                                     QByteArray &lines, QByteArray &names);
// One allocation for the concatenation of parts (the signer's strings are built this way).
QTSIGV4_EXPORT QByteArray concat(std::initializer_list<QByteArrayView> parts);
// True when a path has a "." or ".." segment (raw or percent-encoded).
QTSIGV4_EXPORT bool hasDotSegment(QByteArrayView path);

} // namespace QtSigV4Private

#endif // AWSCANONICAL_P_H
