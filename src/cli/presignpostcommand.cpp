// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "presignpostcommand.h"

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awspostpolicy.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qurl.h>

void PresignPostCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("bucket"), QStringLiteral("The bucket to upload to."),
                                 QStringLiteral("BUCKET"));
    parser.addOptions({
        { QStringLiteral("region"),
          QStringLiteral("Region of the bucket (default: AWS_REGION or AWS_DEFAULT_REGION)."), QStringLiteral("R") },
        { QStringLiteral("key"), QStringLiteral("The exact key the form uploads to."), QStringLiteral("KEY") },
        { QStringLiteral("key-prefix"),
          QStringLiteral("Allow any key with this prefix; the form's key is PREFIX${filename} (default: any key)."),
          QStringLiteral("P") },
        { QStringLiteral("expires"),
          QStringLiteral("Validity in seconds (default: 3600)."), QStringLiteral("SECONDS") },
        { QStringLiteral("content-length-range"),
          QStringLiteral("Allowed size of the file in bytes."), QStringLiteral("MIN,MAX") },
        { QStringLiteral("field"),
          QStringLiteral("A form field and the condition that it is exactly VALUE (repeatable)."),
          QStringLiteral("NAME=VALUE") },
        { QStringLiteral("starts-with"),
          QStringLiteral("The condition that field NAME starts with PREFIX (repeatable)."),
          QStringLiteral("NAME=PREFIX") },
        { QStringLiteral("endpoint-url"),
          QStringLiteral("Post to ENDPOINT/BUCKET instead of https://BUCKET.s3.REGION.amazonaws.com/."),
          QStringLiteral("URL") },
        { QStringLiteral("html"), QStringLiteral("Print an HTML page with the form instead of JSON.") },
        { QStringLiteral("time"),
          QStringLiteral("Signing time: 20150830T123600Z or ISO 8601 (default: now)."), QStringLiteral("TIME") },
    });
    addCredentialOptions(parser, QStringLiteral("Session token (default: AWS_SESSION_TOKEN); it goes into the form."));
}

QString PresignPostCommand::epilogue()
{
    return QStringLiteral(
            "\nExample:\n"
            "  sigv4 presign-post --region eu-west-1 --key-prefix uploads/ \\\n"
            "      --content-length-range 1,10485760 --field Content-Type=image/png my-bucket\n"
            "\nPrints {\"url\": ..., \"fields\": {...}}: post the fields, then the file (named \"file\", last)\n"
            "as multipart/form-data to the URL.\n"
            "\nExit status: 0 on success, 2 on bad input (one line on stderr).\n");
}

// --key/--key-prefix, --content-length-range, --field and --starts-with.
bool PresignPostCommand::applyConditions(const QCommandLineParser &parser, AwsPostPolicy &policy,
                                         QString *errorString)
{
    policy.setKey(parser.value(QStringLiteral("key")));
    policy.setKeyPrefix(parser.value(QStringLiteral("key-prefix")));
    if (parser.isSet(QStringLiteral("content-length-range"))) {
        const QStringList range = parser.value(QStringLiteral("content-length-range")).split(u',');
        bool okMin = false, okMax = false;
        const qint64 minimum = range.value(0).toLongLong(&okMin);
        const qint64 maximum = range.value(1).toLongLong(&okMax);
        if (range.size() != 2 || !okMin || !okMax || minimum < 0 || maximum < minimum) {
            *errorString = QStringLiteral("bad --content-length-range: expected MIN,MAX in bytes");
            return false;
        }
        policy.setContentLengthRange(minimum, maximum);
    }
    for (const char *option : { "field", "starts-with" }) {
        const QStringList values = parser.values(QLatin1StringView(option));
        for (const QString &value : values) {
            const qsizetype equals = value.indexOf(u'=');
            if (equals <= 0) {
                *errorString = QStringLiteral("bad --%1 '%2': expected NAME=VALUE").arg(QLatin1StringView(option), value);
                return false;
            }
            if (qstrcmp(option, "field") == 0)
                policy.addField(value.left(equals), value.mid(equals + 1));
            else
                policy.addStartsWith(value.left(equals), value.mid(equals + 1));
        }
    }
    return true;
}

QByteArray PresignPostCommand::json(const QUrl &url, const AwsHeaderList &fields)
{
    QJsonObject object;
    for (const auto &[name, value] : fields)
        object.insert(QString::fromUtf8(name), QString::fromUtf8(value));
    const QJsonObject document { { QStringLiteral("url"), url.toString(QUrl::FullyEncoded) },
                                 { QStringLiteral("fields"), object } };
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

int PresignPostCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Print the signed form of a browser-based S3 upload (POST policy, AWS Signature Version 4)."),
                        QStringLiteral("Usage: sigv4 presign-post [options] BUCKET"), epilogue(), &exitCode)) {
        return exitCode;
    }
    const QProcessEnvironment &environment = this->environment();
    QString bucket;
    if (!onePositional(parser, QStringLiteral("BUCKET"), &bucket, &exitCode))
        return exitCode;

    QString error;
    qint64 expires = 0;
    QDateTime now;
    if (!expiresFrom(parser, &expires, &error) || !timeFrom(parser, &now, &error))
        return fail(error);
    // As the AWS CLI: AWS_REGION, AWS_DEFAULT_REGION, the profile's region; the endpoint
    // configured for S3 (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the config file).
    const QString profile = parser.value(QStringLiteral("profile"));
    const QString region = parser.isSet(QStringLiteral("region")) ? parser.value(QStringLiteral("region"))
                                                                  : AwsConfigFile::resolveRegion(profile);
    if (region.isEmpty())
        return fail(QStringLiteral("no region: pass --region, set AWS_REGION or the profile's region"));
    const bool endpointGiven = parser.isSet(QStringLiteral("endpoint-url"));
    const QUrl endpoint = endpointGiven ? QUrl(parser.value(QStringLiteral("endpoint-url")))
                                        : AwsConfigFile::resolveEndpointUrl(QStringLiteral("s3"), profile);
    if (!endpoint.isEmpty() && !isHttpUrl(endpoint)) {
        return fail(QStringLiteral("bad %1 '%2'")
                            .arg(endpointGiven ? QStringLiteral("--endpoint-url")
                                               : QStringLiteral("configured S3 endpoint (AWS_ENDPOINT_URL_S3, "
                                                                "AWS_ENDPOINT_URL or the config file)"),
                                 endpoint.toString()));
    }

    AwsPostPolicy policy(bucket, region);
    policy.setExpiresInSeconds(expires);
    if (!applyConditions(parser, policy, &error))
        return fail(error);
    const AwsCredentials credentials = credentialsFrom(parser, environment, &error);
    if (!credentials.isValid())
        return fail(error);
    const AwsHeaderList fields = policy.formFields(credentials, now, nullptr, &error);
    if (fields.isEmpty())
        return fail(QStringLiteral("cannot sign the POST policy: %1").arg(error));

    const QUrl action = policy.actionUrl(endpoint);
    const QByteArray out = parser.isSet(QStringLiteral("html")) ? AwsPostPolicy::htmlForm(action, fields).toUtf8()
                                                                : json(action, fields);
    return writeStdout(out) ? ExitSuccess : fail(QStringLiteral("cannot write to stdout"), ExitFailure);
}
