// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3UPLOAD_H
#define AWSS3UPLOAD_H

#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3uploadoptions.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>

class AwsS3Client;
class AwsS3UploadPrivate;

class QTSIGV4S3_EXPORT AwsS3Upload : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
    Q_PROPERTY(Error error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
public:
    enum Error {
        NoError = 0,
        InvalidRequestError,
        LocalFileError,
        FileTooLargeError,
        FileChangedError,
        StateFileError,
        RequestError,
        OperationCanceledError
    };
    Q_ENUM(Error)

    ~AwsS3Upload() override;

    QString bucket() const;
    QString key() const;
    QString filePath() const;
    AwsS3UploadOptions options() const;
    QString stateFilePath() const;

    bool isMultipart() const;
    QString uploadId() const;
    qint64 partSize() const;
    int partCount() const;
    QList<int> sentParts() const;
    QList<int> resumedParts() const;

    qint64 bytesSent() const;
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

Q_SIGNALS:
    void progress(qint64 bytesSent, qint64 bytesTotal);
    void partFinished(int partNumber);
    void finished();

private:
    friend class AwsS3Client;
    friend class AwsS3UploadPrivate;
    AwsS3Upload(AwsS3Client *client, const QString &bucket, const QString &key,
                const QString &filePath, const AwsS3UploadOptions &options);
    QScopedPointer<AwsS3UploadPrivate> d;
};

#endif // AWSS3UPLOAD_H
