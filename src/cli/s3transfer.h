// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_S3TRANSFER_H
#define SIGV4_S3TRANSFER_H

#include "s3uri.h"

#include <qtsigv4/awss3downloadoptions.h>
#include <qtsigv4/awss3uploadoptions.h>

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

class AwsS3Reply;
class S3Session;

// sigv4 s3 cp and mv: local -> S3 (AwsS3Client::uploadFile(): multipart, resumable by
// running the same command again), S3 -> local (downloadFile(): ranged GETs in parallel,
// resumable the same way), S3 -> S3 (CopyObject); with --recursive for
// every file below a folder or every key below a prefix. Files go one at a time (a multipart
// upload sends its parts in parallel); a file that fails is reported and the others still go.
class S3Transfer
{
public:
    struct Options {
        bool recursive = false;
        bool move = false;
        AwsS3UploadOptions upload;
        AwsS3DownloadOptions download;
    };

    S3Transfer(S3Session *session, const Options &options);

    // The exit code: 0 when every file went, 1 when one failed, 2 for bad arguments,
    // 130 when interrupted.
    int run(const QString &source, const QString &destination);

private:
    enum Kind { Upload, Download, Copy };
    struct Item {
        QString localPath;
        S3Uri object;       // the S3 side (the source of a Copy)
        S3Uri target;       // the destination of a Copy
        qint64 size = 0;
        QString relative;   // listed: the key below the listed prefix
    };

    bool planUpload(const QString &source, const S3Uri &destination);
    bool planDownload(const S3Uri &source, const QString &destination);
    bool planCopy(const S3Uri &source, const S3Uri &destination);
    // Every object below prefix as a folder ("dir" lists "dir/"), with its relative key.
    bool listBelow(const S3Uri &prefix, QList<Item> *objects);
    bool execute(const Item &item);
    bool upload(const Item &item, QString *note);
    bool download(const Item &item, QString *note);
    bool copy(const Item &item, QString *note);
    bool removeSource(const Item &item, QString *note);
    bool finish(AwsS3Reply *reply, QString *note);
    bool waitFor(AwsS3Reply *reply);
    QString describe(const Item &item) const;
    void problem(const QString &message);
    QString statePath(const Item &item, const QString &suffix) const;

    S3Session *m_session;
    Options m_options;
    Kind m_kind = Upload;
    QList<Item> m_items;
    int m_failures = 0;
    bool m_badInput = false;
};

#endif // SIGV4_S3TRANSFER_H
