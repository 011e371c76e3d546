// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3TRANSFER_H
#define S3TRANSFER_H

#include "s3types.h"

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

class QFile;
#include <QtNetwork/qnetworkreply.h>
class QSaveFile;

// One upload (PUT of a local file) or download (GET into a local file) with progress and
// cancel. Created by S3Client; deletes nothing by itself: the owner deletes it after finished().
class S3Transfer : public QObject
{
    Q_OBJECT
public:
    enum Direction { Upload, Download };
    Q_ENUM(Direction)

    ~S3Transfer() override;

    Direction direction() const { return m_direction; }
    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    QString localPath() const { return m_localPath; }
    qint64 bytesDone() const { return m_done; }
    qint64 bytesTotal() const { return m_total; }
    bool isFinished() const { return m_finished; }
    S3Error error() const { return m_error; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const S3Error &error);

private:
    friend class S3Client;
    S3Transfer(Direction direction, const QString &bucket, const QString &key,
               const QString &localPath, QObject *parent);
    bool openSource(QString *errorString);   // upload: the file to send
    bool openTarget(QString *errorString);   // download: the file to write
    QFile *source() const { return m_source; }
    void attach(QNetworkReply *reply);
    void fail(const S3Error &error);
    void onReadyRead();
    void onFinished();

    Direction m_direction;
    QString m_bucket;
    QString m_key;
    QString m_localPath;
    qint64 m_done = 0;
    qint64 m_total = -1;
    bool m_finished = false;
    bool m_cancelled = false;
    S3Error m_error;
    QPointer<QNetworkReply> m_reply;
    QFile *m_source = nullptr;
    QSaveFile *m_target = nullptr;
};

#endif // S3TRANSFER_H
