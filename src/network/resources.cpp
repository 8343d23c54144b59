#include "network/resources.hpp"

#include "module/schema.hpp"
#include "network/vocabularies.hpp"

namespace sawt::network {

using namespace module::schema;  // NOLINT: the schema vocabulary reads best unqualified
using module::Resource;

// Immutable descriptions, built once and never destroyed (usable from any thread).

const Resource& EntityResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"parent_id", NullableInt()}, {"kind", Enum(EntityKinds())}, {"code", Str(64)},
      {"name_ar", Str()}, {"name_en", Str()},
      {"color", {{"type", "string"}, {"pattern", "^#[0-9a-fA-F]{6}$"}}},
      {"logo_url", NullableStr(500), "", true},
      {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& MemberResource() {
  static const Resource* r = new Resource(
      {{"id", Int()}, {"name_ar", Str()}, {"name_en", Str()},
       {"title_ar", NullableStr(), "", true}, {"title_en", NullableStr(), "", true}, {"email", Str(254)},
       {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()}},
      {{"login", Str(64)}, {"active", Bool()}});
  return *r;
}

const Resource& MembershipResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"member_id", Int()}, {"entity_id", Int()}, {"role", Enum(Roles())},
      {"created_at", Timestamp()},
      // invited: offered by someone without authority over the member's other roles; grants
      // nothing until accepted.
      {"status", {{"enum", {"active", "invited"}}}},
  });
  return *r;
}

const Resource& ResponsibilityResource() {
  static const Resource* r = new Resource({
      {"id", Int()}, {"entity_id", Int()}, {"axis", Enum(Axes())},
      {"task_ar", Str(1000)}, {"task_en", Str(1000)},
      {"member_id", Int()}, {"raci", Enum(Raci())},
      {"version", Int()}, {"created_at", Timestamp()}, {"updated_at", Timestamp()},
  });
  return *r;
}

const Resource& NetworkSettingsResource() {
  static const Resource* r = new Resource({{"time_zone", Str(64)}, {"version", Int()}, {"updated_at", Timestamp()}});
  return *r;
}

}  // namespace sawt::network
