#include "text/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

namespace sawt::text {

TermVector MakeTermVector(std::span<const std::string> terms) {
  TermVector v;
  for (const std::string& t : terms) v[t] += 1.0;
  return v;
}

double CosineSimilarity(const TermVector& a, const TermVector& b) {
  const TermVector& small = a.size() <= b.size() ? a : b;
  const TermVector& large = a.size() <= b.size() ? b : a;
  double dot = 0;
  for (const auto& [term, weight] : small) {
    const auto it = large.find(term);
    if (it != large.end()) dot += weight * it->second;
  }
  if (dot == 0) return 0;
  double na = 0;
  double nb = 0;
  for (const auto& [term, weight] : a) na += weight * weight;
  for (const auto& [term, weight] : b) nb += weight * weight;
  return dot / (std::sqrt(na) * std::sqrt(nb));
}

bool Bm25Index::Add(std::uint64_t id, std::span<const std::string> terms) {
  if (index_of_id_.contains(id)) return false;
  const auto doc = static_cast<std::uint32_t>(ids_.size());
  index_of_id_.emplace(id, doc);
  ids_.push_back(id);
  lengths_.push_back(static_cast<std::uint32_t>(terms.size()));
  total_length_ += terms.size();
  std::unordered_map<std::string_view, std::uint32_t> tf;
  for (const std::string& t : terms) ++tf[t];
  for (const auto& [term, count] : tf) postings_[std::string(term)].push_back({doc, count});
  return true;
}

std::vector<ScoredDocument> Bm25Index::Search(std::span<const std::string> query_terms,
                                              std::size_t limit) const {
  std::vector<ScoredDocument> hits;
  if (ids_.empty() || limit == 0) return hits;
  const double n = static_cast<double>(ids_.size());
  const double avgdl = std::max(1.0, static_cast<double>(total_length_) / n);
  std::vector<double> scores(ids_.size(), 0.0);
  std::vector<bool> touched(ids_.size(), false);
  std::unordered_set<std::string_view> seen;
  for (const std::string& term : query_terms) {
    if (!seen.insert(term).second) continue;
    const auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    const double df = static_cast<double>(it->second.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const Posting& p : it->second) {
      const double tf = p.tf;
      const double norm = options_.k1 * (1.0 - options_.b + options_.b * lengths_[p.doc] / avgdl);
      scores[p.doc] += idf * tf * (options_.k1 + 1.0) / (tf + norm);
      touched[p.doc] = true;
    }
  }
  for (std::size_t d = 0; d < ids_.size(); ++d) {
    if (touched[d]) hits.push_back({ids_[d], scores[d]});
  }
  auto better = [](const ScoredDocument& x, const ScoredDocument& y) {
    return x.score != y.score ? x.score > y.score : x.id < y.id;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(),
                      better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

}  // namespace sawt::text
