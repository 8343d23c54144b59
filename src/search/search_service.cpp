#include "search/search_service.hpp"

#include <algorithm>
#include <set>

#include "auth/policy.hpp"
#include "core/utf8.hpp"
#include "module/service_names.hpp"
#include "search/search_indexer.hpp"
#include "search/snippet.hpp"
#include "store/sql.hpp"

namespace sawt::search {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary
using store::Backend;

/// One query term: the terms the analyzer put at one position (the primary term, then its
/// alternative if any, e.g. زار and وزار for وزارة) and the token they came from.
struct QueryTerm {
  std::vector<std::string> alternatives;
  std::string token;
};

/// The distinct query terms (groups), in query order, at most `max_terms`.
class QuerySink : public text::TermSink {
 public:
  explicit QuerySink(std::size_t max_terms) : max_terms_(max_terms) {}
  void OnTerm(std::string_view term, const text::Token& token, std::size_t position) override {
    if (open_ && position == position_) {
      current_.alternatives.emplace_back(term);
      return;
    }
    Close();
    open_ = true;
    position_ = position;
    current_ = {{std::string(term)}, std::string(token.text)};
  }
  /// Call once after Analyze.
  const std::vector<QueryTerm>& Finish() {
    Close();
    return terms_;
  }

 private:
  void Close() {
    if (!open_) return;
    open_ = false;
    if (terms_.size() >= max_terms_) return;
    std::string key;
    for (const auto& a : current_.alternatives) (key += a) += '\n';
    if (seen_.insert(std::move(key)).second) terms_.push_back(std::move(current_));
  }

  std::size_t max_terms_;
  std::set<std::string> seen_;
  std::vector<QueryTerm> terms_;
  QueryTerm current_;
  bool open_ = false;
  std::size_t position_ = 0;
};

/// Collects the terms of a text for BM25 and counts its positions (an alternative shares its
/// primary's position, so it does not lengthen the document).
class DocumentSink : public text::TermSink {
 public:
  explicit DocumentSink(std::vector<std::string>* terms) : terms_(terms) {}
  void OnTerm(std::string_view term, const text::Token&, std::size_t position) override {
    if (!any_ || position != last_position_) ++positions_;
    any_ = true;
    last_position_ = position;
    terms_->emplace_back(term);
  }
  std::size_t positions() const { return positions_; }

 private:
  std::vector<std::string>* terms_;
  std::size_t positions_ = 0;
  bool any_ = false;
  std::size_t last_position_ = 0;
};

/// FTS5 query: every term as a quoted string of its source token, which the "sawt" tokenizer
/// analyses into the same term (FTS5_TOKENIZE_QUERY), alternatives as colocated tokens that FTS5
/// matches as OR; AND between terms.
std::string Fts5Match(const std::vector<QueryTerm>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += " AND ";
    out += '"';
    for (char c : t.token) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

/// PostgreSQL tsquery: 'a' & ('b' | 'b2') & ..., one operand per query term, its alternatives
/// OR-ed in parentheses.
std::string PgTsquery(const std::vector<QueryTerm>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += " & ";
    if (t.alternatives.size() == 1) {
      out += PgLexeme(t.alternatives[0]);
      continue;
    }
    out += '(';
    for (std::size_t i = 0; i < t.alternatives.size(); ++i) {
      if (i > 0) out += " | ";
      out += PgLexeme(t.alternatives[i]);
    }
    out += ')';
  }
  return out;
}

/// Appends " AND ((d.doc_type = … [AND EXISTS scope in (…)]) OR …)" for the visible types; false
/// (and appends nothing) when no type is visible.
bool AppendVisibility(store::Sql& sql, const std::vector<TypeVisibility>& visible) {
  bool any = false;
  for (const auto& v : visible) {
    if (!v.all && v.entities.empty()) continue;
    sql.Bind(any ? " OR (d.doc_type = " : " AND ((d.doc_type = ", v.doc_type);
    if (!v.all) {
      sql.BindList(" AND EXISTS (SELECT 1 FROM search_scopes s WHERE s.doc_type = d.doc_type AND s.doc_id = d.doc_id "
                   "AND s.entity_id IN (",
                   std::vector<Value>(v.entities.begin(), v.entities.end()))
          .Append("))");
    }
    sql.Append(")");
    any = true;
  }
  if (any) sql.Append(")");
  return any;
}

struct Candidate {
  std::string doc_type;
  int64_t doc_id = 0;
  std::optional<int64_t> entity_id;
  std::string title_ar, title_en, body, ref;
};

std::string TitleText(const Candidate& c) {
  if (c.title_en.empty()) return c.title_ar;
  if (c.title_ar.empty()) return c.title_en;
  return c.title_ar + "\n" + c.title_en;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

}  // namespace

Result<std::vector<SearchHit>> RunSearch(Tx& tx, std::string_view query, const std::vector<TypeVisibility>& visible,
                                         int limit, const SearchOptions& options) {
  const text::Analyzer& analyzer = SearchAnalyzer();
  QuerySink sink(options.max_query_terms);
  analyzer.Analyze(query, sink);
  const std::vector<QueryTerm>& terms = sink.Finish();
  if (terms.empty() || limit <= 0) return std::vector<SearchHit>{};

  const bool pg = tx.backend() == Backend::kPostgres;
  const char* columns = "d.doc_type, d.doc_id, d.entity_id, d.title_ar, d.title_en, d.body, d.ref";
  const std::string match = pg ? PgTsquery(terms) : Fts5Match(terms);
  store::Sql sql(std::string("SELECT ") + columns);
  if (pg) {
    sql.Bind(" FROM search_documents d WHERE d.tsv @@ ", match).Append("::tsquery");
  } else {
    sql.Bind(" FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE search_fts MATCH ", match);
  }
  if (!AppendVisibility(sql, visible)) return std::vector<SearchHit>{};
  sql.Append(pg ? " ORDER BY d.id DESC" : " ORDER BY search_fts.rowid DESC").Bind(" LIMIT ", int64_t{options.max_candidates});
  auto rows = store::Query(tx, sql);
  if (!rows) return std::move(rows).error();

  std::vector<Candidate> candidates;
  candidates.reserve(rows->size());
  for (const auto& r : *rows) {
    candidates.push_back({r.Text("doc_type"), r.Int("doc_id"), r.OptInt("entity_id"), r.Text("title_ar"),
                          r.Text("title_en"), r.Text("body"), r.Text("ref")});
  }
  // Ranks by the index position in (doc_type, doc_id) order: Bm25Index breaks ties by it.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.doc_type, a.doc_id) < std::tie(b.doc_type, b.doc_id);
  });
  // |d| counts positions, and a query term scores the best of its alternatives: an alternative
  // neither lengthens a document nor counts twice.
  text::Bm25Index index;
  for (size_t i = 0; i < candidates.size(); ++i) {
    std::vector<std::string> doc_terms;
    DocumentSink doc(&doc_terms);
    analyzer.Analyze(TitleText(candidates[i]), doc);
    analyzer.Analyze(candidates[i].body, doc);
    index.Add(i, doc_terms, doc.positions());
  }
  std::vector<std::vector<std::string>> query_terms;
  std::set<std::string> term_set;
  for (const auto& t : terms) {
    query_terms.push_back(t.alternatives);
    term_set.insert(t.alternatives.begin(), t.alternatives.end());
  }
  std::vector<SearchHit> hits;
  for (const text::ScoredDocument& scored : index.SearchAlternatives(query_terms, static_cast<size_t>(limit))) {
    Candidate& c = candidates[scored.id];
    SearchHit hit;
    const bool body_hit = HasAnyTerm(analyzer, c.body, term_set);
    hit.snippet = Snippet(analyzer, body_hit ? std::string_view(c.body) : TitleText(c), term_set, options.snippet_words);
    hit.doc_type = std::move(c.doc_type);
    hit.doc_id = c.doc_id;
    hit.entity_id = c.entity_id;
    hit.title_ar = std::move(c.title_ar);
    hit.title_en = std::move(c.title_en);
    hit.ref = std::move(c.ref);
    hit.score = scored.score;
    hits.push_back(std::move(hit));
  }
  return hits;
}

Result<Json> SearchService::Search(const auth::Caller& caller, const std::string& q, const std::string& type,
                                   std::optional<int64_t> limit, const std::string& lang) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "search.query", std::nullopt));
  const std::string_view query = Trim(q);
  if (query.empty() || q.size() > options_.max_query_bytes || !core::IsValidUtf8(q)) {
    return Error::InvalidInput("search.bad_query", "q", {std::to_string(options_.max_query_bytes)});
  }
  if (limit && (*limit < 1 || *limit > 100)) return Error::InvalidInput("search.bad_limit", "limit");
  std::vector<TypeVisibility> visible;
  bool type_known = type.empty();
  for (const auto& [name, t] : types_) {
    if (!type.empty() && t.name != type) continue;
    type_known = true;
    TypeVisibility v{t.name, static_cast<bool>(auth::Authorize(caller, t.permission, std::nullopt)), {}};
    if (!v.all) {
      for (int64_t e : caller.Entities()) {
        if (auth::Authorize(caller, t.permission, e)) v.entities.push_back(e);
      }
    }
    visible.push_back(std::move(v));
  }
  if (!type_known) return Error::InvalidInput("search.bad_type", "type", {type});
  const int n = static_cast<int>(limit.value_or(20));
  SAWT_ASSIGN_OR_RETURN(auto hits, store::ReadValue<std::vector<SearchHit>>(store_, [&](Tx& tx) {
                          return RunSearch(tx, query, visible, n, options_);
                        }));
  Json items = Json::array();
  for (const SearchHit& h : hits) {
    const std::string& title = (lang == "en" && !h.title_en.empty()) || h.title_ar.empty() ? h.title_en : h.title_ar;
    items.push_back({{"doc_type", h.doc_type},
                     {"doc_id", h.doc_id},
                     {"entity_id", h.entity_id ? Json(*h.entity_id) : Json(nullptr)},
                     {"title", title},
                     {"title_ar", h.title_ar},
                     {"title_en", h.title_en},
                     {"ref", h.ref},
                     {"snippet", h.snippet},
                     {"score", h.score}});
  }
  return Json{{"items", std::move(items)}};
}

}  // namespace sawt::search
