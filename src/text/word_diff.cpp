#include "text/word_diff.hpp"

#include <algorithm>
#include <cstdint>

#include "text/tokenize.hpp"

namespace sawt::text {
namespace {

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  for (const auto& t : Tokenize(text)) out.push_back(t.text);
  return out;
}

}  // namespace

std::string_view DiffOpName(DiffOp op) {
  switch (op) {
    case DiffOp::kEqual:
      return "equal";
    case DiffOp::kInsert:
      return "insert";
    case DiffOp::kDelete:
      return "delete";
  }
  return "equal";
}

std::vector<WordEdit> WordDiff(std::string_view before, std::string_view after, std::size_t max_cells) {
  const auto a = Words(before), b = Words(after);
  std::vector<WordEdit> out;
  auto push = [&](DiffOp op, std::string_view word) { out.push_back({op, std::string(word)}); };
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  for (size_t i = 0; i < pre; ++i) push(DiffOp::kEqual, a[i]);
  const size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m > max_cells) {
    for (size_t i = 0; i < n; ++i) push(DiffOp::kDelete, a[pre + i]);
    for (size_t j = 0; j < m; ++j) push(DiffOp::kInsert, b[pre + j]);
  } else {
    // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        push(DiffOp::kEqual, a[pre + i]);
        ++i;
        ++j;
      } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        push(DiffOp::kInsert, b[pre + j++]);
      } else {
        push(DiffOp::kDelete, a[pre + i++]);
      }
    }
  }
  for (size_t k = a.size() - suf; k < a.size(); ++k) push(DiffOp::kEqual, a[k]);
  return out;
}

}  // namespace sawt::text
