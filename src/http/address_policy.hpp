#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/cidr.hpp"

namespace sawt::http {

/// Which addresses an outgoing request (a webhook delivery) may connect to, checked on the
/// address actually connected to, after DNS resolution, so a name that resolves (or rebinds) to
/// an internal address is refused as the literal would be.
///
/// Rules: built-in denials of loopback, link-local, private, shared (CGNAT), benchmarking,
/// unspecified, multicast and reserved ranges, plus the operator's allow and deny blocks. The most
/// specific matching block decides; on a tie an operator's block beats a built-in one and a
/// denial beats an allowance. Cloud metadata addresses (169.254.169.254, fd00:ec2::254,
/// 100.100.100.200) are refused whatever is allowed. Immutable after set-up; thread-safe to read.
class AddressPolicy {
 public:
  /// The safe default: public addresses only.
  AddressPolicy();

  void Allow(const Cidr& block);
  void Deny(const Cidr& block);
  /// Adds every block of a comma-separated list ("127.0.0.1/32,10.1.0.0/16").
  core::Status AllowList(std::string_view blocks);
  core::Status DenyList(std::string_view blocks);

  /// True when a connection to `address` (an IP literal) is permitted; false for anything that
  /// is not an IP literal.
  bool Permits(std::string_view address) const;

 private:
  struct Rule {
    Cidr block;
    bool allow = false;
    bool operator_rule = false;
  };
  std::vector<Rule> rules_;
  std::vector<Cidr> never_;
};

}  // namespace sawt::http
