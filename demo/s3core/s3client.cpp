// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3client.h"

#include "s3transfer.h"

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awspresignreply.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3listoptions.h>
#include <qtsigv4/awss3reply.h>
#include <qtsigv4/awss3upload.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qmimedatabase.h>
#include <QtCore/qstandardpaths.h>

S3Client::S3Client(QObject *parent)
    : QObject(parent), m_s3(new AwsS3Client(this))
{
    // Listing pages and transfers of big parts on slow links: minutes, not the default minute.
    m_s3->setTransferTimeout(120000);
}

S3Client::~S3Client() = default;

// A profile: the library's profile provider (static keys, role_arn/source_profile,
// credential_process, web identity, SSO). An access key: static credentials. Neither: the
// default chain (environment, profile, container, instance metadata).
static AwsCredentialsProvider *providerFor(const S3ConnectionSettings &s, QObject *parent,
                                           QString *errorString)
{
    if (s.usesProfile()) {
        bool found = false;
        AwsConfigFile::mergedProfile(AwsConfigFile::loadConfig(), AwsConfigFile::loadCredentials(),
                                     s.profile, &found);
        if (!found) {
            *errorString = QObject::tr("There is no profile \"%1\" in %2 or %3.")
                                   .arg(s.profile, AwsConfigFile::configFilePath(),
                                        AwsConfigFile::credentialsFilePath());
            return nullptr;
        }
        return new AwsProfileCredentialsProvider(s.profile, parent);
    }
    if (s.accessKeyId.isEmpty() && s.secretAccessKey.isEmpty())
        return AwsCredentialsProviderChain::createDefault(QString(), parent);
    if (s.accessKeyId.isEmpty() || s.secretAccessKey.isEmpty()) {
        *errorString = QObject::tr("Enter an access key id and its secret access key, "
                                   "or choose a profile.");
        return nullptr;
    }
    return new AwsStaticCredentialsProvider(
            AwsCredentials(s.accessKeyId, s.secretAccessKey, s.sessionToken), parent);
}

bool S3Client::configure(const S3ConnectionSettings &settings, QString *errorString)
{
    QString error;
    S3ConnectionSettings s = settings;
    if (s.region.isEmpty())
        s.region = QStringLiteral("us-east-1");
    if (!s.isAws()) {
        if (!s.endpoint.isValid() || s.endpoint.host().isEmpty()
            || (s.endpoint.scheme() != u"http" && s.endpoint.scheme() != u"https")) {
            if (errorString)
                *errorString = tr("The endpoint must be an http:// or https:// URL.");
            return false;
        }
    }
    AwsCredentialsProvider *provider = providerFor(s, this, &error);
    if (!provider) {
        if (errorString)
            *errorString = error;
        return false;
    }
    m_s3->setCredentialsProvider(provider);
    delete m_provider;
    m_provider = provider;
    m_settings = s;
    m_s3->setRegion(s.region);
    m_s3->setEndpoint(s.isAws() ? QUrl() : s.endpoint);
    m_s3->setAddressingStyle(s.isAws() ? AwsS3Client::AutomaticAddressing
                             : s.pathStyle ? AwsS3Client::PathStyleAddressing
                                           : AwsS3Client::VirtualHostedAddressing);
    m_configured = true;
    return true;
}

AwsS3Reply *S3Client::watch(AwsS3Reply *reply, QObject *context,
                            const std::function<void(AwsS3Reply *, const S3Error &)> &onDone)
{
    reply->setParent(this);
    QPointer<QObject> guard(context);
    connect(reply, &AwsS3Reply::finished, this, [reply, guard, onDone]() {
        reply->deleteLater();
        if (guard)
            onDone(reply, S3Error::fromReply(reply));
    });
    return reply;
}

AwsS3Reply *S3Client::listBuckets(QObject *context, BucketsHandler handler)
{
    return watch(m_s3->listBuckets(), context, [handler](AwsS3Reply *reply, const S3Error &e) {
        handler(reply->buckets(), e);
    });
}

AwsS3Reply *S3Client::listObjects(const QString &bucket, const QString &prefix,
                                  const QString &continuationToken, int maxKeys,
                                  QObject *context, PageHandler handler)
{
    AwsS3ListOptions options;
    options.setPrefix(prefix);
    options.setDelimiter(QStringLiteral("/"));
    options.setContinuationToken(continuationToken);
    options.setMaxKeys(maxKeys);
    return watch(m_s3->listObjects(bucket, options), context,
                 [handler](AwsS3Reply *reply, const S3Error &e) { handler(reply->listResult(), e); });
}

static std::function<void(AwsS3Reply *, const S3Error &)> done(const S3Client::DoneHandler &handler)
{
    return [handler](AwsS3Reply *, const S3Error &e) { handler(e); };
}

AwsS3Reply *S3Client::createBucket(const QString &bucket, QObject *context, DoneHandler handler)
{
    return watch(m_s3->createBucket(bucket), context, done(handler));
}

AwsS3Reply *S3Client::deleteBucket(const QString &bucket, QObject *context, DoneHandler handler)
{
    return watch(m_s3->deleteBucket(bucket), context, done(handler));
}

AwsS3Reply *S3Client::deleteObject(const QString &bucket, const QString &key,
                                   QObject *context, DoneHandler handler)
{
    return watch(m_s3->deleteObject(bucket, key), context, done(handler));
}

AwsS3Reply *S3Client::putObject(const QString &bucket, const QString &key,
                                const QByteArray &data, const QByteArray &contentType,
                                QObject *context, DoneHandler handler)
{
    AwsS3PutOptions options;
    options.setContentType(contentType.isEmpty() ? QByteArray("application/octet-stream") : contentType);
    return watch(m_s3->putObject(bucket, key, data, options), context, done(handler));
}

QByteArray S3Client::contentTypeFor(const QString &localPath)
{
    static const QMimeDatabase db;
    const QString name = db.mimeTypeForFile(localPath).name();
    // Never the form type: it would be signed but some servers treat the body as a form.
    if (name.isEmpty() || name == u"application/x-www-form-urlencoded")
        return "application/octet-stream";
    return name.toLatin1();
}

// One state file per (endpoint, bucket, key, file) in the application's data folder: the user's
// folders stay clean, and the same upload started again finds its state.
QString S3Client::stateFileFor(const QString &bucket, const QString &key, const QString &localPath,
                               const QString &suffix)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
            + QStringLiteral("/transfers");
    QDir().mkpath(dir);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : { bucket, key, QFileInfo(localPath).absoluteFilePath() }) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    }
    return dir + u'/' + QString::fromLatin1(hash.result().toHex().left(32)) + suffix;
}

S3Transfer *S3Client::upload(const QString &bucket, const QString &key, const QString &localPath)
{
    AwsS3PutOptions put;
    put.setContentType(contentTypeFor(localPath));
    AwsS3UploadOptions options;
    options.setPutOptions(put);
    options.setStateFilePath(stateFileFor(bucket, key, localPath, QStringLiteral(".s3upload")));
    AwsS3Upload *job = m_s3->uploadFile(bucket, key, localPath, options);
    return new S3Transfer(job, this);
}

S3Transfer *S3Client::download(const QString &bucket, const QString &key, const QString &localPath)
{
    AwsS3DownloadOptions options;
    options.setStateFilePath(stateFileFor(bucket, key, localPath, QStringLiteral(".s3download")));
    return new S3Transfer(m_s3->downloadFile(bucket, key, localPath, options), this);
}

void S3Client::presignedUrl(const QString &bucket, const QString &key, qint64 expiresInSeconds,
                            QObject *context, UrlHandler handler)
{
    AwsPresignReply *reply = m_s3->presignGetObject(bucket, key, expiresInSeconds);
    QPointer<QObject> guard(context);
    const auto report = [reply, guard, handler]() {
        reply->deleteLater();
        if (!guard)
            return;
        if (reply->error() != AwsPresignReply::NoError)
            handler(QUrl(), S3Error::fromMessage(AwsS3Reply::InvalidRequestError, reply->errorString()));
        else
            handler(reply->url(), S3Error());
    };
    if (reply->isFinished())
        report();
    else
        connect(reply, &AwsPresignReply::finished, this, report);
}
