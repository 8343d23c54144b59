#pragma once

#include <cstdio>
#include <cstdlib>

/// For programmer errors only, never for user input: a failed assertion aborts in every build.
#define SAWT_ASSERT(cond, why)                                                              \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, #cond, \
                   why);                                                                    \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)
