// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3DOWNLOAD_P_H
#define AWSS3DOWNLOAD_P_H

#include <qtsigv4/awss3download.h>

#include "s3/awss3downloadstate_p.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qlockfile.h>
#include <QtCore/qpointer.h>

#include <map>
#include <memory>

class AwsS3DownloadPrivate
{
public:
    // A GET in flight, streaming into its own handle on the temporary file.
    struct Part
    {
        QPointer<AwsS3Reply> reply;
        std::unique_ptr<QFile> file;
    };
    enum Files { KeepFiles, DiscardFiles };

    explicit AwsS3DownloadPrivate(AwsS3Download *download) : q(download) { }

    void start();
    QString targetProblem() const;
    bool lock();
    bool openTemporary();
    void onHead(AwsS3Reply *reply);
    void begin(qint64 size);
    QString savedProblem() const;
    void takeSaved();
    bool restart(const QString &reason);
    int count() const { return multipart ? state.partCount() : 1; }
    qint64 length(int number) const { return multipart ? state.partLength(number) : total; }
    void pump();
    bool fetch(int number);
    void partDone(int number);
    void complete();
    bool checkMd5(QString *problem) const;
    bool saveState();
    void removeFiles();
    void stopRequests();
    bool keepsFilesForResume() const;
    void abandon();
    void succeed();
    void fail(AwsS3Download::Error error, const QString &message,
              AwsS3Reply::Error requestError = AwsS3Reply::NoError, Files files = KeepFiles);
    void failRequest(AwsS3Reply *reply, const QString &what);
    void updateProgress();

    AwsS3Download *q;
    QPointer<AwsS3Client> client;
    QString bucket;
    QString key;
    QString path;
    QString temporaryPath;
    QString statePath;
    AwsS3DownloadOptions options;
    AwsS3DownloadState state;
    AwsS3DownloadState saved;
    bool hasSaved = false;      // a valid state file of this bucket and key was found
    bool temporaryOpened = false;
    bool headDone = false;
    bool multipart = false;
    bool opaqueETag = false;
    qint64 total = 0;
    qint64 done = 0;            // bytes of finished parts (resumed ones too)
    qint64 resumedBytes = 0;
    std::map<int, Part> inFlight;
    QPointer<AwsS3Reply> headReply;
    int nextPart = 1;
    QList<int> fetched;
    QList<int> resumed;
    bool restarted = false;
    QString restartReason;
    QElapsedTimer timer;
    std::unique_ptr<QLockFile> lockFile;   // one job at a time writes a temporary file

    bool finished = false;
    AwsS3Download::Error error = AwsS3Download::NoError;
    AwsS3Reply::Error requestError = AwsS3Reply::NoError;
    QString errorString;
    QString eTag;
};

#endif // AWSS3DOWNLOAD_P_H
