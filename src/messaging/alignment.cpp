#include "messaging/alignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_set>

#include "text/numbers.hpp"

namespace sawt::messaging {
namespace {

using core::Json;

constexpr std::size_t kMaxExcerpt = 400;

/// `text[offset, offset+length)` cut at a UTF-8 boundary to at most kMaxExcerpt bytes.
Span MakeSpan(std::string_view text, std::size_t offset, std::size_t length) {
  Span s{offset, length, {}};
  std::size_t n = std::min(length, kMaxExcerpt);
  while (n < length && n > 0 && (static_cast<unsigned char>(text[offset + n]) & 0xC0) == 0x80) --n;
  s.excerpt = std::string(text.substr(offset, n));
  return s;
}

// How close a sentence is to a key message, in words (the message's select): at or above
// strong_threshold "strong", close_threshold "close", else "partial" (it passed reflected_threshold).
std::string Band(double score, const AlignmentOptions& opt) {
  if (score >= opt.strong_threshold) return "strong";
  if (score >= opt.close_threshold) return "close";
  return "partial";
}

/// Byte offsets where sentences end: after . ! ? followed by space or the end, after a newline,
/// after the Arabic question mark (U+061F) and the Arabic full stop (U+06D4).
std::vector<std::size_t> SentenceEnds(std::string_view t) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n') {
      ends.push_back(i + 1);
    } else if ((c == '.' || c == '!' || c == '?') &&
               (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n' || t[i + 1] == '\t' || t[i + 1] == '\r')) {
      ends.push_back(i + 1);
    } else if (static_cast<unsigned char>(c) == 0xD8 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x9F) {
      ends.push_back(i + 2);
    } else if (static_cast<unsigned char>(c) == 0xDB && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x94) {
      ends.push_back(i + 2);
    }
  }
  if (ends.empty() || ends.back() < t.size()) ends.push_back(t.size());
  return ends;
}

/// One analysed draft version.
struct Analysed {
  bool arabic = true;
  std::string_view text;
  std::vector<text::IndexTerm> terms;
  std::vector<uint32_t> ids;        // per term; kUnknown when not in the library's vocabulary
  std::vector<uint32_t> sentence;   // per term
  std::vector<std::size_t> ends;    // sentence end offsets
  std::vector<std::size_t> first;   // first term index of each sentence (terms.size() sentinel at the end)

  std::size_t SentenceOf(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), offset) - ends.begin());
  }
  Span SentenceSpan(std::size_t s) const {
    std::size_t begin = s == 0 ? 0 : ends[s - 1];
    std::size_t end = ends[s];
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t' || text[begin] == '\r')) ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    return MakeSpan(text, begin, end - begin);
  }
  /// Token position of the first term at or after `offset` (the position a number sits at).
  std::size_t PositionAt(std::size_t offset) const {
    auto it = std::lower_bound(terms.begin(), terms.end(), offset,
                               [](const text::IndexTerm& t, std::size_t o) { return t.offset < o; });
    if (it == terms.end()) return terms.empty() ? 0 : terms.back().position + 1;
    return it->position;
  }
};

/// The library's id for a draft term. The light stemmer keeps a single proclitic letter (و ف ب ك ل:
/// "لذوي" stays "لذو"), so an Arabic term the library does not know is retried without it.
uint32_t TermIdWithProclitic(const AlignmentLibrary& lib, std::string_view term, bool arabic) {
  uint32_t id = lib.TermId(term);
  if (id != AlignmentLibrary::kUnknown || !arabic || term.size() < 6) return id;
  static constexpr std::string_view kProclitics[] = {"\u0648", "\u0641", "\u0628", "\u0643", "\u0644"};
  for (std::string_view p : kProclitics) {
    if (term.substr(0, p.size()) == p) return lib.TermId(term.substr(p.size()));
  }
  return id;
}

Analysed Analyse(const AlignmentLibrary& lib, std::string_view t, bool arabic) {
  Analysed a;
  a.arabic = arabic;
  a.text = t;
  a.terms = lib.analyzer().IndexTerms(t);
  a.ends = SentenceEnds(t);
  a.ids.reserve(a.terms.size());
  a.sentence.reserve(a.terms.size());
  a.first.assign(a.ends.size() + 1, a.terms.size());
  for (std::size_t i = 0; i < a.terms.size(); ++i) {
    a.ids.push_back(TermIdWithProclitic(lib, a.terms[i].text, arabic));
    const std::size_t s = std::min(a.SentenceOf(a.terms[i].offset), a.ends.size() - 1);
    a.sentence.push_back(static_cast<uint32_t>(s));
    if (a.first[s] == a.terms.size()) a.first[s] = i;
  }
  // Sentences without terms start where the next one does, so [first[s], first[s+1]) is always a range.
  for (std::size_t s = a.ends.size(); s-- > 0;) {
    if (a.first[s] == a.terms.size() || a.first[s] > a.first[s + 1]) a.first[s] = a.first[s + 1];
  }
  return a;
}

// ---- (a) key messages ----

struct Best {
  float score = 0;
  bool arabic = true;
  uint32_t sentence = 0;
};

void ScoreMessages(const AlignmentLibrary& lib, const Analysed& a, const std::vector<char>& allowed,
                   std::vector<Best>& best) {
  const auto& L = lib.lang(a.arabic);
  const std::size_t n = allowed.size();
  std::vector<float> dots(n, 0.0f);
  std::vector<uint32_t> touched;
  std::vector<std::pair<uint32_t, float>> vec;
  for (std::size_t s = 0; s + 1 < a.first.size(); ++s) {
    const std::size_t b = a.first[s], e = a.first[s + 1];
    if (b >= e) continue;
    vec.clear();
    std::vector<uint32_t> unknown_counts;
    double norm2 = 0;
    {
      std::vector<uint32_t> ids(a.ids.begin() + static_cast<std::ptrdiff_t>(b), a.ids.begin() + static_cast<std::ptrdiff_t>(e));
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i;
        while (j < ids.size() && ids[j] == ids[i]) ++j;
        const float c = static_cast<float>(j - i);
        if (ids[i] == AlignmentLibrary::kUnknown) {
          // Unknown terms are all different words; count each as its own dimension.
          norm2 += static_cast<double>(j - i);
        } else {
          norm2 += static_cast<double>(c) * c;
          vec.emplace_back(ids[i], c);
        }
        i = j;
      }
    }
    if (norm2 == 0) continue;
    for (const auto& [term, c] : vec) {
      if (term >= L.postings.size()) continue;
      for (const auto& p : L.postings[term]) {
        if (!allowed[p.doc]) continue;
        if (dots[p.doc] == 0.0f) touched.push_back(p.doc);
        dots[p.doc] += c * p.tf;
      }
    }
    const float snorm = static_cast<float>(std::sqrt(norm2));
    for (uint32_t d : touched) {
      const float cos = dots[d] / (snorm * L.norms[d]);
      dots[d] = 0.0f;
      if (cos > best[d].score) best[d] = {cos, a.arabic, static_cast<uint32_t>(s)};
    }
    touched.clear();
  }
}

void KeyMessageFindings(const Draft& draft, const AlignmentLibrary& lib, const std::vector<const Analysed*>& versions,
                        const AlignmentOptions& opt, std::vector<Finding>& out) {
  const auto& snap = lib.snapshot();
  const std::size_t n = snap.messages.size();
  if (n == 0 && draft.themes.empty()) return;
  std::vector<char> allowed(n, draft.themes.empty() ? 1 : 0);
  if (!draft.themes.empty()) {
    std::unordered_set<std::string_view> themes(draft.themes.begin(), draft.themes.end());
    for (std::size_t i = 0; i < n; ++i) allowed[i] = themes.count(snap.messages[i].theme_code) ? 1 : 0;
  }
  std::vector<Best> best(n);
  for (const Analysed* a : versions) ScoreMessages(lib, *a, allowed, best);

  auto theme_name = [&](const std::string& code, bool ar) {
    auto it = snap.theme_names.find(code);
    if (it == snap.theme_names.end()) return code;
    return ar ? it->second.first : it->second.second;
  };
  auto reflected = [&](std::size_t i) {
    const Best& b = best[i];
    const Analysed* a = nullptr;
    for (const Analysed* v : versions) {
      if (v->arabic == b.arabic) a = v;
    }
    const auto& m = snap.messages[i];
    Finding f;
    f.kind = "key_message";
    f.severity = "info";
    f.reason = "messaging.alignment.key_message_reflected";
    f.args_ar = {theme_name(m.theme_code, true), Band(b.score, opt)};
    f.args_en = {theme_name(m.theme_code, false), Band(b.score, opt)};
    f.lang = b.arabic ? "ar" : "en";
    f.span = a->SentenceSpan(b.sentence);
    f.details = {{"message_id", m.id}, {"theme", m.theme_code}, {"score", std::round(b.score * 1000) / 1000},
                 {"message_text", b.arabic ? m.text_ar : m.text_en}};
    return f;
  };

  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i) {
    if (allowed[i] && best[i].score >= opt.reflected_threshold) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return best[x].score > best[y].score; });
  if (draft.themes.empty()) {
    for (std::size_t k = 0; k < order.size() && k < opt.max_matches; ++k) out.push_back(reflected(order[k]));
    return;
  }
  for (const auto& theme : draft.themes) {
    std::size_t shown = 0;
    for (std::size_t i : order) {
      if (snap.messages[i].theme_code != theme || shown >= opt.max_matches) continue;
      out.push_back(reflected(i));
      ++shown;
    }
    if (shown > 0) continue;
    Finding f;
    f.kind = "key_message";
    f.severity = "warning";
    f.reason = "messaging.alignment.key_message_missing";
    f.args_ar = {theme_name(theme, true)};
    f.args_en = {theme_name(theme, false)};
    f.lang = versions.front()->arabic ? "ar" : "en";
    // The closest message of the theme, to show how far off the draft is.
    int64_t closest = 0;
    float score = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (snap.messages[i].theme_code == theme && best[i].score >= score) {
        score = best[i].score;
        closest = snap.messages[i].id;
      }
    }
    f.details = {{"theme", theme}, {"closest_message_id", closest ? Json(closest) : Json(nullptr)},
                 {"closest_score", std::round(score * 1000) / 1000}};
    out.push_back(std::move(f));
  }
}

// ---- (b) facts ----

void FactFindings(const AlignmentLibrary& lib, const Analysed& a, const AlignmentOptions& opt, std::vector<Finding>& out) {
  const auto& snap = lib.snapshot();
  const auto& L = lib.lang(a.arabic);
  if (snap.facts.empty()) return;
  struct Mention {
    std::size_t pos;
    std::size_t sentence;
    std::size_t offset, length;
    double value;
    std::string iso;
  };
  std::vector<Mention> numbers, dates;
  for (const auto& m : text::ExtractNumbers(a.text)) {
    numbers.push_back({a.PositionAt(m.offset), std::min(a.SentenceOf(m.offset), a.ends.size() - 1), m.offset, m.length,
                       m.value, {}});
  }
  for (const auto& d : text::ExtractDates(a.text)) {
    dates.push_back({a.PositionAt(d.offset), std::min(a.SentenceOf(d.offset), a.ends.size() - 1), d.offset, d.length, 0,
                     d.Iso()});
  }
  if (numbers.empty() && dates.empty()) return;

  std::vector<uint32_t> counts(snap.facts.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<uint32_t> ids;
  for (std::size_t s = 0; s + 1 < a.first.size(); ++s) {
    const std::size_t b = a.first[s], e = a.first[s + 1];
    if (b >= e) continue;
    const bool has_number = std::any_of(numbers.begin(), numbers.end(), [&](const Mention& m) { return m.sentence == s; });
    const bool has_date = std::any_of(dates.begin(), dates.end(), [&](const Mention& m) { return m.sentence == s; });
    if (!has_number && !has_date) continue;
    ids.assign(a.ids.begin() + static_cast<std::ptrdiff_t>(b), a.ids.begin() + static_cast<std::ptrdiff_t>(e));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (uint32_t t : ids) {
      if (t == AlignmentLibrary::kUnknown || t >= L.fact_postings.size()) continue;
      for (uint32_t f : L.fact_postings[t]) {
        if (counts[f]++ == 0) touched.push_back(f);
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t fi : touched) {
      const uint32_t hits = counts[fi];
      counts[fi] = 0;
      if (hits != L.fact_label_size[fi]) continue;
      const FactEntry& fact = snap.facts[fi];
      // The label's span: first occurrence of each of its terms in the sentence.
      std::size_t lo = SIZE_MAX, hi = 0;
      std::vector<char> seen;
      for (std::size_t i = b; i < e; ++i) {
        const uint32_t t = a.ids[i];
        if (t == AlignmentLibrary::kUnknown || t >= L.fact_postings.size()) continue;
        const auto& p = L.fact_postings[t];
        if (!std::binary_search(p.begin(), p.end(), fi)) continue;
        lo = std::min(lo, a.terms[i].position);
        hi = std::max(hi, a.terms[i].position);
      }
      if (lo == SIZE_MAX) continue;
      const std::size_t from = lo > opt.window_before ? lo - opt.window_before : 0;
      const std::size_t to = hi + opt.window_after;
      const bool is_date = fact.kind == "date";
      const auto& pool = is_date ? dates : numbers;
      std::vector<const Mention*> candidates;
      for (const auto& m : pool) {
        if (m.sentence != s || m.pos < from || m.pos > to) continue;
        if (!is_date && fact.numeric_value != 0) {
          const double ratio = m.value / fact.numeric_value;
          if (ratio < opt.magnitude_low || ratio > opt.magnitude_high) continue;
        }
        candidates.push_back(&m);
      }
      if (candidates.empty()) continue;
      const bool stated = std::any_of(candidates.begin(), candidates.end(), [&](const Mention* m) {
        return is_date ? m->iso == fact.date_value : StatesValue(m->value, fact.numeric_value);
      });
      if (stated) continue;
      // The mention the label most likely speaks of: the first one after it, else the nearest before.
      const Mention* pick = nullptr;
      for (const Mention* m : candidates) {
        if (m->pos > hi) {
          pick = m;
          break;
        }
      }
      if (!pick) pick = candidates.back();
      Finding f;
      f.kind = "fact";
      f.severity = "error";
      f.reason = is_date ? "messaging.alignment.fact_date_contradicted" : "messaging.alignment.fact_contradicted";
      f.lang = a.arabic ? "ar" : "en";
      f.span = MakeSpan(a.text, pick->offset, pick->length);
      // A date reads in the reader's language from its ISO form; a figure as the fact sheet words it.
      f.args_ar = {f.span->excerpt, fact.label_ar, is_date ? fact.date_value : fact.value_ar, fact.as_of};
      f.args_en = {f.span->excerpt, fact.label_en, is_date ? fact.date_value : fact.value_en, fact.as_of};
      f.details = {{"fact_id", fact.id}, {"fact_key", fact.key}};
      if (is_date) {
        f.details["found"] = pick->iso;
        f.details["expected"] = fact.date_value;
        // The approved date as the fact sheet writes it in this language, when it reads back as that date.
        const std::string& value = a.arabic ? fact.value_ar : fact.value_en;
        const auto reread = text::ExtractDates(value);
        if (reread.size() == 1 && reread[0].Iso() == fact.date_value) f.details["replacement"] = value;
      } else {
        f.details["found"] = pick->value;
        f.details["expected"] = fact.numeric_value;
        if (f.span->excerpt.size() != f.span->length) {
          // a truncated excerpt cannot stand for the whole mention
        } else if (auto restated = RestateNumber(f.span->excerpt, pick->value, fact.numeric_value)) {
          f.details["replacement"] = *restated;
        }
      }
      out.push_back(std::move(f));
    }
    touched.clear();
  }
}

// ---- (c) terms and (e) entity names ----

void PhraseFindings(const AlignmentLibrary& lib, const Analysed& a, std::vector<Finding>& terms_out,
                    std::vector<Finding>& names_out) {
  const auto& L = lib.lang(a.arabic);
  if (L.phrases.empty()) return;
  struct Match {
    std::size_t begin, end;  // term indexes
    const AlignmentLibrary::Phrase* phrase;
  };
  std::vector<Match> matches;
  for (std::size_t i = 0; i < a.ids.size(); ++i) {
    auto it = L.phrases_by_first.find(a.ids[i]);
    if (it == L.phrases_by_first.end()) continue;
    for (uint32_t pi : it->second) {
      const auto& p = L.phrases[pi];
      if (i + p.terms.size() > a.ids.size()) continue;
      if (!std::equal(p.terms.begin(), p.terms.end(), a.ids.begin() + static_cast<std::ptrdiff_t>(i))) continue;
      matches.push_back({i, i + p.terms.size(), &p});
    }
  }
  const auto& snap = lib.snapshot();
  auto span_of = [&](const Match& m) {
    const auto& first = a.terms[m.begin];
    const auto& last = a.terms[m.end - 1];
    return MakeSpan(a.text, first.offset, last.offset + last.length - first.offset);
  };
  // Official names cover their terms: an alias that is part of the official name is no finding.
  std::vector<char> covered(a.ids.size(), 0);
  for (const auto& m : matches) {
    if (m.phrase->official) std::fill(covered.begin() + static_cast<std::ptrdiff_t>(m.begin), covered.begin() + static_cast<std::ptrdiff_t>(m.end), 1);
  }
  // Longest match first at each position; a term is reported once.
  std::stable_sort(matches.begin(), matches.end(), [](const Match& x, const Match& y) {
    return x.begin != y.begin ? x.begin < y.begin : (x.end - x.begin) > (y.end - y.begin);
  });
  std::size_t term_until = 0, alias_until = 0;
  for (const auto& m : matches) {
    const auto& p = *m.phrase;
    const bool entity = (p.owner & 0x80000000u) != 0;
    const uint32_t owner = p.owner & 0x7fffffffu;
    if (!entity) {
      if (m.begin < term_until) continue;
      term_until = m.end;
      const TermEntry& t = snap.terms[owner];
      Finding f;
      f.kind = "term";
      f.severity = t.status == "banned" ? "error" : "warning";
      f.reason = t.status == "banned" ? "messaging.alignment.term_banned" : "messaging.alignment.term_deprecated";
      f.lang = a.arabic ? "ar" : "en";
      f.span = span_of(m);
      f.args_ar = f.args_en = {f.span->excerpt, t.replacement};
      f.details = {{"term_id", t.id}, {"term", t.term}, {"status", t.status}, {"replacement", t.replacement}};
      terms_out.push_back(std::move(f));
      continue;
    }
    if (p.official || m.begin < alias_until) continue;
    bool inside = true;
    for (std::size_t i = m.begin; i < m.end; ++i) inside = inside && covered[i];
    if (inside) continue;
    alias_until = m.end;
    const EntityNameEntry& en = snap.entities[owner];
    Finding f;
    f.kind = "entity_name";
    f.severity = "warning";
    f.reason = "messaging.alignment.entity_alias";
    f.lang = a.arabic ? "ar" : "en";
    f.span = span_of(m);
    const std::string& official = a.arabic ? en.name_ar : en.name_en;
    f.args_ar = f.args_en = {f.span->excerpt, official};
    f.details = {{"entity_id", en.entity_id}, {"official_name", official}};
    names_out.push_back(std::move(f));
  }
}

}  // namespace

// ---- the library ----

AlignmentLibrary::AlignmentLibrary(LibrarySnapshot snapshot, text::AnalyzerOptions analyzer_options)
    : snapshot_(std::move(snapshot)), analyzer_(analyzer_options) {
  BuildLang(true);
  BuildLang(false);
}

uint32_t AlignmentLibrary::Intern(const std::string& term) {
  auto [it, added] = vocab_.try_emplace(term, static_cast<uint32_t>(vocab_.size()));
  return it->second;
}

uint32_t AlignmentLibrary::TermId(std::string_view term) const {
  auto it = vocab_.find(term);
  return it == vocab_.end() ? kUnknown : it->second;
}

void AlignmentLibrary::BuildLang(bool arabic) {
  Lang& L = arabic ? ar_ : en_;
  const std::string lang = arabic ? "ar" : "en";
  auto grow = [](auto& v, uint32_t id) {
    if (id >= v.size()) v.resize(id + 1);
  };
  // Key messages: term frequencies and norms.
  L.norms.assign(snapshot_.messages.size(), 0.0f);
  std::map<uint32_t, float> tf;
  for (std::size_t d = 0; d < snapshot_.messages.size(); ++d) {
    const auto& m = snapshot_.messages[d];
    tf.clear();
    for (const auto& t : analyzer_.Terms(arabic ? m.text_ar : m.text_en)) tf[Intern(t)] += 1.0f;
    double norm2 = 0;
    for (const auto& [id, c] : tf) {
      grow(L.postings, id);
      L.postings[id].push_back({static_cast<uint32_t>(d), c});
      norm2 += static_cast<double>(c) * c;
    }
    L.norms[d] = static_cast<float>(std::sqrt(norm2));
  }
  // Fact labels: distinct terms; postings stay sorted by fact index because facts are added in order.
  L.fact_label_size.assign(snapshot_.facts.size(), 0);
  for (std::size_t f = 0; f < snapshot_.facts.size(); ++f) {
    const auto& fact = snapshot_.facts[f];
    if (fact.kind != "number" && fact.kind != "date") continue;
    std::vector<uint32_t> ids;
    for (const auto& t : analyzer_.Terms(arabic ? fact.label_ar : fact.label_en)) ids.push_back(Intern(t));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (uint32_t id : ids) {
      grow(L.fact_postings, id);
      L.fact_postings[id].push_back(static_cast<uint32_t>(f));
    }
    L.fact_label_size[f] = static_cast<uint32_t>(ids.size());
  }
  // Phrases: terms of this language, then entity names (owner tagged with the high bit).
  auto add_phrase = [&](const std::string& phrase_text, uint32_t owner, bool official) {
    Phrase p;
    for (const auto& t : analyzer_.Terms(phrase_text)) p.terms.push_back(Intern(t));
    if (p.terms.empty()) return;
    p.owner = owner;
    p.official = official;
    p.lang = lang;
    p.text = phrase_text;
    L.phrases_by_first[p.terms[0]].push_back(static_cast<uint32_t>(L.phrases.size()));
    L.phrases.push_back(std::move(p));
  };
  for (std::size_t i = 0; i < snapshot_.terms.size(); ++i) {
    if (snapshot_.terms[i].lang == lang) add_phrase(snapshot_.terms[i].term, static_cast<uint32_t>(i), false);
  }
  for (std::size_t i = 0; i < snapshot_.entities.size(); ++i) {
    const auto& e = snapshot_.entities[i];
    const uint32_t owner = static_cast<uint32_t>(i) | 0x80000000u;
    bool any_alias = false;
    for (const auto& al : e.aliases) {
      if (al.lang != lang) continue;
      add_phrase(al.text, owner, false);
      any_alias = true;
    }
    if (any_alias) add_phrase(arabic ? e.name_ar : e.name_en, owner, true);
  }
}

// ---- the check ----

namespace {

/// A decimal digit of any system the text engine reads, as its value and the system's zero; -1 if none.
int DigitAt(std::string_view s, size_t i, size_t* length, char32_t* zero) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) >= '0' && b(i) <= '9') {
    *length = 1;
    *zero = U'0';
    return b(i) - '0';
  }
  if (i + 1 < s.size() && (b(i) == 0xD9 || b(i) == 0xDB)) {
    const char32_t cp = ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    for (const char32_t z : {U'\u0660', U'\u06F0'}) {
      if (cp >= z && cp <= z + 9) {
        *length = 2;
        *zero = z;
        return static_cast<int>(cp - z);
      }
    }
  }
  return -1;
}

void AppendCodePoint(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::optional<std::string> RestateNumber(std::string_view mention, double found, double expected) {
  if (found <= 0 || expected <= 0) return std::nullopt;
  // The numeral: the first run of digits with the separators between them.
  size_t start = std::string_view::npos, end = 0, len = 0;
  char32_t zero = 0;
  for (size_t i = 0; i < mention.size();) {
    char32_t z = 0;
    if (DigitAt(mention, i, &len, &z) >= 0) {
      if (start == std::string_view::npos) {
        start = i;
        zero = z;
      } else if (z != zero) {
        break;
      }
      i += len;
      end = i;
      continue;
    }
    if (start == std::string_view::npos) {
      ++i;
      continue;
    }
    // A separator continues the numeral only when a digit follows it.
    const bool ascii_sep = mention[i] == '.' || mention[i] == ',';
    const bool arabic_sep = mention.substr(i, 2) == "\u066B" || mention.substr(i, 2) == "\u066C";
    size_t after = i + (ascii_sep ? 1 : arabic_sep ? 2 : 0);
    if (after == i || after >= mention.size() || DigitAt(mention, after, &len, &z) < 0) break;
    i = after;
  }
  if (start == std::string_view::npos) return std::nullopt;
  const std::string_view numeral = mention.substr(start, end - start);
  const auto written = text::ParseNumber(numeral);
  if (!written || *written <= 0) return std::nullopt;
  const double scale = found / *written;  // e.g. 1e6 for "مليون"
  std::string plain = text::FormatNumber(expected / scale);
  if (plain.find_first_of("e-") != std::string::npos) return std::nullopt;
  // Thousands grouping when the draft grouped its numeral, in the draft's separator.
  const bool arabic_digits = zero != U'0';
  const bool grouped = numeral.find(arabic_digits ? "\u066C" : ",") != std::string_view::npos;
  const size_t point = std::min(plain.find('.'), plain.size());
  std::string out;
  for (size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    if (grouped && i > 0 && i < point && (point - i) % 3 == 0) out += arabic_digits ? "\u066C" : ",";
    if (c == '.') {
      out += arabic_digits ? "\u066B" : ".";
    } else {
      AppendCodePoint(out, zero + static_cast<char32_t>(c - '0'));
    }
  }
  std::string restated = std::string(mention.substr(0, start)) + out + std::string(mention.substr(end));
  const auto reread = text::ExtractNumbers(restated);
  if (reread.size() != 1 || std::fabs(reread[0].value - expected) > 1e-9 * expected) return std::nullopt;
  return restated;
}

bool StatesValue(double v, double f) {
  if (v == f) return true;
  const double av = std::fabs(v);
  double p = 1;
  const bool integral = av < 9e15 && std::fabs(av - std::round(av)) < 1e-9 * std::max(1.0, av);
  if (integral && av >= 1) {
    // The largest power of ten that divides the number and leaves at least two significant digits.
    const auto iv = static_cast<int64_t>(std::llround(av));
    int64_t ip = 1;
    while (ip * 10 <= iv / 10 && iv % (ip * 10) == 0) ip *= 10;
    p = static_cast<double>(ip);
  } else {
    p = 1;
    for (int d = 1; d <= 9; ++d) {
      p /= 10;
      const double scaled = av / p;
      if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
    }
  }
  return std::fabs(std::round(f / p) * p - v) <= p * 1e-6;
}

std::vector<Finding> CheckAlignment(const Draft& draft, const AlignmentLibrary& lib, const AlignmentOptions& opt) {
  std::vector<Finding> out;
  std::vector<Analysed> versions;
  versions.reserve(2);
  if (draft.text_ar) versions.push_back(Analyse(lib, *draft.text_ar, true));
  if (draft.text_en) versions.push_back(Analyse(lib, *draft.text_en, false));
  if (versions.empty()) return out;

  // (d) missing language version.
  if (!draft.text_ar || !draft.text_en) {
    Finding f;
    f.kind = "language";
    f.severity = "warning";
    f.reason = draft.text_ar ? "messaging.alignment.missing_en" : "messaging.alignment.missing_ar";
    f.lang = draft.text_ar ? "en" : "ar";
    out.push_back(std::move(f));
  }
  std::vector<const Analysed*> ptrs;
  for (const auto& v : versions) ptrs.push_back(&v);
  KeyMessageFindings(draft, lib, ptrs, opt, out);
  for (const auto& v : versions) FactFindings(lib, v, opt, out);
  std::vector<Finding> terms, names;
  for (const auto& v : versions) PhraseFindings(lib, v, terms, names);
  for (auto& f : terms) out.push_back(std::move(f));
  for (auto& f : names) out.push_back(std::move(f));
  return out;
}

}  // namespace sawt::messaging
