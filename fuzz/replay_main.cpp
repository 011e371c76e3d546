// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Replays inputs through a fuzzer's LLVMFuzzerTestOneInput without libFuzzer, so the seeds and
// the committed crash inputs (fuzz/regressions/<fuzzer>/) run as ordinary tests with any
// compiler. Linked into one <fuzzer>_replay executable per fuzzer (fuzz/CMakeLists.txt).
//
//   fuzz_date_replay PATH... [--allow-empty PATH]...
//
// A file is one input; a directory gives every file below it (recursively, in name order,
// skipping names that start with '.'). A check failing in the entry point aborts the process
// (after naming the input on stderr), so the test fails. Also fails (exit 1) when a path does
// not exist, a file cannot be read, a path gives no input (unless it follows --allow-empty),
// no input at all was replayed, or the entry point returns something other than 0 or -1.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#ifndef _WIN32
#include <unistd.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace fs = std::filesystem;

namespace {

// The input being replayed, for the crash handler (written before each input, read only there).
char g_current[4096];

#ifndef _WIN32
extern "C" void qtsigv4ReplayCrashHandler(int sig)
{
    static const char prefix[] = "fuzz replay: CRASH (signal) on input ";
    ssize_t ignored = ::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    ignored = ::write(STDERR_FILENO, g_current, std::strlen(g_current));
    ignored = ::write(STDERR_FILENO, "\n", 1);
    (void)ignored;
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Names the input on a crash. Handlers a sanitizer installed already (SEGV under ASan) are
// kept: their report is better than ours.
void installCrashHandlers()
{
    for (int sig : { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL }) {
        struct sigaction old {};
        if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL
            || (old.sa_flags & SA_SIGINFO))
            continue;
        struct sigaction action {};
        action.sa_handler = qtsigv4ReplayCrashHandler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        sigaction(sig, &action, nullptr);
    }
}
#else
void installCrashHandlers() { }
#endif

bool hiddenName(const fs::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

struct Replay
{
    int inputs = 0;
    int failures = 0;

    void fail(const std::string &path, const std::string &why)
    {
        std::fprintf(stderr, "fuzz replay: FAIL %s: %s\n", path.c_str(), why.c_str());
        ++failures;
    }

    void runFile(const fs::path &path)
    {
        const std::string name = path.string();
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            fail(name, "cannot be read");
            return;
        }
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                      std::istreambuf_iterator<char>());
        if (in.bad()) {
            fail(name, "cannot be read");
            return;
        }
        // An exact-size heap copy, as libFuzzer passes it: ASan sees any read past the end.
        const std::unique_ptr<uint8_t[]> data(new uint8_t[bytes.size()]);
        std::copy(bytes.begin(), bytes.end(), data.get());
        std::snprintf(g_current, sizeof g_current, "%s", name.c_str());
        const int result = LLVMFuzzerTestOneInput(data.get(), bytes.size());
        ++inputs;
        if (result != 0 && result != -1)
            fail(name, "LLVMFuzzerTestOneInput returned " + std::to_string(result));
    }

    // Returns the number of inputs replayed from path (a file or a directory).
    int runPath(const std::string &arg)
    {
        const int before = inputs;
        std::error_code ec;
        const fs::path path(arg);
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> files;
            fs::recursive_directory_iterator it(path, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                if (hiddenName(it->path())) {
                    if (it->is_directory(ec))
                        it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec))
                    files.push_back(it->path());
            }
            if (ec) {
                fail(arg, "cannot be listed: " + ec.message());
                return inputs - before;
            }
            std::sort(files.begin(), files.end());
            for (const fs::path &file : files)
                runFile(file);
        } else if (fs::exists(path, ec)) {
            runFile(path);
        } else {
            fail(arg, "does not exist");
        }
        return inputs - before;
    }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PATH... [--allow-empty PATH]...\n", argv[0]);
        return 2;
    }
    installCrashHandlers();
    Replay replay;
    int paths = 0;
    for (int i = 1; i < argc; ++i) {
        const bool allowEmpty = std::strcmp(argv[i], "--allow-empty") == 0;
        if (allowEmpty && ++i == argc) {
            std::fprintf(stderr, "fuzz replay: --allow-empty needs a path\n");
            return 2;
        }
        ++paths;
        const bool existed = fs::exists(fs::path(argv[i]));
        if (replay.runPath(argv[i]) == 0 && existed && !allowEmpty)
            replay.fail(argv[i], "gives no input");
    }
    if (replay.inputs == 0 && replay.failures == 0)
        replay.fail("(all paths)", "no input replayed");
    std::printf("fuzz replay: %d inputs from %d paths, %d failures\n", replay.inputs, paths,
                replay.failures);
    return replay.failures == 0 ? 0 : 1;
}
