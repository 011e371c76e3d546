# Included before project(), so that a wrong build directory is refused before anything is
# written into it.
#
# A second build tree of qtsigv4 must not be made where a first one keeps the output of one of
# its subdirectories (for example build/fuzz or build/bench inside build/). The two trees would
# overwrite each other's files, and installing the first would install the second's library.
function(qtsigv4_check_build_dir)
    if(NOT CMAKE_SOURCE_DIR STREQUAL CMAKE_CURRENT_SOURCE_DIR)
        return() # add_subdirectory() use: the build tree is the including project's
    endif()
    get_filename_component(_parent "${CMAKE_BINARY_DIR}" DIRECTORY)
    get_filename_component(_name "${CMAKE_BINARY_DIR}" NAME)
    if(NOT EXISTS "${_parent}/CMakeCache.txt" OR NOT EXISTS "${CMAKE_SOURCE_DIR}/${_name}/CMakeLists.txt")
        return()
    endif()
    file(STRINGS "${_parent}/CMakeCache.txt" _home REGEX "^CMAKE_HOME_DIRECTORY:INTERNAL=")
    string(REGEX REPLACE "^[^=]*=" "" _home "${_home}")
    get_filename_component(_home "${_home}" REALPATH)
    get_filename_component(_source "${CMAKE_SOURCE_DIR}" REALPATH)
    if(_home STREQUAL _source)
        message(FATAL_ERROR
            "qtsigv4: the build directory ${CMAKE_BINARY_DIR} is where the build in ${_parent} "
            "keeps its '${_name}' subdirectory; the two builds would overwrite each other's files. "
            "Choose another directory name (scripts/fuzz uses build/fuzz-clang, scripts/bench "
            "build/bench-release).")
    endif()
endfunction()
