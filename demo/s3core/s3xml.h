// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3XML_H
#define S3XML_H

#include "s3types.h"

#include <QtCore/qbytearray.h>

// Parsers for the few S3 XML documents the demo reads.
namespace S3Xml {
QList<S3Bucket> parseBuckets(const QByteArray &xml, QString *errorString = nullptr);
S3ListPage parseListObjectsV2(const QByteArray &xml, QString *errorString = nullptr);
// Fills code, message and resource from an <Error> document; false when xml is not one.
bool parseError(const QByteArray &xml, S3Error *error);
QDateTime parseTimestamp(const QString &text);
QByteArray createBucketConfiguration(const QString &region);
} // namespace S3Xml

#endif // S3XML_H
