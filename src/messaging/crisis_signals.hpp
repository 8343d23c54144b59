#pragma once

#include "module/crisis_signal.hpp"
#include "module/vocabulary.hpp"

namespace sawt::messaging {

/// What messaging tells crisis rooms (module::CrisisSignalSource): a publication of one of the
/// room's entities that failed on a channel after its attempts ran out, so the people running the
/// crisis see at once that a channel did not carry the message. Reads only messaging's own tables.
class PublicationFailureSignals final : public module::CrisisSignalSource {
 public:
  /// REQUIRES: `channels` (the channel vocabulary, for the channel's name) outlives the source.
  explicit PublicationFailureSignals(const module::Vocabulary& channels) : channels_(channels) {}
  core::Result<std::vector<module::CrisisSignal>> Signals(store::Tx& tx, const module::CrisisSignalQuery& query,
                                                          size_t limit) const override;

 private:
  const module::Vocabulary& channels_;
};

}  // namespace sawt::messaging
