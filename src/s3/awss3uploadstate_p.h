// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3UPLOADSTATE_P_H
#define AWSS3UPLOADSTATE_P_H

#include <qtsigv4/awss3part.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qmap.h>
#include <QtCore/qstring.h>

class QFile;

// The resume state of a multipart upload, kept in a small JSON file (AwsS3Upload). The file
// is treated as hostile on reading: bounded size, strict types, every id, ETag and checksum
// checked before it can reach a URL, a header or XML.
class AwsS3UploadState
{
public:
    static constexpr qint64 HeadSize = 1024 * 1024;   // hashed to notice a changed file

    QString bucket;
    QString key;
    QString uploadId;
    qint64 partSize = 0;
    qint64 fileSize = 0;
    qint64 modified = 0;        // msecs since the epoch (UTC)
    QByteArray head;            // hex SHA-256 of the first HeadSize bytes
    bool crc32c = false;
    QMap<int, AwsS3Part> parts; // finished parts, by number

    int partCount() const;
    QByteArray toJson() const;
    bool parse(const QByteArray &json, QString *problem);
    // False with *problem on a broken file; true with *exists false when there is none.
    bool load(const QString &path, bool *exists, QString *problem);
    // Atomically (QSaveFile), mode 0600.
    bool save(const QString &path, QString *problem) const;
    // Size, modification time and head hash of the file; false with *problem if unreadable.
    static bool describe(QFile *file, qint64 *size, qint64 *modified, QByteArray *head,
                         QString *problem);
};

#endif // AWSS3UPLOADSTATE_P_H
