#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.hpp"
#include "messaging/alignment.hpp"
#include "module/entity_directory.hpp"
#include "store/commit_watermark.hpp"

namespace sawt::messaging {

/// The cache of the analysed library the alignment check runs against: the approved key messages
/// and facts valid today, every term and every entity alias, loaded from the library's tables and
/// analysed once (AlignmentLibrary). Thread-safe.
class AnalysedLibrary {
 public:
  AnalysedLibrary(store::Store& store, module::EntityDirectorySource entities);

  /// The library snapshot the check uses (approved and valid today), analysed. Valid while no
  /// event that changes the library has committed since it was loaded and on the same UTC day.
  core::Result<std::shared_ptr<const AlignmentLibrary>> Get();

 private:
  store::Store& store_;
  module::EntityDirectorySource entities_;
  // Cached analysed library: valid while no event committed since it was loaded (same rule as
  // module::EpochCache) and on the same UTC day (validity dates).
  store::CommitWatermark epoch_;
  std::mutex mu_;
  std::shared_ptr<const AlignmentLibrary> library_;
  int64_t library_epoch_ = -1;
  std::string library_day_;
};

}  // namespace sawt::messaging
