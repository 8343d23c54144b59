#pragma once

#include <optional>
#include <string>

#include "module/registry.hpp"
#include "tests/support/test_app.hpp"

namespace sawt::testing {

/// A database that already holds the demo network, to copy for each test process: a SQLite file
/// or a PostgreSQL template database, and the ids the demo seeders made.
struct DemoTemplate {
  std::string source;  ///< the SQLite file, or the PostgreSQL database name
  module::DemoContext demo;
};

/// The demo template of `kind` for this test binary, made on first use. Loading the demo costs
/// more than the test that needs it, and CTest runs each test in its own process, so the first
/// process loads it once (under a file lock, so that parallel processes wait instead of
/// repeating it) and every process copies it (a file copy, or CREATE DATABASE ... TEMPLATE).
///
/// Enabled by SAWT_TEST_DEMO_CACHE=<directory> (CTest sets it); nullopt without it, or when
/// PostgreSQL is not configured. A template belongs to one binary (by path) and is remade when
/// the binary changes (it is seeded at kDemoSeededAtMicros, so not when the date does); older
/// ones of the same binary are removed then. Fails the running test when it cannot be made.
std::optional<DemoTemplate> DemoTemplateFor(BackendKind kind);

}  // namespace sawt::testing
