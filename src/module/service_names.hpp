#pragma once

#include "core/json.hpp"
#include "core/result.hpp"
#include "module/write_helpers.hpp"
#include "store/store.hpp"

/// The shared vocabulary of the modules' service files: the result, JSON and store names and
/// the write helpers nearly every service uses. Each service file writes
/// `using namespace module::service_names;` (in its unnamed namespace) instead of repeating the
/// same block of using-declarations; names only one file or module uses stay in that file.
namespace sawt::module::service_names {

using core::Error;
using core::Json;
using core::JsonReader;
using core::Ok;
using core::Result;
using core::Status;
using module::AppendEvent;
using module::Assignments;
using module::GuardedUpdate;
using module::LoadOne;
using module::MissOrStale;
using module::OptJson;
using store::Row;
using store::Tx;
using store::Value;

}  // namespace sawt::module::service_names
