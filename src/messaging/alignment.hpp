#pragma once

// The alignment check: a pure function over (draft, library snapshot). No store, no HTTP, no
// clock: AnalysedLibrary (analysed_library.hpp) loads the snapshot, and this file decides. Rules
// and thresholds are documented in docs/messaging.md ("Alignment check").

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.hpp"
#include "text/analyzer.hpp"

namespace sawt::messaging {

/// An approved, currently valid key message.
struct KeyMessageEntry {
  int64_t id = 0;
  std::string theme_code;
  std::string text_ar;
  std::string text_en;
};

/// An approved, currently valid fact. kind "number" uses numeric_value, kind "date" uses
/// date_value ("YYYY-MM-DD"); other kinds are not checked.
struct FactEntry {
  int64_t id = 0;
  std::string key;
  std::string kind = "number";
  std::string label_ar;
  std::string label_en;
  std::string value_ar;
  std::string value_en;
  double numeric_value = 0;
  std::string date_value;
  std::string as_of;
};

/// A banned or deprecated term of the network term list (a word or a phrase).
struct TermEntry {
  int64_t id = 0;
  std::string term;
  std::string lang;    ///< "ar" or "en"
  std::string status;  ///< "banned" or "deprecated"
  std::string replacement;
};

/// An entity's official names and the wrong or short forms it has registered.
struct EntityNameEntry {
  int64_t entity_id = 0;
  std::string name_ar;
  std::string name_en;
  struct Alias {
    std::string text;
    std::string lang;  ///< "ar" or "en"
  };
  std::vector<Alias> aliases;
};

/// Everything the check compares a draft with.
struct LibrarySnapshot {
  std::vector<KeyMessageEntry> messages;
  std::vector<FactEntry> facts;
  std::vector<TermEntry> terms;
  std::vector<EntityNameEntry> entities;
  /// theme code → {name_ar, name_en}, for messages about themes.
  std::unordered_map<std::string, std::pair<std::string, std::string>> theme_names;
};

/// Thresholds of the check. Defaults are what the service uses (docs/messaging.md).
struct AlignmentOptions {
  /// A key message counts as reflected when the cosine between its analysed terms and those of
  /// one sentence of the draft reaches this. Default 0.30.
  double reflected_threshold = 0.30;
  /// A reflected key message reads as a "strong match" from this cosine, a "close match" from
  /// close_threshold, else a "partial match". Defaults 0.70 and 0.50.
  double strong_threshold = 0.70;
  double close_threshold = 0.50;
  /// At most this many best matches are reported (per draft language). Default 3.
  std::size_t max_matches = 3;
  /// A number is read as a statement of a fact when it lies in the same sentence, at most this
  /// many tokens before the first label term ... Default 4.
  std::size_t window_before = 4;
  /// ... or this many tokens after the last label term. Default 12.
  std::size_t window_after = 12;
  /// Numbers whose ratio to the fact's value lies outside [low, high] are about something else
  /// (a percentage, a year, a count of days) and are ignored. Defaults 0.2 and 5.
  double magnitude_low = 0.2;
  double magnitude_high = 5.0;
};

/// The library with every text analysed once, ready for many checks. Immutable after
/// construction; CheckAlignment may run on it from any number of threads at once.
class AlignmentLibrary {
 public:
  explicit AlignmentLibrary(LibrarySnapshot snapshot, text::AnalyzerOptions analyzer_options = {});

  const LibrarySnapshot& snapshot() const { return snapshot_; }
  const text::Analyzer& analyzer() const { return analyzer_; }

  // The analysed form, used by CheckAlignment (alignment.cpp).
  static constexpr uint32_t kUnknown = UINT32_MAX;
  struct Posting {
    uint32_t doc;
    float tf;
  };
  struct Phrase {
    std::vector<uint32_t> terms;
    uint32_t owner;  ///< index into snapshot terms / entities
    bool official;   ///< entity phrases: official name (true) or alias (false)
    std::string lang;
    std::string text;
  };
  struct Lang {
    std::vector<std::vector<Posting>> postings;  ///< term id → messages holding it
    std::vector<float> norms;                    ///< per message; 0 when the text has no term
    std::vector<std::vector<uint32_t>> fact_postings;  ///< term id → facts whose label holds it
    std::vector<uint32_t> fact_label_size;            ///< distinct label terms per fact
    std::unordered_map<uint32_t, std::vector<uint32_t>> phrases_by_first;  ///< first term → phrases
    std::vector<Phrase> phrases;                                           ///< terms and entity names
  };
  uint32_t TermId(std::string_view term) const;
  const Lang& lang(bool arabic) const { return arabic ? ar_ : en_; }
  std::size_t vocabulary_size() const { return vocab_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Eq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
  };
  uint32_t Intern(const std::string& term);
  void BuildLang(bool arabic);

  LibrarySnapshot snapshot_;
  text::Analyzer analyzer_;
  std::unordered_map<std::string, uint32_t, Hash, Eq> vocab_;
  Lang ar_, en_;
};

/// A draft to check: at least one language version.
struct Draft {
  std::optional<std::string> text_ar;
  std::optional<std::string> text_en;
  /// Theme codes the draft is about; empty = compare with every key message and report the best
  /// matches without "missing" findings.
  std::vector<std::string> themes;
};

/// Where a finding points: byte offsets into the draft version named by Finding::lang.
struct Span {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string excerpt;
};

/// One explainable finding. `reason` is a message key ("messaging.alignment.<reason>") whose
/// {0}, {1} ... slots are filled from args_ar / args_en.
struct Finding {
  std::string kind;      ///< key_message, fact, term, language, entity_name
  std::string severity;  ///< error, warning, info
  std::string reason;
  std::vector<std::string> args_ar;
  std::vector<std::string> args_en;
  std::string lang;  ///< the draft version the span points into ("ar" / "en")
  std::optional<Span> span;
  core::Json details = core::Json::object();
};

/// Checks `draft` against `library`. Findings come in a stable order: language, key messages,
/// facts, terms, entity names; within a kind by language then offset. Thread-safe.
std::vector<Finding> CheckAlignment(const Draft& draft, const AlignmentLibrary& library,
                                    const AlignmentOptions& options = {});

/// Whether `draft_value` states `fact_value` at the precision it is written with (the matching
/// rule of docs/messaging.md): 24 million and 24.1 million state 24,100,000; 23 million does not.
bool StatesValue(double draft_value, double fact_value);

/// `mention` (a number as a draft wrote it, e.g. "30 مليون", which reads as `found`) rewritten
/// to state `expected` in the same digits, separators and scale word ("24.1 مليون"). nullopt when
/// that cannot be done exactly (no digits, signs differ, the result would not read back as
/// `expected`). Offered to authors as a one-click fix (finding details "replacement").
std::optional<std::string> RestateNumber(std::string_view mention, double found, double expected);

}  // namespace sawt::messaging
