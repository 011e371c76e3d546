// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Snippets of README.md: S3 streaming uploads. The rule is made by tst_docsnippets; the upload
// is only compiled (it goes to S3).
#include "snippets.h"

#include <qtsigv4/awsnetworkaccessmanager.h>

#include <QtNetwork/qnetworkreply.h>

using namespace Qt::StringLiterals;

void addStreamingRule(AwsNetworkAccessManager *nam, const QUrl &endpoint, AwsCredentialsProvider *provider)
{
    //! [chunked]
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(endpoint, u"s3"_s, u"eu-west-1"_s, provider);
    AwsSigningConfig config = rule.signingConfig();
    config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSignedWithTrailer);
    config.setTrailingChecksum(AwsSigningConfig::ChecksumAlgorithm::Crc32c); // Crc32, Crc32c, Sha256
    rule.setSigningConfig(config);
    nam->addRule(rule);

    //! [chunked]
}

QNetworkReply *uploadStream(AwsNetworkAccessManager *nam, const QUrl &url, QIODevice *process, qint64 size)
{
    //! [chunked]
    QNetworkRequest request(url);
    request.setRawHeader("x-amz-decoded-content-length", QByteArray::number(size)); // sequential only
    QNetworkReply *reply = nam->put(request, process);         // read while sent, never copied
    //! [chunked]
    return reply;
}
