#include "http/messages.hpp"


namespace sawt::http {
namespace {

// The messages every layer may use: JSON reading (core/json.cpp), the error factories
// (core/error.hpp), the HTTP edge itself (routing, limits, encoding) and problem titles.
std::vector<Message> CommonMessages() {
  return {
      {"store.unique_violation", "القيمة مستخدمة في سجل آخر.", "The value is already used by another record."},
      {"store.foreign_key_violation", "لا يمكن الحفظ: التغيير يخالف ارتباط السجل بسجلات أخرى (سجل مرتبط غير موجود أو ما زال مستخدمًا).",
       "Cannot save: the change breaks a link between records (a linked record is missing or still in use)."},
      {"common.malformed_json", "نص الطلب ليس بصيغة JSON صحيحة.", "The request body is not valid JSON."},
      {"common.json_too_deep", "نص الطلب متداخل بعمق يتجاوز {0} مستوى.",
       "The request body is nested deeper than {0} levels."},
      {"common.expected_object", "يجب أن يكون نص الطلب كائن JSON.", "The request body must be a JSON object."},
      {"common.field_required", "الحقل «{0}» مطلوب.", "The field \"{0}\" is required."},
      {"common.expected_string", "يجب أن تكون قيمة الحقل «{0}» نصًا.", "The field \"{0}\" must be a string."},
      {"common.expected_integer", "يجب أن تكون قيمة الحقل «{0}» عددًا صحيحًا.",
       "The field \"{0}\" must be an integer."},
      {"common.integer_out_of_range", "قيمة الحقل «{0}» خارج مدى الأعداد الصحيحة المقبول (حتى 9223372036854775807).",
       "The field \"{0}\" is outside the accepted integer range (up to 9223372036854775807)."},
      {"common.expected_boolean", "يجب أن تكون قيمة الحقل «{0}» صوابًا أو خطأً (true أو false).",
       "The field \"{0}\" must be true or false."},
      {"common.field_too_long", "قيمة الحقل «{0}» أطول من الحد المسموح به ({1} بايت).",
       "The field \"{0}\" is longer than the allowed {1} bytes."},
      {"common.field_empty", "لا يجوز أن يكون الحقل «{0}» فارغًا.", "The field \"{0}\" must not be empty."},
      {"common.unknown_field", "الحقل «{0}» غير معروف.", "The field \"{0}\" is not recognised."},
      {"common.precondition_failed",
       "تغيّر المورد منذ أن قرأته آخر مرة؛ يُرجى تحميله من جديد ثم إعادة المحاولة.",
       "The resource has changed since you last read it; reload it and try again."},
      {"common.too_large", "حجم الطلب أكبر من الحد المسموح به.", "The request is larger than the allowed limit."},
      {"common.rate_limited", "تجاوزت عدد الطلبات المسموح به؛ يُرجى المحاولة بعد قليل.",
       "Too many requests; please try again shortly."},
      {"common.unavailable", "الخدمة غير متاحة مؤقتًا؛ يُرجى المحاولة لاحقًا.",
       "The service is temporarily unavailable; please try again later."},
      {"common.internal", "حدث خطأ داخلي في الخادم. تم تسجيله وسنعمل على معالجته.",
       "An internal server error occurred. It has been logged and will be looked into."},
      {"common.not_found", "لم يُعثر على المورد المطلوب.", "The requested resource was not found."},
      {"common.method_not_allowed", "الطريقة {0} غير مسموح بها لهذا المورد.",
       "The method {0} is not allowed for this resource."},
      {"common.invalid_utf8", "يحتوي الطلب على نص غير صالح بترميز UTF-8.",
       "The request contains text that is not valid UTF-8."},
      {"common.invalid_characters",
       "يحتوي الحقل «{0}» على محرف غير مسموح به ({1}): محارف التحكم والمحارف غير المعرّفة واتجاه الكتابة غير المغلق (RLO/LRI دون PDF/PDI).",
       "The field \"{0}\" contains a character that is not allowed ({1}): control characters, noncharacters and "
       "bidirectional formatting left open (RLO/LRI without PDF/PDI)."},
      {"common.unsupported_media_type", "نوع المحتوى غير مدعوم؛ يُرجى إرسال application/json.",
       "Unsupported content type; please send application/json."},
      {"common.timeout", "انتهت مهلة الطلب قبل اكتماله.", "The request timed out before it was complete."},
      {"common.bad_request", "الطلب غير صالح.", "The request is malformed."},
      {"common.bad_path", "مسار الطلب غير صالح.", "The request path is not valid."},
      {"common.bad_http_url", "العنوان يجب أن يكون http://المضيف[:المنفذ]/المسار؛ لعناوين https استخدم وكيلًا ينهي TLS.",
       "The URL must be http://host[:port]/path; for https use a TLS-terminating proxy."},
      {"common.address_refused", "العنوان الذي يُشير إليه الاسم محظور بسياسة العناوين (عنوان داخلي أو محلي).",
       "The address the name resolves to is refused by the address policy (an internal or local address)."},
      {"common.bad_cidr", "«{0}» ليس عنوان IP أو نطاق CIDR صالحًا (مثل 127.0.0.1 أو 10.0.0.0/8 أو fd00::/8؛ بتات العنوان بعد طول البادئة أصفار).",
       "\"{0}\" is not a valid IP address or CIDR block (such as 127.0.0.1, 10.0.0.0/8 or fd00::/8; the address bits past "
       "the prefix must be zero)."},
      {"common.headers_too_large", "ترويسات الطلب أكبر من الحد المسموح به.",
       "The request headers are larger than the allowed limit."},
      {"auth.unauthenticated", "يجب تسجيل الدخول للوصول إلى هذا المورد.",
       "You must sign in to access this resource."},
      {"auth.forbidden", "ليست لديك صلاحية لتنفيذ هذا الإجراء.",
       "You do not have permission to perform this action."},
      // Problem titles, one per problem type (see problem.cpp).
      {"problem.invalid_input", "مدخلات غير صالحة", "Invalid input"},
      {"problem.unauthenticated", "غير مُصادَق عليه", "Unauthenticated"},
      {"problem.forbidden", "ممنوع", "Forbidden"},
      {"problem.not_found", "غير موجود", "Not found"},
      {"problem.conflict", "تعارض", "Conflict"},
      {"problem.precondition_failed", "فشل الشرط المسبق", "Precondition failed"},
      {"problem.unprocessable", "لا يمكن قبول المحتوى", "Unprocessable content"},
      {"problem.too_large", "الطلب كبير جدًا", "Request too large"},
      {"problem.rate_limited", "طلبات كثيرة جدًا", "Too many requests"},
      {"problem.unavailable", "الخدمة غير متاحة", "Service unavailable"},
      {"problem.internal", "خطأ داخلي", "Internal error"},
      {"problem.method_not_allowed", "طريقة غير مسموح بها", "Method not allowed"},
      {"problem.timeout", "انتهت مهلة الطلب", "Request timeout"},
      {"problem.unsupported_media_type", "نوع محتوى غير مدعوم", "Unsupported media type"},
      {"problem.headers_too_large", "ترويسات الطلب كبيرة جدًا", "Request header fields too large"},
      {"problem.bad_request", "طلب غير صالح", "Bad request"},
  };
}

// Replaces {N} slots with args[N]; unknown slots are left as written.
std::string Fill(std::string_view text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t j = i + 1;
      size_t n = 0;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - i <= 3) {
        n = n * 10 + static_cast<size_t>(text[j] - '0');
        ++j;
      }
      if (j > i + 1 && j < text.size() && text[j] == '}' && n < args.size()) {
        out += args[n];
        i = j;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

MessageCatalog::MessageCatalog() {
  for (auto& m : CommonMessages()) by_key_[m.key] = std::move(m);
}

void MessageCatalog::Add(const std::vector<Message>& messages) {
  for (const auto& m : messages) by_key_[m.key] = m;
}

std::string MessageCatalog::Translate(std::string_view key, std::string_view lang,
                                      const std::vector<std::string>& args) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::string(key);
  const std::string& text = lang == "en" ? it->second.en : it->second.ar;
  return Fill(text, args);
}

std::vector<Message> MessageCatalog::All() const {
  std::vector<Message> out;
  out.reserve(by_key_.size());
  for (const auto& [key, m] : by_key_) out.push_back(m);
  return out;
}

const MessageCatalog& MessageCatalog::Common() {
  // Never destroyed: usable from static destructors and detached threads.
  static const MessageCatalog* common = new MessageCatalog();
  return *common;
}

}  // namespace sawt::http
