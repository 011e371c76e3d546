# Runs qdoc into OUTPUT and fails on any qdoc warning or error, and when a public class or
# enum of HEADERS has no documentation (qdoc itself does not warn about those).
# cmake -DQDOC=... -DQDOCCONF=... -DQT_INSTALL_DOCS=... -DQT_VERSION=... -DQT_INCLUDE_DIR=...
#       -DGENERATED=... -DVERSION=... -DHEADERS=... -DOUTPUT=... -P run_qdoc.cmake
cmake_minimum_required(VERSION 3.21)

# qdoc refuses a non-empty output directory.
file(REMOVE_RECURSE ${OUTPUT})

string(REGEX MATCH "^[0-9]+\\.[0-9]+" _qt_ver "${QT_VERSION}")
string(REPLACE "." "" _qt_version_tag "${QT_VERSION}")
set(ENV{QT_INSTALL_DOCS} ${QT_INSTALL_DOCS})
set(ENV{QT_VERSION} ${QT_VERSION})
set(ENV{QT_VER} ${_qt_ver})
set(ENV{QT_VERSION_TAG} ${_qt_version_tag})
set(ENV{QTSIGV4_VERSION} ${VERSION})
set(ENV{QTSIGV4_QT_INCLUDE_DIR} ${QT_INCLUDE_DIR})
set(ENV{QTSIGV4_QDOC_GENERATED} ${GENERATED})

execute_process(
    COMMAND ${QDOC} ${QDOCCONF} --outputdir ${OUTPUT}
    RESULT_VARIABLE _result
    OUTPUT_VARIABLE _out
    ERROR_VARIABLE _out)

set(_problems "")
string(REGEX MATCHALL "[^\n]*\\((qdoc|qdoc\\.clang)\\) (warning|error)[^\n]*" _warnings "${_out}")
foreach(_w IN LISTS _warnings)
    string(APPEND _problems "${_w}\n")
endforeach()
if(NOT _result EQUAL 0 AND "${_problems}" STREQUAL "")
    string(APPEND _problems "qdoc exited with ${_result}:\n${_out}\n")
endif()

# Every public class and enum must be in the index qdoc writes for documented nodes.
# _require_documented(HEADER KIND NAME ATTRIBUTES HOW): KIND NAME must be in the index, with
# ATTRIBUTES (a regular expression of its first attributes) and documented="true".
function(_require_documented header kind name attributes how)
    if(NOT _index_text MATCHES "<${kind} ${attributes}[^>]* documented=\"true\"")
        set(_problems "${_problems}${header}: ${kind} ${name} is not documented (${how})\n" PARENT_SCOPE)
    endif()
endfunction()
set(_index ${OUTPUT}/qtsigv4.index)
if(EXISTS ${_index})
    file(READ ${_index} _index_text)
    file(GLOB _headers ${HEADERS}/*.h)
    list(SORT _headers)
    foreach(_header IN LISTS _headers)
        file(READ ${_header} _text)
        string(REGEX MATCHALL "\nclass QTSIGV4_EXPORT [A-Za-z0-9_]+" _classes "${_text}")
        foreach(_c IN LISTS _classes)
            string(REGEX REPLACE ".* " "" _class "${_c}")
            _require_documented(${_header} class ${_class} "name=\"${_class}\"" "\\class")
        endforeach()
        # The enums outside private sections (up to the next public:, protected: or signals:).
        set(_public_text "")
        while(TRUE)
            string(FIND "${_text}" "\nprivate:" _at)
            if(_at EQUAL -1)
                string(APPEND _public_text "${_text}")
                break()
            endif()
            string(SUBSTRING "${_text}" 0 ${_at} _before)
            string(APPEND _public_text "${_before}")
            math(EXPR _at "${_at} + 9")
            string(SUBSTRING "${_text}" ${_at} -1 _text)
            string(REGEX MATCH "\n(public|protected|Q_SIGNALS|signals)[^\n]*:" _next "${_text}")
            if(_next STREQUAL "")
                break()
            endif()
            string(FIND "${_text}" "${_next}" _at)
            string(SUBSTRING "${_text}" ${_at} -1 _text)
        endwhile()
        # Each class's enums: split the text at the class declarations (as a CMake list, so
        # the list's special characters are escaped first).
        string(REPLACE ";" "<semicolon>" _public_text "${_public_text}")
        string(REPLACE "[" "<open>" _public_text "${_public_text}")
        string(REPLACE "]" "<close>" _public_text "${_public_text}")
        string(REPLACE "\nclass QTSIGV4_EXPORT " ";" _segments "${_public_text}")
        list(REMOVE_AT _segments 0)
        foreach(_segment IN LISTS _segments)
            string(REGEX MATCH "^[A-Za-z0-9_]+" _class "${_segment}")
            string(REGEX MATCHALL "\n *enum( class)? [A-Za-z0-9_]+" _enums "${_segment}")
            foreach(_e IN LISTS _enums)
                string(REGEX REPLACE ".* " "" _enum "${_e}")
                _require_documented(${_header} enum ${_class}::${_enum}
                    "name=\"${_enum}\" fullname=\"${_class}::${_enum}\"" "\\enum with a \\value per value")
            endforeach()
        endforeach()
    endforeach()
elseif("${_problems}" STREQUAL "")
    string(APPEND _problems "qdoc wrote no ${_index}\n")
endif()

if(NOT "${_problems}" STREQUAL "")
    message(NOTICE "${_problems}")
    message(FATAL_ERROR "API reference: fix the problems above (docs/qtsigv4.qdocconf, the /*! */ comments)")
endif()
message(STATUS "API reference: ${OUTPUT}/index.html")
