// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Network benchmarks through AwsNetworkAccessManager against a local HTTP/1.1 server on
// 127.0.0.1 (keep-alive, running on its own thread), each beside its floor from the same run:
//
//  - BM_NetworkSmallGet: small GETs per second, signed (AwsNetworkAccessManager with a rule)
//    and unsigned (a plain QNetworkAccessManager), in alternating batches of the same size;
//    ratio_signed = signed rate / unsigned rate, the median over the pairs of batches
//    (target >= 0.95); ratio_signed_cpu the same per second of process CPU time.
//  - BM_NetworkPutFile: a QFile PUT through the manager (hashed, signed, uploaded) to a sink
//    that discards the body; rss_growth_MiB = peak RSS during the request minus RSS before
//    it (target <= 32 MiB). The peak is reset through /proc/self/clear_refs first.
//
// Environment: QTSIGV4_BENCH_PUT_MIB (size of the PUT file, default 64; 1024 for the 1 GiB
// run of issue 7), QTSIGV4_BENCH_GETS (requests per batch and kind, default 200).
#include "benchutil.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qhash.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

namespace {

using BenchUtil::cpuSeconds;
using BenchUtil::envInt;
using BenchUtil::MiB;
using BenchUtil::procStatusKiB;

// A keep-alive HTTP/1.1 responder: reads each request (the body is counted and discarded,
// never buffered) and answers "200 ok". Lives on the thread it is moved to.
class Responder : public QObject
{
public:
    quint16 listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_state.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0;
    }

private:
    struct State
    {
        QByteArray head;
        qint64 bodyLeft = -1; // -1: reading the header section
    };

    void serve(QTcpSocket *socket)
    {
        State &s = m_state[socket];
        while (socket->bytesAvailable() > 0) {
            if (s.bodyLeft < 0) {
                s.head += socket->read(64 * 1024);
                const qsizetype end = s.head.indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                qint64 length = 0;
                const QList<QByteArray> lines = s.head.left(end).split('\n');
                for (const QByteArray &line : lines) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                const QByteArray rest = s.head.mid(end + 4);
                s.head.clear();
                s.bodyLeft = length - rest.size();
                if (rest.size() > length) // a pipelined next request: not sent by QNAM
                    s.head = rest.mid(length);
            } else {
                char sink[256 * 1024];
                const qint64 n = socket->read(sink, qMin<qint64>(sizeof sink, s.bodyLeft));
                if (n <= 0)
                    break;
                s.bodyLeft -= n;
            }
            if (s.bodyLeft == 0) {
                s.bodyLeft = -1;
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
            }
        }
    }

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, State> m_state;
};

// The server thread, shared by all benchmarks of the run.
struct LocalServer
{
    QThread thread;
    Responder *responder = nullptr;
    quint16 port = 0;

    LocalServer()
    {
        responder = new Responder;
        responder->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, responder, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(responder, [this] { return responder->listen(); },
                                  Qt::BlockingQueuedConnection, &port);
    }
    ~LocalServer()
    {
        thread.quit();
        thread.wait();
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    }
};

LocalServer &server()
{
    static LocalServer instance;
    return instance;
}

const AwsCredentials benchCredentials(QStringLiteral("AKIDBENCHLOCAL"), QStringLiteral("bench/secret+key"));

struct Managers
{
    AwsStaticCredentialsProvider provider { benchCredentials };
    AwsNetworkAccessManager aws;
    QNetworkAccessManager plain;
    Managers()
    {
        aws.addRule(AwsSigningRule::forBaseUrl(server().url(QString()), QStringLiteral("s3"),
                                               QStringLiteral("us-east-1"), &provider));
    }
};

// Runs `count` GETs, at most 6 in flight (QNAM's connections per host). Returns wall-clock
// seconds and adds the process CPU seconds to *cpu, or returns -1 when a request failed.
double runGets(QNetworkAccessManager *manager, const QUrl &url, int count, double *cpu = nullptr)
{
    QEventLoop loop;
    int issued = 0;
    int done = 0;
    bool failed = false;
    std::function<void()> issue = [&] {
        QNetworkReply *reply = manager->get(QNetworkRequest(url));
        ++issued;
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            if (reply->error() != QNetworkReply::NoError || reply->readAll() != "ok") {
                std::fprintf(stderr, "GET failed: %s\n", qPrintable(reply->errorString()));
                failed = true;
            }
            reply->deleteLater();
            if (++done == count || failed)
                loop.quit();
            else if (issued < count)
                issue();
        });
    };
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = cpuSeconds();
    for (int i = 0; i < qMin(6, count); ++i)
        issue();
    QTimer::singleShot(120000, &loop, [&] { failed = true; loop.quit(); });
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (cpu)
        *cpu += cpuSeconds() - cpuStart;
    return failed ? -1 : seconds;
}

void BM_NetworkSmallGet(benchmark::State &state)
{
    Managers managers;
    // direct:1 signs in createRequest() and returns Qt's own reply (setDirectRepliesEnabled());
    // direct:0 goes through the proxy reply, as by default.
    managers.aws.setDirectRepliesEnabled(state.range(0) != 0);
    const int batch = int(envInt("QTSIGV4_BENCH_GETS", 200));
    const QUrl url = server().url(QStringLiteral("/bucket/small.txt"));
    // Warm up both (connections, first-use allocations).
    if (runGets(&managers.plain, url, 12) < 0 || runGets(&managers.aws, url, 12) < 0) {
        state.SkipWithError("warm-up request failed");
        return;
    }
    double signedSeconds = 0;
    double unsignedSeconds = 0;
    double signedCpu = 0;
    double unsignedCpu = 0;
    qint64 requests = 0;
    QNetworkAccessManager *aws = &managers.aws;
    QNetworkAccessManager *plain = &managers.plain;
    std::vector<double> cpuRatios; // per pair of batches: bursts of other load hit one pair
    std::vector<double> wallRatios;
    bool signedFirst = false; // alternate the order, so that neither kind gains from it
    for (auto _ : state) {
        signedFirst = !signedFirst;
        const double signedCpuBefore = signedCpu;
        const double unsignedCpuBefore = unsignedCpu;
        double *firstCpu = signedFirst ? &signedCpu : &unsignedCpu;
        double *secondCpu = signedFirst ? &unsignedCpu : &signedCpu;
        const double first = runGets(signedFirst ? aws : plain, url, batch, firstCpu);
        const double second = runGets(signedFirst ? plain : aws, url, batch, secondCpu);
        const double s = signedFirst ? first : second;
        const double u = signedFirst ? second : first;
        cpuRatios.push_back((*(signedFirst ? secondCpu : firstCpu) - unsignedCpuBefore)
                            / (*(signedFirst ? firstCpu : secondCpu) - signedCpuBefore));
        wallRatios.push_back(u / s);
        if (u < 0 || s < 0) {
            state.SkipWithError("a request failed");
            return;
        }
        unsignedSeconds += u;
        signedSeconds += s;
        requests += batch;
    }
    // Requests per second of wall-clock time and of process CPU time. On a shared machine a
    // burst of other load hits one batch and not the other, so the ratios are the medians over
    // the pairs of batches. The target is the wall-clock one (requests per second); the CPU
    // one (process CPU time, both threads) is printed beside it as a check.
    using BenchUtil::median;
    state.counters["req_per_s"] = double(requests) / signedSeconds;
    state.counters["req_per_s_unsigned"] = double(requests) / unsignedSeconds;
    state.counters["ratio_signed"] = median(wallRatios);
    state.counters["req_per_cpu_s"] = double(requests) / signedCpu;
    state.counters["req_per_cpu_s_unsigned"] = double(requests) / unsignedCpu;
    state.counters["ratio_signed_cpu"] = median(cpuRatios);
    state.SetItemsProcessed(2 * requests);
}
// At least 3 s whatever --benchmark_min_time says: the ratio is a median over pairs of
// batches, and a few pairs are not enough on a shared machine.
BENCHMARK(BM_NetworkSmallGet)->ArgName("direct")->Arg(0)->Arg(1)->UseRealTime()->MinTime(3)
        ->Unit(benchmark::kMillisecond);

void BM_NetworkPutFile(benchmark::State &state)
{
    const qint64 size = envInt("QTSIGV4_BENCH_PUT_MIB", 64) * MiB;
    QTemporaryFile file;
    if (!file.open()) {
        state.SkipWithError("cannot create the temporary file");
        return;
    }
    {
        QByteArray chunk(MiB, Qt::Uninitialized);
        for (qsizetype i = 0; i < chunk.size(); ++i)
            chunk[i] = char('a' + i % 26);
        for (qint64 left = size; left > 0; left -= MiB)
            file.write(chunk.constData(), qMin(left, MiB));
        file.flush();
    }
    Managers managers;
    const QUrl url = server().url(QStringLiteral("/bucket/big.bin"));
    qint64 peakGrowthKiB = 0;
    for (auto _ : state) {
        file.seek(0);
        BenchUtil::resetPeakRss();
        const qint64 before = procStatusKiB("VmRSS");
        QEventLoop loop;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
        QNetworkReply *reply = managers.aws.put(request, &file);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        loop.exec();
        const bool ok = reply->isFinished() && reply->error() == QNetworkReply::NoError
                && reply->readAll() == "ok";
        if (!ok) {
            std::fprintf(stderr, "PUT failed: %s\n", qPrintable(reply->errorString()));
            delete reply;
            state.SkipWithError("the PUT failed");
            return;
        }
        delete reply;
        peakGrowthKiB = qMax(peakGrowthKiB, procStatusKiB("VmHWM") - before);
    }
    state.SetBytesProcessed(state.iterations() * size);
    state.counters["rss_growth_MiB"] = double(peakGrowthKiB) / 1024.0;
    state.counters["size_MiB"] = double(size / MiB);
}
BENCHMARK(BM_NetworkPutFile)->UseRealTime()->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    return BenchUtil::runWithQt(argc, argv);
}
