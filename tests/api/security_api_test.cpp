// Regressions of the security review (issue 9) on a real server, both stores: account takeover by
// an entity admin, and event streams that outlived their credential.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "tests/api/fixture.hpp"
#include "tests/api/sse_client.hpp"

namespace sawt::testing {
namespace {

using core::Json;

class SecurityApiTest : public ApiTest {
 protected:
  static constexpr const char* kPassword = "security-password-own";

  /// A fresh account with `role` in `entity`, made by the network admin, that has replaced its
  /// temporary password with kPassword (through a token, so without signing in); returns its id.
  int64_t NewMember(const std::string& login, int64_t entity, const std::string& role) {
    Json body = {{"login", login}, {"password", "security-temporary"}, {"name_ar", "عضو"}, {"name_en", "Member"},
                 {"email", login + "@example.org"}, {"entity_id", entity}, {"role", role}};
    Reply r = app().Call("POST", "/api/v1/members", Admin(), body);
    EXPECT_EQ(r.status, 201) << r.body;
    const int64_t id = r.json().value("id", int64_t{0});
    Reply changed = app().Call("PUT", "/api/v1/me/password", TokenFor(id),
                               {{"current_password", "security-temporary"}, {"new_password", kPassword}});
    EXPECT_EQ(changed.status, 204) << changed.body;
    return id;
  }
  /// An API token of the account, made directly (sign-ins are rate-limited per address, and the
  /// whole suite signs in from 127.0.0.1).
  Credentials TokenFor(int64_t account) {
    auto made = app().app().auth->CreateApiToken(account, "test", "security", {"read", "write"}, std::nullopt);
    EXPECT_TRUE(made);
    Credentials who;
    if (made) who.bearer = made->second;
    return who;
  }
  static std::string BearerHeader(const Credentials& who) { return "Authorization: Bearer " + who.bearer + "\r\n"; }
  Json Member(int64_t id) { return app().Call("GET", "/api/v1/members/" + std::to_string(id), Admin()).json(); }
  std::set<int64_t> RoleEntities(const Credentials& who) {
    std::set<int64_t> out;
    const Json me = app().Call("GET", "/api/v1/me", who).json();
    for (const auto& r : me["roles"]) out.insert(r["entity_id"].get<int64_t>());
    return out;
  }
};
SAWT_INSTANTIATE_BOTH_STORES(SecurityApiTest);

// An entity admin who adds the network admin to their entity gets an invitation, not control: the
// admin's account stays untouchable and the invitation grants nothing until accepted.
TEST_P(SecurityApiTest, EntityAdminCannotTakeOverTheNetworkAdmin) {
  Credentials director = Demo("police.director");
  const int64_t admin_id = AccountId("admin");
  const Json admin_before = Member(admin_id);
  Reply offered = app().Call("POST", "/api/v1/memberships", director,
                             {{"member_id", admin_id}, {"entity_id", EntityId("police")}, {"role", "member"}});
  ASSERT_EQ(offered.status, 201) << offered.body;
  EXPECT_EQ(offered.json()["status"], "invited");
  for (const Json& change : {Json{{"name_en", "Owned"}}, Json{{"email", "attacker@example.org"}}, Json{{"active", false}}}) {
    Reply r = app().Call("PATCH", "/api/v1/members/" + std::to_string(admin_id), director, change);
    EXPECT_EQ(r.status, 403) << change.dump() << " " << r.body;
    EXPECT_EQ(r.json().value("code", ""), "network.member_beyond_authority") << r.body;
  }
  const Json admin_after = Member(admin_id);
  EXPECT_EQ(admin_after, admin_before);
  EXPECT_TRUE(admin_after["active"].get<bool>());
  // The invitation is the admin's to accept or decline; nobody else can accept it.
  const std::string invitation = "/api/v1/memberships/" + std::to_string(offered.json()["id"].get<int64_t>());
  EXPECT_EQ(app().Call("POST", invitation + "/accept", director, Json::object()).status, 404);
  EXPECT_EQ(app().Call("DELETE", invitation, Admin()).status, 204);
}

// A member of another entity is invited too; once they accept, the role counts, but the inviting
// entity's admin still cannot change an account that also belongs elsewhere.
TEST_P(SecurityApiTest, MembersOfOtherEntitiesAreInvitedAndStayTheirOwn) {
  const std::string login = "sx" + Unique();
  const int64_t id = NewMember(login, EntityId("health"), "editor");
  Credentials director = Demo("police.director");
  Reply offered = app().Call("POST", "/api/v1/memberships", director,
                             {{"member_id", id}, {"entity_id", EntityId("police")}, {"role", "reviewer"}});
  ASSERT_EQ(offered.status, 201) << offered.body;
  EXPECT_EQ(offered.json()["status"], "invited");
  Credentials member = TokenFor(id);
  EXPECT_EQ(RoleEntities(member).count(EntityId("police")), 0u) << "an invitation granted a role";
  const std::string path = "/api/v1/memberships/" + std::to_string(offered.json()["id"].get<int64_t>());
  Reply accepted = app().Call("POST", path + "/accept", member, Json::object());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "active");
  EXPECT_EQ(app().Call("POST", path + "/accept", member, Json::object()).json().value("code", ""),
            "network.membership_not_invited");
  EXPECT_EQ(RoleEntities(member).count(EntityId("police")), 1u);
  Reply edit = app().Call("PATCH", "/api/v1/members/" + std::to_string(id), director, {{"active", false}});
  EXPECT_EQ(edit.status, 403) << edit.body;
  EXPECT_EQ(edit.json().value("code", ""), "network.member_beyond_authority");
  EXPECT_TRUE(Member(id)["active"].get<bool>());
}

// Someone who belongs only to the admin's own entity is still the admin's to manage.
TEST_P(SecurityApiTest, EntityAdminStillManagesTheirOwnMembers) {
  const std::string login = "so" + Unique();
  const int64_t id = NewMember(login, EntityId("police"), "editor");
  Credentials director = Demo("police.director");
  Reply granted = app().Call("POST", "/api/v1/memberships", director,
                             {{"member_id", id}, {"entity_id", EntityId("police")}, {"role", "reviewer"}});
  ASSERT_EQ(granted.status, 201) << granted.body;
  EXPECT_EQ(granted.json()["status"], "active");
  Reply renamed = app().Call("PATCH", "/api/v1/members/" + std::to_string(id), director, {{"name_en", "Renamed"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name_en"], "Renamed");
  Reply off = app().Call("PATCH", "/api/v1/members/" + std::to_string(id), director, {{"active", false}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(off.json()["active"].get<bool>());
}

// The last active network admin keeps the role: an inactive second admin does not count.
TEST_P(SecurityApiTest, TheLastActiveNetworkAdminStays) {
  const std::string login = "sa" + Unique();
  const int64_t second = NewMember(login, EntityId("executive-council"), "network_admin");
  ASSERT_EQ(app().Call("PATCH", "/api/v1/members/" + std::to_string(second), Admin(), {{"active", false}}).status, 200);
  Reply mine = app().Call("GET", "/api/v1/memberships?member_id=" + std::to_string(AccountId("admin")), Admin());
  int64_t admin_role = 0;
  const Json memberships = mine.json();
  for (const auto& m : memberships["items"]) {
    if (m["role"] == "network_admin") admin_role = m["id"];
  }
  ASSERT_GT(admin_role, 0) << mine.body;
  Reply removed = app().Call("DELETE", "/api/v1/memberships/" + std::to_string(admin_role), Admin());
  EXPECT_EQ(removed.status, 409) << removed.body;
  EXPECT_EQ(removed.json().value("code", ""), "network.last_network_admin");
  EXPECT_TRUE(app().Call("GET", "/api/v1/me", Admin()).json()["network_admin"].get<bool>());
}

bool Has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }



// Each way a credential ends (token revoked, session signed out, account deactivated) ends the
// stream, and nothing committed afterwards reaches it.
TEST_P(SecurityApiTest, StreamsEndWithTheirCredential) {
  struct Way {
    std::string name;
    std::function<std::string(int64_t member, const Credentials& session)> open;  // the auth header
    std::function<void(int64_t member, const Credentials& session)> end;
  };
  std::map<int64_t, Credentials> tokens;
  const std::vector<Way> ways = {
      {"token revoked",
       [&](int64_t member, const Credentials&) {
         tokens[member] = TokenFor(member);
         return BearerHeader(tokens[member]);
       },
       [&](int64_t member, const Credentials&) {
         // Revoked through the API by the token itself (it has the write scope).
         const Json listed = app().Call("GET", "/api/v1/tokens", tokens[member]).json();
         const int64_t id = listed["items"].back()["id"];
         EXPECT_EQ(app().Call("DELETE", "/api/v1/tokens/" + std::to_string(id), tokens[member]).status, 204);
       }},
      {"signed out", [&](int64_t, const Credentials& s) { return "Cookie: sawt_session=" + s.cookie + "\r\n"; },
       [&](int64_t, const Credentials& s) { EXPECT_EQ(app().Call("DELETE", "/api/v1/sessions/current", s).status, 204); }},
      {"deactivated", [&](int64_t member, const Credentials&) { return BearerHeader(TokenFor(member)); },
       [&](int64_t member, const Credentials&) {
         EXPECT_EQ(app().Call("PATCH", "/api/v1/members/" + std::to_string(member), Admin(), {{"active", false}}).status,
                   200);
       }},
  };
  for (const auto& way : ways) {
    const std::string login = "ss" + Unique();
    const int64_t member = NewMember(login, EntityId("police"), "editor");
    // Only the signed-out way needs a session (sign-ins are rate-limited).
    Credentials session = way.name == "signed out" ? app().Login(login, kPassword) : Credentials{};
    SseClient stream(app().port(), way.open(member, session));
    ASSERT_TRUE(stream.Started()) << way.name << ": " << stream.text();
    auto department = [&](const std::string& code) {
      Json body = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", code},
                   {"name_ar", "إدارة"}, {"name_en", "Department"}};
      ASSERT_EQ(app().Call("POST", "/api/v1/entities", Admin(), body).status, 201);
    };
    const std::string seen = "sv-" + Unique();
    department(seen);
    ASSERT_TRUE(Has(stream.ReadUntil([&](const std::string& t) { return Has(t, seen); }), seen)) << way.name;
    way.end(member, session);
    const std::string hidden = "sh-" + Unique();
    department(hidden);
    stream.ReadUntil([](const std::string&) { return false; }, 5);
    EXPECT_TRUE(stream.closed()) << way.name << ": the stream outlived its credential";
    EXPECT_FALSE(Has(stream.text(), hidden)) << way.name << ": an event committed after the end was delivered";
  }
}

// A role removed while streaming narrows the stream at once: the entity's later events stop.
TEST_P(SecurityApiTest, StreamsFollowRemovedRoles) {
  const std::string login = "sr" + Unique();
  const int64_t id = NewMember(login, EntityId("health"), "editor");
  Reply police = app().Call("POST", "/api/v1/memberships", Admin(),
                            {{"member_id", id}, {"entity_id", EntityId("police")}, {"role", "editor"}});
  ASSERT_EQ(police.status, 201) << police.body;
  SseClient stream(app().port(), BearerHeader(TokenFor(id)));
  ASSERT_TRUE(stream.Started()) << stream.text();
  auto department = [&](const std::string& code) {
    Json body = {{"kind", "department"}, {"parent_id", EntityId("police")}, {"code", code},
                 {"name_ar", "إدارة"}, {"name_en", "Department"}};
    ASSERT_EQ(app().Call("POST", "/api/v1/entities", Admin(), body).status, 201);
  };
  const std::string seen = "rv-" + Unique();
  department(seen);
  ASSERT_TRUE(Has(stream.ReadUntil([&](const std::string& t) { return Has(t, seen); }), seen));
  ASSERT_EQ(app().Call("DELETE", "/api/v1/memberships/" + std::to_string(police.json()["id"].get<int64_t>()), Admin()).status,
            204);
  const std::string hidden = "rh-" + Unique();
  department(hidden);
  // A later event of the member's remaining entity still arrives, so the stream has moved past.
  const std::string later = "rl-" + Unique();
  Json health = {{"kind", "department"}, {"parent_id", EntityId("health")}, {"code", later},
                 {"name_ar", "إدارة"}, {"name_en", "Department"}};
  ASSERT_EQ(app().Call("POST", "/api/v1/entities", Admin(), health).status, 201);
  stream.ReadUntil([&](const std::string& t) { return Has(t, later); });
  EXPECT_TRUE(Has(stream.text(), later));
  EXPECT_FALSE(Has(stream.text(), hidden)) << "an event of a removed role's entity was delivered";
}

// One account holds a bounded number of streams; closing one frees its place.
TEST_P(SecurityApiTest, StreamsPerAccountAreCapped) {
  const std::string login = "sc" + Unique();
  const std::string cookie = BearerHeader(TokenFor(NewMember(login, EntityId("police"), "member")));
  std::vector<std::unique_ptr<SseClient>> open;
  for (int i = 0; i < 8; ++i) {
    open.push_back(std::make_unique<SseClient>(app().port(), cookie));
    EXPECT_TRUE(open.back()->Started()) << i;
  }
  SseClient refused(app().port(), cookie);
  refused.ReadUntil([](const std::string& t) { return Has(t, "\r\n\r\n{"); });
  EXPECT_TRUE(Has(refused.text(), "HTTP/1.1 429")) << refused.text().substr(0, 200);
  EXPECT_TRUE(Has(refused.text(), "events.too_many_streams"));
  open.pop_back();
  // The server notices the closed connection on its next poll.
  bool reopened = false;
  for (int attempt = 0; attempt < 20 && !reopened; ++attempt) {
    SseClient again(app().port(), cookie);
    again.ReadUntil([](const std::string& t) { return Has(t, "retry:") || Has(t, "\r\n\r\n{"); });
    reopened = Has(again.text(), "200 OK");
    if (!reopened) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(reopened);
}

// Resuming from the first event replays the whole visible log in order, in batches.
TEST_P(SecurityApiTest, ReplayFromLastEventIdDeliversEveryEventInOrder) {
  std::vector<int64_t> stored;  // PostgreSQL ids may skip values (sequences), so compare with the table
  const auto events = app().app().store->EventsAfter(0, 10000);
  ASSERT_TRUE(events);
  for (const auto& e : *events) stored.push_back(e.id);
  ASSERT_GT(stored.size(), 400u) << "the demo should hold more than two batches of events";
  SseClient stream(app().port(), "Cookie: sawt_session=" + Admin().cookie + "\r\n", "0");
  const std::string last = "id: " + std::to_string(stored.back()) + "\n";
  stream.ReadUntil([&](const std::string& t) { return Has(t, last); }, 30);
  ASSERT_TRUE(Has(stream.text(), last)) << stream.text().size() << " bytes";
  std::vector<int64_t> delivered;
  size_t at = 0;
  while ((at = stream.text().find("\nid: ", at)) != std::string::npos) {
    at += 5;
    const int64_t id = std::stoll(stream.text().substr(at, stream.text().find('\n', at) - at));
    if (id > stored.back()) break;
    delivered.push_back(id);
  }
  EXPECT_EQ(delivered, stored) << "events out of order, missing or repeated";
}

}  // namespace
}  // namespace sawt::testing
