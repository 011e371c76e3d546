// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3UPLOAD_P_H
#define AWSS3UPLOAD_P_H

#include <qtsigv4/awss3upload.h>

#include "s3/awss3uploadstate_p.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qmap.h>
#include <QtCore/qpointer.h>

#include <functional>

class AwsS3UploadPrivate
{
public:
    explicit AwsS3UploadPrivate(AwsS3Upload *upload) : q(upload) { }

    void start();
    void startSingle();
    void startMultipart();
    void loadState();
    void resumeFrom(const QList<AwsS3Part> &serverParts);
    void create();
    void pump();
    bool sendPart(int number);
    void partDone(int number, AwsS3Reply *reply);
    void complete();
    void abortServerUpload();
    void abortInBackground(const QString &uploadId);
    bool saveState();
    void removeState();
    qint64 partOffset(int number) const { return qint64(number - 1) * state.partSize; }
    qint64 partLength(int number) const;
    // Runs one control request (create, list, complete, abort, put); on failure `onError`
    // decides (a null one fails the upload).
    void control(AwsS3Reply *reply, std::function<void(AwsS3Reply *)> onSuccess,
                 std::function<bool(AwsS3Reply *)> onError = {});
    void stopRequests();
    void succeed();
    void fail(AwsS3Upload::Error error, const QString &message,
              AwsS3Reply::Error requestError = AwsS3Reply::NoError);
    void failRequest(AwsS3Reply *reply, const QString &what);
    void updateProgress();

    AwsS3Upload *q;
    QPointer<AwsS3Client> client;
    QString bucket;
    QString key;
    QString path;
    AwsS3UploadOptions options;
    QString statePath;
    QFile file;
    AwsS3UploadState state;
    bool multipart = false;
    qint64 total = 0;
    qint64 done = 0;            // bytes of finished parts (resumed ones too)
    qint64 resumedBytes = 0;    // bytes the server already held when this run started
    QMap<int, QPointer<AwsS3Reply>> inFlight;
    int heldParts = 0;   // parts whose bytes are still in memory (sent, or not yet released)
    bool completing = false;
    QMap<int, qint64> inFlightSent;
    QPointer<AwsS3Reply> controlReply;
    int nextPart = 1;
    QList<int> sent;
    QList<int> resumed;
    QElapsedTimer timer;

    bool finished = false;
    bool canceling = false;
    AwsS3Upload::Error error = AwsS3Upload::NoError;
    AwsS3Reply::Error requestError = AwsS3Reply::NoError;
    QString errorString;
    QString eTag;
};

#endif // AWSS3UPLOAD_P_H
