// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Uses an installed qtsigv4: signs the get-vanilla test vector and checks the signature,
// then runs the signing example of README.md (docs/snippets/signing.cpp#sign, where
// tst_docsnippets checks it) against the installed package.

#include <qtsigv4/awssigner.h>

#include <QtCore/qdatetime.h>
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
    const QDateTime when(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC);

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
    // --- README example starts here ---
    AwsSigner signer(AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1")));
    AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                               QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    AwsHttpRequest request = AwsHttpRequest::fromUrl("GET", url);
    AwsSigningResult result = signer.sign(request, credentials); // now, S3 rules
    if (!result.isValid())
        qFatal("signing failed: %s", qPrintable(result.errorString()));
    QNetworkRequest networkRequest(url);
    for (const auto &[name, value] : result.headersToAdd())
        networkRequest.setRawHeader(name, value); // X-Amz-Date, x-amz-content-sha256, Authorization
    // --- README example ends here ---

    for (const char *name : { "Authorization", "X-Amz-Date", "x-amz-content-sha256" }) {
        if (!networkRequest.hasRawHeader(name)) {
            std::fprintf(stderr, "README example: no %s header\n", name);
            return false;
        }
    }
    std::printf("%s\n", networkRequest.rawHeader("Authorization").constData());
    return true;
}

} // namespace

int main()
{
    return signsTheVanillaVector() && readmeExample() ? 0 : 1;
}
