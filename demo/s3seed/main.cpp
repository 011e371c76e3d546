// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// s3seed: fills an S3 endpoint with demo buckets and objects, through the library.
//
//   s3seed --endpoint http://127.0.0.1:PORT [--bootstrap-moto] [--many N] [--large-mib N]
//
// --bootstrap-moto first creates an IAM user and access key on a fresh moto_server (started
// with INITIAL_NO_AUTH_ACTION_COUNT=3) and prints them as
//   aws_access_key_id = ...
//   aws_secret_access_key = ...
// on standard output, ready for a credentials file. Otherwise the credentials come from
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN).
#include "motobootstrap.h"
#include "s3client.h"
#include "s3format.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qrandom.h>
#include <QtCore/qtextstream.h>

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Runs `count` jobs with at most `parallel` in flight; each job calls done(error) once.
bool runJobs(int count, int parallel,
             const std::function<void(int, const S3Client::DoneHandler &)> &job, QString *errorString)
{
    QEventLoop loop;
    int next = 0;
    int running = 0;
    bool failed = false;
    std::function<void()> pump;
    pump = [&]() {
        while (!failed && running < parallel && next < count) {
            ++running;
            job(next++, [&](const S3Error &error) {
                --running;
                if (error.isError() && !failed) {
                    failed = true;
                    *errorString = error.toString();
                }
                if ((running == 0 && (next >= count || failed)))
                    loop.quit();
                else
                    pump();
            });
        }
    };
    pump();
    if (running > 0)
        loop.exec();
    return !failed;
}

QByteArray textFile(const QString &title, int lines)
{
    QByteArray data = "# " + title.toUtf8() + "\n\n";
    for (int i = 1; i <= lines; ++i)
        data += "Line " + QByteArray::number(i) + " of " + title.toUtf8()
                + ", stored with a SigV4-signed PUT.\n";
    return data;
}

QByteArray binaryFile(qint64 bytes, quint32 seed)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), int(bytes / 4));
    return data;
}

struct SeedObject
{
    QString bucket;
    QString key;
    QByteArray data;
    QByteArray contentType;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("s3seed"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seeds an S3 endpoint with demo data through qtsigv4."));
    parser.addHelpOption();
    const QCommandLineOption endpointOption(QStringLiteral("endpoint"), QStringLiteral("S3 endpoint URL."), QStringLiteral("url"));
    const QCommandLineOption regionOption(QStringLiteral("region"), QStringLiteral("Region (default us-east-1)."), QStringLiteral("region"), QStringLiteral("us-east-1"));
    const QCommandLineOption bootstrapOption(QStringLiteral("bootstrap-moto"), QStringLiteral("Create an IAM user and key on a fresh moto_server and print them."));
    const QCommandLineOption manyOption(QStringLiteral("many"), QStringLiteral("Number of small log objects (to show paging)."), QStringLiteral("n"), QStringLiteral("1050"));
    const QCommandLineOption largeOption(QStringLiteral("large-mib"), QStringLiteral("Size of the large object in MiB."), QStringLiteral("n"), QStringLiteral("6"));
    parser.addOptions({ endpointOption, regionOption, bootstrapOption, manyOption, largeOption });
    parser.process(app);

    const QUrl endpoint(parser.value(endpointOption));
    if (!endpoint.isValid() || endpoint.host().isEmpty()) {
        err() << "s3seed: --endpoint URL is required\n";
        return 2;
    }

    S3ConnectionSettings settings;
    settings.endpoint = endpoint;
    settings.region = parser.value(regionOption);
    if (parser.isSet(bootstrapOption)) {
        QString error;
        const AwsCredentials credentials =
                MotoBootstrap::createUser(endpoint, QStringLiteral("s3browser-demo"), &error);
        if (!credentials.isValid()) {
            err() << "s3seed: " << error << "\n";
            return 1;
        }
        settings.accessKeyId = credentials.accessKeyId();
        settings.secretAccessKey = credentials.secretAccessKey();
        QTextStream out(stdout);
        out << "aws_access_key_id = " << settings.accessKeyId << "\n"
            << "aws_secret_access_key = " << settings.secretAccessKey << "\n";
    } else {
        settings.accessKeyId = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
        settings.secretAccessKey = qEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        settings.sessionToken = qEnvironmentVariable("AWS_SESSION_TOKEN");
    }

    S3Client client;
    QString error;
    if (!client.configure(settings, &error)) {
        err() << "s3seed: " << error << "\n";
        return 2;
    }

    const QStringList buckets = { QStringLiteral("demo-photos"), QStringLiteral("demo-reports"),
                                  QStringLiteral("demo-logs") };
    if (!runJobs(int(buckets.size()), 1, [&](int i, const S3Client::DoneHandler &done) {
            client.createBucket(buckets.at(i), &client, done);
        }, &error)) {
        err() << "s3seed: creating the buckets failed: " << error << "\n";
        return 1;
    }

    QList<SeedObject> objects;
    const auto add = [&objects](const QString &bucket, const QString &key, const QByteArray &data,
                                const char *type) {
        objects.append(SeedObject{ bucket, key, data, QByteArray(type) });
    };
    add(buckets[0], QStringLiteral("README.txt"), textFile(QStringLiteral("Demo photos"), 12), "text/plain");
    add(buckets[0], QStringLiteral("2024/summer/beach.jpg"), binaryFile(184 * 1024, 1), "image/jpeg");
    add(buckets[0], QStringLiteral("2024/summer/sunset.jpg"), binaryFile(231 * 1024, 2), "image/jpeg");
    add(buckets[0], QStringLiteral("2024/summer/dunes/panorama.jpg"), binaryFile(612 * 1024, 3), "image/jpeg");
    add(buckets[0], QStringLiteral("2024/winter/snow.jpg"), binaryFile(97 * 1024, 4), "image/jpeg");
    add(buckets[0], QStringLiteral("2025/spring/blossom.png"), binaryFile(350 * 1024, 5), "image/png");
    add(buckets[0], QStringLiteral("2025/notes.md"), textFile(QStringLiteral("Notes"), 40), "text/markdown");
    add(buckets[1], QStringLiteral("quarterly/2025-Q1.csv"), textFile(QStringLiteral("Q1"), 200), "text/csv");
    add(buckets[1], QStringLiteral("quarterly/2025-Q2.csv"), textFile(QStringLiteral("Q2"), 220), "text/csv");
    add(buckets[1], QStringLiteral("quarterly/2025-Q3.csv"), textFile(QStringLiteral("Q3"), 250), "text/csv");
    add(buckets[1], QStringLiteral("annual/2024/summary.txt"), textFile(QStringLiteral("2024"), 30), "text/plain");
    const qint64 large = qBound(1, parser.value(largeOption).toInt(), 512) * qint64(1024 * 1024);
    add(buckets[1], QStringLiteral("archives/dataset-%1.bin").arg(S3Format::size(large).remove(u' ')),
        binaryFile(large, 6), "application/octet-stream");
    const int many = qMax(0, parser.value(manyOption).toInt());
    for (int i = 0; i < many; ++i)
        add(buckets[2], QStringLiteral("app/2025-11-30/request-%1.log").arg(i, 5, 10, QLatin1Char('0')),
            "GET /index.html 200 " + QByteArray::number(i) + "\n", "text/plain");
    add(buckets[2], QStringLiteral("app/2025-11-29/summary.log"), textFile(QStringLiteral("Summary"), 5), "text/plain");

    if (!runJobs(int(objects.size()), 8, [&](int i, const S3Client::DoneHandler &done) {
            const SeedObject &o = objects.at(i);
            client.putObject(o.bucket, o.key, o.data, o.contentType, &client, done);
        }, &error)) {
        err() << "s3seed: uploading failed: " << error << "\n";
        return 1;
    }
    err() << "s3seed: " << buckets.size() << " buckets, " << objects.size() << " objects\n";
    return 0;
}
