// Thin HTTP handlers for sessions, the caller's own account and API tokens.
#include "auth/routes.hpp"

#include "auth/auth_service.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "module/openapi.hpp"
#include "module/respond.hpp"

namespace sawt::auth {
namespace {

using namespace module::route_names;  // NOLINT: the route files' shared vocabulary

const std::vector<http::Message> kMessages = {
    {"auth.unauthenticated", "يلزم تسجيل الدخول.", "You need to sign in."},
    {"auth.forbidden", "ليست لديك صلاحية لهذا الإجراء.", "You are not allowed to do this."},
    // One answer for a wrong password, an unknown login and a sign-in paused after failures, so
    // it tells nothing about which.
    {"auth.bad_credentials",
     "تعذّر تسجيل الدخول: اسم المستخدم أو كلمة المرور غير صحيحة، أو أُوقف الدخول مؤقتًا بعد محاولات فاشلة متكررة.",
     "Sign-in failed: the login or password is wrong, or sign-in is paused for a while after repeated failures."},
    {"auth.too_many_attempts", "محاولات دخول فاشلة كثيرة من هذا العنوان؛ انتظر دقيقة ثم حاول مجددًا.",
     "Too many failed sign-ins from this address; wait a minute and try again."},
    {"auth.session_expired", "انتهت الجلسة؛ سجّل الدخول مجددًا.", "The session has ended; sign in again."},
    {"auth.bad_token", "رمز الوصول غير صالح أو ملغى أو منتهي الصلاحية.", "The API token is invalid, revoked or expired."},
    {"auth.token_scope", "رمز الوصول لا يسمح بالكتابة.", "The API token does not allow writing."},
    {"auth.csrf", "رمز الحماية من تزوير الطلبات (X-CSRF-Token) مفقود أو غير صحيح.",
     "The X-CSRF-Token header is missing or wrong."},
    {"auth.weak_password", "كلمة المرور يجب أن تتكون من 10 إلى 256 حرفًا.", "The password must be 10 to 256 characters long."},
    {"auth.common_password", "كلمة المرور هذه من أكثر كلمات المرور شيوعًا ويسهل تخمينها؛ اختر غيرها.",
     "This password is one of the most commonly used and easy to guess; choose another."},
    {"auth.password_contains_login", "كلمة المرور يجب ألا تتضمن اسم الدخول.", "The password must not contain the login."},
    {"auth.password_unchanged", "كلمة المرور الجديدة يجب أن تختلف عن الحالية.",
     "The new password must differ from the current one."},
    {"auth.password_change_required", "يجب تغيير كلمة المرور المؤقتة قبل المتابعة.",
     "You must change your temporary password before going on."},
    {"auth.account_not_found", "لا يوجد حساب باسم الدخول «{0}».", "There is no account with the login \"{0}\"."},
    {"auth.wrong_password", "كلمة المرور الحالية غير صحيحة.", "The current password is wrong."},
    {"auth.bad_login", "اسم الدخول يجب أن يبدأ بحرف لاتيني صغير ويتكون من 3 إلى 64 حرفًا أو رقمًا أو . _ -",
     "The login must start with a lower-case letter and have 3 to 64 letters, digits, '.', '_' or '-'."},
    {"auth.login_taken", "اسم الدخول «{0}» مستخدم.", "The login \"{0}\" is taken."},
    {"auth.bad_scope", "النطاق «{0}» غير معروف؛ النطاقات: read وwrite.", "Unknown scope \"{0}\"; use read and/or write."},
    {"auth.token_not_found", "رمز الوصول رقم {0, digits} غير موجود.", "API token {0} does not exist."},
    {"auth.bad_expiry", "تاريخ الانتهاء يجب أن يكون بصيغة ISO 8601 وفي المستقبل.",
     "The expiry must be an ISO 8601 time in the future."},
};

Json MemberOfCaller(const Caller& caller) {
  Json memberships = Json::array();
  for (const auto& [entity, roles] : caller.roles) {
    for (Role r : roles) memberships.push_back({{"entity_id", entity}, {"role", RoleName(r)}});
  }
  Json permissions = Json::object();
  for (const Grant& g : GrantsOf(caller)) permissions[g.permission] = g.everywhere ? Json(true) : Json(g.entity_ids);
  return {{"account_id", caller.account_id}, {"login", caller.login}, {"network_admin", caller.network_admin},
          {"roles", memberships}, {"must_change_password", caller.must_change_password},
          {"permissions", permissions}};
}

Json TokenJson(const ApiTokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"scopes", t.scopes},
          {"created_at", t.created_at},
          {"expires_at", t.expires_at ? Json(*t.expires_at) : Json(nullptr)},
          {"revoked_at", t.revoked_at ? Json(*t.revoked_at) : Json(nullptr)}};
}

Response SignedOut(const module::SessionCookie& cookie) {
  Response res = Response::NoContent();
  res.SetHeader("Set-Cookie", cookie.SetCookie(""));
  return res;
}

}  // namespace

void Register(module::ModuleRegistry& reg) {
  reg.BeginModule("accounts");
  // One's own account: tokens and password are always the caller's own.
  reg.AddPermissions({{"accounts.self.write", {}, true, true, "Change one's own password, tokens and invitations"}});
  reg.AddMigrations(AuthService::Migrations());
  reg.AddMessages(kMessages);
  AuthService* svc = &reg.services().auth;
  const module::SessionCookie* cookie = &reg.session_cookie();

  reg.AddSchema("Me", {{"type", "object"},
                       {"properties",
                        {{"account_id", {{"type", "integer"}}}, {"login", {{"type", "string"}}},
                         {"network_admin", {{"type", "boolean"}}},
                         {"roles",
                          {{"type", "array"},
                           {"items",
                            {{"type", "object"},
                             {"properties", {{"entity_id", {{"type", "integer"}}}, {"role", {{"type", "string"}}}}}}}}},
                         {"must_change_password", {{"type", "boolean"}}}, {"csrf_token", {{"type", "string"}}},
                         {"permissions",
                          {{"type", "object"},
                           {"description",
                            "Each permission the caller holds: true where it holds everywhere, else the entities "
                            "(with their sub-entities) it holds in. For showing what can be used; every request is "
                            "still decided by the server. docs/permissions.md lists them."},
                           {"additionalProperties",
                            {{"oneOf", Json::array({{{"type", "boolean"}, {"enum", {true}}},
                                                    {{"type", "array"}, {"items", {{"type", "integer"}}}}})}}}}},
                         {"expires_at", {{"type", "string"}, {"description", "The session's end (sign-in only)"}}}}}});
  reg.AddSchema("Login", {{"type", "object"},
                          {"required", {"login", "password"}},
                          {"additionalProperties", false},
                          {"properties", {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}});
  reg.AddSchema("PasswordChange", {{"type", "object"},
                                   {"required", {"current_password", "new_password"}},
                                   {"additionalProperties", false},
                                   {"properties",
                                    {{"current_password", {{"type", "string"}}}, {"new_password", {{"type", "string"}}}}}});
  reg.AddSchema("ApiToken", {{"type", "object"},
                             {"properties",
                              {{"id", {{"type", "integer"}}}, {"name", {{"type", "string"}}},
                               {"scopes", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                               {"token", {{"type", "string"}, {"description", "the secret, in the creating answer only"}}},
                               {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                               {"expires_at", {{"type", {"string", "null"}}}},
                               {"revoked_at", {{"type", {"string", "null"}}}}}}});
  reg.AddSchema("ApiTokenCreate", {{"type", "object"},
                                   {"required", {"name", "scopes"}},
                                   {"additionalProperties", false},
                                   {"properties",
                                    {{"name", {{"type", "string"}}},
                                     {"scopes", {{"type", "array"}, {"items", {{"enum", {"read", "write"}}}}}},
                                     {"expires_at", {{"type", "string"}}}}}});

  http::Route login = module::MakeRoute("POST", "/api/v1/sessions", {"Sign in (sets the session cookie)", {}, {}, "Login", "Me", 201, false, {401, 429}});
  login.handler = [svc, cookie](Request& req) {
    auto body = module::JsonBody(req);
    if (!body) return Response::Problem(body.error(), req);
    core::JsonReader in(*body);
    auto user = in.String("login", true, 64);
    auto password = in.String("password", true, 256, false);
    if (auto st = in.Finish(); !st) return Response::Problem(st.error(), req);
    auto grant = svc->Login(*user, *password, req.remote_ip);
    if (!grant) {
      Response refused = Response::Problem(grant.error(), req);
      if (grant.error().code == core::ErrorCode::kRateLimited) refused.SetHeader("Retry-After", "60");
      return refused;
    }
    auto caller = svc->Authenticate(grant->token, "");
    if (!caller) return Response::Problem(caller.error(), req);
    Json out = MemberOfCaller(*caller);
    out["csrf_token"] = grant->csrf_token;
    out["expires_at"] = grant->expires_at;
    Response res = Response::Json(201, out);
    res.SetHeader("Set-Cookie", cookie->SetCookie(grant->token));
    res.SetHeader("Cache-Control", "no-store");
    return res;
  };
  reg.AddPublicRoute(std::move(login));

  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/sessions/current", {"Sign out", {}, {}, "", "", 204}),
               [svc, cookie](Request& req, const Caller& caller) {
                 auto st = svc->Logout(caller);
                 if (!st) return Response::Problem(st.error(), req);
                 return SignedOut(*cookie);
               },
               module::PasswordChangeGate::kAllowed);
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/sessions",
                                 {"Sign out everywhere: end every session and revoke every API token of the account", {}, {}, "", "", 204}),
               [svc, cookie](Request& req, const Caller& caller) {
                 auto st = svc->LogoutEverywhere(caller);
                 if (!st) return Response::Problem(st.error(), req);
                 return SignedOut(*cookie);
               },
               module::PasswordChangeGate::kAllowed);
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/me", {"The signed-in account and its roles", {}, {}, "", "Me"}),
               [](Request&, const Caller& caller) {
                 Json out = MemberOfCaller(caller);
                 if (caller.credential == Credential::kSession) out["csrf_token"] = caller.csrf_token;
                 Response res = Response::Json(200, out);
                 res.SetHeader("Cache-Control", "no-store");
                 return res;
               },
               module::PasswordChangeGate::kAllowed);
  reg.AddRoute(module::MakeRoute("PUT", "/api/v1/me/password", {"Change the password", {}, {}, "PasswordChange", "", 204}),
               [svc](Request& req, const Caller& caller) {
                 if (auto st = Authorize(caller, "accounts.self.write", std::nullopt); !st) return Response::Problem(st.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 core::JsonReader in(*body);
                 auto current = in.String("current_password", true, 256, false);
                 auto replacement = in.String("new_password", true, 1024, false);
                 if (auto st = in.Finish(); !st) return Response::Problem(st.error(), req);
                 return module::ReplyEmpty(req, svc->ChangePassword(caller, *current, *replacement));
               },
               module::PasswordChangeGate::kAllowed);
  reg.AddRoute(module::MakeRoute("GET", "/api/v1/tokens", {"List the caller's API tokens", {}, {}, "", "Page:ApiToken"}),
               [svc](Request& req, const Caller& caller) {
                 auto tokens = svc->ListApiTokens(caller.account_id);
                 if (!tokens) return Response::Problem(tokens.error(), req);
                 Json items = Json::array();
                 for (const auto& t : *tokens) items.push_back(TokenJson(t));
                 return Response::Json(200, Json{{"items", items}, {"next_cursor", nullptr}});
               });
  reg.AddRoute(module::MakeRoute("POST", "/api/v1/tokens", {"Create an API token (the secret is shown once)", {}, {}, "ApiTokenCreate", "ApiToken", 201}),
               [svc](Request& req, const Caller& caller) {
                 if (auto st = Authorize(caller, "accounts.self.write", std::nullopt); !st) return Response::Problem(st.error(), req);
                 auto body = module::JsonBody(req);
                 if (!body) return Response::Problem(body.error(), req);
                 core::JsonReader in(*body);
                 auto name = in.String("name", true, 200);
                 const Json* scopes_json = in.Raw("scopes");
                 auto expires = in.String("expires_at", false, 40);
                 if (auto st = in.Finish(); !st) return Response::Problem(st.error(), req);
                 std::vector<std::string> scopes;
                 if (scopes_json == nullptr || !scopes_json->is_array()) {
                   return Response::Problem(core::Error::InvalidInput("common.field_required", "scopes", {"scopes"}), req);
                 }
                 for (const auto& s : *scopes_json) {
                   if (!s.is_string()) {
                     return Response::Problem(core::Error::InvalidInput("common.expected_string", "scopes", {"scopes"}), req);
                   }
                   scopes.push_back(s.get<std::string>());
                 }
                 // A token never carries more than the session that creates it.
                 if (caller.credential == Credential::kApiToken) {
                   for (const auto& s : scopes) {
                     if (!caller.scopes.count(s)) return Response::Problem(core::Error::Forbidden("auth.token_scope"), req);
                   }
                 }
                 if (expires) {
                   int64_t at = 0;
                   if (!core::ParseIsoUtc(*expires, &at) || at <= svc->NowMicros()) {
                     return Response::Problem(core::Error::InvalidInput("auth.bad_expiry", "expires_at"), req);
                   }
                   expires = core::FormatIsoUtc(at);
                 }
                 auto created = svc->CreateApiToken(caller.account_id, caller.login, *name, scopes, expires);
                 if (!created) return Response::Problem(created.error(), req);
                 Json out = TokenJson(created->first);
                 out["token"] = created->second;
                 Response res = Response::Json(201, out);
                 res.SetHeader("Cache-Control", "no-store");
                 return res;
               });
  reg.AddRoute(module::MakeRoute("DELETE", "/api/v1/tokens/{id}", {"Revoke an API token", {"id"}, {}, "", "", 204}),
               [svc](Request& req, const Caller& caller) {
                 auto id = module::PathId(req);
                 if (!id) return Response::Problem(id.error(), req);
                 return module::ReplyEmpty(req, svc->RevokeApiToken(caller, *id));
               });
}

}  // namespace sawt::auth
