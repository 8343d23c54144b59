# Shared build helpers for sawt targets.

# Warnings every sawt target compiles with; CI turns them into errors (SAWT_WERROR).
function(sawt_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # GCC 12 reports maybe-uninitialized falsely for std::variant in initializer lists (GCC PR 105562-like).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    # ...and -Wrestrict falsely at -O3 for std::string concatenation (GCC PR 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SAWT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(SAWT_SANITIZE AND SAWT_TSAN)
  message(FATAL_ERROR "SAWT_SANITIZE (ASan) and SAWT_TSAN cannot be combined; use two build trees")
endif()
if(SAWT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(SAWT_TSAN)
  # GCC 12 warns (-Wtsan) that TSan does not model std::atomic_thread_fence, which Asio's
  # fenced blocks use; the handlers it orders also synchronise through the reactor's mutex.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
  add_link_options(-fsanitize=thread)
endif()

# sawt_module(NAME SOURCES ... DEPS ...): one static library per layer/module, includes rooted at src/.
function(sawt_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${M_DEPS})
  sawt_warnings(${name})
endfunction()

# sawt_test(NAME SOURCES ... DEPS ... [LABELS ...]): a GoogleTest binary registered with CTest.
function(sawt_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  sawt_warnings(${name})
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${T_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
