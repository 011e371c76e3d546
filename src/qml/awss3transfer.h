// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3TRANSFER_H
#define AWSS3TRANSFER_H

#include "awssigning.h"

#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtQml/qqml.h>

#include <memory>

class AwsS3Client;
class AwsS3Download;
class AwsS3Upload;

// import QtSigV4
// S3Transfer { id: t; signing: signing; bucket: "photos"; key: "cat.jpg"; localFile: "file:///tmp/cat.jpg" }
// Button { onClicked: t.upload() }   // or t.download(); ProgressBar { value: t.progress }
//
// One file to or from S3 with the library's transfer jobs: multipart in parallel above 8 MiB,
// resumable across restarts (the same transfer started again continues), checked (CRC32C
// parts up, If-Match ranges and size down), the target file replaced only when complete.
class AwsS3Transfer : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(S3Transfer)
    Q_PROPERTY(AwsSigning *signing READ signing WRITE setSigning NOTIFY signingChanged)
    Q_PROPERTY(QString bucket READ bucket WRITE setBucket NOTIFY bucketChanged)
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY keyChanged)
    Q_PROPERTY(QUrl localFile READ localFile WRITE setLocalFile NOTIFY localFileChanged)
    Q_PROPERTY(Direction direction READ direction NOTIFY statusChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(qint64 bytesTransferred READ bytesTransferred NOTIFY progressChanged)
    Q_PROPERTY(qint64 bytesTotal READ bytesTotal NOTIFY progressChanged)
    Q_PROPERTY(double bytesPerSecond READ bytesPerSecond NOTIFY progressChanged)
    Q_PROPERTY(qint64 secondsRemaining READ secondsRemaining NOTIFY progressChanged)
    Q_PROPERTY(int partCount READ partCount NOTIFY progressChanged)
    Q_PROPERTY(int resumedPartCount READ resumedPartCount NOTIFY progressChanged)
public:
    enum Direction { None, Upload, Download };
    Q_ENUM(Direction)
    enum Status { Null, Running, Finished, Error, Canceled };
    Q_ENUM(Status)

    explicit AwsS3Transfer(QObject *parent = nullptr);
    ~AwsS3Transfer() override;

    AwsSigning *signing() const { return m_signing; }
    void setSigning(AwsSigning *signing);
    QString bucket() const { return m_bucket; }
    void setBucket(const QString &bucket);
    QString key() const { return m_key; }
    void setKey(const QString &key);
    QUrl localFile() const { return m_localFile; }
    void setLocalFile(const QUrl &file);

    Direction direction() const { return m_direction; }
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    bool isRunning() const { return m_status == Running; }
    double progress() const;
    qint64 bytesTransferred() const;
    qint64 bytesTotal() const;
    double bytesPerSecond() const;
    qint64 secondsRemaining() const;
    int partCount() const;
    int resumedPartCount() const;

    // Start the transfer (false, with errorString, when it cannot start).
    Q_INVOKABLE bool upload();
    Q_INVOKABLE bool download();
    // Stops for now; the same transfer started again resumes where it stopped.
    Q_INVOKABLE void stop();
    // Gives up: an upload is aborted on the server, a download's partial file removed.
    Q_INVOKABLE void cancel();

Q_SIGNALS:
    void signingChanged();
    void bucketChanged();
    void keyChanged();
    void localFileChanged();
    void statusChanged();
    void progressChanged();
    void partFinished(int partNumber);
    void finished();

private:
    bool begin(Direction direction);
    QString localPath() const;
    void onFinished(bool ok, bool canceled, const QString &errorString);
    void setStatus(Status status, const QString &errorString = QString());
    void setText(QString *member, const QString &value, void (AwsS3Transfer::*changed)());

    QPointer<AwsSigning> m_signing;
    QString m_bucket;
    QString m_key;
    QUrl m_localFile;
    Direction m_direction = None;
    Status m_status = Null;
    QString m_errorString;
    std::unique_ptr<AwsS3Client> m_client;
    QPointer<AwsS3Upload> m_upload;
    QPointer<AwsS3Download> m_download;
};

#endif // AWSS3TRANSFER_H
