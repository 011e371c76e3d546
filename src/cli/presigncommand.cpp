// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "presigncommand.h"

#include "clicredentials.h"
#include "clitarget.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningconfig.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qprocess.h>
#include <QtCore/qurl.h>

void PresignCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The URL to presign."),
                                 QStringLiteral("URL"));
    parser.addOptions({
        { QStringLiteral("expires"),
          QStringLiteral("Validity in seconds, 1..604800 (default: 3600)."), QStringLiteral("SECONDS") },
        { QStringLiteral("region"),
          QStringLiteral("Region (default: from the AWS host name, else AWS_REGION, "
                         "AWS_DEFAULT_REGION or the profile's region)."),
          QStringLiteral("R") },
        { QStringLiteral("service"),
          QStringLiteral("Service (default: from the AWS host name, else s3)."), QStringLiteral("S") },
        { QStringLiteral("endpoint-url"),
          QStringLiteral("Presign for this endpoint (scheme://host:port) instead of the URL's host "
                         "(default: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the profile's "
                         "services section and endpoint_url, for a path or an AWS URL)."),
          QStringLiteral("URL") },
        { { QStringLiteral("X"), QStringLiteral("method") },
          QStringLiteral("The method the URL is for (default: GET)."), QStringLiteral("METHOD") },
        { QStringLiteral("time"),
          QStringLiteral("Signing time: 20150830T123600Z or ISO 8601 (default: now)."),
          QStringLiteral("TIME") },
    });
    addCredentialOptions(parser, QStringLiteral("Session token (default: AWS_SESSION_TOKEN); it goes into the URL."));
}

QString PresignCommand::epilogue()
{
    return QStringLiteral(
            "\nExample:\n"
            "  sigv4 presign --expires 600 https://my-bucket.s3.eu-west-1.amazonaws.com/photo.jpg\n"
            "\nExit status: 0 on success, 2 on bad input (one line on stderr).\n");
}

int PresignCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Print a URL presigned with AWS Signature Version 4 (query-string signing)."),
                        QStringLiteral("Usage: sigv4 presign [options] URL"), epilogue(), &exitCode)) {
        return exitCode;
    }
    const QProcessEnvironment &environment = this->environment();

    QString urlText;
    if (!onePositional(parser, QStringLiteral("URL"), &urlText, &exitCode))
        return exitCode;
    QString error;
    qint64 expires = 0;
    QDateTime now;
    if (!expiresFrom(parser, &expires, &error) || !timeFrom(parser, &now, &error))
        return fail(error);

    CliTarget target;
    if (!target.resolve(urlText, parser, QStringLiteral("s3"), &error))
        return fail(error);
    const QUrl &url = target.url;

    const AwsCredentials credentials = credentialsFrom(parser, environment, &error);
    if (!credentials.isValid())
        return fail(error);

    AwsSigningConfig config(target.service, target.region);
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(expires);
    const QString methodText = parser.value(QStringLiteral("method"));
    const QByteArray method = methodText.isEmpty() ? QByteArray("GET") : methodText.toUpper().toLatin1();
    const AwsHttpRequest request = AwsHttpRequest::fromUrl(method, url);
    const AwsSigningResult result = AwsSigner(config).sign(request, credentials, now);
    if (!result.isValid())
        return fail(QStringLiteral("cannot presign: %1").arg(result.errorString()));

    const QByteArray presigned = url.toEncoded(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                               | QUrl::RemoveUserInfo)
            + result.presignedTarget() + '\n';
    return writeStdout(presigned) ? ExitSuccess : fail(QStringLiteral("cannot write to stdout"), ExitFailure);
}
