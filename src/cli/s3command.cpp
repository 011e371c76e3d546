// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3command.h"

#include "clitarget.h"
#include "s3session.h"
#include "s3transfer.h"
#include "s3uri.h"

#include <qtsigv4/awspresignreply.h>
#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3reply.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qregularexpression.h>

#include <unistd.h>

namespace {

constexpr int ExitInterrupted = 130;

QString localTime(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// "8MB", "5MiB", "16777216": sizes as the AWS CLI's s3 settings write them (KB, MB, GB are
// binary there too). -1 when not a size.
qint64 parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,13})\\s*(|B|KB|KiB|MB|MiB|GB|GiB)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    const QString unit = match.captured(2).toUpper();
    const int shift = unit.startsWith(u'K') ? 10 : unit.startsWith(u'M') ? 20 : unit.startsWith(u'G') ? 30 : 0;
    const qint64 value = match.captured(1).toLongLong();
    return value > (Q_INT64_C(1) << (62 - shift)) ? -1 : value << shift;
}

} // namespace

S3Command::S3Command() = default;
S3Command::~S3Command() = default;

void S3Command::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("ls, cp, mv, rm, mb, rb or presign."));
    parser.addPositionalArgument(QStringLiteral("operands"), QStringLiteral("s3://bucket/key, local paths."),
                                 QStringLiteral("[operands...]"));
    parser.addOptions({
        { QStringLiteral("recursive"),
          QStringLiteral("ls: every key below the prefix; cp, mv: every file below the folder or key "
                         "below the prefix; rm: every key below the prefix.") },
        { QStringLiteral("force"), QStringLiteral("rb: delete every object of the bucket first.") },
        { QStringLiteral("quiet"), QStringLiteral("No per-file lines and no progress; errors only.") },
        { QStringLiteral("no-progress"), QStringLiteral("No progress line (drawn only when stderr is a terminal).") },
        { QStringLiteral("expires-in"),
          QStringLiteral("presign: validity in seconds, 1..604800 (default: 3600)."), QStringLiteral("SECONDS") },
        { QStringLiteral("put"), QStringLiteral("presign: a URL to upload (PUT) instead of download.") },
        { QStringLiteral("multipart-threshold"),
          QStringLiteral("cp, mv: files from this size up go in a multipart upload (default: 8MB)."),
          QStringLiteral("SIZE") },
        { QStringLiteral("multipart-chunksize"),
          QStringLiteral("cp, mv: the part size of a multipart upload, 5MB..5GB (default: 8MB)."),
          QStringLiteral("SIZE") },
        { QStringLiteral("max-concurrent-requests"),
          QStringLiteral("cp, mv: parts of a multipart upload sent at a time, 1..64 (default: 4)."),
          QStringLiteral("N") },
        { QStringLiteral("endpoint-url"),
          QStringLiteral("Send to this endpoint (MinIO, moto, ...) instead of AWS (default: "
                         "AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, then the profile's services section "
                         "and endpoint_url)."),
          QStringLiteral("URL") },
        { QStringLiteral("region"),
          QStringLiteral("Region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, "
                         "else us-east-1)."),
          QStringLiteral("R") },
    });
    addCredentialOptions(parser, QStringLiteral("Session token (default: AWS_SESSION_TOKEN)."));
}

QString S3Command::epilogue()
{
    return QStringLiteral(
            "\nCommands:\n"
            "  ls [s3://bucket[/prefix]] [--recursive]    buckets; or keys and PRE folders/\n"
            "  cp SOURCE DESTINATION [--recursive]        local -> s3, s3 -> local, s3 -> s3\n"
            "  mv SOURCE DESTINATION [--recursive]        cp, then delete each source that was copied\n"
            "  rm s3://bucket/key [--recursive]           delete a key, or every key below a prefix\n"
            "  mb s3://bucket                             make a bucket\n"
            "  rb s3://bucket [--force]                   remove a bucket (--force: its objects first)\n"
            "  presign s3://bucket/key [--expires-in N] [--put]\n"
            "\nKeys are everything after s3://bucket/, byte for byte. A destination ending with '/'\n"
            "(or a local folder) receives the file under its own name.\n"
            "\nFiles from 8MB (--multipart-threshold) move in parts, 4 at a time, and are\n"
            "resumable: after Ctrl-C, a crash or a lost network, run the same command again and\n"
            "only the missing parts move (the state is kept under $XDG_CACHE_HOME/qtsigv4/\n"
            "s3-transfers, removed once the transfer is complete). Downloads go to a temporary\n"
            "file beside the target (FILE.s3download.part), renamed into place when complete and\n"
            "checked; the target is never half-written. An interrupted download in parts keeps\n"
            "its temporary file for the next run; a smaller one leaves nothing behind.\n"
            "\nDownloading with --recursive never writes outside DESTINATION: a key that is an\n"
            "absolute path, has a '.', '..' or empty segment, or whose folder leads elsewhere through\n"
            "a symbolic link is skipped with an error line; the other keys are downloaded and the\n"
            "exit status is 1. Uploading a folder follows symbolic links; a link loop, a dangling\n"
            "link or a special file is skipped the same way.\n"
            "\nExamples:\n"
            "  sigv4 s3 mb s3://my-bucket --endpoint-url http://127.0.0.1:9000\n"
            "  sigv4 s3 cp ./photos s3://my-bucket/photos --recursive\n"
            "  sigv4 s3 ls s3://my-bucket/photos/\n"
            "\nExit status: 0 on success, 1 when something failed (one line on stderr per failed\n"
            "file), 2 on bad input, 130 when interrupted.\n");
}

int S3Command::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = ExitSuccess;
    if (!parseArguments(parser, arguments, QStringLiteral("S3 from the command line, in the spirit of 'aws s3'."),
                        QStringLiteral("Usage: sigv4 s3 <command> [options] [operands...]"), epilogue(),
                        &exitCode)) {
        return exitCode;
    }
    QStringList operands = parser.positionalArguments();
    if (operands.isEmpty())
        return fail(QStringLiteral("missing command (ls, cp, mv, rm, mb, rb, presign); try 'sigv4 s3 --help'"));
    const QString action = operands.takeFirst();
    return dispatch(action, operands, parser);
}

bool S3Command::startSession(const QCommandLineParser &parser, QString *errorString)
{
    CliTarget target;
    if (!target.resolveService(parser, QStringLiteral("s3"), errorString))
        return false;
    const AwsCredentials credentials = credentialsFrom(parser, environment(), errorString);
    if (!credentials.isValid())
        return false;
    m_session = std::make_unique<S3Session>(credentials, target.url, target.region,
                                            [this](const QString &line) { fail(line, ExitFailure); });
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    m_session->setQuiet(quiet);
    m_session->progress().setEnabled(!quiet && !parser.isSet(QStringLiteral("no-progress"))
                                     && ::isatty(STDERR_FILENO));
    return true;
}

bool S3Command::oneUri(const QStringList &operands, bool optional, S3Uri *uri, int *exitCode) const
{
    QString error;
    if (operands.size() > 1)
        error = QStringLiteral("expected one s3:// URL, got %1 operands").arg(operands.size());
    else if (operands.isEmpty() && !optional)
        error = QStringLiteral("missing s3://bucket URL");
    else if (!operands.isEmpty())
        S3Uri::parse(operands.first(), uri, &error);
    if (error.isEmpty())
        return true;
    *exitCode = fail(error);
    return false;
}

int S3Command::dispatch(const QString &action, const QStringList &operands, const QCommandLineParser &parser)
{
    static const QStringList actions = { QStringLiteral("ls"), QStringLiteral("cp"), QStringLiteral("mv"),
                                         QStringLiteral("rm"), QStringLiteral("mb"), QStringLiteral("rb"),
                                         QStringLiteral("presign") };
    if (!actions.contains(action))
        return fail(QStringLiteral("unknown s3 command '%1' (ls, cp, mv, rm, mb, rb, presign)")
                            .arg(S3Uri::printable(action)));
    const bool recursive = parser.isSet(QStringLiteral("recursive"));
    if (recursive && (action == u"mb" || action == u"rb" || action == u"presign"))
        return fail(QStringLiteral("--recursive does not apply to 's3 %1'").arg(action));
    if (action == u"cp" || action == u"mv") {
        if (operands.size() != 2)
            return fail(QStringLiteral("'s3 %1' takes SOURCE and DESTINATION, got %2 operands")
                                .arg(action).arg(operands.size()));
        return transfer(operands, parser, action == u"mv");
    }
    S3Uri uri;
    int exitCode = ExitSuccess;
    if (!oneUri(operands, action == u"ls", &uri, &exitCode))
        return exitCode;
    if ((action == u"mb" || action == u"rb") && !uri.key.isEmpty())
        return fail(QStringLiteral("'s3 %1' takes a bucket (s3://bucket), not a key").arg(action));
    if ((action == u"presign" || (action == u"rm" && !recursive)) && uri.key.isEmpty())
        return fail(QStringLiteral("%1 names no object: add a key%2")
                            .arg(S3Uri::printable(uri.toString()),
                                 action == u"rm" ? QStringLiteral(", or use --recursive") : QString()));
    QString error;
    if (!startSession(parser, &error))
        return fail(error);
    if (action == u"ls")
        return operands.isEmpty() ? listBuckets() : list(uri, recursive);
    if (action == u"mb")
        return makeBucket(uri);
    if (action == u"rb")
        return removeBucket(uri, parser.isSet(QStringLiteral("force")));
    if (action == u"rm")
        return remove(uri, recursive);
    return presign(uri, parser);
}

int S3Command::replyFailed(const QString &what, const AwsS3Reply *reply)
{
    if (m_session->isInterrupted())
        return fail(QStringLiteral("interrupted"), ExitInterrupted);
    return fail(QStringLiteral("%1: %2").arg(what, S3Session::replyError(reply)), ExitFailure);
}

int S3Command::listBuckets()
{
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->listBuckets());
    if (!m_session->wait(reply.get()) || reply->error() != AwsS3Reply::NoError)
        return replyFailed(QStringLiteral("cannot list the buckets"), reply.get());
    QString text;
    const QList<AwsS3Bucket> buckets = reply->buckets();
    for (const AwsS3Bucket &bucket : buckets)
        text += localTime(bucket.creationDate()) + u' ' + S3Uri::printable(bucket.name()) + u'\n';
    return writeStdout(text.toUtf8()) ? ExitSuccess : fail(QStringLiteral("cannot write to stdout"), ExitFailure);
}

int S3Command::list(const S3Uri &uri, bool recursive)
{
    AwsS3ListOptions options;
    options.setPrefix(uri.key);
    if (!recursive)
        options.setDelimiter(QStringLiteral("/"));
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->listAllObjects(uri.bucket, options));
    bool written = true;
    // Page by page, as the AWS CLI prints: its folders (PRE), then its keys (their last segment,
    // the whole key with --recursive).
    QObject::connect(reply.get(), &AwsS3Reply::pageReceived, reply.get(),
                     [recursive, &written](const AwsS3ListResult &page) {
        QString text;
        const QStringList prefixes = page.commonPrefixes();
        for (const QString &prefix : prefixes) {
            const QStringList segments = prefix.split(u'/');
            const QString name = segments.size() >= 2 ? segments.at(segments.size() - 2) : prefix;
            text += QStringLiteral("PRE").rightJustified(30) + u' ' + S3Uri::printable(name) + QStringLiteral("/\n");
        }
        const QList<AwsS3Object> objects = page.objects();
        for (const AwsS3Object &object : objects) {
            const QString name = recursive ? object.key() : object.key().mid(object.key().lastIndexOf(u'/') + 1);
            text += localTime(object.lastModified()) + u' ' + QString::number(object.size()).rightJustified(10)
                    + u' ' + S3Uri::printable(name) + u'\n';
        }
        written = writeStdout(text.toUtf8()) && written;
    });
    if (!m_session->wait(reply.get()) || reply->error() != AwsS3Reply::NoError)
        return replyFailed(QStringLiteral("cannot list %1").arg(S3Uri::printable(uri.toString())), reply.get());
    return written ? ExitSuccess : fail(QStringLiteral("cannot write to stdout"), ExitFailure);
}

int S3Command::finishOne(AwsS3Reply *started, const QString &verb, const QString &name)
{
    std::unique_ptr<AwsS3Reply> reply(started);
    const QString shown = S3Uri::printable(name);
    if (!m_session->wait(reply.get()) || reply->error() != AwsS3Reply::NoError)
        return replyFailed(QStringLiteral("%1 failed: %2").arg(verb, shown), reply.get());
    m_session->report(QStringLiteral("%1: %2").arg(verb, shown));
    return ExitSuccess;
}

int S3Command::makeBucket(const S3Uri &uri)
{
    return finishOne(m_session->client()->createBucket(uri.bucket), QStringLiteral("make_bucket"), uri.bucket);
}

int S3Command::removeBucket(const S3Uri &uri, bool force)
{
    if (force && !removeAll(uri))
        return m_session->isInterrupted() ? ExitInterrupted : ExitFailure;
    return finishOne(m_session->client()->deleteBucket(uri.bucket), QStringLiteral("remove_bucket"), uri.bucket);
}

int S3Command::remove(const S3Uri &uri, bool recursive)
{
    if (recursive)
        return removeAll(uri) ? ExitSuccess : m_session->isInterrupted() ? ExitInterrupted : ExitFailure;
    return finishOne(m_session->client()->deleteObject(uri.bucket, uri.key), QStringLiteral("delete"),
                     uri.toString());
}

bool S3Command::removeAll(const S3Uri &uri)
{
    AwsS3ListOptions options;
    options.setPrefix(uri.folderPrefix());
    std::unique_ptr<AwsS3Reply> list(m_session->client()->listAllObjects(uri.bucket, options));
    if (!m_session->wait(list.get()) || list->error() != AwsS3Reply::NoError) {
        replyFailed(QStringLiteral("cannot list %1").arg(S3Uri::printable(uri.toString())), list.get());
        return false;
    }
    QStringList keys;
    const QList<AwsS3Object> objects = list->listResult().objects();
    for (const AwsS3Object &object : objects)
        keys.append(object.key());
    if (keys.isEmpty())
        return true;
    std::unique_ptr<AwsS3Reply> reply(m_session->client()->deleteObjects(uri.bucket, keys));
    if (!m_session->wait(reply.get()))
        return replyFailed(QString(), reply.get()) == ExitSuccess;
    const QStringList deleted = reply->deletedKeys();
    for (const QString &key : deleted)
        m_session->report(QStringLiteral("delete: %1").arg(S3Uri::printable(S3Uri { uri.bucket, key }.toString())));
    const QList<AwsS3DeleteError> errors = reply->deleteErrors();
    for (const AwsS3DeleteError &error : errors) {
        m_session->error(QStringLiteral("delete failed: %1: %2: %3")
                                 .arg(S3Uri::printable(S3Uri { uri.bucket, error.key() }.toString()),
                                      S3Uri::printable(error.code()), S3Uri::printable(error.message())));
    }
    if (reply->error() != AwsS3Reply::NoError && errors.isEmpty())
        replyFailed(QStringLiteral("delete failed: %1").arg(S3Uri::printable(uri.toString())), reply.get());
    return reply->error() == AwsS3Reply::NoError;
}

int S3Command::presign(const S3Uri &uri, const QCommandLineParser &parser)
{
    qint64 expires = AwsSigningConfig::DefaultExpiry;
    if (parser.isSet(QStringLiteral("expires-in"))) {
        bool ok = false;
        expires = parser.value(QStringLiteral("expires-in")).toLongLong(&ok);
        if (!ok || expires < 1 || expires > AwsSigningConfig::MaximumExpiry)
            return fail(QStringLiteral("--expires-in must be a number of seconds from 1 to %1, got '%2'")
                                .arg(AwsSigningConfig::MaximumExpiry)
                                .arg(S3Uri::printable(parser.value(QStringLiteral("expires-in")))));
    }
    AwsS3Client *client = m_session->client();
    std::unique_ptr<AwsPresignReply> reply(parser.isSet(QStringLiteral("put"))
                                                   ? client->presignPutObject(uri.bucket, uri.key, expires)
                                                   : client->presignGetObject(uri.bucket, uri.key, expires));
    if (!m_session->wait(reply.get()))
        return fail(QStringLiteral("interrupted"), ExitInterrupted);
    if (reply->error() != AwsPresignReply::NoError)
        return fail(QStringLiteral("cannot presign %1: %2").arg(S3Uri::printable(uri.toString()), reply->errorString()));
    return writeStdout(reply->url().toEncoded() + '\n') ? ExitSuccess
                                                        : fail(QStringLiteral("cannot write to stdout"), ExitFailure);
}

int S3Command::transfer(const QStringList &operands, const QCommandLineParser &parser, bool move)
{
    S3Transfer::Options options;
    options.recursive = parser.isSet(QStringLiteral("recursive"));
    options.move = move;
    const struct {
        const char *name;
        qint64 minimum, maximum;
        void (AwsS3UploadOptions::*set)(qint64);
        void (AwsS3DownloadOptions::*setDownload)(qint64);
    } sizes[] = {
        { "multipart-threshold", 0, AwsS3UploadOptions::MaximumObjectSize,
          &AwsS3UploadOptions::setMultipartThreshold, &AwsS3DownloadOptions::setMultipartThreshold },
        { "multipart-chunksize", AwsS3UploadOptions::MinimumPartSize, AwsS3UploadOptions::MaximumPartSize,
          &AwsS3UploadOptions::setPartSize, &AwsS3DownloadOptions::setPartSize },
    };
    for (const auto &size : sizes) {
        const QString name = QLatin1StringView(size.name);
        if (!parser.isSet(name))
            continue;
        const qint64 bytes = parseSize(parser.value(name));
        if (bytes < size.minimum || bytes > size.maximum)
            return fail(QStringLiteral("--%1 must be a size from %2 to %3 bytes (e.g. 8MB), got '%4'")
                                .arg(name).arg(size.minimum).arg(size.maximum)
                                .arg(S3Uri::printable(parser.value(name))));
        (options.upload.*size.set)(bytes);
        (options.download.*size.setDownload)(bytes);
    }
    if (parser.isSet(QStringLiteral("max-concurrent-requests"))) {
        bool ok = false;
        const int count = parser.value(QStringLiteral("max-concurrent-requests")).toInt(&ok);
        if (!ok || count < 1 || count > 64)
            return fail(QStringLiteral("--max-concurrent-requests must be from 1 to 64"));
        options.upload.setPartsInFlight(count);
        options.download.setPartsInFlight(count);
    }
    QString error;
    for (const QString &operand : operands) {
        S3Uri uri;
        if (S3Uri::isS3(operand) && !S3Uri::parse(operand, &uri, &error))
            return fail(error);
    }
    if (!startSession(parser, &error))
        return fail(error);
    return S3Transfer(m_session.get(), options).run(operands.at(0), operands.at(1));
}
