#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "module/search_type.hpp"
#include "store/store.hpp"
#include "text/analyzer.hpp"

namespace sawt::search {

/// One searchable object, as a module hands it to the index. Keyed by (doc_type, doc_id).
struct SearchDocument {
  std::string doc_type;              ///< a registered SearchType name, e.g. "entity", "member"
  int64_t doc_id = 0;                ///< the object's id in its module
  std::optional<int64_t> entity_id;  ///< the entity the object belongs to (shown in results)
  /// Entities whose members may see the document under the type's permission. Empty means
  /// {entity_id} when entity_id is set, else only callers for whom the permission holds
  /// network-wide.
  std::vector<int64_t> scopes;
  std::string title_ar;
  std::string title_en;
  std::string body;  ///< further searchable text (codes, logins, job titles, content)
  std::string ref;   ///< where the object lives in the API or UI, e.g. "/api/v1/entities/7"
  std::string updated_at;
};

/// Modules declare their kinds of searchable objects with ModuleRegistry::AddSearchType.
using SearchType = module::SearchType;
/// The registered types by name (ModuleRegistry::search_types()).
using SearchTypes = std::map<std::string, SearchType>;

/// The options of SearchAnalyzer(): the defaults plus waw_alternatives, so an Arabic word whose
/// first و the light stemmer strips as the conjunction is also indexed and queried with the
/// stem that keeps it ("وزارة" → زار and وزار, at one position). Index and queries must agree.
text::AnalyzerOptions SearchAnalyzerOptions();

/// The analyzer every index and query uses (SearchAnalyzerOptions()). Thread-safe.
const text::Analyzer& SearchAnalyzer();

/// The search module's migrations for `backend`: search_documents and search_scopes on both;
/// the FTS5 table search_fts (tokenize='sawt', which the app must register on every SQLite
/// connection first, see sqlite_tokenizer.hpp) on SQLite; a tsvector column with a GIN index on
/// PostgreSQL. Version 2 empties the index (documents indexed with the analysis before
/// waw_alternatives), which RebuildIfEmpty then refills.
std::vector<store::Migration> Migrations(store::Backend backend);

/// Keeps the index in step with a module's writes. Call inside the same write transaction that
/// changes the object, so the index commits or rolls back with it. Stateless; thread-safe.
class SearchIndexer {
 public:
  /// Inserts or replaces the document (doc.doc_type, doc.doc_id).
  static core::Status Upsert(store::Tx& tx, const SearchDocument& doc);
  /// Removes the document if indexed (no error when absent).
  static core::Status Remove(store::Tx& tx, std::string_view doc_type, int64_t doc_id);
  /// Removes every document of `doc_type`.
  static core::Status RemoveType(store::Tx& tx, std::string_view doc_type);
};

/// Re-indexes every document of `type`: removes the type's documents, then runs its rebuild.
/// Returns the number indexed.
core::Result<int64_t> Rebuild(store::Tx& tx, const SearchType& type);

/// When search_documents is empty (e.g. data loaded before the search module existed), rebuilds
/// every type in `types` in one write transaction that appends "search.index_rebuilt". Does
/// nothing (and writes nothing) when the index has documents or there is nothing to index.
/// Returns the number of documents indexed.
core::Result<int64_t> RebuildIfEmpty(store::Store& store, const SearchTypes& types);

/// Lexeme text for PostgreSQL's tsvector/tsquery input: quoted, with ' and \ escaped.
std::string PgLexeme(std::string_view term);

}  // namespace sawt::search
