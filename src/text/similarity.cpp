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
  return Add(id, terms, terms.size());
}

bool Bm25Index::Add(std::uint64_t id, std::span<const std::string> terms, std::size_t length) {
  if (index_of_id_.contains(id)) return false;
  const auto doc = static_cast<std::uint32_t>(ids_.size());
  index_of_id_.emplace(id, doc);
  ids_.push_back(id);
  lengths_.push_back(static_cast<std::uint32_t>(length));
  total_length_ += length;
  std::unordered_map<std::string_view, std::uint32_t> tf;
  for (const std::string& t : terms) ++tf[t];
  for (const auto& [term, count] : tf) postings_[std::string(term)].push_back({doc, count});
  return true;
}

std::vector<ScoredDocument> Bm25Index::Search(std::span<const std::string> query_terms,
                                              std::size_t limit) const {
  std::vector<std::vector<std::string>> groups;
  groups.reserve(query_terms.size());
  std::unordered_set<std::string_view> seen;
  for (const std::string& term : query_terms) {
    if (seen.insert(term).second) groups.push_back({term});
  }
  return SearchAlternatives(groups, limit);
}

std::vector<ScoredDocument> Bm25Index::SearchAlternatives(
    std::span<const std::vector<std::string>> query_groups, std::size_t limit) const {
  std::vector<ScoredDocument> hits;
  if (ids_.empty() || limit == 0) return hits;
  const double n = static_cast<double>(ids_.size());
  const double avgdl = std::max(1.0, static_cast<double>(total_length_) / n);
  std::vector<double> scores(ids_.size(), 0.0);
  std::vector<bool> touched(ids_.size(), false);
  // The group's best score per document, and the documents it reached.
  std::vector<double> best(ids_.size(), -1.0);
  std::vector<std::uint32_t> reached;
  for (std::size_t g = 0; g < query_groups.size(); ++g) {
    const std::vector<std::string>& group = query_groups[g];
    bool repeated = false;
    for (std::size_t h = 0; h < g && !repeated; ++h) repeated = query_groups[h] == group;
    if (repeated) continue;
    reached.clear();
    for (std::size_t a = 0; a < group.size(); ++a) {
      const std::string& term = group[a];
      if (std::find(group.begin(), group.begin() + static_cast<std::ptrdiff_t>(a), term) !=
          group.begin() + static_cast<std::ptrdiff_t>(a)) {
        continue;  // the same alternative twice
      }
      const auto it = postings_.find(term);
      if (it == postings_.end()) continue;
      const double df = static_cast<double>(it->second.size());
      const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
      for (const Posting& p : it->second) {
        const double tf = p.tf;
        const double norm = options_.k1 * (1.0 - options_.b + options_.b * lengths_[p.doc] / avgdl);
        const double score = idf * tf * (options_.k1 + 1.0) / (tf + norm);
        if (best[p.doc] < 0) reached.push_back(p.doc);
        best[p.doc] = std::max(best[p.doc], score);
      }
    }
    for (const std::uint32_t d : reached) {
      scores[d] += best[d];
      touched[d] = true;
      best[d] = -1.0;
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
