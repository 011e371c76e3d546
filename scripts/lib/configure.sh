# shellcheck shell=bash
# One configure step for every script (test, demo, sanitize, fuzz, bench): keeps the generator of
# an existing build tree (CMake refuses to switch), else prefers Ninja; uses ccache when present.
#
#   qtsigv4_configure BUILD_DIR [CMAKE_ARGS...]
qtsigv4_configure() {
    local build_dir="$1"
    shift
    local generator=""
    if [ -f "$build_dir/CMakeCache.txt" ]; then
        generator="$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$build_dir/CMakeCache.txt")"
    fi
    if [ -z "$generator" ]; then
        if command -v ninja >/dev/null 2>&1; then generator="Ninja"; else generator="Unix Makefiles"; fi
    fi
    local args=(-B "$build_dir" -G "$generator")
    if command -v ccache >/dev/null 2>&1; then
        args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    echo "== configure ($generator, $build_dir)"
    cmake "${args[@]}" "$@"
}
