// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3CLIENT_H
#define S3CLIENT_H

#include "s3connectionsettings.h"
#include "s3types.h"

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>

#include <functional>

class AwsCredentialsProvider;
class AwsNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class S3Transfer;

// A small typed, asynchronous S3 client on top of AwsNetworkAccessManager: every request goes
// through the manager, which signs it with the one explicit rule made for the endpoint.
// Handlers are called once, in the thread of the client, unless `context` is destroyed first.
class S3Client : public QObject
{
    Q_OBJECT
public:
    using BucketsHandler = std::function<void(const QList<S3Bucket> &, const S3Error &)>;
    using PageHandler = std::function<void(const S3ListPage &, const S3Error &)>;
    using DoneHandler = std::function<void(const S3Error &)>;

    explicit S3Client(QObject *parent = nullptr);
    ~S3Client() override;

    // Sets up credentials and the signing rule; false (with a reason) when the settings
    // cannot work (no such profile, no key id, bad endpoint).
    bool configure(const S3ConnectionSettings &settings, QString *errorString = nullptr);
    bool isConfigured() const { return m_configured; }
    S3ConnectionSettings settings() const { return m_settings; }
    AwsNetworkAccessManager *manager() const { return m_manager; }

    QUrl serviceUrl() const;
    QUrl objectUrl(const QString &bucket, const QString &key = QString(),
                   const QList<QPair<QString, QString>> &query = {}) const;

    QNetworkReply *listBuckets(QObject *context, BucketsHandler handler);
    QNetworkReply *listObjects(const QString &bucket, const QString &prefix,
                               const QString &continuationToken, int maxKeys,
                               QObject *context, PageHandler handler);
    QNetworkReply *createBucket(const QString &bucket, QObject *context, DoneHandler handler);
    QNetworkReply *deleteBucket(const QString &bucket, QObject *context, DoneHandler handler);
    QNetworkReply *deleteObject(const QString &bucket, const QString &key, QObject *context,
                                DoneHandler handler);
    QNetworkReply *putObject(const QString &bucket, const QString &key, const QByteArray &data,
                             const QByteArray &contentType, QObject *context, DoneHandler handler);

    // The caller owns the transfer (parented to the client); null with errorString set when
    // the local file cannot be opened.
    S3Transfer *upload(const QString &bucket, const QString &key, const QString &localPath,
                       QString *errorString = nullptr);
    S3Transfer *download(const QString &bucket, const QString &key, const QString &localPath,
                         QString *errorString = nullptr);

    // A presigned GET URL of the object, valid for expiresInSeconds (at most 7 days).
    QUrl presignedUrl(const QString &bucket, const QString &key, qint64 expiresInSeconds,
                      QString *errorString = nullptr) const;

    static S3Error errorFrom(QNetworkReply *reply, const QByteArray &body);
    static QByteArray encodeKey(const QString &key);
    static QByteArray contentTypeFor(const QString &localPath);

private:
    QNetworkRequest makeRequest(const QUrl &url) const;
    QNetworkReply *send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                        const QByteArray &contentType, QObject *context,
                        std::function<void(QNetworkReply *, const QByteArray &)> onDone);
    bool virtualHosted(const QString &bucket) const;

    AwsNetworkAccessManager *m_manager = nullptr;
    QPointer<AwsCredentialsProvider> m_provider;
    S3ConnectionSettings m_settings;
    bool m_configured = false;
};

#endif // S3CLIENT_H
