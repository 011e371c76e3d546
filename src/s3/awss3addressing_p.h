// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3ADDRESSING_P_H
#define AWSS3ADDRESSING_P_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

// Bucket names, keys and the URLs that address them (path-style or virtual-hosted-style).
namespace AwsS3Addressing {

using Query = QList<QPair<QString, QString>>; // a null value: the name alone ("?delete")

// Empty when `bucket` may be used in a request; else why not. `creating` applies the strict
// rules of CreateBucket (3 to 63 lower-case letters, digits, dots, hyphens).
QString bucketProblem(const QString &bucket, bool creating);
// Empty when `key` can be addressed; else why not (empty, longer than 1024 bytes, a "." or
// ".." segment).
QString keyProblem(const QString &key);
// Whether the bucket can be a host name label (virtual-hosted-style addressing).
bool isDnsCompatible(const QString &bucket);
// The key as a path (and in x-amz-copy-source): AWS's strict encoding, '/' kept.
QByteArray encodeKey(const QString &key);
// A header value a caller gave (content type, metadata): printable ASCII, no line breaks.
bool isSafeHeaderValue(const QString &value);
bool isToken(const QString &name);
// What a server or a resume state file says about a multipart upload, checked before it
// reaches a URL, a header or XML: an upload id of [A-Za-z0-9._~-] (at most 1024), an ETag
// of printable ASCII without quotes, spaces or XML specials (at most 256), a CRC32C as
// 8 base64 characters.
bool isUploadId(const QString &id);
bool isETag(const QString &eTag);
bool isCrc32cBase64(const QByteArray &value);

// The URL of `bucket`/`key` below `base` (the service URL, path ending with '/').
QUrl url(const QUrl &base, bool virtualHosted, const QString &bucket, const QString &key,
         const Query &query);

} // namespace AwsS3Addressing

#endif // AWSS3ADDRESSING_P_H
