// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3DOWNLOAD_H
#define AWSS3DOWNLOAD_H

#include <qtsigv4/awss3downloadoptions.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>

class AwsS3Client;
class AwsS3DownloadPrivate;

class QTSIGV4S3_EXPORT AwsS3Download : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
    Q_PROPERTY(Error error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
    Q_PROPERTY(bool restarted READ wasRestarted NOTIFY restarted)
public:
    enum Error {
        NoError = 0,
        InvalidRequestError,
        LocalFileError,
        ObjectTooLargeError,
        ObjectChangedError,
        StateFileError,
        RequestError,
        ChecksumMismatchError,
        OperationCanceledError
    };
    Q_ENUM(Error)

    ~AwsS3Download() override;

    QString bucket() const;
    QString key() const;
    QString filePath() const;
    AwsS3DownloadOptions options() const;
    QString stateFilePath() const;
    QString temporaryFilePath() const;

    bool isMultipart() const;
    qint64 partSize() const;
    int partCount() const;
    QList<int> fetchedParts() const;
    QList<int> resumedParts() const;
    bool wasRestarted() const;
    QString restartReason() const;

    qint64 bytesReceived() const;
    qint64 bytesTotal() const;
    double bytesPerSecond() const;
    qint64 secondsRemaining() const;

    bool isFinished() const;
    Error error() const;
    QString errorString() const;
    AwsS3Reply::Error requestError() const;
    QString eTag() const;

public Q_SLOTS:
    void cancel();
    void stop();

Q_SIGNALS:
    void progress(qint64 bytesReceived, qint64 bytesTotal);
    void partFinished(int partNumber);
    void restarted(const QString &reason);
    void finished();

private:
    friend class AwsS3Client;
    friend class AwsS3DownloadPrivate;
    AwsS3Download(AwsS3Client *client, const QString &bucket, const QString &key,
                  const QString &filePath, const AwsS3DownloadOptions &options);
    QScopedPointer<AwsS3DownloadPrivate> d;
};

#endif // AWSS3DOWNLOAD_H
