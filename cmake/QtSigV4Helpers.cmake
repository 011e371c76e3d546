# Warnings are set per target, never globally, so consumers using add_subdirectory
# do not inherit our flags.
function(qtsigv4_set_warnings target)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra)
        if(QTSIGV4_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
endfunction()

# qtsigv4_add_test(NAME tst_foo SOURCES tst_foo.cpp [LIBRARIES ...] [LABELS ...] [TIMEOUT s])
function(qtsigv4_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS;ENVIRONMENT" ${ARGN})
    find_package(Qt6 REQUIRED COMPONENTS Test)
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE QtSigV4::QtSigV4 Qt6::Test ${T_LIBRARIES})
    target_compile_definitions(${T_NAME} PRIVATE
        QTSIGV4_SHARED_DIR="${QTSIGV4_SHARED_DIR}"
        QTSIGV4_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    qtsigv4_set_warnings(${T_NAME})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    # Under an emulator (scripts/cross: qemu user mode) every process start and every hashed
    # byte costs several times as much: tst_sigv4cli took over 300 s on a loaded machine.
    if(CMAKE_CROSSCOMPILING AND CMAKE_CROSSCOMPILING_EMULATOR)
        math(EXPR T_TIMEOUT "${T_TIMEOUT} * 4")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;AWS_EC2_METADATA_DISABLED=true;${T_ENVIRONMENT}")
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
endfunction()
