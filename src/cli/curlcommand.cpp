// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "curlcommand.h"

#include "clitarget.h"

#include "clicredentials.h"
#include "stdindevice.h"

#include "core/awsinputcheck_p.h"

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

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// The content of -d @FILE ("-": standard input), in memory since its line breaks are removed:
// a regular file or stdin, at most MaxFormDataSize bytes (a stream goes with --data-binary).
bool readFormData(const QString &name, QByteArray *data, QString *errorString)
{
    const bool isStdin = name == u"-";
    const QString what = isStdin ? QStringLiteral("standard input") : name;
    QFile file;
    struct stat status {};
    if (!isStdin && ::stat(QFile::encodeName(name).constData(), &status) == 0 && !S_ISREG(status.st_mode)) {
        *errorString = QStringLiteral("cannot read %1 for -d: not a regular file (use --data-binary @FILE "
                                      "to stream it)").arg(what);
        return false;
    }
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly)
                                : (file.setFileName(name), file.open(QIODevice::ReadOnly));
    if (opened)
        *data = file.read(CurlCommand::MaxFormDataSize + 1);
    if (!opened || file.error() != QFileDevice::NoError) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(what, file.errorString());
        return false;
    }
    if (data->size() > CurlCommand::MaxFormDataSize) {
        *errorString = QStringLiteral("%1 holds more than the %2 bytes -d takes (use --data-binary @FILE)")
                               .arg(what)
                               .arg(CurlCommand::MaxFormDataSize);
        return false;
    }
    return true;
}

// The body of -T and --data-binary @FILE ("-": standard input). A regular file that reports
// its size is read in place, random access (a redirected stdin too), so it is hashed and
// sent from where it is; anything else (a pipe, a FIFO, a terminal, a /proc file that
// reports size 0) is read as a stream, which the library spills to a temporary file past its
// memory limit. Opening never blocks: a FIFO without a writer waits in the event loop, where
// --max-time bounds the wait.
std::unique_ptr<QIODevice> openBody(const QString &name, QString *errorString)
{
    const bool isStdin = name == u"-";
    const QString what = isStdin ? QStringLiteral("standard input") : name;
    const auto failWith = [&](const QString &reason) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(what, reason);
        return nullptr;
    };
    const auto systemError = [] { return QString::fromLocal8Bit(std::strerror(errno)); };
    int fd = STDIN_FILENO;
    if (!isStdin) {
        fd = ::open(QFile::encodeName(name).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return failWith(systemError());
    }
    struct stat status {};
    const bool statted = ::fstat(fd, &status) == 0;
    const QString statError = statted ? QString() : systemError();
    const bool isDirectory = statted && S_ISDIR(status.st_mode);
    const bool inPlace = statted && S_ISREG(status.st_mode) && status.st_size > 0
            && ::lseek(fd, 0, SEEK_CUR) == 0;
    if (!isStdin && (inPlace || !statted || isDirectory))
        ::close(fd);
    if (!statted)
        return failWith(statError);
    if (isDirectory)
        return failWith(QStringLiteral("it is a directory"));
    if (inPlace) {
        auto file = std::make_unique<QFile>();
        const bool opened = isStdin ? file->open(STDIN_FILENO, QIODevice::ReadOnly)
                                    : (file->setFileName(name), file->open(QIODevice::ReadOnly));
        if (!opened)
            return failWith(file->errorString());
        return file;
    }
    if (!isStdin) // our own descriptor: back to blocking reads, made only when it is readable
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto stream = std::make_unique<StdinDevice>(fd, !isStdin);
    stream->setObjectName(what); // named in the library's messages
    return stream;
}

// A whole number of bytes in [minimum, maximum] for flag; false with *errorString set.
bool sizeFlag(const QCommandLineParser &parser, const QString &flag, qint64 minimum, qint64 maximum,
              qint64 *value, QString *errorString)
{
    const QString text = parser.value(flag);
    bool ok = false;
    *value = text.toLongLong(&ok);
    if (ok && *value >= minimum && *value <= maximum)
        return true;
    *errorString = QStringLiteral("bad --%1 '%2': expected a number of bytes from %3 to %4")
                           .arg(flag, text.left(64))
                           .arg(minimum)
                           .arg(maximum);
    return false;
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
                         "joined with '&'; a file at most 64 MiB). Content-Type defaults to "
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
          QStringLiteral("With --chunked: bytes per chunk, 8192 to 16777216 (default 65536)."), QStringLiteral("BYTES") },
        { { QStringLiteral("m"), QStringLiteral("max-time") },
          QStringLiteral("Give up after SECONDS (0.001 to 1000000) without progress: reading the body, "
                         "getting credentials, sending, receiving."),
          QStringLiteral("SECONDS") },
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
            "\nRedirects are followed as curl -L does: after 301, 302 or 303 a POST becomes a GET "
            "without its body; 307 and 308 repeat the method and the body. Credentials go only to "
            "the same origin.\n"
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
    if (parser.isSet(QStringLiteral("chunk-size"))) {
        qint64 chunkSize = 0;
        if (!sizeFlag(parser, QStringLiteral("chunk-size"), AwsSigningConfig::MinimumChunkSize,
                      AwsSigningConfig::MaximumChunkSize, &chunkSize, errorString)) {
            return false;
        }
        config.setChunkSize(chunkSize);
    }
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
                QByteArray content;
                if (!readFormData(value.mid(1), &content, &error))
                    return fail(error);
                content.replace("\r", "").replace("\n", "");
                parts.append(content);
            } else {
                parts.append(value.toUtf8());
            }
        }
        data = parts.join('&');
    } else if (hasBinary) {
        const QString value = parser.value(QStringLiteral("data-binary"));
        if (value.startsWith(u'@')) {
            bodyFile = openBody(value.mid(1), &error);
            if (!bodyFile)
                return fail(error);
        } else {
            data = value.toUtf8();
        }
    } else if (hasUpload) {
        const QString name = parser.value(QStringLiteral("upload-file"));
        bodyFile = openBody(name, &error);
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
        // Qt's timers take whole milliseconds in an int: anything outside silently meant "no
        // timeout" (0 ms) or overflowed.
        bool ok = false;
        const QString text = parser.value(QStringLiteral("max-time"));
        const double seconds = text.toDouble(&ok);
        if (!ok || !(seconds >= MinMaxTimeSeconds && seconds <= MaxMaxTimeSeconds)) {
            return fail(QStringLiteral("bad --max-time '%1': expected a number of seconds from %2 to %3")
                                .arg(text.left(64))
                                .arg(MinMaxTimeSeconds)
                                .arg(MaxMaxTimeSeconds, 0, 'f', 0));
        }
        maxTimeMs = int(seconds * 1000);
    }

    // Headers.
    QNetworkRequest request(url);
    for (const QString &header : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return fail(QStringLiteral("bad header '%1': expected 'Name: value'").arg(header));
        const QByteArray name = header.left(colon).trimmed().toUtf8();
        const QByteArray value = header.mid(colon + 1).trimmed().toUtf8();
        // Checked before QNetworkRequest sees it: Qt 6.7 and later drop it with a log line.
        const QString problem = QtSigV4Private::headerFieldProblem(name, value);
        if (!problem.isEmpty())
            return fail(QStringLiteral("bad header: %1").arg(problem));
        request.setRawHeader(name, value);
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
    if (maxTimeMs > 0) {
        // Every wait: the body (a FIFO nobody writes), the credentials, the transfer.
        manager.setBodyReadTimeout(maxTimeMs);
        manager.setCredentialsTimeout(maxTimeMs);
    }
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
    // POST and PUT by name, so the library's redirect rule applies: 301/302/303 turn a POST
    // into a GET without its body, 307/308 keep method and body (as curl and browsers do).
    if (method == "GET" && !body)
        reply = manager.get(request);
    else if (method == "POST" && body)
        reply = manager.post(request, body);
    else if (method == "PUT" && body)
        reply = manager.put(request, body);
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
        // Lower-cased on every Qt: from 6.7 on, Qt keeps no other spelling (as HTTP/2 sends them).
        for (const auto &[name, value] : reply->rawHeaderPairs())
            head += name.toLower() + ": " + value + "\r\n";
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
