// libFuzzer target: the JSON request layer every write route goes through (media type check,
// parsing with its depth limit, NFC composition of every string, strict field reading, the problem
// answer for a refusal, and serialising the value back) must accept any bytes without crashing,
// hanging or exhausting the stack.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "http/router.hpp"
#include "module/respond.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sawt::http::Request req;
  req.method = "POST";
  req.path = "/api/v1/fuzz";
  req.headers = {{"Content-Type", "application/json"}, {"Accept-Language", "en"}};
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = sawt::module::JsonBody(req);
  if (!body) {
    (void)sawt::http::Response::Problem(body.error(), req);
    return 0;
  }
  // A refused body never reaches a service; an accepted one is never deeper than the limit.
  sawt::core::JsonReader in(*body);
  (void)in.String("name_ar", false, 300);
  (void)in.Int("entity_id", false);
  (void)in.Bool("active", false);
  if (const sawt::core::Json* nested = in.Raw("items"); nested != nullptr && nested->is_object()) {
    sawt::core::JsonReader inner(*nested, "items.");
    (void)inner.String("text", false);
    (void)inner.Finish();
  }
  (void)in.Finish();
  const std::string text = sawt::core::DumpJson(*body);
  if (!sawt::core::ParseJsonObject(text)) __builtin_trap();  // what we accepted serialises back to JSON
  return 0;
}
