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

# Prints the packages among "$@" that are not installed, one per line.
qtsigv4_missing_packages() {
    local package status
    for package in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
        if [ "$status" != "installed" ]; then
            printf '%s\n' "$package"
        fi
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
