# 64-bit ARM (arm64) with Debian's cross g++ and multi-arch packages; see debian-multiarch.cmake.
set(QTSIGV4_CROSS_TRIPLET aarch64-linux-gnu)
set(QTSIGV4_CROSS_PROCESSOR aarch64)
set(QTSIGV4_CROSS_QEMU_ARCH aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-multiarch.cmake)
