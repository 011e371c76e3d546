// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// S3 transfer benchmarks: a file uploaded with AwsS3Client::uploadFile() and downloaded with
// AwsS3Client::downloadFile(), each beside boto3's upload_file / download_file (s3transfer's
// defaults, bench/boto3_transfer.py as a child process) against the same local server
// (s3benchserver.h) in the same run, in alternating order:
//
//  - ratio_boto3 = boto3's seconds / ours, the median over the pairs (target >= 1.0);
//  - MBps, MBps_boto3: each side's throughput (wall clock, transfer only);
//  - rss_growth_MiB: our peak RSS during the transfer minus RSS before it (target <= 64 MiB;
//    the in-process server's buffers are included); boto3_rss_MiB: boto3's whole peak RSS.
//
// Environment: QTSIGV4_BENCH_S3_MIB (object size, default 1024), QTSIGV4_BENCH_S3_PAIRS
// (pairs of transfers, default 3). Without python3 and boto3 only our side runs.
#include "benchutil.h"
#include "s3benchserver.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awss3download.h>
#include <qtsigv4/awss3upload.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <functional>
#include <vector>

namespace {

using BenchUtil::MiB;

struct Transfer
{
    double seconds = -1;   // -1: failed or not available
    double rssKiB = 0;
};

struct Fixture
{
    qint64 size = BenchUtil::envInt("QTSIGV4_BENCH_S3_MIB", 1024) * MiB;
    int pairs = int(BenchUtil::envInt("QTSIGV4_BENCH_S3_PAIRS", 3));
    S3BenchServer server { size };
    QTemporaryDir dir;
    AwsStaticCredentialsProvider provider {
        AwsCredentials(QStringLiteral("AKIDBENCHLOCAL"), QStringLiteral("bench/secret+key")) };
    AwsS3Client client;

    Fixture()
    {
        client.setEndpoint(server.endpoint());
        client.setAddressingStyle(AwsS3Client::PathStyleAddressing);
        client.setCredentialsProvider(&provider);
    }
    QString path(const char *name) const { return dir.filePath(QString::fromLatin1(name)); }
};

// Runs one job of ours until `finished`; `ok` says whether it succeeded.
template<typename Job>
Transfer runOurs(Job *job, const std::function<bool()> &ok)
{
    BenchUtil::resetPeakRss();
    const qint64 before = BenchUtil::procStatusKiB("VmRSS");
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(1800000, &loop, &QEventLoop::quit);
    loop.exec();
    Transfer t;
    if (job->isFinished() && ok())
        t.seconds = double(timer.nsecsElapsed()) / 1e9;
    else
        std::fprintf(stderr, "transfer failed: %s\n", qPrintable(job->errorString()));
    t.rssKiB = double(BenchUtil::procStatusKiB("VmHWM") - before);
    delete job;
    return t;
}

Transfer runBoto3(const QString &op, const Fixture &f, const QString &file)
{
    QProcess python;
    python.start(QStringLiteral("python3"),
                 { QStringLiteral(QTSIGV4_BOTO3_SCRIPT), op, f.server.endpoint().toString(),
                   QStringLiteral("bench"), QStringLiteral("object"), file });
    Transfer t;
    if (!python.waitForFinished(1800000) || python.exitStatus() != QProcess::NormalExit
        || python.exitCode() != 0) {
        static bool told = false;
        if (!told)
            std::fprintf(stderr, "boto3 side not run: %s\n", python.readAllStandardError().right(300).constData());
        told = true;
        return t;
    }
    const QJsonObject result = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    t.seconds = result.value(QStringLiteral("seconds")).toDouble(-1);
    t.rssKiB = result.value(QStringLiteral("max_rss_kib")).toDouble();
    return t;
}

// Pairs of (ours, boto3) in alternating order; the counters of the benchmark.
void runPairs(benchmark::State &state, Fixture &f, const std::function<Transfer()> &ours,
              const std::function<Transfer()> &boto3)
{
    std::vector<double> ratios;
    double ourSeconds = 0;
    double botoSeconds = 0;
    double rssGrowth = 0;
    double botoRss = 0;
    int botoRuns = 0;
    for (auto _ : state) {
        for (int pair = 0; pair < f.pairs; ++pair) {
            const bool oursFirst = pair % 2 == 0;
            const Transfer first = oursFirst ? ours() : boto3();
            const Transfer second = oursFirst ? boto3() : ours();
            const Transfer &mine = oursFirst ? first : second;
            const Transfer &theirs = oursFirst ? second : first;
            if (mine.seconds < 0) {
                state.SkipWithError("our transfer failed");
                return;
            }
            ourSeconds += mine.seconds;
            rssGrowth = qMax(rssGrowth, mine.rssKiB / 1024.0);
            if (theirs.seconds > 0) {
                botoSeconds += theirs.seconds;
                botoRss = qMax(botoRss, theirs.rssKiB / 1024.0);
                ratios.push_back(theirs.seconds / mine.seconds);
                ++botoRuns;
            }
        }
    }
    const double bytes = double(f.size) * double(state.iterations() * f.pairs);
    state.counters["MBps"] = bytes / ourSeconds / 1e6;
    state.counters["rss_growth_MiB"] = rssGrowth;
    state.counters["size_MiB"] = double(f.size / MiB);
    if (botoRuns > 0) {
        state.counters["MBps_boto3"] = double(f.size) * botoRuns / botoSeconds / 1e6;
        state.counters["ratio_boto3"] = BenchUtil::median(ratios);
        state.counters["boto3_rss_MiB"] = botoRss;
    } else {
        state.SetLabel("boto3 not available: ours only");
    }
}

void BM_S3UploadFile(benchmark::State &state)
{
    Fixture f;
    const QString file = f.path("upload.bin");
    {
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly)) {
            state.SkipWithError("cannot write the file to upload");
            return;
        }
        QByteArray block(MiB, Qt::Uninitialized);
        for (qint64 done = 0; done < f.size; done += block.size()) {
            for (qsizetype i = 0; i < block.size(); ++i)
                block[i] = S3BenchServer::objectByte(done + i);
            out.write(block.constData(), qMin<qint64>(block.size(), f.size - done));
        }
    }
    runPairs(state, f, [&f, &file] {
        AwsS3Upload *job = f.client.uploadFile(QStringLiteral("bench"), QStringLiteral("object"), file);
        return runOurs(job, [job] { return job->error() == AwsS3Upload::NoError; });
    }, [&f, &file] { return runBoto3(QStringLiteral("upload"), f, file); });
}
BENCHMARK(BM_S3UploadFile)->UseRealTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// Our download's bytes are checked once (a sample every MiB and the end) before timing counts.
bool sameAsObject(const QString &path, qint64 size)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly) || in.size() != size)
        return false;
    for (qint64 offset = 0; offset < size; offset += MiB + 1) {
        char c = 0;
        if (!in.seek(offset) || !in.getChar(&c) || c != S3BenchServer::objectByte(offset))
            return false;
    }
    char last = 0;
    return in.seek(size - 1) && in.getChar(&last) && last == S3BenchServer::objectByte(size - 1);
}

void BM_S3DownloadFile(benchmark::State &state)
{
    Fixture f;
    const QString ours = f.path("ours.bin");
    const QString theirs = f.path("boto3.bin");
    runPairs(state, f, [&f, &ours] {
        QFile::remove(ours);
        AwsS3Download *job = f.client.downloadFile(QStringLiteral("bench"), QStringLiteral("object"), ours);
        return runOurs(job, [job, &f, &ours] {
            return job->error() == AwsS3Download::NoError && sameAsObject(ours, f.size);
        });
    }, [&f, &theirs] {
        QFile::remove(theirs);
        Transfer t = runBoto3(QStringLiteral("download"), f, theirs);
        if (QFileInfo(theirs).size() != f.size)
            t.seconds = -1;
        return t;
    });
}
BENCHMARK(BM_S3DownloadFile)->UseRealTime()->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    return BenchUtil::runWithQt(argc, argv);
}
