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

# qtsigv4_add_test(NAME tst_foo SOURCES tst_foo.cpp [LIBRARIES ...] [LABELS ...] [TIMEOUT s]
#                  [NEEDS VERIFIER PAYLOAD ...])
# NEEDS names parts of the library (QTSIGV4_WITH_<part>): without one, the test is not added.
function(qtsigv4_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS;ENVIRONMENT;NEEDS" ${ARGN})
    qtsigv4_missing_parts(_missing ${T_NEEDS})
    if(_missing)
        message(STATUS "qtsigv4: ${T_NAME} skipped (built without ${_missing})")
        return()
    endif()
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

# qtsigv4_require(FACE PART...): FACE (an option that is ON) cannot be built without the PARTs.
function(qtsigv4_require face)
    if(NOT ${face})
        return()
    endif()
    foreach(_part ${ARGN})
        if(NOT ${_part})
            message(FATAL_ERROR "${face} needs ${_part}: turn ${face} off or ${_part} on")
        endif()
    endforeach()
endfunction()


# qtsigv4_missing_parts(VAR PART...): VAR lists the QTSIGV4_WITH_<PART> options that are OFF.
function(qtsigv4_missing_parts var)
    set(_missing)
    foreach(_part ${ARGN})
        if(NOT QTSIGV4_WITH_${_part})
            list(APPEND _missing QTSIGV4_WITH_${_part})
        endif()
    endforeach()
    set(${var} "${_missing}" PARENT_SCOPE)
endfunction()
