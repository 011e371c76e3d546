// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3URI_H
#define SIGV4_S3URI_H

#include <QtCore/qstring.h>

// An s3://bucket/key argument of sigv4 s3, split as the AWS CLI splits it: the bucket up to
// the first '/', the key everything after it, byte for byte (spaces, '?', '#', '%', "//" and
// "../" are key characters, not URL syntax).
struct S3Uri
{
    QString bucket;
    QString key;

    // Anything starting "s3:" is meant as an S3 URL (and "s3:/x" is a bad one, not a file).
    static bool isS3(const QString &text) { return text.startsWith(QLatin1StringView("s3:")); }
    // False with *errorString set for "s3:/x", "s3://", "s3:///key" and the like.
    static bool parse(const QString &text, S3Uri *uri, QString *errorString);

    QString toString() const;
    // The key's last segment ("b" of "a/b"; "" for "a/").
    QString baseName() const { return key.mid(key.lastIndexOf(u'/') + 1); }
    // The key as a folder: "" or ending with '/'.
    QString folderPrefix() const;
    // Text from outside (keys, file names) made safe for a terminal: control characters escaped.
    static QString printable(const QString &text);
};

#endif // SIGV4_S3URI_H
