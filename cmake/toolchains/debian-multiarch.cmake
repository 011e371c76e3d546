# Shared part of the cross toolchain files: Debian's cross g++ for QTSIGV4_CROSS_TRIPLET and the
# multi-arch packages of the target architecture (qt6-base-dev:<arch>, libssl-dev:<arch>)
# installed beside the host's. Qt's host tools (moc, rcc; Multi-Arch: foreign) are the host's.
# scripts/cross installs all of it and passes the emulator.
#
# CMAKE_CROSSCOMPILING_EMULATOR (qemu-<arch>, user mode) is what CTest puts in front of every
# test command, so the tests run on this machine. It must not be given -L: the target binaries'
# interpreter (/lib/ld-linux-*.so.*) is the one multi-arch libc6:<arch> installs, and a second
# glibc from /usr/<triplet> makes the Qt programs hang.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${QTSIGV4_CROSS_PROCESSOR})
set(CMAKE_LIBRARY_ARCHITECTURE ${QTSIGV4_CROSS_TRIPLET})
set(CMAKE_C_COMPILER ${QTSIGV4_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${QTSIGV4_CROSS_TRIPLET}-g++)

# Programs (moc, cmake helpers) of the host; pkg-config (FindOpenSSL asks it first) reads the
# target's .pc files only, or it hands the host's libcrypto to the target.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${QTSIGV4_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig)

# Qt 6 finds its host tools (Qt6CoreTools, ...) through QT_HOST_PATH.
if(NOT DEFINED QT_HOST_PATH)
    set(QT_HOST_PATH /usr)
endif()
execute_process(COMMAND dpkg-architecture -qDEB_HOST_MULTIARCH OUTPUT_VARIABLE _qtsigv4_host_multiarch
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT DEFINED QT_HOST_PATH_CMAKE_DIR AND _qtsigv4_host_multiarch)
    set(QT_HOST_PATH_CMAKE_DIR /usr/lib/${_qtsigv4_host_multiarch}/cmake)
endif()

if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
    find_program(QTSIGV4_CROSS_QEMU NAMES qemu-${QTSIGV4_CROSS_QEMU_ARCH} qemu-${QTSIGV4_CROSS_QEMU_ARCH}-static)
    if(QTSIGV4_CROSS_QEMU)
        set(CMAKE_CROSSCOMPILING_EMULATOR ${QTSIGV4_CROSS_QEMU})
    endif()
endif()
