# shellcheck shell=bash disable=SC2034,SC2154  # sets variables for the scripts that source it; uses their $root
# What a cross build for an ARM board needs on this machine: the target's names, Debian's
# cross g++ with the target's multi-arch Qt and OpenSSL packages, and a qemu-user new enough to
# run Qt programs. Sourced by scripts/cross and scripts/footprint (after packages.sh, with
# $root set).
#
#   qtsigv4_cross_setup ARCH   # aarch64 or armhf; returns 1 for anything else
#
# Sets: deb_arch, triplet, qemu_arch, elf_magic, elf_mask (the binfmt_misc pattern of the
# target's executables), tools_dir (build/cross-tools) and qemu (an absolute path).
# Environment: QTSIGV4_QEMU (a qemu-<arch> of your own; 10.0 or newer is known to work).

# qemu 10 is the oldest measured to start QProcess children of emulated Qt 6.4 programs (7.2
# fails; 8 and 9 were not measured: give one with QTSIGV4_QEMU to try it).
qtsigv4_qemu_min_major=10

qtsigv4_cross_setup() {
    case "$1" in
        aarch64) deb_arch=arm64; triplet=aarch64-linux-gnu; qemu_arch=aarch64
                 elf_magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00' ;;
        armhf)   deb_arch=armhf; triplet=arm-linux-gnueabihf; qemu_arch=arm
                 elf_magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00' ;;
        *) return 1 ;;
    esac
    elf_mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
    tools_dir="$root/build/cross-tools"
    qtsigv4_cross_packages "$1"
    qtsigv4_cross_find_qemu
}

# Adds the dpkg architecture (as root) and installs the cross packages of ARCH.
qtsigv4_cross_packages() {
    if command -v dpkg >/dev/null 2>&1 && ! dpkg --print-foreign-architectures | grep -qx "$deb_arch" \
            && [ "$(dpkg --print-architecture)" != "$deb_arch" ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "scripts: add the $deb_arch architecture first: sudo dpkg --add-architecture $deb_arch" >&2
            exit 1
        fi
        echo "== adding the dpkg architecture $deb_arch"
        dpkg --add-architecture "$deb_arch"
        apt-get update -q
    fi
    local cross_packages="QTSIGV4_PACKAGES_CROSS_${1}[@]"
    qtsigv4_ensure_packages "${QTSIGV4_PACKAGES_BUILD[@]}" "${QTSIGV4_PACKAGES_TLS[@]}" "${!cross_packages}"
}

qtsigv4_qemu_major() { "$1" --version 2>/dev/null | sed -n '1s/.*version \([0-9]*\)\..*/\1/p'; }
qtsigv4_qemu_ok() { [ -x "$1" ] && [ "$(qtsigv4_qemu_major "$1")" -ge "$qtsigv4_qemu_min_major" ] 2>/dev/null; }

# Downloads qemu-user from bookworm-backports with a private apt state (the system's sources and
# packages stay as they are) and extracts qemu-aarch64 and qemu-arm into build/cross-tools.
qtsigv4_fetch_backports_qemu() {
    local apt_dir="$tools_dir/apt" out="$tools_dir/qemu"
    rm -rf "$apt_dir"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$out"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main" \
        >"$apt_dir/sources.list"
    local opts=(-o Dir::Etc::sourcelist="$apt_dir/sources.list" -o Dir::Etc::sourceparts=-
                -o Dir::State::lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
                -o Dir::State::status=/dev/null -o APT::Architectures::="$(dpkg --print-architecture)"
                -o APT::Sandbox::User=root -q)
    echo "== fetching qemu-user from bookworm-backports into $out"
    apt-get "${opts[@]}" update >/dev/null
    (cd "$apt_dir" && apt-get "${opts[@]}" download qemu-user >/dev/null)
    dpkg-deb --fsys-tarfile "$apt_dir"/qemu-user_*.deb \
        | tar -x -C "$out" --strip-components=3 ./usr/bin/qemu-aarch64 ./usr/bin/qemu-arm
    rm -rf "$apt_dir"
}

# Sets qemu: QTSIGV4_QEMU, else the system's when new enough, else one in build/cross-tools
# (from bookworm-backports on Debian 12, Debian's qemu-user elsewhere).
qtsigv4_cross_find_qemu() {
    qemu="${QTSIGV4_QEMU:-}"
    if [ -z "$qemu" ]; then
        local system_qemu
        system_qemu="$(command -v "qemu-$qemu_arch" || command -v "qemu-$qemu_arch-static" || true)"
        if [ -n "$system_qemu" ] && qtsigv4_qemu_ok "$system_qemu"; then
            qemu="$system_qemu"
        else
            qemu="$tools_dir/qemu/qemu-$qemu_arch"
            if ! qtsigv4_qemu_ok "$qemu"; then
                if [ "$(. /etc/os-release && echo "${VERSION_CODENAME:-}")" = bookworm ]; then
                    qtsigv4_fetch_backports_qemu
                else
                    qtsigv4_ensure_packages qemu-user
                    qemu="$(command -v "qemu-$qemu_arch")"
                fi
            fi
        fi
    fi
    if [ -n "${QTSIGV4_QEMU:-}" ] && [ -x "$qemu" ] && ! qtsigv4_qemu_ok "$qemu"; then
        echo "scripts: warning: $qemu is older than qemu $qtsigv4_qemu_min_major, the oldest measured to start processes" >&2
    elif ! qtsigv4_qemu_ok "$qemu"; then
        echo "scripts: need qemu-$qemu_arch $qtsigv4_qemu_min_major.0 or newer (have: ${qemu:-none}" \
             "$(qtsigv4_qemu_major "${qemu:-false}" || true)); set QTSIGV4_QEMU" >&2
        exit 1
    fi
    qemu="$(readlink -f "$qemu")"
    echo "== emulator: $qemu ($("$qemu" --version | head -1))"
}
