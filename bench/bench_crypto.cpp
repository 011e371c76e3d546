// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The two crypto backends of the library (QTSIGV4_CRYPTO: openssl, qt) side by side in one
// run: this binary compiles both (src/core/awscrypto_{openssl,qt}.cpp, each into a namespace
// of its own, see bench/CMakeLists.txt) and times SHA-256 of 1 MiB and the crypto of one
// signature (the HMAC chain with and without key derivation). Each Qt figure carries
// x_openssl = its time / OpenSSL's time for the same work, measured in the same run (main()
// calibrates the OpenSSL figures first, so a filtered run still gets ratios).
// The backend interface (core/awscrypto_p.h), declared once in each backend's namespace.
#define QtSigV4Private QtSigV4BenchOpenSsl
#include "core/awscrypto_p.h"
#undef QtSigV4Private
#undef AWSCRYPTO_P_H
#define QtSigV4Private QtSigV4BenchQt
#include "core/awscrypto_p.h"
#undef QtSigV4Private

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

namespace {

constexpr qsizetype MiB = 1024 * 1024;
constexpr char CanonicalRequest[] =
        "GET\n/my-bucket/photos/cat.jpg\n\nhost:my-bucket.s3.amazonaws.com\nrange:bytes=0-9\n"
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char Scope[] = "20130524/us-east-1/s3/aws4_request";

double cpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

struct Backend
{
    void (*sha256Into)(QByteArrayView, unsigned char *);
    void (*hmacSha256Into)(QByteArrayView, QByteArrayView, unsigned char *);
    char *(*putHex)(char *, const unsigned char *, qsizetype);
};
const Backend OpenSslBackend{ QtSigV4BenchOpenSsl::sha256Into, QtSigV4BenchOpenSsl::hmacSha256Into,
                              QtSigV4BenchOpenSsl::putHex };
const Backend QtBackend{ QtSigV4BenchQt::sha256Into, QtSigV4BenchQt::hmacSha256Into, QtSigV4BenchQt::putHex };

// The crypto of one SigV4 signature: (derive) 4 HMACs for the key, SHA-256 of the canonical
// request, the string to sign, the final HMAC; what AwsSigner does around it is the same for
// both backends.
void signingChain(const Backend &b, bool derive, unsigned char *signature)
{
    unsigned char key[32];
    if (derive) {
        b.hmacSha256Into("AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", key);
        b.hmacSha256Into(QByteArrayView(reinterpret_cast<const char *>(key), 32), "us-east-1", key);
        b.hmacSha256Into(QByteArrayView(reinterpret_cast<const char *>(key), 32), "s3", key);
        b.hmacSha256Into(QByteArrayView(reinterpret_cast<const char *>(key), 32), "aws4_request", key);
    } else {
        std::memset(key, 0x5a, sizeof key);
    }
    unsigned char hash[32];
    b.sha256Into(CanonicalRequest, hash);
    char sts[160];
    int n = std::snprintf(sts, sizeof sts, "AWS4-HMAC-SHA256\n20130524T000000Z\n%s\n", Scope);
    n = int(b.putHex(sts + n, hash, 32) - sts);
    b.hmacSha256Into(QByteArrayView(reinterpret_cast<const char *>(key), 32), QByteArrayView(sts, n),
                     signature);
}

enum Work { Hash1MiB, ChainDerive, ChainCachedKey, WorkCount };
double g_openSslNs[WorkCount] = {}; // OpenSSL's time per operation, for the Qt ratios

void doWork(const Backend &b, Work work, const QByteArray &buffer)
{
    unsigned char out[32];
    if (work == Hash1MiB)
        b.sha256Into(buffer, out);
    else
        signingChain(b, work == ChainDerive, out);
    benchmark::DoNotOptimize(out);
}

void run(benchmark::State &state, const Backend &b, Work work)
{
    const QByteArray buffer(work == Hash1MiB ? MiB : 0, 'h');
    const double start = cpuNs();
    for (auto _ : state)
        doWork(b, work, buffer);
    const double ns = state.iterations() ? (cpuNs() - start) / double(state.iterations()) : 0;
    if (work == Hash1MiB)
        state.SetBytesProcessed(state.iterations() * buffer.size());
    if (&b == &OpenSslBackend && state.iterations() >= 10)
        g_openSslNs[work] = ns;
    else if (&b == &QtBackend && g_openSslNs[work] > 0)
        state.counters["x_openssl"] = ns / g_openSslNs[work];
}

// Until (or instead of) the OpenSSL benchmarks: 100 ms of each.
void calibrate()
{
    const QByteArray buffer(MiB, 'h');
    for (int work = 0; work < WorkCount; ++work) {
        const double start = cpuNs();
        long iterations = 0;
        while (cpuNs() - start < 1e8) {
            doWork(OpenSslBackend, Work(work), buffer);
            ++iterations;
        }
        g_openSslNs[work] = (cpuNs() - start) / double(iterations);
    }
}

void BM_CryptoSha256_1MiB_OpenSsl(benchmark::State &state) { run(state, OpenSslBackend, Hash1MiB); }
void BM_CryptoSha256_1MiB_Qt(benchmark::State &state) { run(state, QtBackend, Hash1MiB); }
void BM_CryptoSignChain_OpenSsl(benchmark::State &state) { run(state, OpenSslBackend, ChainDerive); }
void BM_CryptoSignChain_Qt(benchmark::State &state) { run(state, QtBackend, ChainDerive); }
void BM_CryptoSignChainCachedKey_OpenSsl(benchmark::State &state) { run(state, OpenSslBackend, ChainCachedKey); }
void BM_CryptoSignChainCachedKey_Qt(benchmark::State &state) { run(state, QtBackend, ChainCachedKey); }

} // namespace

BENCHMARK(BM_CryptoSha256_1MiB_OpenSsl)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CryptoSha256_1MiB_Qt)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CryptoSignChain_OpenSsl)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_CryptoSignChain_Qt)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_CryptoSignChainCachedKey_OpenSsl)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_CryptoSignChainCachedKey_Qt)->Unit(benchmark::kNanosecond);

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    // Both backends compute the same bytes, or the comparison means nothing.
    unsigned char a[32], b[32];
    signingChain(OpenSslBackend, true, a);
    signingChain(QtBackend, true, b);
    if (std::memcmp(a, b, sizeof a) != 0) {
        std::fprintf(stderr, "the OpenSSL and Qt backends disagree on a signature\n");
        return 1;
    }
    calibrate();
    benchmark::AddCustomContext("backends", std::string(QtSigV4BenchOpenSsl::backendName()) + ","
                                        + QtSigV4BenchQt::backendName());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
