// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3CLIENT_H
#define AWSS3CLIENT_H

#include <qtsigv4/awss3downloadoptions.h>
#include <qtsigv4/awss3listoptions.h>
#include <qtsigv4/awss3part.h>
#include <qtsigv4/awss3putoptions.h>
#include <qtsigv4/awss3uploadoptions.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/qtsigv4s3global.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

class AwsCredentialsProvider;
class AwsNetworkAccessManager;
class AwsPresignReply;
class AwsS3ClientPrivate;
class AwsS3Download;
class AwsS3Reply;
class AwsS3Upload;
class QIODevice;

class QTSIGV4S3_EXPORT AwsS3Client : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString region READ region WRITE setRegion)
    Q_PROPERTY(QUrl endpoint READ endpoint WRITE setEndpoint)
    Q_PROPERTY(AddressingStyle addressingStyle READ addressingStyle WRITE setAddressingStyle)
public:
    enum AddressingStyle {
        AutomaticAddressing,
        PathStyleAddressing,
        VirtualHostedAddressing
    };
    Q_ENUM(AddressingStyle)

    explicit AwsS3Client(QObject *parent = nullptr);
    explicit AwsS3Client(AwsNetworkAccessManager *manager, QObject *parent = nullptr);
    ~AwsS3Client() override;

    AwsNetworkAccessManager *networkAccessManager() const;

    QString region() const;
    void setRegion(const QString &region);
    QUrl endpoint() const;
    void setEndpoint(const QUrl &endpoint);
    AddressingStyle addressingStyle() const;
    void setAddressingStyle(AddressingStyle style);
    AwsCredentialsProvider *credentialsProvider() const;
    void setCredentialsProvider(AwsCredentialsProvider *provider);
    int transferTimeout() const;
    void setTransferTimeout(int msecs);

    QUrl serviceUrl() const;
    QUrl objectUrl(const QString &bucket, const QString &key = QString(),
                   QString *errorString = nullptr) const;

    AwsS3Reply *listBuckets();
    AwsS3Reply *createBucket(const QString &bucket);
    AwsS3Reply *deleteBucket(const QString &bucket);
    AwsS3Reply *listObjects(const QString &bucket,
                            const AwsS3ListOptions &options = AwsS3ListOptions());
    AwsS3Reply *listAllObjects(const QString &bucket,
                               const AwsS3ListOptions &options = AwsS3ListOptions());
    AwsS3Reply *headObject(const QString &bucket, const QString &key);
    AwsS3Reply *getObject(const QString &bucket, const QString &key, QIODevice *device,
                          qint64 offset = 0, qint64 length = -1);
    AwsS3Reply *getObjectToFile(const QString &bucket, const QString &key,
                                const QString &filePath, qint64 offset = 0, qint64 length = -1);
    AwsS3Reply *putObject(const QString &bucket, const QString &key, const QByteArray &data,
                          const AwsS3PutOptions &options = AwsS3PutOptions());
    AwsS3Reply *putObject(const QString &bucket, const QString &key, QIODevice *device,
                          const AwsS3PutOptions &options = AwsS3PutOptions());
    AwsS3Reply *putObjectFromFile(const QString &bucket, const QString &key,
                                  const QString &filePath,
                                  const AwsS3PutOptions &options = AwsS3PutOptions());
    AwsS3Reply *copyObject(const QString &sourceBucket, const QString &sourceKey,
                           const QString &bucket, const QString &key);
    AwsS3Reply *deleteObject(const QString &bucket, const QString &key);
    AwsS3Reply *deleteObjects(const QString &bucket, const QStringList &keys);

    AwsS3Reply *createMultipartUpload(const QString &bucket, const QString &key,
                                      const AwsS3PutOptions &options = AwsS3PutOptions(),
                                      AwsSigningConfig::ChecksumAlgorithm checksum
                                      = AwsSigningConfig::ChecksumAlgorithm::None);
    AwsS3Reply *uploadPart(const QString &bucket, const QString &key, const QString &uploadId,
                           int partNumber, const QByteArray &data,
                           AwsSigningConfig::ChecksumAlgorithm checksum
                           = AwsSigningConfig::ChecksumAlgorithm::None);
    AwsS3Reply *uploadPart(const QString &bucket, const QString &key, const QString &uploadId,
                           int partNumber, QIODevice *device, qint64 offset, qint64 length,
                           AwsSigningConfig::ChecksumAlgorithm checksum
                           = AwsSigningConfig::ChecksumAlgorithm::None);
    AwsS3Reply *completeMultipartUpload(const QString &bucket, const QString &key,
                                        const QString &uploadId, const QList<AwsS3Part> &parts);
    AwsS3Reply *abortMultipartUpload(const QString &bucket, const QString &key,
                                     const QString &uploadId);
    AwsS3Reply *listParts(const QString &bucket, const QString &key, const QString &uploadId);

    AwsS3Upload *uploadFile(const QString &bucket, const QString &key, const QString &filePath,
                            const AwsS3UploadOptions &options = AwsS3UploadOptions());
    AwsS3Download *downloadFile(const QString &bucket, const QString &key, const QString &filePath,
                                const AwsS3DownloadOptions &options = AwsS3DownloadOptions());

    AwsPresignReply *presignGetObject(const QString &bucket, const QString &key,
                                      qint64 expiresInSeconds = AwsSigningConfig::DefaultExpiry);
    AwsPresignReply *presignPutObject(const QString &bucket, const QString &key,
                                      qint64 expiresInSeconds = AwsSigningConfig::DefaultExpiry);

private:
    friend class AwsS3DownloadPrivate;
    QScopedPointer<AwsS3ClientPrivate> d;
};

#endif // AWSS3CLIENT_H
