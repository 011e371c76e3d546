# cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DGENERATOR=... -DOPTIONS="a|b|..."
#       [-DINSTALL_PREFIX=...] [-DCONSUMER_SOURCE=... -DCONSUMER_BINARY=... -DCONSUMER_OPTIONS="a|b"
#        -DCONSUMER_RUN=exe] -P QtSigV4BuildVariant.cmake
# Configures and builds one variant of the library in its own tree (tests/package), installs
# it and, when asked, builds a consumer project against the installed package and runs it.
foreach(_required SOURCE_DIR BINARY_DIR GENERATOR)
    if(NOT DEFINED ${_required})
        message(FATAL_ERROR "${_required} is not set")
    endif()
endforeach()
string(REPLACE "|" ";" OPTIONS "${OPTIONS}")
string(REPLACE "|" ";" CONSUMER_OPTIONS "${CONSUMER_OPTIONS}")

function(run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
        message(FATAL_ERROR "${what} failed (${_result}): ${ARGN}")
    endif()
endfunction()

file(REMOVE_RECURSE ${BINARY_DIR})
run("configure" ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} -G ${GENERATOR} ${OPTIONS})
run("build" ${CMAKE_COMMAND} --build ${BINARY_DIR} --parallel 2)
if(NOT INSTALL_PREFIX)
    return()
endif()
file(REMOVE_RECURSE ${INSTALL_PREFIX})
run("install" ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${INSTALL_PREFIX})
if(NOT CONSUMER_SOURCE)
    return()
endif()
file(REMOVE_RECURSE ${CONSUMER_BINARY})
run("consumer configure" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE} -B ${CONSUMER_BINARY} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${INSTALL_PREFIX} ${CONSUMER_OPTIONS})
run("consumer build" ${CMAKE_COMMAND} --build ${CONSUMER_BINARY} --parallel 2)
run("consumer run" ${CONSUMER_BINARY}/${CONSUMER_RUN})
