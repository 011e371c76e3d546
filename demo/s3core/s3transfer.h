// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3TRANSFER_H
#define S3TRANSFER_H

#include "s3types.h"

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

class AwsS3Download;
class AwsS3Upload;

// One upload or download as the transfer panel shows it: the library's job (AwsS3Upload or
// AwsS3Download: multipart, resumable) behind one progress signal and one S3Error. Created by
// S3Client; the owner deletes it after finished().
class S3Transfer : public QObject
{
    Q_OBJECT
public:
    enum Direction { Upload, Download };
    Q_ENUM(Direction)

    S3Transfer(AwsS3Upload *upload, QObject *parent);
    S3Transfer(AwsS3Download *download, QObject *parent);
    ~S3Transfer() override;

    Direction direction() const { return m_direction; }
    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    QString localPath() const { return m_localPath; }
    qint64 bytesDone() const { return m_done; }
    qint64 bytesTotal() const { return m_total; }
    bool isMultipart() const;
    int partCount() const;
    int resumedPartCount() const;   // parts an earlier, interrupted run had already moved
    bool isFinished() const { return m_finished; }
    S3Error error() const { return m_error; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void partFinished(int partNumber);
    void finished(const S3Error &error);

private:
    void onProgress(qint64 done, qint64 total);
    void finish(const S3Error &error);

    Direction m_direction;
    QString m_bucket;
    QString m_key;
    QString m_localPath;
    qint64 m_done = 0;
    qint64 m_total = -1;
    bool m_finished = false;
    S3Error m_error;
    QPointer<AwsS3Upload> m_upload;
    QPointer<AwsS3Download> m_download;
};

#endif // S3TRANSFER_H
