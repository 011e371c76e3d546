// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "verifycommand.h"

#include "requestinput.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssignatureverifier.h>

#include <QtCore/qcommandlineparser.h>

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Signed raw HTTP/1.1 request; '-' or nothing reads stdin."),
                                 QStringLiteral("[FILE|-]"));
    parser.addOptions({
        { QStringLiteral("region"), QStringLiteral("Region the signature must be for (default: any)."),
          QStringLiteral("R") },
        { QStringLiteral("service"), QStringLiteral("Service the signature must be for (default: any)."),
          QStringLiteral("S") },
        { QStringLiteral("time"), QStringLiteral("Verify as of this time (default: now)."), QStringLiteral("TIME") },
        { QStringLiteral("max-skew"),
          QStringLiteral("Allowed distance between the request time and now, in seconds (default: 900)."),
          QStringLiteral("SECONDS") },
        { QStringLiteral("no-normalize-path"),
          QStringLiteral("Do not remove dot segments from non-S3 paths before checking.") },
        { QStringLiteral("verbose"),
          QStringLiteral("Also print the canonical request and string to sign the verifier computed.") },
    });
}

} // namespace

int VerifyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    addCredentialOptions(parser, QStringLiteral("Session token the request must carry, if any."));
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Check the AWS SigV4/SigV4a signature of a raw HTTP request."),
                        QStringLiteral("Usage: sigv4 verify [options] [FILE|-]"),
                        QStringLiteral("\nExit status: 0 valid, 1 rejected, 2 bad input.\n"), &exitCode)) {
        return exitCode;
    }
    const QProcessEnvironment &environment = this->environment();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(QStringLiteral("expected at most one input file, got %1").arg(positional.size()));

    QString error;
    QDateTime now;
    if (!timeFrom(parser, &now, &error))
        return fail(error);
    qint64 skew = AwsSignatureVerifier::DefaultAllowedSkew;
    if (parser.isSet(QStringLiteral("max-skew"))) {
        bool ok = false;
        skew = parser.value(QStringLiteral("max-skew")).toLongLong(&ok);
        if (!ok || skew < 0)
            return fail(QStringLiteral("--max-skew must be a number of seconds >= 0"));
    }

    const AwsCredentials credentials = credentialsFrom(parser, environment, &error);
    if (!credentials.isValid())
        return fail(error);

    // The head parsed, the body hashed as it streams by (bounded memory, see RequestInput).
    RequestInput input;
    if (!input.read(positional.value(0, QStringLiteral("-")), false, &error))
        return fail(error);
    AwsHttpRequest request = AwsHttpRequest::fromRaw(input.head(), &error);
    if (request.isNull())
        return fail(QStringLiteral("bad request: %1").arg(error));
    request.setPayloadHash(input.bodyHashHex());

    AwsSignatureVerifier verifier([credentials](const QString &id) {
        return id == credentials.accessKeyId() ? credentials : AwsCredentials();
    });
    verifier.setExpectedRegion(parser.value(QStringLiteral("region")));
    verifier.setExpectedService(parser.value(QStringLiteral("service")));
    verifier.setAllowedClockSkew(skew);
    verifier.setNormalizePath(!parser.isSet(QStringLiteral("no-normalize-path")));
    const AwsVerificationResult result = verifier.verify(request, now);

    QByteArray out = AwsVerificationResult::statusName(result.status()).toUtf8() + ": "
            + redacted(result.reason()).toUtf8() + '\n';
    if (parser.isSet(QStringLiteral("verbose")) && !result.canonicalRequest().isEmpty()) {
        out += "--- canonical-request ---\n" + redacted(QString::fromUtf8(result.canonicalRequest())).toUtf8()
                + "\n--- string-to-sign ---\n" + result.stringToSign() + '\n';
    }
    if (!writeStdout(out))
        return fail(QStringLiteral("cannot write to standard output"), ExitFailure);
    return result.isValid() ? ExitSuccess : ExitFailure;
}
