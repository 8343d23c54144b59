#pragma once

#include "app/app.hpp"

namespace sawt::app {

/// The application on the store --db names (default DefaultDb()), opened with the store options
/// the flags ask for (also put in `*store_options` when given), for a command that works on it. On
/// failure it prints why, sets `*exit_code` (2 for bad store flags, `open_failed` when the store
/// cannot be opened) and returns the error.
inline core::Result<App> OpenAppFromFlags(const Flags& flags, int open_failed, int* exit_code,
                                          store::StoreOptions* store_options = nullptr) {
  auto options = StoreOptionsFrom(flags);
  if (!options) {
    PrintError(options.error());
    *exit_code = 2;
    return std::move(options).error();
  }
  if (store_options != nullptr) *store_options = *options;
  AppOptions app_options;
  app_options.store = *options;
  auto app = OpenApp(flags.GetOr("db", DefaultDb()), app_options);
  if (!app) {
    PrintError(app.error());
    *exit_code = open_failed;
  }
  return app;
}

}  // namespace sawt::app
