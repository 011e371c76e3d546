// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3REPLY_H
#define AWSS3REPLY_H

#include <qtsigv4/awss3bucket.h>
#include <qtsigv4/awss3deleteerror.h>
#include <qtsigv4/awss3listresult.h>
#include <qtsigv4/awss3object.h>
#include <qtsigv4/awss3part.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>

class AwsS3ReplyPrivate;

class QTSIGV4S3_EXPORT AwsS3Reply : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
    Q_PROPERTY(Error error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
public:
    enum Operation {
        ListBuckets,
        CreateBucket,
        DeleteBucket,
        ListObjects,
        HeadObject,
        GetObject,
        PutObject,
        CopyObject,
        DeleteObject,
        DeleteObjects,
        CreateMultipartUpload,
        UploadPart,
        CompleteMultipartUpload,
        AbortMultipartUpload,
        ListParts
    };
    Q_ENUM(Operation)

    enum Error {
        NoError = 0,
        NetworkError,
        TimeoutError,
        OperationCanceledError,
        InvalidRequestError,
        LocalFileError,
        CredentialsError,
        InvalidResponseError,
        AuthenticationError,
        AccessDeniedError,
        NoSuchBucketError,
        NoSuchKeyError,
        BucketAlreadyExistsError,
        BucketNotEmptyError,
        InvalidRangeError,
        PreconditionFailedError,
        PartialDeleteError,
        ServiceError,
        NoSuchUploadError,
        ChecksumMismatchError
    };
    Q_ENUM(Error)

    ~AwsS3Reply() override;

    Operation operation() const;
    QString bucket() const;
    QString key() const;

    bool isFinished() const;
    Error error() const;
    QString errorString() const;
    int httpStatus() const;
    QString serviceErrorCode() const;
    QString requestId() const;

    QList<AwsS3Bucket> buckets() const;
    AwsS3ListResult listResult() const;
    AwsS3Object object() const;
    qint64 bytesReceived() const;
    QStringList deletedKeys() const;
    QList<AwsS3DeleteError> deleteErrors() const;
    QString uploadId() const;
    QList<AwsS3Part> parts() const;

public Q_SLOTS:
    void abort();

Q_SIGNALS:
    void finished();
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);
    void downloadProgress(qint64 bytesReceived, qint64 bytesTotal);
    void pageReceived(const AwsS3ListResult &page);

private:
    friend class AwsS3Client;
    friend class AwsS3ClientPrivate;
    friend class AwsS3ReplyPrivate;
    AwsS3Reply(Operation operation, const QString &bucket, const QString &key, QObject *parent);
    QScopedPointer<AwsS3ReplyPrivate> d;
};

#endif // AWSS3REPLY_H
