# cmake -DBINARIES=a|b -DSECRETS=s1|s2 -DSECRETS_FILE=secrets.txt -DLOG_DIR=dir -P check_secrets.cmake
# Runs each binary with QT_LOGGING_RULES="qtsigv4.*=true" and fails when its output holds a
# secret (as is, percent-encoded, or either with lower-case escapes): those of SECRETS and
# SECRETS_FILE (one per line, # comments), and those the binary published while it ran
# (QTSIGV4_HYGIENE_SECRETS_FILE, see tests/common/testsecrets.h). Test failures of the
# binaries themselves are reported by their own ctest entries, not here; but a binary that did
# not run is a failure here (output not checked is not output without secrets): each must exit
# with a status (not a signal, a time-out or a start error) and print QtTest's "Totals:" line.
string(REPLACE "|" ";" binaries "${BINARIES}")
string(REPLACE "|" ";" secrets "${SECRETS}")
file(STRINGS "${SECRETS_FILE}" listed REGEX "^[^#]")
list(APPEND secrets ${listed})

# The forms a secret can take in output: as is, and percent-encoded (upper or lower case).
function(secret_needles out)
    set(needles)
    foreach(secret IN LISTS ARGN)
        string(REPLACE "/" "%2F" enc "${secret}")
        string(REPLACE "+" "%2B" enc "${enc}")
        string(REPLACE "=" "%3D" enc "${enc}")
        string(REPLACE "%2F" "%2f" lower "${enc}")
        string(REPLACE "%2B" "%2b" lower "${lower}")
        string(REPLACE "%3D" "%3d" lower "${lower}")
        list(APPEND needles "${secret}" "${enc}" "${lower}")
    endforeach()
    list(REMOVE_DUPLICATES needles)
    set(${out} "${needles}" PARENT_SCOPE)
endfunction()
secret_needles(static_needles ${secrets})
list(LENGTH secrets static_count)

set(published_file "${LOG_DIR}/published-secrets.txt")
set(ENV{QTSIGV4_HYGIENE_SECRETS_FILE} "${published_file}")
set(ENV{QT_LOGGING_RULES} "qtsigv4.*=true")
set(ENV{QT_QPA_PLATFORM} "offscreen")
set(ENV{QT_MESSAGE_PATTERN} "%{category}: %{message}")

set(leaks)
set(not_run)
set(total 0)
set(published_total 0)
foreach(bin IN LISTS binaries)
    get_filename_component(name "${bin}" NAME)
    file(REMOVE "${published_file}")
    execute_process(COMMAND "${bin}" OUTPUT_VARIABLE out ERROR_VARIABLE err
                    RESULT_VARIABLE rc TIMEOUT 300)
    set(all "${out}${err}")
    file(WRITE "${LOG_DIR}/${name}.log" "${all}")
    string(LENGTH "${all}" len)
    math(EXPR total "${total} + ${len}")
    string(REGEX MATCHALL "qtsigv4[.a-z]*: " lines "${all}")
    list(LENGTH lines logged)
    set(needles ${static_needles})
    set(published)
    if(EXISTS "${published_file}")
        file(STRINGS "${published_file}" published)
        list(REMOVE_DUPLICATES published)
        secret_needles(published_needles ${published})
        list(APPEND needles ${published_needles})
    endif()
    list(LENGTH published published_count)
    math(EXPR published_total "${published_total} + ${published_count}")
    message(STATUS "${name}: exit ${rc}, ${len} bytes of output, ${logged} qtsigv4 log lines, "
                   "${published_count} secrets published")
    if(NOT rc MATCHES "^[0-9]+$")
        list(APPEND not_run "${name}: did not run to its end (${rc})")
    elseif(NOT all MATCHES "Totals: [0-9]+ passed, [0-9]+ failed")
        list(APPEND not_run "${name}: did not run (exit ${rc}, no QtTest \"Totals:\" line in its output)")
    endif()
    foreach(needle IN LISTS needles)
        string(FIND "${all}" "${needle}" at)
        if(NOT at EQUAL -1)
            list(APPEND leaks "${name} printed '${needle}' (see ${LOG_DIR}/${name}.log)")
        endif()
    endforeach()
endforeach()

if(leaks OR not_run)
    list(APPEND leaks ${not_run})
    string(REPLACE ";" "\n  " text "${leaks}")
    message(FATAL_ERROR "secret material in the test output, or output not seen:\n  ${text}")
endif()
message(STATUS "no secret (${static_count} listed, ${published_total} published) in ${total} "
               "bytes of output of the test binaries")
