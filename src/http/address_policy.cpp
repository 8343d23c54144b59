#include "http/address_policy.hpp"

namespace sawt::http {
namespace {

Cidr Block(std::string_view text) {
  auto c = Cidr::Parse(text);
  return *c;  // built-in constants below are well-formed
}

// RFC 6890 special-purpose blocks a webhook has no business reaching, and the cloud metadata
// services (AWS/GCP/Azure/OpenStack 169.254.169.254, AWS IPv6 fd00:ec2::254, Alibaba 100.100.100.200).
constexpr const char* kDeniedByDefault[] = {
    "0.0.0.0/8",     "10.0.0.0/8",      "100.64.0.0/10",  "127.0.0.0/8",  "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24",  "192.168.0.0/16",  "198.18.0.0/15",  "224.0.0.0/4",  "240.0.0.0/4",    "::/128",
    "::1/128",       "fe80::/10",       "fc00::/7",       "ff00::/8",     "64:ff9b::/96",   "2001:db8::/32"};
constexpr const char* kNeverAllowed[] = {"169.254.169.254", "fd00:ec2::254", "100.100.100.200"};

}  // namespace

AddressPolicy::AddressPolicy() {
  rules_.push_back({Block("0.0.0.0/0"), true, false});  // every IPv4 address (as ::ffff:0:0/96)
  rules_.push_back({Block("::/0"), true, false});
  for (const char* b : kDeniedByDefault) rules_.push_back({Block(b), false, false});
  for (const char* b : kNeverAllowed) never_.push_back(Block(b));
}

void AddressPolicy::Allow(const Cidr& block) { rules_.push_back({block, true, true}); }
void AddressPolicy::Deny(const Cidr& block) { rules_.push_back({block, false, true}); }

core::Status AddressPolicy::AllowList(std::string_view blocks) {
  if (blocks.empty()) return core::Ok();
  SAWT_ASSIGN_OR_RETURN(auto list, ParseCidrList(blocks));
  for (const Cidr& c : list) Allow(c);
  return core::Ok();
}

core::Status AddressPolicy::DenyList(std::string_view blocks) {
  if (blocks.empty()) return core::Ok();
  SAWT_ASSIGN_OR_RETURN(auto list, ParseCidrList(blocks));
  for (const Cidr& c : list) Deny(c);
  return core::Ok();
}

bool AddressPolicy::Permits(std::string_view address) const {
  const auto parsed = AddressBytes(address);
  if (!parsed) return false;
  const std::array<uint8_t, 16>& bytes = *parsed;
  for (const Cidr& c : never_) {
    if (c.Contains(bytes)) return false;
  }
  const Rule* best = nullptr;
  for (const Rule& r : rules_) {
    if (!r.block.Contains(bytes)) continue;
    const bool better = best == nullptr || r.block.prefix > best->block.prefix ||
                        (r.block.prefix == best->block.prefix &&
                         (r.operator_rule > best->operator_rule ||
                          (r.operator_rule == best->operator_rule && !r.allow && best->allow)));
    if (better) best = &r;
  }
  return best != nullptr && best->allow;
}

}  // namespace sawt::http
