// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The smallest use of a static qtsigv4: sign one request (the get-vanilla vector) and check it.

#include <qtsigv4/awssigner.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qurl.h>

#include <cstdio>

#ifndef QTSIGV4_STATIC
#  error "QTSIGV4_STATIC must come with the static QtSigV4::QtSigV4 target"
#endif

int main()
{
    const AwsSigner signer(AwsSigningConfig(QStringLiteral("service"), QStringLiteral("us-east-1")));
    const AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"),
                                     QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    const AwsSigningResult result =
            signer.sign(AwsHttpRequest::fromUrl("GET", QUrl(QStringLiteral("https://example.amazonaws.com/"))),
                        credentials, QDateTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc()));
    const QByteArray expected = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    if (!result.isValid() || result.signature() != expected) {
        std::fprintf(stderr, "unexpected signature '%s' (%s)\n", result.signature().constData(),
                     qPrintable(result.errorString()));
        return 1;
    }
    std::printf("%s\n", result.authorization().constData());
    return 0;
}
