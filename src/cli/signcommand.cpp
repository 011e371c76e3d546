// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "signcommand.h"

#include "clicredentials.h"
#include "rawrequest.h"
#include "requestinput.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningresult.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>

namespace {

// The parts --print can show, in the order "all" prints them.
const char *const printParts[] = { "canonical-request", "string-to-sign", "signature",
                                   "authorization", "signed-request" };

bool isPrintPart(const QString &value)
{
    for (const char *part : printParts) {
        if (value == QLatin1StringView(part))
            return true;
    }
    return false;
}

// The request as the vectors write it once signed: the original text plus the added
// headers, or with the presigned target in the request line for query signing.
QByteArray signedRequestText(const RawRequest &raw, const AwsHttpRequest &request,
                             const AwsSigningResult &result, bool query)
{
    if (!query)
        return raw.render(result.headersToAdd());

    QByteArray target = result.presignedTarget();
    if (target.isEmpty()) {
        // Fallback should presignedTarget() ever be empty: append the query ourselves.
        target = request.target();
        target += (target.contains('?') ? '&' : '?') + result.queryToAdd();
    }
    return raw.render(AwsHeaderList(), target);
}

} // namespace

void SignCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Raw HTTP/1.1 request to sign; '-' or nothing reads stdin."),
                                 QStringLiteral("[FILE|-]"));
    addCredentialOptions(parser, QStringLiteral("Session token (default: AWS_SESSION_TOKEN with environment credentials)."));
    parser.addOptions({
        { QStringLiteral("region"), QStringLiteral("Region to sign for (required)."), QStringLiteral("R") },
        { QStringLiteral("service"), QStringLiteral("Service name to sign for, e.g. s3 (required)."),
          QStringLiteral("S") },
        { QStringLiteral("time"),
          QStringLiteral("Signing time: 20150830T123600Z or ISO 8601 (default: now)."),
          QStringLiteral("TIME") },
        { QStringLiteral("query"),
          QStringLiteral("Sign in the query string (presigned URL) instead of the Authorization header.") },
        { QStringLiteral("expires"),
          QStringLiteral("With --query: validity in seconds, 1..604800 (default: 3600)."),
          QStringLiteral("SECONDS") },
        { QStringLiteral("unsigned-payload"), QStringLiteral("Sign the payload as UNSIGNED-PAYLOAD.") },
        { QStringLiteral("s3"), QStringLiteral("Use the S3 rules (default when --service is s3).") },
        { QStringLiteral("no-s3"), QStringLiteral("Use the generic rules even for s3.") },
        { QStringLiteral("no-normalize-path"),
          QStringLiteral("Do not remove dot segments from the path (generic rules).") },
        { QStringLiteral("sign-body"),
          QStringLiteral("Add and sign x-amz-content-sha256 (on by default with the S3 rules).") },
        { QStringLiteral("omit-session-token"),
          QStringLiteral("Sign without the session token and add it afterwards.") },
        { QStringLiteral("sigv4a"),
          QStringLiteral("Sign with SigV4a (AWS4-ECDSA-P256-SHA256) and X-Amz-Region-Set.") },
        { QStringLiteral("region-set"),
          QStringLiteral("With --sigv4a: comma-separated regions the signature is valid in "
                         "(default: --region; '*' for all)."),
          QStringLiteral("REGIONS") },
        { QStringLiteral("print"),
          QStringLiteral("What to print: canonical-request, string-to-sign, signature, authorization, "
                         "signed-request (default) or all."),
          QStringLiteral("PART"), QStringLiteral("signed-request") },
    });
}

QString SignCommand::epilogue()
{
    return QStringLiteral(
            "\nThe output is exactly what the official test vectors hold: no trailing newline.\n"
            "Exit status: 0 on success, 2 on bad input (one line on stderr).\n");
}

int SignCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Sign a raw HTTP/1.1 request with AWS Signature Version 4."),
                        QStringLiteral("Usage: sigv4 sign [options] [FILE|-]"), epilogue(), &exitCode)) {
        return exitCode;
    }
    const QProcessEnvironment &environment = this->environment();

    // Flags.
    const bool sigV4a = parser.isSet(QStringLiteral("sigv4a"));
    const QStringList regionSet =
            parser.value(QStringLiteral("region-set")).split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(QStringLiteral("region-set")) && !sigV4a)
        return fail(QStringLiteral("--region-set needs --sigv4a"));
    if (parser.isSet(QStringLiteral("region-set")) && regionSet.isEmpty())
        return fail(QStringLiteral("--region-set needs at least one region"));

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("expected at most one input file, got %1").arg(positional.size()));
    const QString inputName = positional.isEmpty() ? QStringLiteral("-") : positional.first();

    const QString region = parser.value(QStringLiteral("region"));
    const QString service = parser.value(QStringLiteral("service"));
    if (region.isEmpty())
        return fail(QStringLiteral("--region is required"));
    if (service.isEmpty())
        return fail(QStringLiteral("--service is required"));

    const QString print = parser.value(QStringLiteral("print"));
    if (print != u"all" && !isPrintPart(print)) {
        return fail(QStringLiteral("unknown --print value '%1' (expected canonical-request, "
                                   "string-to-sign, signature, authorization, signed-request or all)")
                            .arg(print));
    }

    if (parser.isSet(QStringLiteral("s3")) && parser.isSet(QStringLiteral("no-s3")))
        return fail(QStringLiteral("--s3 and --no-s3 exclude each other"));

    const bool query = parser.isSet(QStringLiteral("query"));
    QString error;
    qint64 expires = 0;
    if (parser.isSet(QStringLiteral("expires")) && !query)
        return fail(QStringLiteral("--expires needs --query"));
    if (!expiresFrom(parser, &expires, &error))
        return fail(error);
    QDateTime now;
    if (!timeFrom(parser, &now, &error))
        return fail(error);

    // Credentials.
    const AwsCredentials credentials = credentialsFrom(parser, environment, &error);
    if (!credentials.isValid())
        return fail(error);

    // The request: its head parsed, its body hashed as it streams by (bounded memory).
    RequestInput input;
    const bool printsBody = print == u"all" || print == u"signed-request";
    if (!input.read(inputName, printsBody, &error))
        return fail(error);
    RawRequest rawRequest;
    if (!rawRequest.parse(input.head(), &error))
        return fail(error);
    QString parseError;
    AwsHttpRequest request = AwsHttpRequest::fromRaw(input.head(), &parseError);
    if (request.isNull() || !parseError.isEmpty()) {
        return fail(QStringLiteral("bad request: %1")
                            .arg(parseError.isEmpty() ? QStringLiteral("cannot parse it") : parseError));
    }
    request.setPayloadHash(input.bodyHashHex());

    // Signing.
    AwsSigningConfig config(service, region);
    if (parser.isSet(QStringLiteral("s3")))
        config.setS3Rules(AwsSigningConfig::S3Rules::Enabled);
    else if (parser.isSet(QStringLiteral("no-s3")))
        config.setS3Rules(AwsSigningConfig::S3Rules::Disabled);
    else
        config.setS3Rules(AwsSigningConfig::S3Rules::Auto);
    if (parser.isSet(QStringLiteral("no-normalize-path")))
        config.setNormalizePath(false);
    if (parser.isSet(QStringLiteral("sign-body")))
        config.setSignBody(true);
    if (parser.isSet(QStringLiteral("unsigned-payload")))
        config.setUnsignedPayload(true);
    if (parser.isSet(QStringLiteral("omit-session-token")))
        config.setSessionTokenMode(AwsSigningConfig::SessionTokenMode::OmitFromSignature);
    if (query) {
        config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
        config.setExpiresInSeconds(expires);
    }
    if (sigV4a) {
        config.setAlgorithm(AwsSigningConfig::Algorithm::SigV4a);
        config.setRegionSet(regionSet);
    }
    const QString configError = config.validate();
    if (!configError.isEmpty())
        return fail(configError);

    const AwsSigner signer(config);
    const AwsSigningResult result = signer.sign(request, credentials, now);
    if (!result.isValid())
        return fail(result.errorString());

    // Output.
    auto part = [&](const QString &name) -> QByteArray {
        if (name == u"canonical-request")
            return result.canonicalRequest();
        if (name == u"string-to-sign")
            return result.stringToSign();
        if (name == u"signature")
            return result.signature();
        if (name == u"authorization")
            return result.authorization();
        return signedRequestText(rawRequest, request, result, query);
    };

    // The signed request is the head as rendered, then the body copied from the input.
    const auto writePart = [&](const QString &name) {
        if (!writeStdout(part(name)))
            return false;
        if (name != u"signed-request" || !input.hasBody())
            return true;
        return writeStdout(rawRequest.lineEnding() + rawRequest.lineEnding()) && input.writeBody(&error);
    };
    bool written = true;
    if (print == u"all") {
        for (const char *name : printParts) {
            const QString partName = QLatin1StringView(name);
            if (part(partName).isEmpty())
                continue;  // no Authorization with --query
            written = written && writeStdout("--- " + QByteArray(name) + " ---\n") && writePart(partName)
                    && writeStdout(partName == u"signed-request" ? "\n" : "\n\n");
        }
    } else {
        if (print == u"authorization" && query)
            return fail(QStringLiteral("--print authorization: there is no Authorization header with --query"));
        written = writePart(print);
    }
    if (!written)
        return fail(error.isEmpty() ? QStringLiteral("cannot write to standard output") : error, ExitFailure);
    return ExitSuccess;
}
