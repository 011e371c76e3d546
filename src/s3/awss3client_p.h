// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3CLIENT_P_H
#define AWSS3CLIENT_P_H

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awssigningrule.h>

#include "s3/awss3addressing_p.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkrequest.h>

class AwsS3ClientPrivate
{
public:
    explicit AwsS3ClientPrivate(AwsS3Client *client) : q(client) { }

    void updateRules();
    bool virtualHosted(const QString &bucket) const;
    QUrl url(const QString &bucket, const QString &key,
             const AwsS3Addressing::Query &query = {}) const;
    QNetworkRequest request(const QUrl &url) const;
    // A reply refused before sending when bucket or key (if checked) is invalid.
    AwsS3Reply *newReply(AwsS3Reply::Operation operation, const QString &bucket,
                         const QString &key, bool checkKey);
    bool addPutHeaders(QNetworkRequest *request, const AwsS3PutOptions &options,
                       const QByteArray &defaultType, QString *problem) const;
    AwsS3Reply *put(AwsS3Reply *reply, const QString &key, QIODevice *device,
                     const AwsS3PutOptions &options, const QByteArray &defaultType);
    void get(AwsS3Reply *reply, qint64 offset, qint64 length, const QString &ifMatch = {});
    // AwsS3Download's GET: `length` bytes from `offset` (-1: the whole object, no Range) of the
    // object of `size` bytes and `eTag` (sent as If-Match), checked strictly, into `sink`.
    AwsS3Reply *getObjectPart(const QString &bucket, const QString &key, QIODevice *sink,
                              qint64 offset, qint64 length, qint64 size, const QString &eTag);
    // After HeadObject: the ETag is not the MD5 of the bytes (SSE-KMS, SSE-C).
    static bool hasOpaqueETag(const AwsS3Reply *reply);
    void sendListPage(AwsS3Reply *reply, AwsS3ListOptions options, bool all);
    // A multipart reply refused before sending when bucket, key or upload id is invalid.
    AwsS3Reply *newUploadReply(AwsS3Reply::Operation operation, const QString &bucket,
                               const QString &key, const QString &uploadId);
    QUrl uploadUrl(AwsS3Reply *reply, const AwsS3Addressing::Query &extra = {}) const;
    void sendPart(AwsS3Reply *reply, int partNumber, const QByteArray &data,
                  AwsSigningConfig::ChecksumAlgorithm checksum);
    void sendListPartsPage(AwsS3Reply *reply, int marker);
    // Empty when parts can carry `checksum` (None, or CRC32C in a build with the payload layer).
    static QString checksumProblem(AwsSigningConfig::ChecksumAlgorithm checksum);
    static bool addChecksumAlgorithm(QNetworkRequest *request,
                                     AwsSigningConfig::ChecksumAlgorithm checksum, QString *problem);
    static bool readRange(QIODevice *device, qint64 offset, qint64 length, QByteArray *data,
                          QString *problem);
    static QString partsProblem(const QList<AwsS3Part> &parts);
    // An <Error> in a 200 answer (CopyObject, CompleteMultipartUpload) fails the reply.
    static bool failOnErrorBody(AwsS3Reply *reply, const QByteArray &body);
    void sendDeleteBatch(AwsS3Reply *reply, QStringList keys, int total);
    void finishDeletes(AwsS3Reply *reply, int total);

    AwsS3Client *q;
    QPointer<AwsNetworkAccessManager> manager;
    QPointer<AwsCredentialsProvider> provider;
    QString region = QStringLiteral("us-east-1");
    QUrl endpoint;
    AwsS3Client::AddressingStyle addressing = AwsS3Client::AutomaticAddressing;
    int timeout = 60000;
    QList<AwsSigningRule> addedRules;
};

#endif // AWSS3CLIENT_P_H
