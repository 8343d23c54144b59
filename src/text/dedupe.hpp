#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace sawt::text {

/// Default shingle size (terms per shingle) for SimHash64.
inline constexpr std::size_t kDefaultShingleSize = 2;

/// Largest Hamming distance between two fingerprints that IsNearDuplicate accepts. Measured on
/// 2,000 excerpts of 10..40 tokens from the ANT news corpus, each copied retweet-style
/// ("RT @user: " prefix, one word replaced, a link appended): with 2-term shingles about 90%
/// of the copies are within 13 bits, and no unrelated pair was closer than 14 (median 31).
inline constexpr int kDefaultNearDuplicateDistance = 13;

/// 64-bit SimHash (Charikar) of the shingles (`shingle_size` consecutive terms) of `terms`.
/// Texts with fewer terms than `shingle_size` use one shingle of all terms; no terms give 0.
/// REQUIRES: shingle_size >= 1.
std::uint64_t SimHash64(std::span<const std::string> terms,
                        std::size_t shingle_size = kDefaultShingleSize);

/// Number of differing bits.
int HammingDistance(std::uint64_t a, std::uint64_t b);

/// True when the fingerprints differ in at most `max_distance` bits.
bool IsNearDuplicate(std::uint64_t a, std::uint64_t b,
                     int max_distance = kDefaultNearDuplicateDistance);

}  // namespace sawt::text
