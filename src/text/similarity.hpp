#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace sawt::text {

/// Term frequencies of one text (term -> count).
using TermVector = std::unordered_map<std::string, double>;

/// Counts `terms` (usually Analyzer::Terms of a text).
TermVector MakeTermVector(std::span<const std::string> terms);

/// Cosine of the angle between two term vectors: 1 for the same direction, 0 when they share
/// no term or either is empty.
double CosineSimilarity(const TermVector& a, const TermVector& b);

/// BM25 parameters. The defaults are the usual ones (and Lucene's).
struct Bm25Options {
  double k1 = 1.2;  // term-frequency saturation; >= 0
  double b = 0.75;  // document-length normalization; 0..1
};

/// A search hit.
struct ScoredDocument {
  std::uint64_t id = 0;
  double score = 0;
};

/// A small in-memory BM25 index over analysed terms, for ranking a few thousand documents
/// (drafts, key messages, approved facts) without a database.
///
/// score(q, d) = sum over distinct query terms t in d of
///   idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| / avgdl)),
///   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)).
/// Not thread-safe for Add; Search may run concurrently when no Add runs.
class Bm25Index {
 public:
  explicit Bm25Index(Bm25Options options = {}) : options_(options) {}

  /// Adds a document made of `terms`. Returns false (and changes nothing) if `id` is already
  /// in the index.
  bool Add(std::uint64_t id, std::span<const std::string> terms);

  /// As Add, with |d| = `length` instead of terms.size(): for terms that include colocated
  /// alternatives (AnalyzerOptions::waw_alternatives), pass the number of positions, so an
  /// alternative does not make its document longer.
  bool Add(std::uint64_t id, std::span<const std::string> terms, std::size_t length);

  /// The best `limit` documents for `query_terms`, highest score first (ties by id); only
  /// documents sharing at least one term are returned.
  std::vector<ScoredDocument> Search(std::span<const std::string> query_terms,
                                     std::size_t limit) const;

  /// As Search, where each query term is a group of alternatives (the terms an analyzer put at
  /// one position, e.g. an Arabic word's stems with and without its و prefix). A group counts
  /// as one query term: in each document it scores the best (max) of its alternatives' scores
  /// there. A group equal to an earlier one is skipped. Single-term groups score exactly as
  /// Search.
  std::vector<ScoredDocument> SearchAlternatives(
      std::span<const std::vector<std::string>> query_groups, std::size_t limit) const;

  /// Number of documents.
  std::size_t size() const { return ids_.size(); }

 private:
  struct Posting {
    std::uint32_t doc;
    std::uint32_t tf;
  };

  Bm25Options options_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_of_id_;
  std::vector<std::uint64_t> ids_;
  std::vector<std::uint32_t> lengths_;
  std::uint64_t total_length_ = 0;
};

}  // namespace sawt::text
