// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The functions around the README's snippets (docs/snippets/*.cpp), for tst_docsnippets.
#ifndef SNIPPETS_H
#define SNIPPETS_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awspostpolicy.h>
#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/awsverificationresult.h>

#include <QtCore/qobject.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkrequest.h>

class AwsCredentialsProvider;
class AwsNetworkAccessManager;
class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

// A window of an application, as the snippets' `this`.
class AwsS3Client;

class SnippetWindow : public QObject
{
public:
    using QObject::QObject;
    QNetworkReply *getPhoto();                     // not run: goes to AWS
    AwsNetworkAccessManager *customEndpoint();
    QNetworkRequest oneEndpointSeveralServices(AwsNetworkAccessManager *nam);
    void presignObject(AwsNetworkAccessManager *nam, const QUrl &objectUrl);
    AwsNetworkAccessManager *deviceCredentials(); // not run: goes to AWS IoT
    AwsNetworkAccessManager *ssoCredentials();    // not run: goes to IAM Identity Center
    void s3ListUploadDownload();                  // s3.cpp, not run: goes to AWS
    void s3UploadFile(AwsS3Client *s3);           // s3.cpp, not run: goes to AWS
    void s3DownloadFile(AwsS3Client *s3);         // s3.cpp, not run: goes to AWS
};

// signing.cpp
QNetworkRequest signRequest(const QUrl &url, const QString &accessKeyId, const QString &secretAccessKey);
QUrl presignUrl(const QUrl &url, const AwsCredentials &credentials);
AwsSigningResult signSigV4a(const QUrl &url, const AwsCredentials &credentials);
AwsVerificationResult verifyRequest(const QByteArray &rawRequest);
AwsCredentials lookUpCredentials(const QString &keyId); // the verifier's key store

// streaming.cpp
void addStreamingRule(AwsNetworkAccessManager *nam, const QUrl &endpoint, AwsCredentialsProvider *provider);
QNetworkReply *uploadStream(AwsNetworkAccessManager *nam, const QUrl &url, QIODevice *process, qint64 size); // not run

// postpolicy.cpp
struct PostForm
{
    AwsPostPolicy policy;
    AwsHeaderList fields;
    QString html;
};
PostForm postForm(const AwsCredentials &credentials);
QNetworkReply *postUpload(QNetworkAccessManager *nam, const PostForm &form, QIODevice *file); // not run

#endif // SNIPPETS_H
