// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3LOCALFILES_H
#define SIGV4_S3LOCALFILES_H

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

// The local side of sigv4 s3 cp/mv: the files of a folder to upload, and where a key may be
// written when downloading.
class S3LocalFiles
{
public:
    struct File {
        QString path;      // as shown and opened: the folder argument joined with relative
        QString relative;  // '/'-separated, below the folder: the key suffix
        qint64 size = 0;
    };

    // The regular files below folder, sorted, following symbolic links as the AWS CLI does. A
    // link back to a folder being walked (a loop), a dangling link or a special file (FIFO,
    // device, socket) is not uploaded: each is one line in *problems.
    static QList<File> walk(const QString &folder, QStringList *problems);

    // Where the key suffix `relative` goes below folder, or an empty string with *problem
    // set when it cannot go there safely: an absolute path, a "." or ".." segment, an empty
    // segment ("a//b"), a NUL, or a parent folder that is (or resolves through a symbolic
    // link to) somewhere outside folder. Creates the parent folders.
    static QString downloadPath(const QString &folder, const QString &relative, QString *problem);
    // A key's last segment usable as a file name ("" and "." and ".." are not).
    static bool isSafeName(const QString &name);
};

#endif // SIGV4_S3LOCALFILES_H
