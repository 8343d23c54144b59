#include "text/dedupe.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

namespace sawt::text {
namespace {

// FNV-1a then the MurmurHash3 finalizer, so that every output bit depends on every input bit
// (SimHash needs independent, balanced bits).
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

std::uint64_t HashTerm(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return Mix(h);
}

}  // namespace

std::uint64_t SimHash64(std::span<const std::string> terms, std::size_t shingle_size) {
  if (terms.empty()) return 0;
  shingle_size = std::max<std::size_t>(1, std::min(shingle_size, terms.size()));
  std::vector<std::uint64_t> hashes;
  hashes.reserve(terms.size());
  for (const std::string& t : terms) hashes.push_back(HashTerm(t));
  std::array<std::int64_t, 64> weights{};
  for (std::size_t i = 0; i + shingle_size <= hashes.size(); ++i) {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (std::size_t k = 0; k < shingle_size; ++k) h = Mix(h ^ hashes[i + k]) + k;
    for (int bit = 0; bit < 64; ++bit) weights[bit] += ((h >> bit) & 1) != 0 ? 1 : -1;
  }
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) fingerprint |= std::uint64_t{1} << bit;
  }
  return fingerprint;
}

int HammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

bool IsNearDuplicate(std::uint64_t a, std::uint64_t b, int max_distance) {
  return HammingDistance(a, b) <= max_distance;
}

}  // namespace sawt::text
