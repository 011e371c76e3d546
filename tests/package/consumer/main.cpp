// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Uses an installed qtsigv4: signs the get-vanilla test vector and checks the signature,
// then runs the signing examples of README.md: docs/snippets/signing.cpp, built into this
// project against the installed package (tst_docsnippets checks README.md shows them).

#include "snippets.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awssigner.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkrequest.h>

#include <cstdio>

namespace {

bool signsTheVanillaVector()
{
    const AwsSigner signer(AwsSigningConfig(QStringLiteral("service"), QStringLiteral("us-east-1")));
    const AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                                     QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    const AwsHttpRequest request =
            AwsHttpRequest::fromUrl("GET", QUrl(QStringLiteral("https://example.amazonaws.com/")));
    const QDateTime when(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc());

    const AwsSigningResult result = signer.sign(request, credentials, when);
    const QByteArray expected = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    if (!result.isValid() || result.signature() != expected) {
        std::fprintf(stderr, "get-vanilla: unexpected signature '%s' (%s)\n",
                     result.signature().constData(), qPrintable(result.errorString()));
        return false;
    }
    return true;
}

bool readmeExample()
{
    const QUrl url(QStringLiteral("https://my-bucket.s3.amazonaws.com/photos/cat.jpg"));
    const QNetworkRequest networkRequest =
            signRequest(url, QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    for (const char *name : { "Authorization", "X-Amz-Date", "x-amz-content-sha256" }) {
        if (!networkRequest.hasRawHeader(name)) {
            std::fprintf(stderr, "README example: no %s header\n", name);
            return false;
        }
    }
    std::printf("%s\n", networkRequest.rawHeader("Authorization").constData());
    return true;
}

// QtSigV4::S3 links and addresses an object as AWS wants.
bool s3ClientAddresses()
{
    AwsS3Client client;
    client.setRegion(QStringLiteral("eu-west-1"));
    const QUrl url = client.objectUrl(QStringLiteral("my-bucket"), QStringLiteral("a b+c.txt"));
    const QString expected = QStringLiteral("https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b%2Bc.txt");
    if (url.toString(QUrl::FullyEncoded) != expected) {
        std::fprintf(stderr, "S3 URL: %s\n", qPrintable(url.toString(QUrl::FullyEncoded)));
        return false;
    }
    return true;
}

} // namespace

// The verifier example's key store (docs/snippets/snippets.h).
AwsCredentials lookUpCredentials(const QString &)
{
    return AwsCredentials();
}

int main()
{
    return signsTheVanillaVector() && readmeExample() && s3ClientAddresses() ? 0 : 1;
}
