# The library variants of the footprint table (docs/footprint.md): each is built by a test
# (tests/package, variant.<name>) and measured by scripts/footprint. One place for both.
# `cmake -P cmake/QtSigV4Variants.cmake` prints them, one per line: name, then its options;
# the first line, "common", has the options every variant adds.
# Library only, shared, linked with --no-undefined: a part left out that another still calls
# fails the link (a static archive would not notice). package.static builds the static one.
set(QTSIGV4_VARIANTS
    no-sigv4a
    no-verifier
    no-payload
    no-process-provider
    no-metadata-providers
    no-iot-provider
    crypto-qt
    minimal
    minimal-qt)
set(_qtsigv4_all_off
    -DQTSIGV4_WITH_SIGV4A=OFF -DQTSIGV4_WITH_VERIFIER=OFF -DQTSIGV4_WITH_PAYLOAD=OFF
    -DQTSIGV4_WITH_PROCESS_PROVIDER=OFF -DQTSIGV4_WITH_METADATA_PROVIDERS=OFF
    -DQTSIGV4_WITH_IOT_PROVIDER=OFF)
set(QTSIGV4_VARIANT_no-sigv4a -DQTSIGV4_WITH_SIGV4A=OFF)
set(QTSIGV4_VARIANT_no-verifier -DQTSIGV4_WITH_VERIFIER=OFF)
set(QTSIGV4_VARIANT_no-payload -DQTSIGV4_WITH_PAYLOAD=OFF)
set(QTSIGV4_VARIANT_no-process-provider -DQTSIGV4_WITH_PROCESS_PROVIDER=OFF)
set(QTSIGV4_VARIANT_no-metadata-providers -DQTSIGV4_WITH_METADATA_PROVIDERS=OFF)
set(QTSIGV4_VARIANT_no-iot-provider -DQTSIGV4_WITH_IOT_PROVIDER=OFF)
set(QTSIGV4_VARIANT_crypto-qt -DQTSIGV4_CRYPTO=qt)
set(QTSIGV4_VARIANT_minimal ${_qtsigv4_all_off})
set(QTSIGV4_VARIANT_minimal-qt ${_qtsigv4_all_off} -DQTSIGV4_CRYPTO=qt)
# Library only: none of the faces, tests or tools.
set(QTSIGV4_VARIANT_COMMON
    -DQTSIGV4_BUILD_TESTS=OFF -DQTSIGV4_BUILD_CLI=OFF -DQTSIGV4_BUILD_QML=OFF
    -DQTSIGV4_BUILD_DEMO=OFF -DQTSIGV4_BUILD_BENCHMARKS=OFF -DQTSIGV4_BUILD_DOCS=OFF
    -DCMAKE_SHARED_LINKER_FLAGS=-Wl,--no-undefined)

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
    set(QTSIGV4_VARIANT_common ${QTSIGV4_VARIANT_COMMON})
    foreach(_name IN ITEMS common LISTS QTSIGV4_VARIANTS)
        list(JOIN QTSIGV4_VARIANT_${_name} " " _options)
        execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${_name} ${_options}")
    endforeach()
endif()
