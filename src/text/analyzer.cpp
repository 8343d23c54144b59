#include "text/analyzer.hpp"

namespace sawt::text {
namespace {

class VectorSink final : public TermSink {
 public:
  explicit VectorSink(std::vector<IndexTerm>* out) : out_(out) {}
  void OnTerm(std::string_view term, const Token& token, std::size_t position) override {
    out_->push_back(IndexTerm{std::string(term), token.type, token.offset, token.length, position});
  }

 private:
  std::vector<IndexTerm>* out_;
};

class StringSink final : public TermSink {
 public:
  // `fingerprint`: leave out URLs, mentions and alternative terms.
  StringSink(std::vector<std::string>* out, bool fingerprint) : out_(out), fingerprint_(fingerprint) {}
  void OnTerm(std::string_view term, const Token& token, std::size_t position) override {
    if (fingerprint_) {
      const bool alternative = any_ && position == last_position_;
      any_ = true;
      last_position_ = position;
      if (alternative || token.type == TokenType::kUrl || token.type == TokenType::kMention) return;
    }
    out_->emplace_back(term);
  }

 private:
  std::vector<std::string>* out_;
  bool fingerprint_;
  bool any_ = false;
  std::size_t last_position_ = 0;
};

}  // namespace

void NormalizeTokenInto(const Token& token, std::string* out) {
  if (token.type != TokenType::kEmoji) {
    NormalizeInto(token.text, out);
    return;
  }
  out->clear();
  const std::string_view t = token.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    // U+FE0E and U+FE0F are EF B8 8E and EF B8 8F.
    if (i + 2 < t.size() && t[i] == '\xEF' && t[i + 1] == '\xB8' &&
        (t[i + 2] == '\x8E' || t[i + 2] == '\x8F')) {
      i += 2;
      continue;
    }
    out->push_back(t[i]);
  }
}

Analyzer::Analyzer(AnalyzerOptions options) : options_(options) {}

bool Analyzer::TermView(const Token& token, std::string* scratch, std::string* buffer,
                        std::string_view* term, std::string_view* alternative) const {
  if (alternative != nullptr) *alternative = {};
  std::size_t letters = 0;
  std::string_view normalized;
  if (token.type != TokenType::kEmoji && detail::IsNormalizedFast(token.text, &letters)) {
    normalized = token.text;  // most words need no change: skip the copy
  } else {
    if (token.type == TokenType::kEmoji ||
        !detail::NormalizeFastPath(token.text, scratch, &letters)) {
      NormalizeTokenInto(token, scratch);
      letters = CountCodePoints(*scratch);
    }
    normalized = *scratch;
  }
  if (normalized.empty()) return false;
  *term = normalized;
  if (token.type != TokenType::kWord) return true;
  if (options_.remove_stop_words && IsStopWord(normalized)) return false;
  if (token.script == Script::kArabic) {
    switch (options_.arabic_stemming) {
      case ArabicStemming::kLight:
        if (alternative != nullptr && options_.waw_alternatives) {
          *term = detail::ArabicLightStem(normalized, letters, alternative);
          if (*alternative == *term) *alternative = {};
        } else {
          *term = detail::ArabicLightStem(normalized, letters);
        }
        return true;
      case ArabicStemming::kSnowball:
        // Snowball's Arabic stemmer normalizes by itself and needs the teh marbuta that our
        // normalization turns into heh.
        SnowballArabicStemInto(token.text, buffer);
        *term = *buffer;
        return !buffer->empty();
      case ArabicStemming::kNone:
        return true;
    }
  } else if (token.script == Script::kLatin && options_.stem_english) {
    EnglishStemInto(normalized, buffer);
    *term = *buffer;
    return !buffer->empty();
  }
  return true;
}

bool Analyzer::TermOf(const Token& token, std::string* scratch, std::string* term) const {
  std::string buffer;
  std::string_view view;
  if (!TermView(token, scratch, &buffer, &view)) return false;
  term->assign(view);
  return true;
}

bool Analyzer::TermOf(const Token& token, std::string* scratch, std::string* term,
                      std::string* alternative) const {
  std::string buffer;
  std::string_view view;
  std::string_view alternative_view;
  if (!TermView(token, scratch, &buffer, &view, &alternative_view)) {
    alternative->clear();
    return false;
  }
  term->assign(view);
  alternative->assign(alternative_view);
  return true;
}

void Analyzer::Analyze(std::string_view text, TermSink& sink) const {
  std::string scratch;
  std::string buffer;
  std::string_view term;
  std::string_view alternative;
  std::string_view* const want_alternative =
      options_.waw_alternatives && options_.arabic_stemming == ArabicStemming::kLight ? &alternative
                                                                                       : nullptr;
  Tokenizer tokenizer(text);
  Token token;
  std::size_t position = 0;
  while (tokenizer.Next(&token)) {
    if (TermView(token, &scratch, &buffer, &term, want_alternative)) {
      sink.OnTerm(term, token, position);
      if (!alternative.empty()) sink.OnTerm(alternative, token, position);
    }
    ++position;
  }
}

std::vector<IndexTerm> Analyzer::IndexTerms(std::string_view text) const {
  std::vector<IndexTerm> out;
  VectorSink sink(&out);
  Analyze(text, sink);
  return out;
}

std::vector<std::string> Analyzer::Terms(std::string_view text) const {
  std::vector<std::string> out;
  StringSink sink(&out, /*fingerprint=*/false);
  Analyze(text, sink);
  return out;
}

std::uint64_t Analyzer::Fingerprint(std::string_view text) const {
  std::vector<std::string> terms;
  StringSink sink(&terms, /*fingerprint=*/true);
  Analyze(text, sink);
  return SimHash64(terms);
}

}  // namespace sawt::text
