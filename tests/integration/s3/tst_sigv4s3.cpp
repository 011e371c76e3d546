// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// sigv4 s3 (ls, cp, mv, rm, mb, rb, presign) as a user runs it, against real servers on
// 127.0.0.1: moto_server (checks every signature; it refuses listings with a '/' delimiter or
// a '/' in the prefix and keys with "+ = &" or non-ASCII bytes even from boto3, so those rows
// are s3rver's) and s3rver. tst_sigv4s3hostile has the answers no real server gives.
#include "s3testservers.h"
#include "sigv4process.h"
#include "testpattern.h"

#include <qtsigv4/awss3reply.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qdir.h>
#include <QtCore/qdiriterator.h>
#include <QtCore/qfile.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <csignal>
#include <functional>
#include <memory>

namespace {

constexpr qint64 MiB = 1024 * 1024;

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// Relative path -> contents of every file below folder.
QMap<QString, QByteArray> tree(const QString &folder)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(folder).relativeFilePath(path), readFile(path));
    }
    return files;
}

using Run = Sigv4Process::Result;

} // namespace

// A macro, not a function: QSKIP must return from the test function itself.
#define SKIP_UNLESS(server) \
    do { \
        if (!m_servers.client(server)) \
            QSKIP(server == Moto ? "moto is not installed" : "s3rver is not installed"); \
    } while (false)

class tst_Sigv4S3 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void help();
    void badInput_data();
    void badInput();
    void lifecycle_data();
    void lifecycle();
    void wrongSecret();
    void listFolders();
    void recursive_data();
    void recursive();
    void multipartAndResume_data();
    void multipartAndResume();
    void downloadResumes_data();
    void downloadResumes();
    void symlinkInDestinationRefused();
    void symlinkLoopRefused();
    void presign();

private:
    QProcessEnvironment environment(S3Server server) const;
    QStringList withEndpoint(S3Server server, QStringList arguments) const;
    Run run(S3Server server, const QStringList &arguments);
    static Run runWith(const QStringList &arguments, const QProcessEnvironment &environment,
                       int timeoutMs = 300000);
    QString makeBucket(S3Server server);
    QByteArray object(S3Server server, const QString &bucket, const QString &key);
    QStringList keys(S3Server server, const QString &bucket);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    // Runs `arguments` and stops the child with `signal` once its state file in `states`
    // records a part (`recorded` says when); checks how the child ended.
    void interruptAfterFirstPart(const QStringList &arguments, int signal, const QString &states,
                                 const std::function<bool(const QByteArray &)> &recorded);

    S3TestServers m_servers;
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
};

void tst_Sigv4S3::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_cache.isValid());
    if (!m_servers.start())
        QSKIP("neither moto_server nor s3rver is installed");
}

void tst_Sigv4S3::cleanupTestCase()
{
    m_servers.stop();
}

QProcessEnvironment tst_Sigv4S3::environment(S3Server server) const
{
    QProcessEnvironment environment = Sigv4Process::cleanEnvironment();
    const AwsCredentials credentials = server == Moto ? m_servers.moto()->credentials()
                                                      : S3rverServer::credentials();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), credentials.accessKeyId());
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), credentials.secretAccessKey());
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
    return environment;
}

QStringList tst_Sigv4S3::withEndpoint(S3Server server, QStringList arguments) const
{
    arguments.prepend(QStringLiteral("s3"));
    arguments << QStringLiteral("--endpoint-url") << m_servers.client(server)->endpoint().toString();
    return arguments;
}

Run tst_Sigv4S3::run(S3Server server, const QStringList &arguments)
{
    return runWith(withEndpoint(server, arguments), environment(server));
}

Run tst_Sigv4S3::runWith(const QStringList &arguments, const QProcessEnvironment &environment,
                         int timeoutMs)
{
    return Sigv4Process::runServing(arguments, environment, timeoutMs);
}

QString tst_Sigv4S3::makeBucket(S3Server server)
{
    return m_servers.makeBucket(server, QStringLiteral("qtsigv4-cli"));
}

QByteArray tst_Sigv4S3::object(S3Server server, const QString &bucket, const QString &key)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::unique_ptr<AwsS3Reply> reply(m_servers.client(server)->getObject(bucket, key, &buffer));
    if (!S3TestServers::wait(reply.get()) || reply->error() != AwsS3Reply::NoError)
        return QByteArray("<") + reply->errorString().toUtf8() + '>';
    return buffer.data();
}

QStringList tst_Sigv4S3::keys(S3Server server, const QString &bucket)
{
    std::unique_ptr<AwsS3Reply> reply(m_servers.client(server)->listAllObjects(bucket));
    QStringList names;
    if (!S3TestServers::wait(reply.get()) || reply->error() != AwsS3Reply::NoError)
        return { QStringLiteral("<error: %1>").arg(reply->errorString()) };
    const QList<AwsS3Object> objects = reply->listResult().objects();
    for (const AwsS3Object &o : objects)
        names.append(o.key());
    names.sort();
    return names;
}

void tst_Sigv4S3::help()
{
    Run r = Sigv4Process::run({ QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("\n  s3            S3 like 'aws s3'"), r.out.constData());
    r = Sigv4Process::run({ QStringLiteral("s3"), QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    for (const char *text : { "--recursive", "--endpoint-url", "--multipart-chunksize", "resumable", "never writes outside" })
        QVERIFY2(r.out.contains(text), text);
}

void tst_Sigv4S3::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const auto row = [](const char *name, const QStringList &arguments, const char *message) {
        QTest::newRow(name) << arguments << QByteArray(message);
    };
    row("no command", {}, "missing command");
    row("unknown command", { QStringLiteral("sync") }, "unknown s3 command 'sync'");
    row("s3:/x", { QStringLiteral("ls"), QStringLiteral("s3:/x") }, "bad S3 URL 's3:/x'");
    row("s3://", { QStringLiteral("ls"), QStringLiteral("s3://") }, "no bucket name");
    row("s3:///key", { QStringLiteral("rm"), QStringLiteral("s3:///key") }, "no bucket name");
    row("cp to s3:/x", { QStringLiteral("cp"), QStringLiteral("a.txt"), QStringLiteral("s3:/x") }, "bad S3 URL 's3:/x'");
    row("cp to s3://", { QStringLiteral("cp"), QStringLiteral("a.txt"), QStringLiteral("s3://") }, "no bucket name");
    row("cp empty key", { QStringLiteral("cp"), QStringLiteral("s3://bucket/"), QStringLiteral("out") },
        "s3://bucket/ names no object: add a key, or use --recursive");
    row("cp s3 to s3 empty key", { QStringLiteral("cp"), QStringLiteral("s3://bucket"), QStringLiteral("s3://other/") },
        "names no object to copy");
    row("cp one operand", { QStringLiteral("cp"), QStringLiteral("s3://bucket/k") }, "takes SOURCE and DESTINATION, got 1");
    row("cp local to local", { QStringLiteral("cp"), QStringLiteral("a"), QStringLiteral("b") },
        "one of SOURCE and DESTINATION must be an s3:// URL");
    row("cp missing file", { QStringLiteral("cp"), QStringLiteral("/nonexistent/qtsigv4/f"), QStringLiteral("s3://b/k") },
        "does not exist");
    row("cp folder without --recursive", { QStringLiteral("cp"), QStringLiteral("/"), QStringLiteral("s3://b/k") },
        "is a folder; use --recursive");
    row("cp same object", { QStringLiteral("mv"), QStringLiteral("s3://b/k"), QStringLiteral("s3://b/k") },
        "the source and the destination are the same object");
    row("rm without key", { QStringLiteral("rm"), QStringLiteral("s3://bucket") }, "names no object: add a key, or use --recursive");
    row("mb with key", { QStringLiteral("mb"), QStringLiteral("s3://bucket/key") }, "takes a bucket");
    row("presign without key", { QStringLiteral("presign"), QStringLiteral("s3://bucket") }, "names no object");
    row("presign bad expiry", { QStringLiteral("presign"), QStringLiteral("s3://b/k"), QStringLiteral("--expires-in"),
                                QStringLiteral("604801") }, "--expires-in must be");
    row("chunk too small", { QStringLiteral("cp"), QStringLiteral("a"), QStringLiteral("s3://b/k"),
                             QStringLiteral("--multipart-chunksize"), QStringLiteral("1MB") }, "--multipart-chunksize must be");
    row("bad endpoint", { QStringLiteral("ls"), QStringLiteral("--endpoint-url"), QStringLiteral("ftp://x") },
        "bad --endpoint-url 'ftp://x'");
}

void tst_Sigv4S3::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QProcessEnvironment environment = Sigv4Process::cleanEnvironment();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    // Nothing listens on port 9: a command that got past the checks would fail otherwise.
    if (!arguments.contains(QStringLiteral("--endpoint-url")))
        arguments << QStringLiteral("--endpoint-url") << QStringLiteral("http://127.0.0.1:9");
    arguments.prepend(QStringLiteral("s3"));
    const Run result = runWith(arguments, environment, 60000);
    QVERIFY(!result.crashed);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(!result.err.contains("wJalrXUtnFEMI"));
}

void tst_Sigv4S3::lifecycle_data()
{
    QTest::addColumn<S3Server>("server");
    QTest::newRow("moto") << Moto;
    QTest::newRow("s3rver") << S3rver;
}

// mb, ls, cp up, cp down, cp s3 -> s3, mv both ways, rm, rb (refused while not empty, --force).
void tst_Sigv4S3::lifecycle()
{
    QFETCH(S3Server, server);
    SKIP_UNLESS(server);
    const QString bucket = QStringLiteral("qtsigv4-cli-life-%1").arg(server == Moto ? "m" : "s");
    const QString b = QStringLiteral("s3://") + bucket;

    Run r = run(server, { QStringLiteral("mb"), b });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, "make_bucket: " + bucket.toUtf8() + '\n');
    r = run(server, { QStringLiteral("ls") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d %1$").arg(bucket),
                                QRegularExpression::MultilineOption).match(QString::fromUtf8(r.out)).hasMatch(),
             r.out.constData());

    const QByteArray data = pattern(1234);
    QVERIFY(writeFile(path(QStringLiteral("life/a.txt")), data));
    r = run(server, { QStringLiteral("cp"), path(QStringLiteral("life/a.txt")), b + u'/' });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QStringLiteral("upload: %1 to %2/a.txt\n").arg(path(QStringLiteral("life/a.txt")), b).toUtf8());
    QCOMPARE(object(server, bucket, QStringLiteral("a.txt")), data);
    QCOMPARE(r.err, QByteArray());  // stderr is no terminal here: no progress line
    r = run(server, { QStringLiteral("cp"), path(QStringLiteral("life/a.txt")), b + QStringLiteral("/quiet.txt"),
                      QStringLiteral("--quiet") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out + r.err, QByteArray());
    QCOMPARE(object(server, bucket, QStringLiteral("quiet.txt")), data);

    // moto refuses listings with a '/' delimiter (see above): --recursive lists without one.
    r = run(server, server == Moto ? QStringList { QStringLiteral("ls"), b, QStringLiteral("--recursive") }
                                   : QStringList { QStringLiteral("ls"), b });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d       1234 a.txt\n"
                                               "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d       1234 quiet.txt\n$"))
                     .match(QString::fromUtf8(r.out)).hasMatch(), r.out.constData());

    r = run(server, { QStringLiteral("cp"), b + QStringLiteral("/a.txt"), path(QStringLiteral("life/down/")) });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readFile(path(QStringLiteral("life/down/a.txt"))), data);
    QCOMPARE(r.out, QStringLiteral("download: %1/a.txt to %2\n").arg(b, path(QStringLiteral("life/down/a.txt"))).toUtf8());

    r = run(server, { QStringLiteral("cp"), b + QStringLiteral("/a.txt"), b + QStringLiteral("/copy.txt") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QStringLiteral("copy: %1/a.txt to %1/copy.txt\n").arg(b).toUtf8());
    QCOMPARE(object(server, bucket, QStringLiteral("copy.txt")), data);

    r = run(server, { QStringLiteral("mv"), b + QStringLiteral("/copy.txt"), b + QStringLiteral("/moved.txt") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QStringLiteral("move: %1/copy.txt to %1/moved.txt\n").arg(b).toUtf8());
    QCOMPARE(keys(server, bucket), QStringList({ QStringLiteral("a.txt"), QStringLiteral("moved.txt"),
                                                 QStringLiteral("quiet.txt") }));

    r = run(server, { QStringLiteral("mv"), path(QStringLiteral("life/down/a.txt")), b + QStringLiteral("/up.txt") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!QFile::exists(path(QStringLiteral("life/down/a.txt"))));
    QCOMPARE(object(server, bucket, QStringLiteral("up.txt")), data);

    // A missing key: exit 1 with the server's word, nothing written.
    r = run(server, { QStringLiteral("cp"), b + QStringLiteral("/missing"), path(QStringLiteral("life/missing")) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("sigv4: download failed: " + b.toUtf8() + "/missing to "), r.err.constData());
    QVERIFY2(r.err.contains("NoSuchKey") || r.err.contains("404"), r.err.constData());
    QVERIFY(!QFile::exists(path(QStringLiteral("life/missing"))));

    r = run(server, { QStringLiteral("rm"), b + QStringLiteral("/moved.txt") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QStringLiteral("delete: %1/moved.txt\n").arg(b).toUtf8());
    QCOMPARE(keys(server, bucket), QStringList({ QStringLiteral("a.txt"), QStringLiteral("quiet.txt"),
                                                 QStringLiteral("up.txt") }));

    r = run(server, { QStringLiteral("rb"), b });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("BucketNotEmpty"), r.err.constData());
    r = run(server, { QStringLiteral("rb"), b, QStringLiteral("--force") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.endsWith("remove_bucket: " + bucket.toUtf8() + '\n'), r.out.constData());
    r = run(server, { QStringLiteral("ls") });
    QVERIFY(!r.out.contains(bucket.toUtf8()));
}

void tst_Sigv4S3::wrongSecret()
{
    SKIP_UNLESS(Moto);
    QProcessEnvironment environment = this->environment(Moto);
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("not-the-secret-0123456789"));
    const Run r = runWith(withEndpoint(Moto, { QStringLiteral("ls") }), environment);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("SignatureDoesNotMatch"), r.err.constData());
    QVERIFY2(r.err.contains("check the secret access key"), r.err.constData());
    QVERIFY(!r.err.contains("not-the-secret"));
}

// Folders (PRE) with the '/' delimiter: s3rver (moto refuses these listings, see above).
void tst_Sigv4S3::listFolders()
{
    SKIP_UNLESS(S3rver);
    const QString bucket = makeBucket(S3rver);
    QVERIFY(!bucket.isEmpty());
    for (const char *key : { "top.txt", "dir/a.txt", "dir/sub/b.txt" }) {
        QVERIFY(writeFile(path(QStringLiteral("ls/f")), QByteArray(key)));
        const Run r = run(S3rver, { QStringLiteral("cp"), path(QStringLiteral("ls/f")),
                                    QStringLiteral("s3://%1/%2").arg(bucket, QLatin1StringView(key)) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const QString b = QStringLiteral("s3://") + bucket;
    const QString pre = QStringLiteral("PRE").rightJustified(30);
    const QString date = QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    const struct {
        QStringList arguments;
        QString expected;
    } rows[] = {
        { { QStringLiteral("ls"), b }, pre + QStringLiteral(" dir/\n") + date + QStringLiteral("          7 top.txt\n") },
        { { QStringLiteral("ls"), b + QStringLiteral("/dir/") },
          pre + QStringLiteral(" sub/\n") + date + QStringLiteral("          9 a.txt\n") },
        { { QStringLiteral("ls"), b + QStringLiteral("/dir") }, pre + QStringLiteral(" dir/\n") },
        { { QStringLiteral("ls"), b + QStringLiteral("/dir/"), QStringLiteral("--recursive") },
          date + QStringLiteral("          9 dir/a.txt\n") + date + QStringLiteral("         13 dir/sub/b.txt\n") },
    };
    for (const auto &row : rows) {
        const Run r = run(S3rver, row.arguments);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QRegularExpression(QLatin1Char('^') + row.expected + QLatin1Char('$')).match(QString::fromUtf8(r.out)).hasMatch(),
                 qPrintable(row.arguments.join(u' ') + QStringLiteral(" printed:\n") + QString::fromUtf8(r.out)));
    }
    const Run missing = run(S3rver, { QStringLiteral("ls"), QStringLiteral("s3://qtsigv4-no-such-bucket/") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("NoSuchBucket"), missing.err.constData());
}

void tst_Sigv4S3::recursive_data()
{
    QTest::addColumn<S3Server>("server");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<bool>("copies");
    const QStringList tame = { QStringLiteral("a.txt"), QStringLiteral("nested/b.txt"),
                               QStringLiteral("nested/deeper/c d.txt"), QStringLiteral(".hidden") };
    // moto lists only without a '/' in the prefix, and refuses keys with "+ = &" or non-ASCII.
    QTest::newRow("moto") << Moto << QString() << tame << true;
    // s3rver decodes x-amz-copy-source with JavaScript's decodeURI, which leaves "#?;,+=&"
    // encoded: it copies those keys as keys that do not exist (NoSuchKey). Copies of them are
    // moto's (above) or not tested; the odd keys go up and down.
    QTest::newRow("s3rver odd keys") << S3rver << QStringLiteral("up/load")
                            << (tame + QStringList { QStringLiteral("odd/x+y=z&w.txt"), QStringLiteral("odd/100% #1?.txt"),
                                                     QStringLiteral("odd/caf\u00e9 \u6f22\u5b57.txt"),
                                                     QStringLiteral("odd/semi;colon,comma'quote\".txt") })
                            << false;
    QTest::newRow("s3rver") << S3rver << QStringLiteral("up/load/")
                            << (tame + QStringList { QStringLiteral("odd/100% caf\u00e9 \u6f22\u5b57.txt") }) << true;
}

void tst_Sigv4S3::recursive()
{
    QFETCH(S3Server, server);
    QFETCH(QString, prefix);
    QFETCH(QStringList, files);
    QFETCH(bool, copies);
    SKIP_UNLESS(server);
    const QString bucket = makeBucket(server);
    QVERIFY(!bucket.isEmpty());
    const QString source = path(QStringLiteral("rec-%1/source").arg(QLatin1StringView(QTest::currentDataTag())));
    QMap<QString, QByteArray> expected;
    int seed = 0;
    for (const QString &file : files) {
        expected.insert(file, pattern(100 + seed));
        QVERIFY(writeFile(source + u'/' + file, expected.value(file)));
        ++seed;
    }
    const QString target = QStringLiteral("s3://%1/%2").arg(bucket, prefix);
    Run r = run(server, { QStringLiteral("cp"), source, target, QStringLiteral("--recursive") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count("upload: "), files.size());
    QStringList wanted;
    for (const QString &file : files)
        wanted.append(prefix.isEmpty() || prefix.endsWith(u'/') ? prefix + file : prefix + u'/' + file);
    wanted.sort();
    QCOMPARE(keys(server, bucket), wanted);

    const QString destination = path(QStringLiteral("rec-%1/down").arg(QLatin1StringView(QTest::currentDataTag())));
    r = run(server, { QStringLiteral("cp"), target, destination, QStringLiteral("--recursive") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count("download: "), files.size());
    QCOMPARE(tree(destination), expected);

    // s3 -> s3 with --recursive into a second bucket (moto lists no prefix with a '/'), then
    // mv back down: the copies arrive, then their keys are gone.
    if (copies) {
        const QString second = makeBucket(server);
        QVERIFY(!second.isEmpty());
        r = run(server, { QStringLiteral("cp"), target, QStringLiteral("s3://") + second, QStringLiteral("--recursive") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count("copy: "), files.size());
        QStringList copied = files;
        copied.sort();
        QCOMPARE(keys(server, second), copied);
        const QString moved = path(QStringLiteral("rec-%1/moved").arg(QLatin1StringView(QTest::currentDataTag())));
        r = run(server, { QStringLiteral("mv"), QStringLiteral("s3://") + second, moved, QStringLiteral("--recursive") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count("move: "), files.size());
        QCOMPARE(tree(moved), expected);
        QCOMPARE(keys(server, second), QStringList());
    }
    r = run(server, { QStringLiteral("rm"), target, QStringLiteral("--recursive") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.count("delete: "), files.size());
    QCOMPARE(keys(server, bucket), QStringList());
}

void tst_Sigv4S3::multipartAndResume_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGKILL") << int(SIGKILL);
    QTest::newRow("SIGINT") << int(SIGINT);
}

// A 17 MiB file in 5 MiB parts, one at a time; the child is stopped once the state of its
// first part is written, and the same command then sends only the parts that are missing.
void tst_Sigv4S3::multipartAndResume()
{
    QFETCH(int, signal);
    SKIP_UNLESS(Moto);  // s3rver has no ListParts: no resume there
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString file = path(QStringLiteral("big-%1.bin").arg(signal));
    const QByteArray data = pattern(17 * MiB);
    QVERIFY(writeFile(file, data));
    const QStringList arguments = withEndpoint(Moto, { QStringLiteral("cp"), file, QStringLiteral("s3://%1/big").arg(bucket),
                                                       QStringLiteral("--multipart-threshold"), QStringLiteral("8MB"),
                                                       QStringLiteral("--multipart-chunksize"), QStringLiteral("5MiB"),
                                                       QStringLiteral("--max-concurrent-requests"), QStringLiteral("1") });
    const QString states = m_cache.filePath(QStringLiteral("qtsigv4/s3-transfers"));
    QDir(states).removeRecursively();

    interruptAfterFirstPart(arguments, signal, states,
                            [](const QByteArray &state) { return state.contains("\"etag\""); });
    if (QTest::currentTestFailed())
        return;

    const Run again = runWith(arguments, environment(Moto));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.out.contains("(resumed: "), again.out.constData());
    QVERIFY2(again.out.contains(" of 4 parts were already stored)"), again.out.constData());
    QCOMPARE(object(Moto, bucket, QStringLiteral("big")), data);
    QVERIFY(QDir(states).entryList(QDir::Files).isEmpty());  // removed once complete
}

void tst_Sigv4S3::interruptAfterFirstPart(const QStringList &arguments, int signal, const QString &states,
                                          const std::function<bool(const QByteArray &)> &recorded)
{
    QProcess child;
    child.setProcessEnvironment(environment(Moto));
    child.start(Sigv4Process::executable(), arguments);
    QVERIFY(child.waitForStarted());
    QElapsedTimer clock;
    clock.start();
    // The state file is written when the transfer starts, then after each part (atomically).
    const auto partRecorded = [&states, &recorded] {
        const QStringList files = QDir(states).entryList(QDir::Files);
        return !files.isEmpty() && recorded(readFile(QDir(states).filePath(files.first())));
    };
    while (!partRecorded() && child.state() == QProcess::Running && clock.elapsed() < 120000)
        QTest::qSleep(5);
    QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
    ::kill(pid_t(child.processId()), signal);
    QVERIFY(child.waitForFinished(60000));
    const QByteArray err = child.readAllStandardError();
    if (signal == SIGINT) {
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 130);
        QVERIFY2(err.contains("run the same command again"), err.constData());
    } else {
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    }
    QCOMPARE(QDir(states).entryList(QDir::Files).size(), 1);  // kept for the next run
}

void tst_Sigv4S3::downloadResumes_data()
{
    multipartAndResume_data();
}

// The same for a download: 17 MiB in 5 MiB ranges, one at a time; the run after the
// interruption fetches only the missing ranges, and the target appears only when complete.
void tst_Sigv4S3::downloadResumes()
{
    QFETCH(int, signal);
    SKIP_UNLESS(Moto);
    const QString bucket = makeBucket(Moto);
    QVERIFY(!bucket.isEmpty());
    const QString source = path(QStringLiteral("down-source-%1.bin").arg(signal));
    const QByteArray data = pattern(17 * MiB);
    QVERIFY(writeFile(source, data));
    const Run up = run(Moto, { QStringLiteral("cp"), source, QStringLiteral("s3://%1/big").arg(bucket) });
    QVERIFY2(up.exitCode == 0, up.err.constData());
    const QString target = path(QStringLiteral("down-%1.bin").arg(signal));
    const QStringList arguments = withEndpoint(Moto, { QStringLiteral("cp"), QStringLiteral("s3://%1/big").arg(bucket), target,
                                                       QStringLiteral("--multipart-chunksize"), QStringLiteral("5MiB"),
                                                       QStringLiteral("--max-concurrent-requests"), QStringLiteral("1") });
    const QString states = m_cache.filePath(QStringLiteral("qtsigv4/s3-transfers"));
    QDir(states).removeRecursively();
    interruptAfterFirstPart(arguments, signal, states, [](const QByteArray &state) {
        return QRegularExpression(QStringLiteral("\"parts\":\\[\\d")).match(QString::fromLatin1(state)).hasMatch();
    });
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!QFile::exists(target));   // never half-written

    const Run again = runWith(arguments, environment(Moto));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.out.contains(" of 4 parts were already here)"), again.out.constData());
    QCOMPARE(readFile(target), data);
    QVERIFY(QDir(states).entryList(QDir::Files).isEmpty());  // removed once complete
    QVERIFY(!QFile::exists(target + QStringLiteral(".s3download.part")));
}

// A folder of the destination that is a symbolic link out of it: its keys are not written.
void tst_Sigv4S3::symlinkInDestinationRefused()
{
    SKIP_UNLESS(S3rver);
    const QString bucket = makeBucket(S3rver);
    QVERIFY(!bucket.isEmpty());
    QVERIFY(writeFile(path(QStringLiteral("sym/f")), "data"));
    for (const char *key : { "link/x.txt", "link/new/y.txt", "plain.txt" }) {
        const Run r = run(S3rver, { QStringLiteral("cp"), path(QStringLiteral("sym/f")),
                                    QStringLiteral("s3://%1/%2").arg(bucket, QLatin1StringView(key)) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const QString destination = path(QStringLiteral("sym/dest"));
    const QString outside = path(QStringLiteral("sym/outside"));
    QVERIFY(QDir().mkpath(destination) && QDir().mkpath(outside));
    QVERIFY(QFile::link(outside, destination + QStringLiteral("/link")));
    const Run r = run(S3rver, { QStringLiteral("cp"), QStringLiteral("s3://") + bucket, destination, QStringLiteral("--recursive") });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count("leads outside"), 2);
    QVERIFY(QDir(outside).isEmpty());
    QCOMPARE(readFile(destination + QStringLiteral("/plain.txt")), QByteArray("data"));
}

void tst_Sigv4S3::symlinkLoopRefused()
{
    SKIP_UNLESS(S3rver);
    const QString bucket = makeBucket(S3rver);
    QVERIFY(!bucket.isEmpty());
    const QString source = path(QStringLiteral("loop/source"));
    QVERIFY(writeFile(source + QStringLiteral("/sub/file.txt"), "x"));
    QVERIFY(QFile::link(source, source + QStringLiteral("/sub/back")));
    const Run r = run(S3rver, { QStringLiteral("cp"), source, QStringLiteral("s3://") + bucket, QStringLiteral("--recursive") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("symbolic link loop"), r.err.constData());
    QCOMPARE(keys(S3rver, bucket), QStringList { QStringLiteral("sub/file.txt") });
}

// presign: a URL that another client can GET (s3rver; moto answers presigned URLs with 500).
void tst_Sigv4S3::presign()
{
    SKIP_UNLESS(S3rver);
    const QString bucket = makeBucket(S3rver);
    QVERIFY(!bucket.isEmpty());
    QVERIFY(writeFile(path(QStringLiteral("pre/f")), "presigned body"));
    Run r = run(S3rver, { QStringLiteral("cp"), path(QStringLiteral("pre/f")), QStringLiteral("s3://%1/k").arg(bucket) });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = run(S3rver, { QStringLiteral("presign"), QStringLiteral("s3://%1/k").arg(bucket), QStringLiteral("--expires-in"),
                      QStringLiteral("600") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QUrl url = QUrl::fromEncoded(r.out.trimmed());
    QVERIFY2(url.query().contains(QStringLiteral("X-Amz-Expires=600")), r.out.constData());
    QVERIFY(url.query().contains(QStringLiteral("X-Amz-Signature=")));
    QCOMPARE(url.path(), QStringLiteral("/%1/k").arg(bucket));
    QCOMPARE(url.port(), m_servers.client(S3rver)->endpoint().port());
}

QTEST_GUILESS_MAIN(tst_Sigv4S3)
#include "tst_sigv4s3.moc"
