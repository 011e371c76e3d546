// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "curlcommand.h"

#include "clitarget.h"

#include "clicredentials.h"
#include "stdindevice.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qcommandlineparser.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>

#include <cstdio>
#include <memory>

namespace {

QByteArray operationVerb(QNetworkAccessManager::Operation op, const QByteArray &custom)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    default: return custom;
    }
}

void writeStderr(const QByteArray &data)
{
    std::fwrite(data.constData(), 1, size_t(data.size()), stderr);
    std::fflush(stderr);
}

// A file argument: "-" is standard input.
std::unique_ptr<QFile> openInput(const QString &name, QString *errorString)
{
    auto file = std::make_unique<QFile>();
    bool ok;
    if (name == u"-") {
        ok = file->open(stdin, QIODevice::ReadOnly);
    } else {
        file->setFileName(name);
        ok = file->open(QIODevice::ReadOnly);
    }
    if (!ok) {
        *errorString = QStringLiteral("cannot read %1: %2")
                               .arg(name == u"-" ? QStringLiteral("standard input") : name,
                                    file->errorString());
        return nullptr;
    }
    return file;
}

} // namespace

void CurlCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QStringLiteral("The URL (with --endpoint-url, it may be a path)."),
                                 QStringLiteral("URL"));
    parser.addOptions({
        { { QStringLiteral("X"), QStringLiteral("request") },
          QStringLiteral("HTTP method (default GET; POST with -d/--data-binary; PUT with -T)."),
          QStringLiteral("METHOD") },
        { { QStringLiteral("H"), QStringLiteral("header") },
          QStringLiteral("Add a header 'Name: value' (repeatable). It is signed."),
          QStringLiteral("HEADER") },
        { { QStringLiteral("d"), QStringLiteral("data") },
          QStringLiteral("Body DATA, or @FILE without its line breaks, @- for stdin (repeatable, "
                         "joined with '&'). Content-Type defaults to "
                         "application/x-www-form-urlencoded."),
          QStringLiteral("DATA") },
        { QStringLiteral("data-binary"),
          QStringLiteral("Body DATA as is, or @FILE, or @- for stdin (read as a stream)."),
          QStringLiteral("DATA") },
        { { QStringLiteral("T"), QStringLiteral("upload-file") },
          QStringLiteral("PUT the FILE (- for stdin); a URL ending in / gets the file name."),
          QStringLiteral("FILE") },
        { QStringLiteral("region"),
          QStringLiteral("Region (default: from the AWS host name, else AWS_REGION, "
                         "AWS_DEFAULT_REGION or the profile's region)."),
          QStringLiteral("R") },
        { QStringLiteral("service"),
          QStringLiteral("Service to sign for (default: from the AWS host name)."), QStringLiteral("S") },
        { QStringLiteral("endpoint-url"),
          QStringLiteral("Send to this endpoint (scheme://host:port) instead of the URL's host; "
                         "the service and region are still inferred from the URL's AWS host name. "
                         "Default: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the profile's "
                         "services section and endpoint_url, for a path or an AWS URL."),
          QStringLiteral("URL") },
        { { QStringLiteral("o"), QStringLiteral("output") },
          QStringLiteral("Write the body to FILE instead of stdout."), QStringLiteral("FILE") },
        { { QStringLiteral("i"), QStringLiteral("include") },
          QStringLiteral("Include the status line and response headers in the output.") },
        { { QStringLiteral("v"), QStringLiteral("verbose") },
          QStringLiteral("Print the canonical request, the string to sign and the response "
                         "headers to stderr (never a secret).") },
        { QStringLiteral("chunked"),
          QStringLiteral("Upload the body in S3's aws-chunked encoding, each chunk signed: streamed in "
                         "one pass, no hash before sending (stdin needs -H 'x-amz-decoded-content-length: N').") },
        { QStringLiteral("checksum"),
          QStringLiteral("With --chunked: send a signed trailer with this checksum of the body."),
          QStringLiteral("crc32|crc32c|sha256") },
        { QStringLiteral("chunk-size"),
          QStringLiteral("With --chunked: bytes per chunk (default 65536, at least 8192)."), QStringLiteral("BYTES") },
        { { QStringLiteral("m"), QStringLiteral("max-time") },
          QStringLiteral("Give up after SECONDS without progress."), QStringLiteral("SECONDS") },
    });
    addCredentialOptions(parser, QStringLiteral("Session token (default: AWS_SESSION_TOKEN). Never printed."));
}

QString CurlCommand::epilogue()
{
    return QStringLiteral(
            "\nExamples:\n"
            "  sigv4 curl https://my-bucket.s3.eu-west-1.amazonaws.com/photo.jpg -o photo.jpg\n"
            "  sigv4 curl -T report.pdf https://my-bucket.s3.eu-west-1.amazonaws.com/reports/\n"
            "  sigv4 curl --endpoint-url http://127.0.0.1:5000 https://s3.us-east-1.amazonaws.com/\n"
            "  sigv4 curl --service sts --region us-east-1 -d 'Action=GetCallerIdentity&Version=2011-06-15' "
            "https://sts.amazonaws.com/\n"
            "\nExit status: 0 on success, 1 on HTTP >= 400 or a transfer error (the service's "
            "message on stderr), 2 on bad input.\n");
}

// --chunked, --checksum and --chunk-size: the rule's payload mode.
bool CurlCommand::applyChunked(const QCommandLineParser &parser, AwsSigningRule &rule, QString *errorString)
{
    using Checksum = AwsSigningConfig::ChecksumAlgorithm;
    const bool chunked = parser.isSet(QStringLiteral("chunked"));
    if (!chunked) {
        const bool stray = parser.isSet(QStringLiteral("checksum")) || parser.isSet(QStringLiteral("chunk-size"));
        if (stray)
            *errorString = QStringLiteral("--checksum and --chunk-size go with --chunked");
        return !stray;
    }
    AwsSigningConfig config = rule.signingConfig();
    const QString checksum = parser.value(QStringLiteral("checksum")).toLower();
    const QList<QPair<QString, Checksum>> names = { { QStringLiteral("crc32"), Checksum::Crc32 },
                                                    { QStringLiteral("crc32c"), Checksum::Crc32c },
                                                    { QStringLiteral("sha256"), Checksum::Sha256 } };
    config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSigned);
    for (const auto &[name, algorithm] : names) {
        if (checksum == name) {
            config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSignedWithTrailer);
            config.setTrailingChecksum(algorithm);
        }
    }
    if (!checksum.isEmpty() && config.trailingChecksum() == Checksum::None) {
        *errorString = QStringLiteral("bad --checksum '%1': expected crc32, crc32c or sha256").arg(checksum);
        return false;
    }
    if (parser.isSet(QStringLiteral("chunk-size")))
        config.setChunkSize(parser.value(QStringLiteral("chunk-size")).toLongLong());
    *errorString = config.validate();
    rule.setSigningConfig(config);
    return errorString->isEmpty();
}

int CurlCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Send a request signed with AWS Signature Version 4 through AwsNetworkAccessManager."),
                        QStringLiteral("Usage: sigv4 curl [options] URL"), epilogue(), &exitCode)) {
        return exitCode;
    }
    const QProcessEnvironment &environment = this->environment();

    QString urlText;
    if (!onePositional(parser, QStringLiteral("URL"), &urlText, &exitCode))
        return exitCode;

    // Where the request goes, which AWS host name it is for, its service and region.
    CliTarget where;
    QString error;
    if (!where.resolve(urlText, parser, QString(), &error))
        return fail(error);
    QUrl url = where.url;
    QUrl awsUrl = where.awsUrl;
    const QString service = where.service;
    const QString region = where.region;

    // The body.
    const bool hasData = parser.isSet(QStringLiteral("data"));
    const bool hasBinary = parser.isSet(QStringLiteral("data-binary"));
    const bool hasUpload = parser.isSet(QStringLiteral("upload-file"));
    if (int(hasData) + int(hasBinary) + int(hasUpload) > 1)
        return fail(QStringLiteral("-d, --data-binary and -T exclude each other"));
    QByteArray data;
    std::unique_ptr<QIODevice> bodyFile;
    if (hasData) {
        QByteArrayList parts;
        for (const QString &value : parser.values(QStringLiteral("data"))) {
            if (value.startsWith(u'@')) {
                auto file = openInput(value.mid(1), &error);
                if (!file)
                    return fail(error);
                QByteArray content = file->readAll();
                content.replace("\r", "").replace("\n", "");
                parts.append(content);
            } else {
                parts.append(value.toUtf8());
            }
        }
        data = parts.join('&');
    } else if (hasBinary) {
        const QString value = parser.value(QStringLiteral("data-binary"));
        if (value == u"@-") {
            bodyFile = std::make_unique<StdinDevice>();
        } else if (value.startsWith(u'@')) {
            bodyFile = openInput(value.mid(1), &error);
            if (!bodyFile)
                return fail(error);
        } else {
            data = value.toUtf8();
        }
    } else if (hasUpload) {
        const QString name = parser.value(QStringLiteral("upload-file"));
        if (name == u"-")
            bodyFile = std::make_unique<StdinDevice>();
        else
            bodyFile = openInput(name, &error);
        if (!bodyFile)
            return fail(error);
        if (name != u"-" && url.path().endsWith(u'/')) {
            url.setPath(url.path() + QFileInfo(name).fileName());
            if (awsUrl.path().endsWith(u'/'))
                awsUrl.setPath(awsUrl.path() + QFileInfo(name).fileName());
        }
    }

    // The method.
    QByteArray method = parser.value(QStringLiteral("request")).toUpper().toLatin1();
    if (method.isEmpty())
        method = hasUpload ? "PUT" : (hasData || hasBinary) ? "POST" : "GET";

    int maxTimeMs = 0;
    if (parser.isSet(QStringLiteral("max-time"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("max-time")).toDouble(&ok);
        if (!ok || seconds <= 0)
            return fail(QStringLiteral("--max-time needs a positive number of seconds"));
        maxTimeMs = int(seconds * 1000);
    }

    // Headers.
    QNetworkRequest request(url);
    for (const QString &header : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return fail(QStringLiteral("bad header '%1': expected 'Name: value'").arg(header));
        request.setRawHeader(header.left(colon).trimmed().toLatin1(), header.mid(colon + 1).trimmed().toUtf8());
    }
    if (hasData && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
    if (maxTimeMs > 0)
        request.setTransferTimeout(maxTimeMs);

    // Credentials.
    const AwsCredentials credentials = credentialsFrom(parser, environment, &error);
    if (!credentials.isValid())
        return fail(error);

    // The output.
    std::unique_ptr<QFile> output;
    const QString outputName = parser.value(QStringLiteral("output"));
    if (!outputName.isEmpty() && outputName != u"-") {
        output = std::make_unique<QFile>(outputName);
        if (!output->open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write %1: %2").arg(outputName, output->errorString()));
    }
    bool writeFailed = false;
    auto emitOutput = [&](const QByteArray &bytes) {
        if (bytes.isEmpty())
            return;
        if (output)
            writeFailed = writeFailed || output->write(bytes) != bytes.size();
        else
            writeFailed = writeFailed || !writeStdout(bytes);
    };
    const bool include = parser.isSet(QStringLiteral("include"));
    const bool verbose = parser.isSet(QStringLiteral("verbose"));

    // Send.
    AwsStaticCredentialsProvider provider(credentials);
    AwsNetworkAccessManager manager;
    QUrl base = url;
    base.setPath(QString());
    base.setQuery(QString());
    base.setFragment(QString());
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(base, service, region, &provider);
    if (!applyChunked(parser, rule, &error))
        return fail(error);
    manager.addRule(rule);
    if (verbose) {
        QObject::connect(&manager, &AwsNetworkAccessManager::requestSigned, &manager,
                         [this](QNetworkReply *, const AwsSigningResult &result) {
                             QByteArray text = "* Canonical request:\n" + result.canonicalRequest()
                                     + "\n* String to sign:\n" + result.stringToSign() + '\n';
                             writeStderr(redacted(QString::fromUtf8(text)).toUtf8());
                         });
    }

    QNetworkReply *reply = nullptr;
    QIODevice *body = bodyFile.get();
    std::unique_ptr<QBuffer> dataBuffer;
    if (!body && (hasData || hasBinary)) {
        dataBuffer = std::make_unique<QBuffer>(&data);
        dataBuffer->open(QIODevice::ReadOnly);
        body = dataBuffer.get();
    }
    if (method == "GET" && !body)
        reply = manager.get(request);
    else if (method == "HEAD" && !body)
        reply = manager.head(request);
    else if (method == "DELETE" && !body)
        reply = manager.deleteResource(request);
    else
        reply = manager.sendCustomRequest(request, method, body);

    int status = 0;
    bool failedStatus = false;
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [&] {
        status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        failedStatus = status >= 400;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' '
                + reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray() + "\r\n";
        for (const auto &[name, value] : reply->rawHeaderPairs())
            head += name + ": " + value + "\r\n";
        head += "\r\n";
        if (verbose) {
            QByteArray quoted;
            for (const QByteArray &line : head.split('\n')) {
                if (!line.trimmed().isEmpty())
                    quoted += "< " + line.trimmed() + '\n';
            }
            writeStderr(quoted);
        }
        if (include)
            emitOutput(head);
    });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        const QByteArray bytes = reply->readAll();
        if (!failedStatus)
            emitOutput(bytes);
    });

    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const QByteArray rest = reply->readAll();
    if (!failedStatus)
        emitOutput(rest);
    if (output)
        output->close();

    const QString target = QStringLiteral("%1 %2").arg(QString::fromLatin1(operationVerb(
            reply->operation(), method)), url.toDisplayString());
    if (reply->error() != QNetworkReply::NoError) {
        const QString message = status > 0
                ? QStringLiteral("HTTP %1: %2").arg(status).arg(reply->errorString())
                : reply->errorString();
        delete reply;
        return fail(QStringLiteral("%1 failed: %2").arg(target, message), ExitFailure);
    }
    if (status >= 400) {
        delete reply;
        return fail(QStringLiteral("%1 failed: HTTP %2").arg(target).arg(status), ExitFailure);
    }
    delete reply;
    if (writeFailed)
        return fail(QStringLiteral("cannot write the response body"), ExitFailure);
    return ExitSuccess;
}
