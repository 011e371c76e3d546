// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3DOWNLOADSTATE_P_H
#define AWSS3DOWNLOADSTATE_P_H

#include <QtCore/qbytearray.h>
#include <QtCore/qset.h>
#include <QtCore/qstring.h>

// The resume state of a download in parts, kept in a small JSON file (AwsS3Download). The
// file is treated as hostile on reading: bounded size, regular file, exactly the known
// fields with strict types, an ETag that can travel in a header, parts inside the object.
class AwsS3DownloadState
{
public:
    QString bucket;
    QString key;
    QString eTag;
    qint64 size = 0;           // of the object
    qint64 partSize = 0;
    QSet<int> parts;           // finished parts, numbered from 1

    int partCount() const;
    qint64 partOffset(int number) const { return qint64(number - 1) * partSize; }
    qint64 partLength(int number) const;
    QByteArray toJson() const;
    bool parse(const QByteArray &json, QString *problem);
    // False with *problem on a broken file; true with *exists false when there is none.
    bool load(const QString &path, bool *exists, QString *problem);
    // Atomically (QSaveFile), mode 0600.
    bool save(const QString &path, QString *problem) const;
};

#endif // AWSS3DOWNLOADSTATE_P_H
