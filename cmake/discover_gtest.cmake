# Registers every test of a GoogleTest binary with CTest under gtest's own name
# (StoreTest/Sqlite.AppendEventChainsHash), one CTest test (and process) per gtest test. CMake
# 3.25's gtest_discover_tests mangles typed tests with named types into
# "StoreTest.X<StoreTest/Sqlite.  # TypeParam = ...>".
# Usage: cmake -D EXE=... -D OUT=... -D LABELS=... [-D TIMEOUT=seconds] [-D ENVIRONMENT=NAME=VALUE]
#        -P discover_gtest.cmake
execute_process(COMMAND "${EXE}" --gtest_list_tests OUTPUT_VARIABLE listing RESULT_VARIABLE rc TIMEOUT 60)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} --gtest_list_tests failed: ${rc}")
endif()
set(extra "")
if(TIMEOUT)
  string(APPEND extra " TIMEOUT ${TIMEOUT}")
endif()
if(ENVIRONMENT)
  string(APPEND extra " ENVIRONMENT [==[${ENVIRONMENT}]==]")
endif()
string(REPLACE ";" "" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
set(script "")
set(suite "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  if(line MATCHES "^Running main|^[ ]*$")
    continue()
  endif()
  if(line MATCHES "^  ")
    string(STRIP "${line}" test)
    set(name "${suite}.${test}")
    string(APPEND script "add_test([=[${name}]=] [==[${EXE}]==] [==[--gtest_filter=${name}]==])\n")
    string(APPEND script "set_tests_properties([=[${name}]=] PROPERTIES LABELS [==[${LABELS}]==] "
                         "SKIP_REGULAR_EXPRESSION [==[\\[  SKIPPED \\]]==]${extra})\n")
  else()
    string(STRIP "${line}" suite)
    string(REGEX REPLACE "\\.$" "" suite "${suite}")
  endif()
endforeach()
file(WRITE "${OUT}" "${script}")
