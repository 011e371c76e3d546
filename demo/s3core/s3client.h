// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3CLIENT_H
#define S3CLIENT_H

#include "s3connectionsettings.h"
#include "s3types.h"

#include <qtsigv4/awss3bucket.h>
#include <qtsigv4/awss3listresult.h>

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

#include <functional>

class AwsCredentialsProvider;
class AwsS3Client;
class AwsS3Reply;
class S3Transfer;

// The demo's connection: builds the library's AwsS3Client from the connection settings and
// turns its replies into handler calls with one S3Error, which is what the widgets show.
// Handlers are called once, in the thread of the client, unless `context` is destroyed first.
class S3Client : public QObject
{
    Q_OBJECT
public:
    using BucketsHandler = std::function<void(const QList<AwsS3Bucket> &, const S3Error &)>;
    using PageHandler = std::function<void(const AwsS3ListResult &, const S3Error &)>;
    using DoneHandler = std::function<void(const S3Error &)>;
    using UrlHandler = std::function<void(const QUrl &, const S3Error &)>;

    explicit S3Client(QObject *parent = nullptr);
    ~S3Client() override;

    // Sets up credentials and the endpoint; false (with a reason) when the settings cannot
    // work (no such profile, no key id, bad endpoint).
    bool configure(const S3ConnectionSettings &settings, QString *errorString = nullptr);
    bool isConfigured() const { return m_configured; }
    S3ConnectionSettings settings() const { return m_settings; }
    AwsS3Client *s3() const { return m_s3; }

    AwsS3Reply *listBuckets(QObject *context, BucketsHandler handler);
    AwsS3Reply *listObjects(const QString &bucket, const QString &prefix,
                            const QString &continuationToken, int maxKeys,
                            QObject *context, PageHandler handler);
    AwsS3Reply *createBucket(const QString &bucket, QObject *context, DoneHandler handler);
    AwsS3Reply *deleteBucket(const QString &bucket, QObject *context, DoneHandler handler);
    AwsS3Reply *deleteObject(const QString &bucket, const QString &key, QObject *context,
                             DoneHandler handler);
    AwsS3Reply *putObject(const QString &bucket, const QString &key, const QByteArray &data,
                          const QByteArray &contentType, QObject *context, DoneHandler handler);

    // Transfers run as the library's jobs; the caller owns them (parented to the client).
    // They keep their resume state in the application's data folder, so the same transfer
    // started again continues where an interrupted run stopped.
    S3Transfer *upload(const QString &bucket, const QString &key, const QString &localPath);
    S3Transfer *download(const QString &bucket, const QString &key, const QString &localPath);

    // A presigned GET URL of the object, valid for expiresInSeconds (at most 7 days).
    void presignedUrl(const QString &bucket, const QString &key, qint64 expiresInSeconds,
                      QObject *context, UrlHandler handler);

    static QByteArray contentTypeFor(const QString &localPath);
    // Where the resume state of a transfer lives (suffix ".s3upload" or ".s3download").
    static QString stateFileFor(const QString &bucket, const QString &key, const QString &localPath,
                                const QString &suffix);

private:
    AwsS3Reply *watch(AwsS3Reply *reply, QObject *context,
                      const std::function<void(AwsS3Reply *, const S3Error &)> &onDone);

    AwsS3Client *m_s3 = nullptr;
    QPointer<AwsCredentialsProvider> m_provider;
    S3ConnectionSettings m_settings;
    bool m_configured = false;
};

#endif // S3CLIENT_H
