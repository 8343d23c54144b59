#include "search/search_indexer.hpp"

#include <algorithm>
#include <map>

#include "module/service_names.hpp"

namespace sawt::search {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using store::Backend;

// PostgreSQL keeps positions 1..16383 in a tsvector; later positions are clamped to the last.
constexpr std::size_t kMaxPgPosition = 16383;
// PostgreSQL rejects lexemes of 2 KiB or more; such terms (huge URLs) are left out on PostgreSQL.
constexpr std::size_t kMaxPgLexemeBytes = 2046;

/// The tsvector literal of title + body: 'term':pos ... with body positions after the title's.
/// Colocated terms (a word's و alternative) get the same position.
class TsvectorSink : public text::TermSink {
 public:
  void OnTerm(std::string_view term, const text::Token&, std::size_t position) override {
    if (term.size() > kMaxPgLexemeBytes) return;
    const std::size_t pos = std::min(base_ + position + 1, kMaxPgPosition);
    last_ = std::max(last_, base_ + position + 1);
    if (!out_.empty()) out_ += ' ';
    out_ += PgLexeme(term);
    out_ += ':';
    out_ += std::to_string(pos);
  }
  /// Positions of the next field start after a gap, so phrases never span fields.
  void NextField() { base_ = last_ + 1; }
  std::string& out() { return out_; }

 private:
  std::string out_;
  std::size_t base_ = 0;
  std::size_t last_ = 0;
};

std::string TitleText(const SearchDocument& doc) {
  if (doc.title_en.empty()) return doc.title_ar;
  if (doc.title_ar.empty()) return doc.title_en;
  return doc.title_ar + "\n" + doc.title_en;
}

std::vector<int64_t> ScopesOf(const SearchDocument& doc) {
  std::vector<int64_t> scopes = doc.scopes;
  if (scopes.empty() && doc.entity_id) scopes.push_back(*doc.entity_id);
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  return scopes;
}

}  // namespace

text::AnalyzerOptions SearchAnalyzerOptions() {
  text::AnalyzerOptions options;
  options.waw_alternatives = true;
  return options;
}

const text::Analyzer& SearchAnalyzer() {
  static const auto* analyzer = new text::Analyzer(SearchAnalyzerOptions());
  return *analyzer;
}

std::string PgLexeme(std::string_view term) {
  std::string out = "'";
  for (char c : term) {
    if (c == '\'') out += "''";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  out += '\'';
  return out;
}

std::vector<store::Migration> Migrations(Backend backend) {
  std::string sql = R"SQL(
CREATE TABLE search_documents (
  id {{ID}},
  doc_type TEXT NOT NULL,
  doc_id BIGINT NOT NULL,
  entity_id BIGINT,
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body TEXT NOT NULL,
  ref TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (doc_type, doc_id)
);
CREATE TABLE search_scopes (
  doc_type TEXT NOT NULL,
  doc_id BIGINT NOT NULL,
  entity_id BIGINT NOT NULL,
  PRIMARY KEY (doc_type, doc_id, entity_id)
);
CREATE INDEX search_scopes_entity ON search_scopes(entity_id);
)SQL";
  if (backend == Backend::kSqlite) {
    // rowid = search_documents.id; the text is kept so rows can be deleted by rowid.
    sql += "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'sawt');\n";
  } else {
    sql += "ALTER TABLE search_documents ADD COLUMN tsv TSVECTOR NOT NULL DEFAULT ''::tsvector;\n"
           "CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);\n";
  }
  // Version 2: the analyzer now also emits و alternatives (SearchAnalyzerOptions), so terms
  // indexed before differ from what the tokenizer produces now. The index is derived data: empty
  // it and let RebuildIfEmpty (app::OpenApp, right after migrating) re-index every type. The
  // FTS5 table is dropped rather than emptied: FTS5 deletes a row by re-tokenizing its text, which
  // with the new tokenizer would remove terms the row never had.
  std::string reindex;
  if (backend == Backend::kSqlite) {
    reindex = "DROP TABLE search_fts;\n"
              "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'sawt');\n";
  }
  reindex += "DELETE FROM search_scopes;\nDELETE FROM search_documents;\n";
  return {{"search", 1, "0001_create_search_documents", std::move(sql)},
          {"search", 2, "0002_reindex_waw_alternatives", std::move(reindex)}};
}

Status SearchIndexer::Upsert(Tx& tx, const SearchDocument& doc) {
  const std::string title = TitleText(doc);
  const bool pg = tx.backend() == Backend::kPostgres;
  std::vector<Value> params = {doc.doc_type, doc.doc_id, store::OrNull(doc.entity_id), doc.title_ar, doc.title_en,
                               doc.body,     doc.ref,    doc.updated_at};
  std::string sql =
      "INSERT INTO search_documents (doc_type, doc_id, entity_id, title_ar, title_en, body, ref, updated_at";
  if (pg) {
    TsvectorSink sink;
    SearchAnalyzer().Analyze(title, sink);
    sink.NextField();
    SearchAnalyzer().Analyze(doc.body, sink);
    params.push_back(std::move(sink.out()));
    sql += ", tsv) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::tsvector)";
  } else {
    sql += ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  }
  sql += " ON CONFLICT (doc_type, doc_id) DO UPDATE SET entity_id = excluded.entity_id, title_ar = excluded.title_ar, "
         "title_en = excluded.title_en, body = excluded.body, ref = excluded.ref, updated_at = excluded.updated_at";
  if (pg) sql += ", tsv = excluded.tsv";
  sql += " RETURNING id";
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Internal("search: upsert returned no id");
  const int64_t id = (*rows)[0].Int("id");
  if (!pg) {
    auto del = tx.Exec("DELETE FROM search_fts WHERE rowid = $1", {id});
    if (!del) return std::move(del).error();
    auto ins = tx.Exec("INSERT INTO search_fts (rowid, title, body) VALUES ($1, $2, $3)", {id, title, doc.body});
    if (!ins) return std::move(ins).error();
  }
  auto del_scopes = tx.Exec("DELETE FROM search_scopes WHERE doc_type = $1 AND doc_id = $2", {doc.doc_type, doc.doc_id});
  if (!del_scopes) return std::move(del_scopes).error();
  for (int64_t e : ScopesOf(doc)) {
    auto s = tx.Exec("INSERT INTO search_scopes (doc_type, doc_id, entity_id) VALUES ($1, $2, $3)",
                     {doc.doc_type, doc.doc_id, e});
    if (!s) return std::move(s).error();
  }
  return Ok();
}

Status SearchIndexer::Remove(Tx& tx, std::string_view doc_type, int64_t doc_id) {
  const std::string type(doc_type);
  if (tx.backend() == Backend::kSqlite) {
    auto del = tx.Exec(
        "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_documents WHERE doc_type = $1 AND doc_id = $2)",
        {type, doc_id});
    if (!del) return std::move(del).error();
  }
  auto d = tx.Exec("DELETE FROM search_documents WHERE doc_type = $1 AND doc_id = $2", {type, doc_id});
  if (!d) return std::move(d).error();
  auto s = tx.Exec("DELETE FROM search_scopes WHERE doc_type = $1 AND doc_id = $2", {type, doc_id});
  if (!s) return std::move(s).error();
  return Ok();
}

Status SearchIndexer::RemoveType(Tx& tx, std::string_view doc_type) {
  const std::string type(doc_type);
  if (tx.backend() == Backend::kSqlite) {
    auto del = tx.Exec("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_documents WHERE doc_type = $1)",
                       {type});
    if (!del) return std::move(del).error();
  }
  auto d = tx.Exec("DELETE FROM search_documents WHERE doc_type = $1", {type});
  if (!d) return std::move(d).error();
  auto s = tx.Exec("DELETE FROM search_scopes WHERE doc_type = $1", {type});
  if (!s) return std::move(s).error();
  return Ok();
}

Result<int64_t> Rebuild(Tx& tx, const SearchType& type) {
  SAWT_TRY_STATUS(SearchIndexer::RemoveType(tx, type.name));
  if (!type.rebuild) return int64_t{0};
  return type.rebuild(tx);
}

Result<int64_t> RebuildIfEmpty(store::Store& store, const SearchTypes& types) {
  SAWT_ASSIGN_OR_RETURN(bool empty, store::ReadValue<bool>(store, [](Tx& tx) -> Result<bool> {
                          auto rows = tx.Query("SELECT 1 FROM search_documents LIMIT 1");
                          if (!rows) return std::move(rows).error();
                          return rows->empty();
                        }));
  if (!empty) return int64_t{0};
  int64_t total = 0;
  // A rebuild that finds nothing rolls back (this sentinel), so an empty store gets no event.
  const std::string kNothing = "search.nothing_to_rebuild";
  Status st = store.Write([&](Tx& tx) -> Status {
    total = 0;
    auto rows = tx.Query("SELECT 1 FROM search_documents LIMIT 1");
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) return Error::Conflict(kNothing);  // another process rebuilt meanwhile
    core::Json counts = core::Json::object();
    for (const auto& [name, type] : types) {
      SAWT_ASSIGN_OR_RETURN(int64_t n, Rebuild(tx, type));
      counts[name] = n;
      total += n;
    }
    if (total == 0) return Error::Conflict(kNothing);
    auto ev = tx.Append({"system", "search.index_rebuilt", std::nullopt, "search_index", "all", counts});
    if (!ev) return std::move(ev).error();
    return Ok();
  });
  if (!st) {
    if (st.error().key == kNothing) return int64_t{0};
    return std::move(st).error();
  }
  return total;
}

}  // namespace sawt::search
