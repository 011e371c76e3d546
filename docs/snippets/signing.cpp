// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Snippets of README.md: signing and verifying without the network access manager.
// Compiled and run by tst_docsnippets, which also checks that README.md shows each marked
// region byte for byte.
#include "snippets.h"

//! [sign]
#include <qtsigv4/awssigner.h>

//! [sign]
#include <qtsigv4/awssignatureverifier.h>

using namespace Qt::StringLiterals;

QNetworkRequest signRequest(const QUrl &url, const QString &accessKeyId, const QString &secretAccessKey)
{
    //! [sign]
    AwsSigner signer(AwsSigningConfig(u"s3"_s, u"us-east-1"_s));
    AwsCredentials credentials(accessKeyId, secretAccessKey);   // optional third argument: session token
    AwsHttpRequest request = AwsHttpRequest::fromUrl("GET", url);
    AwsSigningResult result = signer.sign(request, credentials); // now, S3 rules
    if (!result.isValid())
        qFatal("signing failed: %s", qPrintable(result.errorString()));
    QNetworkRequest networkRequest(url);
    for (const auto &[name, value] : result.headersToAdd())
        networkRequest.setRawHeader(name, value); // X-Amz-Date, x-amz-content-sha256, Authorization
    //! [sign]
    return networkRequest;
}

QUrl presignUrl(const QUrl &url, const AwsCredentials &credentials)
{
    //! [presign]
    AwsSigningConfig config(u"s3"_s, u"eu-west-1"_s);
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(600);                            // 1 .. 604800
    const AwsSigningResult result = AwsSigner(config).sign(AwsHttpRequest::fromUrl("GET", url), credentials);
    QUrl presigned = url;
    presigned.setQuery(QString::fromLatin1(result.presignedTarget().mid(result.presignedTarget().indexOf('?') + 1)),
                       QUrl::StrictMode);
    //! [presign]
    return presigned;
}

AwsSigningResult signSigV4a(const QUrl &url, const AwsCredentials &credentials)
{
    AwsSigningConfig config(u"s3"_s, u"us-east-1"_s);
    //! [sigv4a]
    config.setAlgorithm(AwsSigningConfig::Algorithm::SigV4a);
    config.setRegionSet({ u"us-east-1"_s, u"us-west-2"_s });   // default: the region; "*" for all
    //! [sigv4a]
    return AwsSigner(config).sign(AwsHttpRequest::fromUrl("GET", url), credentials);
}

AwsVerificationResult verifyRequest(const QByteArray &rawRequest)
{
    //! [verify]
    AwsSignatureVerifier verifier([](const QString &keyId) { return lookUpCredentials(keyId); });
    verifier.setExpectedService(u"s3"_s);
    const AwsVerificationResult verdict = verifier.verify(AwsHttpRequest::fromRaw(rawRequest));
    if (!verdict.isValid())
        qWarning() << AwsVerificationResult::statusName(verdict.status()) << verdict.reason();
    //! [verify]
    return verdict;
}
