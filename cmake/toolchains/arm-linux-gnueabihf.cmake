# 32-bit ARM with hardware floating point (armhf, ARMv7) with Debian's cross g++ and multi-arch
# packages; see debian-multiarch.cmake.
set(QTSIGV4_CROSS_TRIPLET arm-linux-gnueabihf)
set(QTSIGV4_CROSS_PROCESSOR armv7l)
set(QTSIGV4_CROSS_QEMU_ARCH arm)
include(${CMAKE_CURRENT_LIST_DIR}/debian-multiarch.cmake)
