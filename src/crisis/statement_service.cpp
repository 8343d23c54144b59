#include "crisis/statement_service.hpp"

#include "auth/policy.hpp"
#include "crisis/resources.hpp"
#include "crisis/room_access.hpp"
#include "crisis/vocabularies.hpp"
#include "crisis/webhook_service.hpp"
#include "module/service_names.hpp"
#include "module/vocabulary.hpp"

namespace sawt::crisis {
namespace {

using namespace module::service_names;  // NOLINT: the service files' shared vocabulary

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxBody = 8000;
constexpr size_t kMaxInstruction = 2000;

std::string SelectStatements() { return "SELECT " + StatementResource().Columns() + " FROM crisis_statements "; }

Result<Row> LoadStatement(Tx& tx, int64_t crisis_id, int64_t id) {
  auto rows = tx.Query(SelectStatements() + "WHERE id = $1 AND crisis_id = $2", {id, crisis_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("crisis.statement_not_found", {std::to_string(id)});
  return (*rows)[0];
}

/// The author or those who manage the room.
Status CanEdit(const auth::Caller& caller, const Room& room, const Row& statement) {
  if (statement.Int("author_account_id") == caller.account_id) return Ok();
  return CanManage(caller, room);
}

/// An update or a cancellation supersedes a published statement of the same crisis; an alert
/// supersedes nothing.
Status CheckSupersedes(Tx& tx, int64_t crisis_id, const std::string& msg_type, const std::optional<int64_t>& supersedes) {
  if (msg_type == "alert") {
    if (supersedes) return Error::InvalidInput("crisis.alert_supersedes", "supersedes_id");
    return Ok();
  }
  if (!supersedes) return Error::InvalidInput("crisis.supersedes_required", "supersedes_id", {msg_type});
  auto rows = tx.Query("SELECT status FROM crisis_statements WHERE id = $1 AND crisis_id = $2", {*supersedes, crisis_id});
  if (!rows) return std::move(rows).error();
  if (rows->empty() || (*rows)[0].Text("status") != "published") {
    return Error::InvalidInput("crisis.bad_supersedes", "supersedes_id", {std::to_string(*supersedes)});
  }
  return Ok();
}

/// The fields a draft's body may set (create and update share them).
struct DraftFields {
  std::optional<std::string> title_ar, title_en, body_ar, body_en, instruction_ar, instruction_en, urgency, certainty,
      msg_type;
  std::optional<int64_t> template_id, supersedes_id;
  std::optional<Json> channels;
  const Json* channels_raw = nullptr;

  void Read(JsonReader& in, bool create) {
    title_ar = in.String("title_ar", create, kMaxTitle);
    title_en = in.String("title_en", create, kMaxTitle);
    body_ar = in.String("body_ar", create, kMaxBody);
    body_en = in.String("body_en", create, kMaxBody);
    instruction_ar = in.String("instruction_ar", false, kMaxInstruction, false);
    instruction_en = in.String("instruction_en", false, kMaxInstruction, false);
    urgency = in.String("urgency", false, 16);
    certainty = in.String("certainty", false, 16);
    channels_raw = in.Raw("channels");
    if (create) {
      msg_type = in.String("msg_type", false, 16);
      template_id = in.Int("template_id", false);
      supersedes_id = in.Int("supersedes_id", false);
    }
  }
  Status Check(const module::Vocabulary& channel_codes) {
    if (urgency) SAWT_TRY_STATUS(Urgencies().Check(*urgency, "crisis.bad_urgency", "urgency"));
    if (certainty) SAWT_TRY_STATUS(Certainties().Check(*certainty, "crisis.bad_certainty", "certainty"));
    if (msg_type) SAWT_TRY_STATUS(MessageTypes().Check(*msg_type, "crisis.bad_msg_type", "msg_type"));
    SAWT_ASSIGN_OR_RETURN(channels, module::ReadCodes(channels_raw, "channels", "crisis.bad_channels",
                                                      "crisis.bad_channels", &channel_codes));
    return Ok();
  }
};

Status AddApprovalsTo(Tx& tx, Json& out, int64_t id) {
  auto rows = tx.Query("SELECT account_id, login, at FROM crisis_statement_approvals WHERE statement_id = $1 ORDER BY at, account_id",
                       {id});
  if (!rows) return std::move(rows).error();
  Json approvals = Json::array();
  for (const auto& r : *rows) approvals.push_back({{"account_id", r.Int("account_id")}, {"login", r.Text("login")}, {"at", r.Text("at")}});
  out["approvals"] = std::move(approvals);
  return Ok();
}

/// The content items a published statement became, one per involved entity.
Status AddContentItemsTo(Tx& tx, Json& out, int64_t id) {
  auto rows = tx.Query("SELECT entity_id, content_item_id FROM crisis_statement_items WHERE statement_id = $1 ORDER BY entity_id",
                       {id});
  if (!rows) return std::move(rows).error();
  Json items = Json::array();
  for (const auto& r : *rows) items.push_back({{"entity_id", r.Int("entity_id")}, {"content_item_id", r.Int("content_item_id")}});
  out["content_items"] = std::move(items);
  return Ok();
}

}  // namespace

Result<Json> StatementJson(Tx& tx, const Row& row, int64_t required_approvals, const std::string& public_url) {
  Json out = StatementResource().ToJson(row);
  SAWT_TRY_STATUS(AddApprovalsTo(tx, out, row.Int("id")));
  SAWT_TRY_STATUS(AddContentItemsTo(tx, out, row.Int("id")));
  out["required_approvals"] = required_approvals;
  out["cap_url"] = row.Text("status") == "published"
                       ? Json(public_url + "/api/v1/public/alerts/" + std::to_string(row.Int("id")))
                       : Json(nullptr);
  return out;
}

std::vector<store::Migration> StatementService::Migrations() {
  return {{"crisis", 3, "0003_create_crisis_statements", R"SQL(
ALTER TABLE crises ADD COLUMN required_approvals BIGINT NOT NULL DEFAULT 2;
CREATE TABLE crisis_statements (
  id {{ID}},
  crisis_id BIGINT NOT NULL REFERENCES crises(id),
  msg_type TEXT NOT NULL CHECK (msg_type IN ('alert', 'update', 'cancel')),
  supersedes_id BIGINT REFERENCES crisis_statements(id),
  template_id BIGINT REFERENCES crisis_templates(id),
  title_ar TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_ar TEXT NOT NULL,
  body_en TEXT NOT NULL,
  instruction_ar TEXT NOT NULL,
  instruction_en TEXT NOT NULL,
  urgency TEXT NOT NULL,
  certainty TEXT NOT NULL,
  channels TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_approval', 'published', 'withdrawn')),
  override_reason TEXT,
  author TEXT NOT NULL,
  author_account_id BIGINT NOT NULL,
  submitted_at TEXT,
  published_at TEXT,
  publication_seq BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX crisis_statements_crisis ON crisis_statements(crisis_id, id);
CREATE INDEX crisis_statements_published ON crisis_statements(status, publication_seq);
CREATE TABLE crisis_statement_approvals (
  statement_id BIGINT NOT NULL REFERENCES crisis_statements(id),
  account_id BIGINT NOT NULL,
  login TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (statement_id, account_id)
);
)SQL"},
          // What each published statement became on the involved entities' channels (messaging's
          // content items, through module::PublishingControl).
          {"crisis", 4, "0004_crisis_statement_items", R"SQL(
CREATE TABLE crisis_statement_items (
  statement_id BIGINT NOT NULL REFERENCES crisis_statements(id),
  entity_id BIGINT NOT NULL,
  content_item_id BIGINT NOT NULL,
  PRIMARY KEY (statement_id, entity_id)
);
)SQL"}};
}

Result<Json> StatementService::List(const auth::Caller& caller, int64_t crisis_id) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  return store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    auto rows = tx.Query(SelectStatements() + "WHERE crisis_id = $1 ORDER BY id DESC LIMIT 500", {crisis_id});
    if (!rows) return std::move(rows).error();
    Json items = Json::array();
    for (const auto& r : *rows) {
      SAWT_ASSIGN_OR_RETURN(Json s, StatementJson(tx, r, room.crisis.Int("required_approvals"), public_url_));
      items.push_back(std::move(s));
    }
    return Json{{"items", std::move(items)}};
  });
}

Result<Json> StatementService::Get(const auth::Caller& caller, int64_t crisis_id, int64_t id, const http::Locale& reader) {
  SAWT_TRY_STATUS(auth::Authorize(caller, "crisis.read", std::nullopt));
  int64_t lead = 0;
  SAWT_ASSIGN_OR_RETURN(Json out, store::ReadValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_ASSIGN_OR_RETURN(Row row, LoadStatement(tx, crisis_id, id));
    lead = room.lead_entity();
    return StatementJson(tx, row, room.crisis.Int("required_approvals"), public_url_);
  }));
  // The one-voice check reads in a transaction of its own.
  SAWT_ASSIGN_OR_RETURN(out["alignment"],
                        registry_.draft_check().Check(caller,
                                                      {{"text_ar", out["title_ar"].get<std::string>() + "\n\n" +
                                                                       out["body_ar"].get<std::string>()},
                                                       {"text_en", out["title_en"].get<std::string>() + "\n\n" +
                                                                       out["body_en"].get<std::string>()},
                                                       {"entity_id", lead}},
                                                      reader));
  return out;
}

Result<Json> StatementService::Create(const auth::Caller& caller, int64_t crisis_id, const Json& body) {
  JsonReader in(body);
  DraftFields f;
  f.Read(in, true);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check(registry_.vocabulary("channels")));
  const std::string msg_type = f.msg_type.value_or(f.supersedes_id ? "update" : "alert");
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_TRY_STATUS(CanContribute(caller, room));
    SAWT_TRY_STATUS(MustBeActive(room));
    SAWT_TRY_STATUS(CheckSupersedes(tx, crisis_id, msg_type, f.supersedes_id));
    if (f.template_id) {
      auto found = tx.Query("SELECT id FROM crisis_templates WHERE id = $1", {*f.template_id});
      if (!found) return std::move(found).error();
      if (found->empty()) return Error::InvalidInput("crisis.template_not_found", "template_id", {std::to_string(*f.template_id)});
    }
    const std::string now = tx.clock().NowIsoUtc();
    auto rows = tx.Query(
        "INSERT INTO crisis_statements (crisis_id, msg_type, supersedes_id, template_id, title_ar, title_en, body_ar, body_en, "
        "instruction_ar, instruction_en, urgency, certainty, channels, status, author, author_account_id, created_at, "
        "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', $14, $15, $16, "
        "$14, $16) RETURNING id",
        {crisis_id, msg_type, store::OrNull(f.supersedes_id), store::OrNull(f.template_id), *f.title_ar, *f.title_en,
         *f.body_ar, *f.body_en, f.instruction_ar.value_or(""), f.instruction_en.value_or(""),
         f.urgency.value_or("immediate"), f.certainty.value_or("observed"), f.channels.value_or(Json::array()).dump(),
         caller.login, caller.account_id, now});
    if (!rows) return std::move(rows).error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadStatement(tx, crisis_id, (*rows)[0].Int("id")));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.statement_drafted", room.lead_entity(), "crisis_statement",
                                row.Int("id"), {{"crisis_id", crisis_id}, {"msg_type", msg_type}}));
    return StatementJson(tx, row, room.crisis.Int("required_approvals"), public_url_);
  });
}

Result<Json> StatementService::Update(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                      std::optional<int64_t> if_match, const Json& body) {
  JsonReader in(body);
  DraftFields f;
  f.Read(in, false);
  SAWT_TRY_STATUS(in.Finish());
  SAWT_TRY_STATUS(f.Check(registry_.vocabulary("channels")));
  Assignments set;
  set.SetIf("title_ar", f.title_ar);
  set.SetIf("title_en", f.title_en);
  set.SetIf("body_ar", f.body_ar);
  set.SetIf("body_en", f.body_en);
  set.SetIf("instruction_ar", f.instruction_ar);
  set.SetIf("instruction_en", f.instruction_en);
  set.SetIf("urgency", f.urgency);
  set.SetIf("certainty", f.certainty);
  if (f.channels) set.Set("channels", f.channels->dump(), *f.channels);
  set.Set("updated_by", caller.login, caller.login);
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_ASSIGN_OR_RETURN(Row old, LoadStatement(tx, crisis_id, id));
    SAWT_TRY_STATUS(CanEdit(caller, room, old));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(MustBeActive(room));
    if (old.Text("status") != "draft") return Error::Conflict("crisis.statement_not_draft", {std::to_string(id), old.Text("status")});
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_statements", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "crisis_statements", id, "crisis.statement_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadStatement(tx, crisis_id, id));
    Json payload = set.changed;
    payload["crisis_id"] = crisis_id;
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.statement_updated", room.lead_entity(), "crisis_statement", id,
                                std::move(payload)));
    return StatementJson(tx, row, room.crisis.Int("required_approvals"), public_url_);
  });
}

Result<Json> StatementService::Submit(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                      std::optional<int64_t> if_match, const Json& body, const http::Locale& reader) {
  JsonReader in(body);
  auto reason = in.String("override_reason", false, 2000);
  SAWT_TRY_STATUS(in.Finish());
  // Errors of the one-voice check (a contradicted figure, a banned term) need a written reason.
  SAWT_ASSIGN_OR_RETURN(Json current, Get(caller, crisis_id, id, reader));
  const int64_t errors = current["alignment"]["summary"].value("error", int64_t{0});
  if (errors > 0 && !reason) return Error::Unprocessable("crisis.statement_misaligned", "override_reason", {std::to_string(errors)});
  return Transition(caller, crisis_id, id, if_match, "in_approval", errors > 0 ? reason : std::nullopt);
}

Result<Json> StatementService::Withdraw(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                        std::optional<int64_t> if_match) {
  return Transition(caller, crisis_id, id, if_match, "withdrawn", std::nullopt);
}

Result<Json> StatementService::Transition(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                          std::optional<int64_t> if_match, const std::string& to,
                                          const std::optional<std::string>& override_reason) {
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_ASSIGN_OR_RETURN(Row old, LoadStatement(tx, crisis_id, id));
    SAWT_TRY_STATUS(CanEdit(caller, room, old));
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(MustBeActive(room));
    const std::string from = old.Text("status");
    const bool legal = (to == "in_approval" && from == "draft") ||
                       (to == "withdrawn" && (from == "draft" || from == "in_approval"));
    if (!legal) return Error::Conflict("crisis.statement_illegal_transition", {from, to});
    Assignments set;
    set.Set("status", to, to);
    set.Set("updated_by", caller.login, caller.login);
    if (to == "in_approval") {
      const std::string now = tx.clock().NowIsoUtc();
      set.Set("submitted_at", now, now);
      set.Set("override_reason", store::OrNull(override_reason), OptJson(override_reason));
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_statements", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "crisis_statements", id, "crisis.statement_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadStatement(tx, crisis_id, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, to == "withdrawn" ? "crisis.statement_withdrawn" : "crisis.statement_submitted",
                                room.lead_entity(), "crisis_statement", id,
                                {{"crisis_id", crisis_id}, {"from", from}, {"to", to}, {"override_reason", OptJson(override_reason)}}));
    return StatementJson(tx, row, room.crisis.Int("required_approvals"), public_url_);
  });
}

/// One voice everywhere at once: the statement becomes a published content item of the lead and of
/// every affected entity, on the statement's channels, in the approval's transaction (so the
/// outbox rows exist exactly when the statement is published). Without channels it is public only
/// through the alert endpoints and stream.
Status StatementService::PublishOnChannels(Tx& tx, const auth::Caller& caller, const Room& room, const Row& statement) const {
  const std::vector<std::string> channels = module::StoredCodes(statement.Text("channels"));
  if (channels.empty()) return Ok();
  const module::PublishingControl& publishing = registry_.publishing_control();
  for (int64_t entity : room.Entities()) {
    module::PublishRequest request;
    request.entity_id = entity;
    request.title_ar = statement.Text("title_ar");
    request.title_en = statement.Text("title_en");
    request.body_ar = statement.Text("body_ar");
    request.body_en = statement.Text("body_en");
    request.channels = channels;
    request.author = statement.Text("author");
    request.source_type = "crisis_statement";
    request.source_id = statement.Int("id");
    SAWT_ASSIGN_OR_RETURN(int64_t item, publishing.Publish(tx, caller, request));
    auto linked = tx.Exec("INSERT INTO crisis_statement_items (statement_id, entity_id, content_item_id) VALUES ($1, $2, $3)",
                          {statement.Int("id"), entity, item});
    if (!linked) return std::move(linked).error();
  }
  return Ok();
}

Result<Json> StatementService::Approve(const auth::Caller& caller, int64_t crisis_id, int64_t id,
                                       std::optional<int64_t> if_match) {
  return store::WriteValue<Json>(store_, [&](Tx& tx) -> Result<Json> {
    SAWT_ASSIGN_OR_RETURN(Room room, LoadRoom(tx, crisis_id));
    SAWT_ASSIGN_OR_RETURN(Row old, LoadStatement(tx, crisis_id, id));
    // The approvers the room names (approver or lead), never the author.
    if (!room.Holds(caller.account_id, "approver") && !room.Holds(caller.account_id, "lead")) return Error::Forbidden();
    if (old.Int("author_account_id") == caller.account_id) return Error::Forbidden("crisis.author_cannot_approve");
    if (if_match && *if_match != old.Int("version")) return Error::PreconditionFailed();
    SAWT_TRY_STATUS(MustBeActive(room));
    if (old.Text("status") != "in_approval") {
      return Error::Conflict("crisis.statement_not_in_approval", {std::to_string(id), old.Text("status")});
    }
    const std::string now = tx.clock().NowIsoUtc();
    auto inserted = tx.Exec("INSERT INTO crisis_statement_approvals (statement_id, account_id, login, at) VALUES ($1, $2, $3, $4)",
                            {id, caller.account_id, caller.login, now});
    if (!inserted) {
      if (inserted.error().code == core::ErrorCode::kConflict) return Error::Conflict("crisis.already_approved", {std::to_string(id)});
      return std::move(inserted).error();
    }
    auto count = tx.Query("SELECT COUNT(*) AS n FROM crisis_statement_approvals WHERE statement_id = $1", {id});
    if (!count) return std::move(count).error();
    const bool publish = (*count)[0].Int("n") >= room.crisis.Int("required_approvals");
    Assignments set;
    set.Set("updated_by", caller.login, caller.login);
    if (publish) {
      set.Set("status", std::string("published"), "published");
      set.Set("published_at", now, now);
    }
    SAWT_ASSIGN_OR_RETURN(bool updated, GuardedUpdate(tx, "crisis_statements", set, id, old.Int("version")));
    if (!updated) return MissOrStale(tx, "crisis_statements", id, "crisis.statement_not_found").error();
    SAWT_ASSIGN_OR_RETURN(Row row, LoadStatement(tx, crisis_id, id));
    SAWT_TRY_STATUS(AppendEvent(tx, caller, "crisis.statement_approved", room.lead_entity(), "crisis_statement", id,
                                {{"crisis_id", crisis_id}, {"approvals", (*count)[0].Int("n")}}));
    if (publish) {
      SAWT_TRY_STATUS(AddTimeline(tx, crisis_id, "statement", "نُشر البيان: " + row.Text("title_ar"),
                                  "Statement published: " + row.Text("title_en"), caller.login));
      // The publication's event id places the statement in the public stream (ids grow in commit order).
      auto published = tx.Append({caller.login, "crisis.statement_published", room.lead_entity(), "crisis_statement",
                                  std::to_string(id),
                                  {{"crisis_id", crisis_id}, {"msg_type", row.Text("msg_type")},
                                   {"supersedes_id", row.IsNull("supersedes_id") ? Json(nullptr) : Json(row.Int("supersedes_id"))}}});
      if (!published) return std::move(published).error();
      auto placed = tx.Exec("UPDATE crisis_statements SET publication_seq = $1 WHERE id = $2", {published->id, id});
      if (!placed) return std::move(placed).error();
      SAWT_TRY_STATUS(PublishOnChannels(tx, caller, room, row));
      // Subscribers' deliveries are queued in the same transaction: published means queued.
      SAWT_TRY_STATUS(WebhookService::Enqueue(tx, id, public_url_));
    }
    return StatementJson(tx, row, room.crisis.Int("required_approvals"), public_url_);
  });
}

}  // namespace sawt::crisis
