// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3client.h"

#include "s3transfer.h"
#include "s3xml.h"

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qfileinfo.h>
#include <QtCore/qmimedatabase.h>
#include <QtNetwork/qnetworkreply.h>

S3Client::S3Client(QObject *parent)
    : QObject(parent), m_manager(new AwsNetworkAccessManager(this))
{
}

S3Client::~S3Client() = default;

// A profile: the library's profile provider (static keys, role_arn/source_profile,
// credential_process, web identity). An access key: static credentials. Neither: the default
// chain (environment, profile, container, instance metadata).
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
    delete m_provider;
    m_provider = provider;
    m_settings = s;

    m_manager->clearRules();
    AwsSigningRule rule;
    if (s.isAws()) {
        const QString host = QStringLiteral("s3.%1.amazonaws.com").arg(s.region);
        rule = AwsSigningRule::forHost(host + QStringLiteral(" *.") + host, QStringLiteral("s3"), s.region, provider);
    } else {
        rule = AwsSigningRule::forBaseUrl(s.endpoint, QStringLiteral("s3"), s.region, provider);
    }
    m_manager->addRule(rule);
    m_configured = true;
    return true;
}

QUrl S3Client::serviceUrl() const
{
    if (m_settings.isAws())
        return QUrl(QStringLiteral("https://s3.%1.amazonaws.com/").arg(m_settings.region));
    QUrl url = m_settings.endpoint;
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path() + u'/');
    return url;
}

bool S3Client::virtualHosted(const QString &bucket) const
{
    return m_settings.isAws() && !bucket.contains(u'.');
}

QByteArray S3Client::encodeKey(const QString &key)
{
    // Strict AWS encoding: every byte but the unreserved ones and '/' percent-encoded.
    return QUrl::toPercentEncoding(key, "/");
}

QUrl S3Client::objectUrl(const QString &bucket, const QString &key,
                         const QList<QPair<QString, QString>> &query) const
{
    QByteArray text;
    const QUrl base = serviceUrl();
    if (!bucket.isEmpty() && virtualHosted(bucket)) {
        text = base.scheme().toLatin1() + "://" + QUrl::toPercentEncoding(bucket) + '.'
                + base.authority(QUrl::FullyEncoded).toLatin1() + '/';
    } else {
        text = base.toEncoded();
        if (!bucket.isEmpty())
            text += QUrl::toPercentEncoding(bucket) + '/';
    }
    if (!key.isEmpty())
        text += encodeKey(key);
    else if (!bucket.isEmpty() && text.endsWith('/') && !virtualHosted(bucket))
        text.chop(1);
    if (!query.isEmpty()) {
        QByteArray q;
        for (const auto &item : query) {
            if (!q.isEmpty())
                q += '&';
            q += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
        }
        text += '?' + q;
    }
    return QUrl::fromEncoded(text, QUrl::StrictMode);
}

QNetworkRequest S3Client::makeRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(120000);
    return request;
}

S3Error S3Client::errorFrom(QNetworkReply *reply, const QByteArray &body)
{
    S3Error e;
    e.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        e.cancelled = true;
        return e;
    }
    if (e.httpStatus >= 300) {
        if (!S3Xml::parseError(body, &e)) {
            e.code = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            e.message = reply->errorString();
        }
        return e;
    }
    if (reply->error() != QNetworkReply::NoError)
        e.message = reply->errorString();
    return e;
}

QNetworkReply *S3Client::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                              const QByteArray &contentType, QObject *context,
                              std::function<void(QNetworkReply *, const QByteArray &)> onDone)
{
    QNetworkRequest request = makeRequest(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = body.isEmpty() && verb != "PUT" && verb != "POST"
            ? m_manager->sendCustomRequest(request, verb)
            : m_manager->sendCustomRequest(request, verb, body);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, onDone]() {
        reply->deleteLater();
        const QByteArray data = reply->readAll();
        if (guard)
            onDone(reply, data);
    });
    return reply;
}

QNetworkReply *S3Client::listBuckets(QObject *context, BucketsHandler handler)
{
    return send("GET", serviceUrl(), QByteArray(), QByteArray(), context,
                [handler](QNetworkReply *reply, const QByteArray &body) {
                    S3Error e = errorFrom(reply, body);
                    QList<S3Bucket> buckets;
                    if (!e.isError()) {
                        QString parseError;
                        buckets = S3Xml::parseBuckets(body, &parseError);
                        if (!parseError.isEmpty())
                            e.message = tr("Unreadable answer: %1").arg(parseError);
                    }
                    handler(buckets, e);
                });
}

QNetworkReply *S3Client::listObjects(const QString &bucket, const QString &prefix,
                                     const QString &continuationToken, int maxKeys,
                                     QObject *context, PageHandler handler)
{
    QList<QPair<QString, QString>> query = { { QStringLiteral("list-type"), QStringLiteral("2") },
                                             { QStringLiteral("delimiter"), QStringLiteral("/") },
                                             { QStringLiteral("prefix"), prefix } };
    if (maxKeys > 0)
        query.append({ QStringLiteral("max-keys"), QString::number(maxKeys) });
    if (!continuationToken.isEmpty())
        query.append({ QStringLiteral("continuation-token"), continuationToken });
    return send("GET", objectUrl(bucket, QString(), query), QByteArray(), QByteArray(), context,
                [handler, bucket, prefix](QNetworkReply *reply, const QByteArray &body) {
                    S3Error e = errorFrom(reply, body);
                    S3ListPage page;
                    if (!e.isError()) {
                        QString parseError;
                        page = S3Xml::parseListObjectsV2(body, &parseError);
                        if (!parseError.isEmpty())
                            e.message = tr("Unreadable answer: %1").arg(parseError);
                    }
                    page.bucket = bucket;
                    page.prefix = prefix;
                    handler(page, e);
                });
}

static std::function<void(QNetworkReply *, const QByteArray &)> doneAdapter(S3Client::DoneHandler handler)
{
    return [handler](QNetworkReply *reply, const QByteArray &body) {
        handler(S3Client::errorFrom(reply, body));
    };
}

QNetworkReply *S3Client::createBucket(const QString &bucket, QObject *context, DoneHandler handler)
{
    const QByteArray body = m_settings.isAws() ? S3Xml::createBucketConfiguration(m_settings.region)
                                               : QByteArray();
    return send("PUT", objectUrl(bucket), body,
                body.isEmpty() ? QByteArray() : QByteArray("application/xml"), context,
                doneAdapter(handler));
}

QNetworkReply *S3Client::deleteBucket(const QString &bucket, QObject *context, DoneHandler handler)
{
    return send("DELETE", objectUrl(bucket), QByteArray(), QByteArray(), context,
                doneAdapter(handler));
}

QNetworkReply *S3Client::deleteObject(const QString &bucket, const QString &key,
                                      QObject *context, DoneHandler handler)
{
    return send("DELETE", objectUrl(bucket, key), QByteArray(), QByteArray(), context,
                doneAdapter(handler));
}

QNetworkReply *S3Client::putObject(const QString &bucket, const QString &key,
                                   const QByteArray &data, const QByteArray &contentType,
                                   QObject *context, DoneHandler handler)
{
    return send("PUT", objectUrl(bucket, key), data,
                contentType.isEmpty() ? QByteArray("application/octet-stream") : contentType,
                context, doneAdapter(handler));
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

S3Transfer *S3Client::upload(const QString &bucket, const QString &key,
                             const QString &localPath, QString *errorString)
{
    auto *transfer = new S3Transfer(S3Transfer::Upload, bucket, key, localPath, this);
    if (!transfer->openSource(errorString)) {
        delete transfer;
        return nullptr;
    }
    QNetworkRequest request = makeRequest(objectUrl(bucket, key));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentTypeFor(localPath));
    transfer->attach(m_manager->put(request, transfer->source()));
    return transfer;
}

S3Transfer *S3Client::download(const QString &bucket, const QString &key,
                               const QString &localPath, QString *errorString)
{
    auto *transfer = new S3Transfer(S3Transfer::Download, bucket, key, localPath, this);
    if (!transfer->openTarget(errorString)) {
        delete transfer;
        return nullptr;
    }
    transfer->attach(m_manager->get(makeRequest(objectUrl(bucket, key))));
    return transfer;
}

QUrl S3Client::presignedUrl(const QString &bucket, const QString &key, qint64 expiresInSeconds,
                            QString *errorString) const
{
    if (!m_provider) {
        if (errorString)
            *errorString = tr("Not connected.");
        return QUrl();
    }
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString credentialsError;
    const AwsCredentials credentials = m_provider->waitForCredentials(5000, &error, &credentialsError);
    if (!credentials.isValid()) {
        if (errorString)
            *errorString = tr("No credentials: %1").arg(credentialsError);
        return QUrl();
    }
    AwsSigningConfig config(QStringLiteral("s3"), m_settings.region);
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(expiresInSeconds);
    config.setUnsignedPayload(true);
    const QUrl url = objectUrl(bucket, key);
    const AwsSigningResult result = AwsSigner(config).sign(AwsHttpRequest::fromUrl("GET", url),
                                                           credentials);
    if (!result.isValid()) {
        if (errorString)
            *errorString = result.errorString();
        return QUrl();
    }
    const QByteArray text = url.scheme().toLatin1() + "://" + url.authority(QUrl::FullyEncoded).toLatin1()
            + result.presignedTarget();
    return QUrl::fromEncoded(text, QUrl::StrictMode);
}
