#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sawt::text {

/// What one step of a word diff does.
enum class DiffOp {
  kEqual,   // the word is in both texts
  kInsert,  // the word is only in the later text
  kDelete,  // the word is only in the earlier text
};

/// Lower-case English name of an operation ("equal", "insert", "delete").
std::string_view DiffOpName(DiffOp op);

/// One word of a diff and what happened to it.
struct WordEdit {
  DiffOp op = DiffOp::kEqual;
  std::string word;
};

/// Largest number of LCS cells WordDiff fills (about 16 MB); beyond it the changed middle is
/// reported as one delete run and one insert run.
inline constexpr std::size_t kDefaultMaxDiffCells = 4'000'000;

/// Word-level diff of `before` → `after`. Words are the tokens of `Tokenize` (an Arabic word with
/// its clitics is one unit; punctuation and spaces are not words). The common prefix and suffix
/// are equal runs; the middle is a longest common subsequence, with inserts before deletes where
/// both fit. When the middle needs more than `max_cells` cells it is all deleted, then all
/// inserted. Reading the edits in order gives every word of both texts once: equal and deleted
/// words spell `before`, equal and inserted words spell `after`. Thread-safe.
std::vector<WordEdit> WordDiff(std::string_view before, std::string_view after,
                               std::size_t max_cells = kDefaultMaxDiffCells);

}  // namespace sawt::text
