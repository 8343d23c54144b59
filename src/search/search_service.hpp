#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/caller.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "search/search_indexer.hpp"
#include "store/store.hpp"

namespace sawt::search {

/// Limits of one search. Plain values; defaults are what the API uses.
struct SearchOptions {
  /// Longest accepted query, in bytes.
  std::size_t max_query_bytes = 256;
  /// At most this many query terms are used (the rest are ignored).
  std::size_t max_query_terms = 16;
  /// Matching documents ranked per query: the newest `max_candidates` matches (by index row) are
  /// scored with BM25 in C++; older matches beyond it are not considered.
  int max_candidates = 256;
  /// Tokens of context in a snippet.
  std::size_t snippet_words = 30;
};

/// Which documents of one type the caller may see.
struct TypeVisibility {
  std::string doc_type;
  bool all = false;                ///< the type's permission holds network-wide
  std::vector<int64_t> entities;   ///< otherwise: documents scoped to any of these entities
};

/// One ranked hit.
struct SearchHit {
  std::string doc_type;
  int64_t doc_id = 0;
  std::optional<int64_t> entity_id;
  std::string title_ar;
  std::string title_en;
  std::string ref;
  std::string snippet;  ///< HTML: matching tokens in <mark>, the rest escaped
  double score = 0;
};

/// The store-level search both backends share: analyses `query` with SearchAnalyzer(), finds the
/// documents holding every query term (FTS5 MATCH on SQLite, tsquery @@ on PostgreSQL) among
/// those `visible`, ranks them with BM25 (text::Bm25Index over the candidates' own analysed
/// text, so scores do not depend on the backend), ties broken by (doc_type, doc_id), and builds
/// snippets for the best `limit`. A query without terms (only stop words or punctuation) has no
/// hits. REQUIRES: query validated (non-empty, within max_query_bytes).
core::Result<std::vector<SearchHit>> RunSearch(store::Tx& tx, std::string_view query,
                                               const std::vector<TypeVisibility>& visible, int limit,
                                               const SearchOptions& options = {});

/// GET /api/v1/search: validation, authorization, visibility per registered type, wire JSON.
/// Thread-safe (stateless apart from the store).
class SearchService {
 public:
  /// `types`: the registry's search types (kept by reference: types registered later count).
  SearchService(store::Store& store, const SearchTypes& types, SearchOptions options = {})
      : store_(store), types_(types), options_(options) {}

  /// `type`: one registered doc_type or empty for all; `limit` 1..100 (default 20); `lang`
  /// ("ar"/"en") picks each hit's "title". Errors: search.bad_query (empty or too long query),
  /// search.bad_type, search.bad_limit (kInvalidInput).
  core::Result<core::Json> Search(const auth::Caller& caller, const std::string& q, const std::string& type,
                                  std::optional<int64_t> limit, const std::string& lang);

 private:
  store::Store& store_;
  const SearchTypes& types_;
  SearchOptions options_;
};

}  // namespace sawt::search
