// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// `sigv4 sign` and `sigv4 verify` of a large request (QTSIGV4_BENCH_SIGN_MIB, default 256 MiB
// of body), each paired, iteration by iteration, with `openssl dgst -sha256` of the same file
// in the same run: the CLI streams the body through SHA-256 and must keep >= 90 % of
// openssl's throughput within 64 MiB of peak RSS (issue 13, item 5). Times are the children's
// CPU time (user + system, from wait4()), which a shared machine disturbs least; the wall-clock
// ratio is reported too. The page cache is warm: this measures hashing, not the disk.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

namespace {

struct ChildCost
{
    bool ok = false;
    double cpuSeconds = 0;
    double wallSeconds = 0;
    long maxRssKiB = 0;
};

double seconds(const timeval &t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

double now()
{
    timespec t {};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// Runs argv with stdout and stdin on /dev/null; its CPU time and peak RSS from wait4().
ChildCost runChild(const std::vector<std::string> &arguments)
{
    std::vector<char *> argv;
    for (const std::string &a : arguments)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ChildCost cost;
    const double start = now();
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return cost;
    int status = 0;
    rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid)
        return cost;
    cost.wallSeconds = now() - start;
    cost.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    cost.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    cost.maxRssKiB = usage.ru_maxrss;
    return cost;
}

long long bodyMiB()
{
    const char *text = std::getenv("QTSIGV4_BENCH_SIGN_MIB");
    const long long mib = text ? std::atoll(text) : 256;
    return mib > 0 ? mib : 256;
}

// A signed PUT with a body of pseudo-random bytes (not sparse: read like any file).
const std::string &requestFile()
{
    static std::string path;
    if (!path.empty())
        return path;
    char name[] = "/tmp/qtsigv4-bench-cli-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0)
        return path;
    const std::string head = "PUT /bench/large HTTP/1.1\nHost:example.amazonaws.com\n"
                             "X-Amz-Date:20150830T123600Z\n\n";
    bool ok = write(fd, head.data(), head.size()) == ssize_t(head.size());
    std::vector<unsigned> block((1 << 20) / sizeof(unsigned));
    unsigned x = 2463534242u;
    for (long long i = 0; ok && i < bodyMiB(); ++i) {
        for (unsigned &word : block) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            word = x;
        }
        ok = write(fd, block.data(), block.size() * sizeof(unsigned)) == ssize_t(block.size() * sizeof(unsigned));
    }
    close(fd);
    if (ok)
        path = name;
    std::atexit([] { unlink(path.c_str()); });
    return path;
}

const std::vector<std::string> credentialFlags = {
    "--access-key-id", "AKIDEXAMPLE", "--secret-access-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "--time", "20150830T123600Z",
};

std::vector<std::string> commandFor(const std::string &command, const std::string &file)
{
    std::vector<std::string> arguments = { SIGV4_EXECUTABLE, command, file };
    if (command == "sign") {
        arguments.insert(arguments.end(), { "--region", "us-east-1", "--service", "s3", "--print", "signature" });
    }
    arguments.insert(arguments.end(), credentialFlags.begin(), credentialFlags.end());
    return arguments;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// command: "sign" or "verify" (which rejects the unsigned request after hashing its body:
// the same work). Each iteration runs openssl, then sigv4, on the same file.
void BM_CliLargeRequest(benchmark::State &state, const std::string &command)
{
    const std::string &file = requestFile();
    if (file.empty()) {
        state.SkipWithError("cannot write the request file");
        return;
    }
    const std::vector<std::string> openssl = { "openssl", "dgst", "-sha256", file };
    const std::vector<std::string> sigv4 = commandFor(command, file);
    runChild(openssl); // warm the page cache
    std::vector<double> cpuRatios, wallRatios;
    long maxRss = 0;
    double cpu = 0;
    for (auto _ : state) {
        const ChildCost floor = runChild(openssl);
        const ChildCost ours = runChild(sigv4);
        const bool verifyRejected = command == "verify"; // exit 1: MissingSignature
        if (!floor.ok || (!ours.ok && !verifyRejected) || ours.cpuSeconds <= 0) {
            state.SkipWithError("openssl or sigv4 failed");
            return;
        }
        state.SetIterationTime(ours.cpuSeconds);
        cpu += ours.cpuSeconds;
        cpuRatios.push_back(100.0 * floor.cpuSeconds / ours.cpuSeconds);
        wallRatios.push_back(100.0 * floor.wallSeconds / ours.wallSeconds);
        maxRss = std::max(maxRss, ours.maxRssKiB);
    }
    const double bytes = double(bodyMiB()) * (1 << 20);
    state.counters["pct_openssl"] = median(cpuRatios);
    state.counters["pct_openssl_wall"] = median(wallRatios);
    state.counters["rss_MiB"] = double(maxRss) / 1024.0;
    state.counters["size_MiB"] = double(bodyMiB());
    state.counters["MBps"] = cpu > 0 ? bytes * double(cpuRatios.size()) / cpu / 1e6 : 0;
}

} // namespace

BENCHMARK_CAPTURE(BM_CliLargeRequest, sign, std::string("sign"))->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(BM_CliLargeRequest, verify, std::string("verify"))->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
