# shellcheck shell=bash disable=SC2034  # the arrays are used by the scripts that source this
# The Debian packages qtsigv4 needs, in one place. Sourced by scripts/test, scripts/demo,
# scripts/sanitize and scripts/fuzz. Add a package to the group that needs it.

# Library, CLI and unit tests: Qt 6 Core/Network/Test, OpenSSL libcrypto, the toolchain.
# (qt6-base-dev pulls libgl-dev, which Qt6Gui's CMake package needs.)
QTSIGV4_PACKAGES_BUILD=(cmake g++ qt6-base-dev qt6-base-dev-tools libssl-dev ccache)
# The TLS tests make their CA and certificates at run time with the openssl command.
QTSIGV4_PACKAGES_TLS=(openssl)
# QML module and its tests.
QTSIGV4_PACKAGES_QML=(qt6-declarative-dev qml6-module-qtquick qml6-module-qtqml-workerscript
                       qml6-module-qtqml-models)
# Demo and GUI tests under a virtual X server.
QTSIGV4_PACKAGES_GUI=(xvfb xauth)
# The API reference (docs target, docs_warnings test): qdoc.
QTSIGV4_PACKAGES_DOCS=(qt6-documentation-tools)
# Benchmarks.
QTSIGV4_PACKAGES_BENCH=(libbenchmark-dev)
# Cross builds tested under emulation (scripts/cross): Debian's cross g++ and the target
# architecture's multi-arch Qt and libcrypto (the Qt host tools come from the BUILD group). The
# emulator is qemu-user from Debian 13 (see scripts/cross: bookworm's 7.2 cannot start a QProcess).
QTSIGV4_PACKAGES_CROSS_aarch64=(g++-aarch64-linux-gnu qt6-base-dev:arm64 libssl-dev:arm64)
QTSIGV4_PACKAGES_CROSS_armhf=(g++-arm-linux-gnueabihf qt6-base-dev:armhf libssl-dev:armhf)
# libFuzzer targets (scripts/fuzz): clang and its runtime libraries (libFuzzer, ASan, UBSan).
QTSIGV4_PACKAGES_FUZZ=(clang libclang-rt-dev)

# Everything scripts/test needs.
QTSIGV4_PACKAGES_TEST=(
    "${QTSIGV4_PACKAGES_BUILD[@]}"
    "${QTSIGV4_PACKAGES_TLS[@]}"
    "${QTSIGV4_PACKAGES_QML[@]}"
    "${QTSIGV4_PACKAGES_GUI[@]}"
    "${QTSIGV4_PACKAGES_DOCS[@]}"
    "${QTSIGV4_PACKAGES_BENCH[@]}"
)

# Prints the packages among "$@" that are not installed, one per line. A name without ":<arch>"
# means the machine's own architecture (or "all"): with a cross architecture added, dpkg-query
# lists a Multi-Arch: same package (qt6-base-dev) once per architecture installed.
qtsigv4_missing_packages() {
    local package status native
    native=$(dpkg --print-architecture)
    for package in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status} ${Architecture}\n' "$package" 2>/dev/null || true)
        if [[ "$package" == *:* ]]; then
            grep -q '^installed ' <<<"$status" && continue
        else
            grep -Eq "^installed ($native|all)\$" <<<"$status" && continue
        fi
        printf '%s\n' "$package"
    done
}

# Installs the missing packages among "$@" with apt-get when running as root; otherwise
# names them and returns 1.
qtsigv4_ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "qtsigv4: not a Debian-like system (no dpkg-query); make sure these are installed: $*" >&2
        return 0
    fi
    local missing
    mapfile -t missing < <(qtsigv4_missing_packages "$@")
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "qtsigv4: missing Debian packages: ${missing[*]}" >&2
        echo "qtsigv4: install them with: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "qtsigv4: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
}

# s3rver (npm), the second S3 server of the S3 client tests (tests/common/s3rverserver.h finds
# it in ~/.cache/qtsigv4/s3rver). Installed with npm when npm is there; the tests that need it
# skip without it.
QTSIGV4_S3RVER_VERSION=3.7.1
qtsigv4_ensure_s3rver() {
    local dir="${HOME}/.cache/qtsigv4/s3rver"
    if [ -x "$dir/node_modules/.bin/s3rver" ] || command -v s3rver >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "qtsigv4: npm not found; the s3rver tests will be skipped" >&2
        return 0
    fi
    echo "qtsigv4: installing s3rver $QTSIGV4_S3RVER_VERSION into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund "s3rver@$QTSIGV4_S3RVER_VERSION" >&2 \
        || echo "qtsigv4: npm could not install s3rver; the s3rver tests will be skipped" >&2
}
