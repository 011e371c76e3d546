// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Signer benchmarks, each reported beside a floor measured in the same process run
// (docs/design.md section 4). The floors (raw OpenSSL EVP SHA-256 throughput and the bare HMAC
// chain one signature needs) run first; every later benchmark reports its ratio to them as a
// counter. main() also calibrates the floors briefly, so a --benchmark_filter run that skips
// the floor benchmarks still gets ratios.
//
// Environment: QTSIGV4_BENCH_FILE_MIB (size of the QFile hashed by BM_HashQFile, default 64).
#include <qtsigv4/awssigner.h>
#include "core/awsutc_p.h"

#include "core/awscrypto_p.h"
#include "network/awsrequestbody_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qtemporaryfile.h>

#include <benchmark/benchmark.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <ctime>
#include <string>
#include <vector>

namespace {

// Process CPU time, like Google Benchmark's own figures (other load on the machine then
// inflates the floors and the measurements alike, and much less than wall-clock time).
double cpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

constexpr qsizetype MiB = 1024 * 1024;
constexpr qsizetype FloorBufferSize = MiB;

// --- floors -----------------------------------------------------------------------------

struct Floors
{
    double evpBytesPerSecond = 0; // OpenSSL EVP SHA-256 over 1 MiB buffers
    double hmacChainNs = 0;       // 4 key-derivation HMACs + SHA of the canonical request + 1 HMAC
    double chainNoDerivationNs = 0; // the same without the 4 derivation HMACs (cached key)
};
Floors g_floors;

const EVP_MD *sha256Md()
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    static const EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
#else
    return EVP_sha256();
#endif
}

struct EvpCtx
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~EvpCtx() { EVP_MD_CTX_free(ctx); }
};

void evpSha256(EVP_MD_CTX *ctx, const void *data, size_t size, unsigned char *out)
{
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, data, size);
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
}

// RFC 2104 HMAC-SHA256 on a reused EVP context: the least work OpenSSL can do per HMAC.
void rawHmac(EVP_MD_CTX *ctx, const unsigned char *key, size_t keyLen, const void *data,
             size_t dataLen, unsigned char *out)
{
    unsigned char block[64] = {};
    std::memcpy(block, key, keyLen); // keys here are <= 64 bytes
    unsigned char pad[64];
    for (int i = 0; i < 64; ++i)
        pad[i] = block[i] ^ 0x36;
    unsigned char inner[32];
    unsigned int len = 0;
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, pad, 64);
    EVP_DigestUpdate(ctx, data, dataLen);
    EVP_DigestFinal_ex(ctx, inner, &len);
    for (int i = 0; i < 64; ++i)
        pad[i] = block[i] ^ 0x5c;
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, pad, 64);
    EVP_DigestUpdate(ctx, inner, 32);
    EVP_DigestFinal_ex(ctx, out, &len);
}

// A ~200-byte canonical request (the S3 GET with Range) and its string to sign.
const char CanonicalRequest[] =
        "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

void hmacChain(EVP_MD_CTX *ctx, bool derive, unsigned char *signature)
{
    static const char secret[] = "AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    unsigned char k[32];
    if (derive) {
        rawHmac(ctx, reinterpret_cast<const unsigned char *>(secret), sizeof secret - 1, "20130524", 8, k);
        rawHmac(ctx, k, 32, "us-east-1", 9, k);
        rawHmac(ctx, k, 32, "s3", 2, k);
        rawHmac(ctx, k, 32, "aws4_request", 12, k);
    } else {
        std::memset(k, 0x42, sizeof k);
    }
    unsigned char crHash[32];
    evpSha256(ctx, CanonicalRequest, sizeof CanonicalRequest - 1, crHash);
    // String to sign: algorithm, date, scope and the hex hash (built in a stack buffer).
    char sts[160];
    static const char hex[] = "0123456789abcdef";
    int n = std::snprintf(sts, sizeof sts, "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n");
    for (int i = 0; i < 32; ++i) {
        sts[n++] = hex[crHash[i] >> 4];
        sts[n++] = hex[crHash[i] & 15];
    }
    rawHmac(ctx, k, 32, sts, size_t(n), signature);
}

// The floor benchmarks replace the calibration by their own (longer) measurement: the last
// (longest) run of each wins, and the benchmarks after them read it.
class LoopTimer
{
public:
    double nsPerIteration(const benchmark::State &state) const
    {
        return state.iterations() ? (cpuNs() - m_start) / double(state.iterations()) : 0;
    }

private:
    double m_start = cpuNs();
};

void BM_Floor_EvpSha256(benchmark::State &state)
{
    EvpCtx ctx;
    const QByteArray buffer(FloorBufferSize, 'x');
    unsigned char out[32];
    const LoopTimer timer;
    for (auto _ : state) {
        evpSha256(ctx.ctx, buffer.constData(), size_t(buffer.size()), out);
        benchmark::DoNotOptimize(out);
    }
    if (state.iterations() >= 10)
        g_floors.evpBytesPerSecond = double(buffer.size()) * 1e9 / timer.nsPerIteration(state);
    state.SetBytesProcessed(state.iterations() * buffer.size());
}

// The bare HMAC chain, with or without the four key-derivation HMACs; stores the floor.
void hmacChainFloor(benchmark::State &state, bool derive, double *floorNs)
{
    EvpCtx ctx;
    unsigned char sig[32];
    const LoopTimer timer;
    for (auto _ : state) {
        hmacChain(ctx.ctx, derive, sig);
        benchmark::DoNotOptimize(sig);
    }
    if (state.iterations() >= 1000)
        *floorNs = timer.nsPerIteration(state);
}

void BM_Floor_HmacChain(benchmark::State &state)
{
    hmacChainFloor(state, true, &g_floors.hmacChainNs);
}

void BM_Floor_HmacChainCachedKey(benchmark::State &state)
{
    hmacChainFloor(state, false, &g_floors.chainNoDerivationNs);
}

// Short wall-clock calibration used until (or instead of) the floor benchmarks.
template<typename F>
double nsPerCall(F f)
{
    for (int i = 0; i < 50; ++i)
        f();
    long n = 0;
    const double start = cpuNs();
    double elapsed = 0;
    do {
        for (int i = 0; i < 16; ++i)
            f();
        n += 16;
        elapsed = cpuNs() - start;
    } while (elapsed < 100e6);
    return elapsed / double(n);
}

void calibrateFloors()
{
    EvpCtx ctx;
    const QByteArray buffer(FloorBufferSize, 'x');
    unsigned char out[32];
    g_floors.evpBytesPerSecond = double(FloorBufferSize) * 1e9
            / nsPerCall([&] { evpSha256(ctx.ctx, buffer.constData(), size_t(buffer.size()), out); });
    g_floors.hmacChainNs = nsPerCall([&] { hmacChain(ctx.ctx, true, out); });
    g_floors.chainNoDerivationNs = nsPerCall([&] { hmacChain(ctx.ctx, false, out); });
}

// --- signer -----------------------------------------------------------------------------

const AwsCredentials S3DocCredentials(QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                      QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
const QDateTime S3DocTime = QtSigV4Private::utcDateTime(QDate(2013, 5, 24), QTime(0, 0));

AwsSigningConfig s3Config() { return AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1")); }

// The S3 documentation's GET Object with Range example (signature f0e8bdb8…).
AwsHttpRequest s3GetRange()
{
    return AwsHttpRequest("GET", "/test.txt",
                          { { "Host", "examplebucket.s3.amazonaws.com" },
                            { "Range", "bytes=0-9" },
                            { "x-amz-content-sha256", AwsSigner::emptyPayloadHash() },
                            { "x-amz-date", "20130524T000000Z" } });
}

void setSignRatio(benchmark::State &state, double floorNs)
{
    // Rate of (floor seconds per iteration), inverted: our time per iteration / the floor's.
    state.counters["x_floor"] = benchmark::Counter(floorNs * 1e-9 * double(state.iterations()),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_SignS3GetRange_CachedKey(benchmark::State &state)
{
    const AwsSigner signer(s3Config());
    const AwsHttpRequest request = s3GetRange();
    const AwsSigningKey key(S3DocCredentials, S3DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    if (signer.sign(request, key, S3DocTime).signature()
        != "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41") {
        state.SkipWithError("wrong signature for the S3 documentation example");
        return;
    }
    for (auto _ : state) {
        AwsSigningResult r = signer.sign(request, key, S3DocTime);
        benchmark::DoNotOptimize(r);
    }
    setSignRatio(state, g_floors.chainNoDerivationNs);
}

void BM_SignS3GetRange_DeriveKey(benchmark::State &state)
{
    const AwsSigner signer(s3Config());
    const AwsHttpRequest request = s3GetRange();
    for (auto _ : state) {
        AwsSigningResult r = signer.sign(request, S3DocCredentials, S3DocTime);
        benchmark::DoNotOptimize(r);
    }
    setSignRatio(state, g_floors.hmacChainNs);
}

void BM_SignDynamoDbPost200(benchmark::State &state)
{
    const AwsSigner signer(AwsSigningConfig(QStringLiteral("dynamodb"), QStringLiteral("us-east-1")));
    QByteArray body = R"({"TableName":"benchmark-table","Key":{"pk":{"S":"user#12345"},"sk":{"S":"profile"}},)"
                      R"("ConsistentRead":true,"ProjectionExpression":"#n, email, createdAt","ExpressionAttributeNames":{"#n":"name"}})";
    body.append(200 - body.size(), ' ');
    const AwsHttpRequest request("POST", "/",
                                 { { "Host", "dynamodb.us-east-1.amazonaws.com" },
                                   { "Content-Type", "application/x-amz-json-1.0" },
                                   { "X-Amz-Target", "DynamoDB_20120810.GetItem" } },
                                 body);
    const AwsSigningKey key(S3DocCredentials, S3DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("dynamodb"));
    for (auto _ : state) {
        AwsSigningResult r = signer.sign(request, key, S3DocTime);
        benchmark::DoNotOptimize(r);
    }
    setSignRatio(state, g_floors.chainNoDerivationNs);
    state.SetBytesProcessed(state.iterations() * body.size());
}

void BM_SignS3Put1MiB(benchmark::State &state)
{
    const AwsSigner signer(s3Config());
    const QByteArray body(MiB, 'p');
    const AwsHttpRequest request("PUT", "/bench/object.bin",
                                 { { "Host", "examplebucket.s3.amazonaws.com" },
                                   { "Content-Type", "application/octet-stream" },
                                   { "Content-Length", QByteArray::number(body.size()) } },
                                 body);
    const AwsSigningKey key(S3DocCredentials, S3DocTime.date(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    for (auto _ : state) {
        AwsSigningResult r = signer.sign(request, key, S3DocTime); // hashes the 1 MiB body
        benchmark::DoNotOptimize(r);
    }
    // Floor: hashing 1 MiB at EVP speed plus the cached-key chain.
    const double floorNs = double(MiB) * 1e9 / g_floors.evpBytesPerSecond + g_floors.chainNoDerivationNs;
    state.counters["x_hash_floor"] = benchmark::Counter(floorNs * 1e-9 * double(state.iterations()),
                                                        benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.SetBytesProcessed(state.iterations() * body.size());
}

// A temporary file of QTSIGV4_BENCH_FILE_MIB MiB (default 64), written once per benchmark.
struct BenchFile
{
    QTemporaryFile file { QDir::tempPath() + QStringLiteral("/qtsigv4-bench-XXXXXX") };
    bool create()
    {
        const qsizetype fileMiB = qEnvironmentVariableIsSet("QTSIGV4_BENCH_FILE_MIB")
                ? qEnvironmentVariableIntValue("QTSIGV4_BENCH_FILE_MIB") : 64;
        if (!file.open())
            return false;
        const QByteArray chunk(MiB, 'h');
        for (qsizetype i = 0; i < fileMiB; ++i)
            file.write(chunk);
        return file.flush() && file.seek(0);
    }
};

// Hashing throughput beside its floor, measured in pairs: every iteration hashes the file our
// way and then the same number of bytes from a 1 MiB buffer with raw EVP, so both see the same
// machine (on a shared one, the floor of another moment can be 15 % away).
// pct_evp = median over the iterations of floor time / our time, in %.
class PairedHashTimer
{
public:
    explicit PairedHashTimer(qint64 size) : m_size(size), m_buffer(FloorBufferSize, 'h') { }

    template<typename F>
    void iteration(benchmark::State &state, F ours)
    {
        const double start = cpuNs();
        ours();
        const double oursNs = cpuNs() - start;
        state.PauseTiming();
        const double floorStart = cpuNs();
        unsigned char out[32];
        EVP_DigestInit_ex(m_ctx.ctx, sha256Md(), nullptr);
        for (qint64 left = m_size; left > 0; left -= m_buffer.size())
            EVP_DigestUpdate(m_ctx.ctx, m_buffer.constData(), size_t(qMin<qint64>(left, m_buffer.size())));
        EVP_DigestFinal_ex(m_ctx.ctx, out, nullptr);
        benchmark::DoNotOptimize(out);
        m_ratios.push_back((cpuNs() - floorStart) / oursNs);
        state.ResumeTiming();
    }

    void report(benchmark::State &state)
    {
        state.SetBytesProcessed(state.iterations() * m_size);
        std::sort(m_ratios.begin(), m_ratios.end());
        if (!m_ratios.empty())
            state.counters["pct_evp"] = 100.0 * m_ratios[m_ratios.size() / 2];
    }

private:
    qint64 m_size;
    QByteArray m_buffer;
    EvpCtx m_ctx;
    std::vector<double> m_ratios;
};

// Body hashing of a QFile as AwsNetworkAccessManager does it (AwsRequestBody: read in its
// chunks, hashed, the file put back where it was), page-cache hot so that this measures the
// hashing, not the disk. Arg 0: inline (below asyncHashThreshold); arg 1: on a worker thread
// (the file reopened there), timed in process CPU time.
void BM_HashQFile(benchmark::State &state)
{
    const bool async = state.range(0) != 0;
    BenchFile bench;
    if (!bench.create()) {
        state.SkipWithError("cannot create the temporary file");
        return;
    }
    AwsRequestBody::Options options;
    options.asyncThreshold = async ? 0 : std::numeric_limits<qint64>::max();
    PairedHashTimer timer(bench.file.size());
    bool ok = true;
    for (auto _ : state) {
        timer.iteration(state, [&] {
            AwsRequestBody body(&bench.file, options);
            QEventLoop loop;
            QObject::connect(&body, &AwsRequestBody::ready, &loop, &QEventLoop::quit);
            QObject::connect(&body, &AwsRequestBody::failed, &loop, &QEventLoop::quit);
            body.start();
            if (body.state() == AwsRequestBody::Pending)
                loop.exec();
            ok = body.state() == AwsRequestBody::Ready && body.payloadHash().size() == 64;
        });
        if (!ok) {
            state.SkipWithError("hashing the file failed");
            return;
        }
    }
    timer.report(state);
}

// The same loop with other read sizes, to show why AwsRequestBody reads 1 MiB at a time.
void BM_HashQFileReadSize(benchmark::State &state)
{
    BenchFile bench;
    if (!bench.create()) {
        state.SkipWithError("cannot create the temporary file");
        return;
    }
    QtSigV4Private::Sha256 sha;
    QByteArray buffer(qsizetype(state.range(0)), Qt::Uninitialized);
    PairedHashTimer timer(bench.file.size());
    for (auto _ : state) {
        timer.iteration(state, [&] {
            bench.file.seek(0);
            sha.reset();
            qint64 n;
            while ((n = bench.file.read(buffer.data(), buffer.size())) > 0)
                sha.addData(buffer.constData(), qsizetype(n));
            QByteArray digest = sha.result();
            benchmark::DoNotOptimize(digest);
        });
    }
    timer.report(state);
}

} // namespace

// Floors first: later benchmarks read them.
BENCHMARK(BM_Floor_EvpSha256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Floor_HmacChain)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_Floor_HmacChainCachedKey)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_SignS3GetRange_CachedKey)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_SignS3GetRange_DeriveKey)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_SignDynamoDbPost200)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_SignS3Put1MiB)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HashQFile)->ArgName("async")->Arg(0)->Arg(1)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HashQFileReadSize)->Arg(64 * 1024)->Arg(256 * 1024)->Arg(MiB)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // AwsRequestBody's worker thread reports through events
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    calibrateFloors();
    benchmark::AddCustomContext("floor_evp_sha256_MBps", std::to_string(g_floors.evpBytesPerSecond / 1e6));
    benchmark::AddCustomContext("floor_hmac_chain_ns", std::to_string(g_floors.hmacChainNs));
    benchmark::AddCustomContext("floor_hmac_chain_cached_key_ns", std::to_string(g_floors.chainNoDerivationNs));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
