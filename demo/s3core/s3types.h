// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3TYPES_H
#define S3TYPES_H

#include <QtCore/qdatetime.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

// Plain values exchanged between S3Client and the demo's user interface.

struct S3Bucket
{
    QString name;
    QDateTime creationDate;
};

struct S3Object
{
    QString key;
    qint64 size = 0;
    QDateTime lastModified;
    QString etag;
};

// One page of ListObjectsV2 with a '/' delimiter: the "folders" (common prefixes) and the
// objects directly below the prefix.
struct S3ListPage
{
    QString bucket;
    QString prefix;
    QStringList folders;          // full prefixes, ending with the delimiter
    QList<S3Object> objects;
    QString nextContinuationToken; // empty when this is the last page
    bool isTruncated = false;
};

// An error as a person should read it: the service's code and message when the service
// answered, else the network error.
struct S3Error
{
    int httpStatus = 0;        // 0: no HTTP answer
    QString code;              // e.g. "NoSuchBucket", "AccessDenied", "SignatureDoesNotMatch"
    QString message;           // the service's <Message>, or the network error text
    QString resource;
    bool cancelled = false;

    bool isError() const { return cancelled || httpStatus >= 300 || !message.isEmpty() || !code.isEmpty(); }
    QString toString() const;  // one readable line
    QString hint() const;      // plain-words advice for the usual causes, or empty
};

#include <QtCore/qmetatype.h>
Q_DECLARE_METATYPE(S3Error)

#endif // S3TYPES_H
