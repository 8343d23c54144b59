#include "text/tokenize.hpp"

#include "text/unicode.hpp"

namespace sawt::text {
namespace {

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsEmailLocalChar(unsigned char b) {
  return IsAsciiLetter(b) || IsAsciiDigit(b) || b == '.' || b == '_' || b == '%' || b == '+' ||
         b == '-';
}

bool IsDomainChar(unsigned char b) { return IsAsciiLetter(b) || IsAsciiDigit(b) || b == '-'; }

bool IsNumberSeparator(char32_t c) {
  return c == '.' || c == ',' || c == 0x066B || c == 0x066C;
}

// Characters that end a URL in running text: whitespace and the quotes and punctuation that
// surround links in Arabic and English prose.
bool EndsUrl(char32_t c, CharClass k) {
  if (c == kInvalidCodePoint || c < 0x20 || c == 0x7F || k == CharClass::kSpace) return true;
  switch (c) {
    case '<': case '>': case '"': case '`': case 0x00AB: case 0x00BB: case 0x060C:
    case 0x061B: case 0x061F: case 0x201C: case 0x201D:
      return true;
    default:
      return false;
  }
}

bool IsTrailingUrlPunct(unsigned char b) {
  switch (b) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '\'': case '*':
    case ')': case ']': case '}':
      return true;
    default:
      return false;
  }
}

bool StartsWithNoCase(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

Script MergeScript(Script acc, CharClass k) {
  Script s = Script::kOther;
  if (k == CharClass::kArabicLetter) s = Script::kArabic;
  if (k == CharClass::kLatinLetter) s = Script::kLatin;
  if (acc == Script::kCommon || acc == s) return s;
  return Script::kMixed;
}

}  // namespace

std::string_view TokenTypeName(TokenType type) {
  switch (type) {
    case TokenType::kWord: return "word";
    case TokenType::kNumber: return "number";
    case TokenType::kHashtag: return "hashtag";
    case TokenType::kMention: return "mention";
    case TokenType::kUrl: return "url";
    case TokenType::kEmail: return "email";
    case TokenType::kEmoji: return "emoji";
  }
  return "word";
}

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kCommon: return "common";
    case Script::kArabic: return "arabic";
    case Script::kLatin: return "latin";
    case Script::kOther: return "other";
    case Script::kMixed: return "mixed";
  }
  return "common";
}

bool Tokenizer::Next(Token* token) {
  const std::size_t size = text_.size();
  const CharClass* table = ClassTable();
  while (pos_ < size) {
    const std::size_t start = pos_;
    // Spaces between words are the most common separator: skip them without decoding.
    if (text_[start] == ' ') {
      ++pos_;
      continue;
    }
    int len = 0;
    const char32_t c = DecodeUtf8(text_, start, &len);
    if (c == kInvalidCodePoint) {
      ++pos_;
      continue;
    }
    const CharClass k = ClassIn(table, c);
    switch (k) {
      case CharClass::kArabicLetter:
      case CharClass::kLatinLetter:
      case CharClass::kOtherLetter: {
        if (c < 0x80) {
          if (TryUrl(start, token) || TryEmail(start, token)) return true;
        }
        Script script = Script::kCommon;
        pos_ = ScanWord(start, &script);
        *token = Token{text_.substr(start, pos_ - start), TokenType::kWord, script, start,
                       pos_ - start};
        return true;
      }
      case CharClass::kDigit: {
        if (c < 0x80) {
          if (TryEmoji(start, token) || TryEmail(start, token)) return true;
        }
        bool became_word = false;
        pos_ = ScanNumber(start, &became_word);
        *token = Token{text_.substr(start, pos_ - start),
                       became_word ? TokenType::kWord : TokenType::kNumber,
                       became_word ? Script::kLatin : Script::kCommon, start, pos_ - start};
        return true;
      }
      case CharClass::kEmoji:
      case CharClass::kEmojiText:
      case CharClass::kEmojiModifier:
      case CharClass::kRegionalIndicator:
        if (TryEmoji(start, token)) return true;
        pos_ = SkipExtend(start + static_cast<std::size_t>(len));
        break;
      default:
        if (c == '#' || c == '*') {
          if (TryEmoji(start, token)) return true;
        }
        if (c == '#' || c == 0xFF03 || c == '@' || c == 0xFF20) {
          if (TryHashtagOrMention(start, c, len, token)) return true;
        }
        pos_ = SkipExtend(start + static_cast<std::size_t>(len));
        break;
    }
  }
  return false;
}

std::size_t Tokenizer::SkipExtend(std::size_t pos) const {
  while (pos < text_.size()) {
    if (static_cast<unsigned char>(text_[pos]) < 0x80) break;  // no ASCII extends
    int len = 0;
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (c == kInvalidCodePoint || !IsExtendClass(ClassOf(c))) break;
    pos += static_cast<std::size_t>(len);
  }
  return pos;
}

std::size_t Tokenizer::ScanWord(std::size_t start, Script* script) const {
  const std::size_t size = text_.size();
  const CharClass* table = ClassTable();
  int len = 0;
  const CharClass first = ClassIn(table, DecodeUtf8(text_, start, &len));
  const bool arabic = first == CharClass::kArabicLetter;
  Script acc = MergeScript(Script::kCommon, first);
  std::size_t pos = start + static_cast<std::size_t>(len);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
  while (pos < size) {
    if (arabic && pos + 1 < size && static_cast<unsigned>(bytes[pos]) - 0xD8u <= 3u &&
        (bytes[pos + 1] & 0xC0) == 0x80) {
      // The Arabic block U+0600..U+06FF is two bytes with lead D8..DB: the hot path.
      const char32_t c = (char32_t{bytes[pos] & 0x1Fu} << 6) | (bytes[pos + 1] & 0x3Fu);
      const CharClass k = table[c];
      if (k == CharClass::kArabicLetter || IsExtendClass(k)) {
        pos += 2;
        continue;
      }
      break;
    }
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (c == kInvalidCodePoint) break;
    const CharClass k = ClassIn(table, c);
    if (IsLetterClass(k)) {
      if ((k == CharClass::kArabicLetter) != arabic) break;
      if (!arabic) acc = MergeScript(acc, k);
      pos += static_cast<std::size_t>(len);
      continue;
    }
    if (IsExtendClass(k)) {
      pos += static_cast<std::size_t>(len);
      continue;
    }
    if (!arabic && IsAsciiDigit(c)) {
      pos += static_cast<std::size_t>(len);
      continue;
    }
    if (!arabic && (c == '\'' || c == 0x2019)) {
      // An inner apostrophe keeps "don't" and "l'aube" whole, as UAX #29 does.
      const std::size_t next = pos + static_cast<std::size_t>(len);
      if (next < size) {
        int next_len = 0;
        const char32_t n = DecodeUtf8(text_, next, &next_len);
        const CharClass nk = ClassOf(n);
        if (n != kInvalidCodePoint && IsLetterClass(nk) && nk != CharClass::kArabicLetter) {
          pos = next;
          continue;
        }
      }
    }
    break;
  }
  *script = acc;
  return pos;
}

std::size_t Tokenizer::ScanNumber(std::size_t start, bool* became_word) const {
  const std::size_t size = text_.size();
  std::size_t pos = start;
  bool separators = false;
  bool all_ascii = true;
  while (pos < size) {
    int len = 0;
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (c == kInvalidCodePoint) break;
    const CharClass k = ClassOf(c);
    if (k == CharClass::kDigit) {
      all_ascii = all_ascii && c < 0x80;
      pos += static_cast<std::size_t>(len);
      continue;
    }
    if (IsExtendClass(k) && k != CharClass::kJoiner) {
      pos += static_cast<std::size_t>(len);
      continue;
    }
    if (IsNumberSeparator(c)) {
      const std::size_t next = pos + static_cast<std::size_t>(len);
      if (next < size) {
        int next_len = 0;
        const char32_t n = DecodeUtf8(text_, next, &next_len);
        if (n != kInvalidCodePoint && ClassOf(n) == CharClass::kDigit) {
          separators = true;
          pos = next;
          continue;
        }
      }
    }
    break;
  }
  *became_word = false;
  if (!separators && all_ascii && pos < size) {
    int len = 0;
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (c != kInvalidCodePoint && ClassOf(c) == CharClass::kLatinLetter) {
      // "3rd", "4G", "100km": one alphanumeric word, as UAX #29 keeps them.
      Script ignored = Script::kCommon;
      *became_word = true;
      return ScanWord(pos, &ignored);
    }
  }
  return pos;
}

bool Tokenizer::PrecededByWordChar(std::size_t pos) const {
  if (pos == 0) return false;
  std::size_t lead = pos - 1;
  while (lead > 0 && pos - lead < 4 && (static_cast<unsigned char>(text_[lead]) & 0xC0) == 0x80) {
    --lead;
  }
  int len = 0;
  const char32_t c = DecodeUtf8(text_, lead, &len);
  if (c == kInvalidCodePoint || lead + static_cast<std::size_t>(len) != pos) return false;
  const CharClass k = ClassOf(c);
  return IsLetterClass(k) || k == CharClass::kDigit || IsExtendClass(k) || c == '_';
}

bool Tokenizer::TryUrl(std::size_t start, Token* token) {
  std::size_t prefix = 0;
  if (StartsWithNoCase(text_, start, "https://")) {
    prefix = 8;
  } else if (StartsWithNoCase(text_, start, "http://")) {
    prefix = 7;
  } else if (StartsWithNoCase(text_, start, "www.")) {
    prefix = 4;
  } else {
    return false;
  }
  if (PrecededByWordChar(start)) return false;
  const std::size_t size = text_.size();
  std::size_t pos = start + prefix;
  int open_parens = 0;
  while (pos < size) {
    int len = 0;
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (EndsUrl(c, c == kInvalidCodePoint ? CharClass::kOther : ClassOf(c))) break;
    if (c == '(') ++open_parens;
    if (c == ')') --open_parens;
    pos += static_cast<std::size_t>(len);
  }
  while (pos > start + prefix) {
    const auto b = static_cast<unsigned char>(text_[pos - 1]);
    if (!IsTrailingUrlPunct(b)) break;
    if (b == ')' && open_parens >= 0) break;  // "(see wiki/Foo_(bar))" keeps its own ')'
    if (b == ')') ++open_parens;
    --pos;
  }
  if (pos <= start + prefix) return false;
  pos_ = pos;
  *token = Token{text_.substr(start, pos - start), TokenType::kUrl, Script::kCommon, start,
                 pos - start};
  return true;
}

bool Tokenizer::TryEmail(std::size_t start, Token* token) {
  if (start < email_fail_until_) return false;
  const std::size_t size = text_.size();
  std::size_t at = start;
  while (at < size && IsEmailLocalChar(static_cast<unsigned char>(text_[at]))) ++at;
  if (at == start || at >= size || text_[at] != '@' || text_[at - 1] == '.') {
    email_fail_until_ = at;
    return false;
  }
  // Domain: labels of [A-Za-z0-9-] joined by single dots; at least two labels; the last is
  // at least two letters.
  std::size_t pos = at + 1;
  std::size_t end = 0;
  int labels = 0;
  while (pos < size) {
    const std::size_t label_start = pos;
    while (pos < size && IsDomainChar(static_cast<unsigned char>(text_[pos]))) ++pos;
    if (pos == label_start) break;
    ++labels;
    bool tld_ok = pos - label_start >= 2;
    for (std::size_t i = label_start; i < pos && tld_ok; ++i) {
      tld_ok = IsAsciiLetter(static_cast<unsigned char>(text_[i]));
    }
    if (labels >= 2 && tld_ok) end = pos;
    if (pos + 1 < size && text_[pos] == '.' &&
        IsDomainChar(static_cast<unsigned char>(text_[pos + 1]))) {
      ++pos;
      continue;
    }
    break;
  }
  if (end == 0) {
    email_fail_until_ = at;
    return false;
  }
  pos_ = end;
  *token = Token{text_.substr(start, end - start), TokenType::kEmail, Script::kCommon, start,
                 end - start};
  return true;
}

bool Tokenizer::TryHashtagOrMention(std::size_t start, char32_t sigil, int sigil_len,
                                    Token* token) {
  if (PrecededByWordChar(start)) return false;
  const bool hashtag = sigil == '#' || sigil == 0xFF03;
  const std::size_t size = text_.size();
  std::size_t pos = start + static_cast<std::size_t>(sigil_len);
  Script script = Script::kCommon;
  bool has_letter = false;
  bool has_body = false;
  while (pos < size) {
    int len = 0;
    const char32_t c = DecodeUtf8(text_, pos, &len);
    if (c == kInvalidCodePoint) break;
    const CharClass k = ClassOf(c);
    if (IsLetterClass(k)) {
      has_letter = true;
      script = MergeScript(script, k);
    } else if (k == CharClass::kDigit || c == '_') {
      // digits and underscores join hashtag words: #يوم_الوطن
    } else if (!(IsExtendClass(k) && has_body)) {
      break;
    }
    has_body = true;
    pos += static_cast<std::size_t>(len);
  }
  if (!has_body || (hashtag && !has_letter)) return false;
  pos_ = pos;
  *token = Token{text_.substr(start, pos - start), hashtag ? TokenType::kHashtag : TokenType::kMention,
                 script, start, pos - start};
  return true;
}

bool Tokenizer::TryEmoji(std::size_t start, Token* token) {
  const std::size_t size = text_.size();
  int len = 0;
  const char32_t c = DecodeUtf8(text_, start, &len);
  std::size_t pos = start + static_cast<std::size_t>(len);
  auto peek = [&](std::size_t at, int* n) -> char32_t {
    if (at >= size) {
      *n = 0;
      return kInvalidCodePoint;
    }
    return DecodeUtf8(text_, at, n);
  };
  int n = 0;
  const CharClass k = ClassOf(c);
  if (c == '#' || c == '*' || IsAsciiDigit(c)) {
    // Keycap: [#*0-9] VS16? U+20E3
    char32_t next = peek(pos, &n);
    std::size_t p = pos;
    if (next == 0xFE0F) {
      p += static_cast<std::size_t>(n);
      next = peek(p, &n);
    }
    if (next != 0x20E3) return false;
    pos = p + static_cast<std::size_t>(n);
  } else if (k == CharClass::kRegionalIndicator) {
    const char32_t next = peek(pos, &n);
    if (next != kInvalidCodePoint && ClassOf(next) == CharClass::kRegionalIndicator) {
      pos += static_cast<std::size_t>(n);
    }
  } else {
    if (k == CharClass::kEmojiText && peek(pos, &n) != 0xFE0F) return false;
    while (pos < size) {
      const char32_t next = peek(pos, &n);
      if (next == kInvalidCodePoint) break;
      const CharClass nk = ClassOf(next);
      if (nk == CharClass::kVariationSelector || nk == CharClass::kEmojiModifier ||
          nk == CharClass::kTag || nk == CharClass::kMark) {
        pos += static_cast<std::size_t>(n);
        continue;
      }
      if (next == 0x200D) {
        int m = 0;
        const char32_t after = peek(pos + static_cast<std::size_t>(n), &m);
        if (after == kInvalidCodePoint) break;
        const CharClass ak = ClassOf(after);
        if (ak == CharClass::kEmoji || ak == CharClass::kEmojiText ||
            ak == CharClass::kEmojiModifier) {
          pos += static_cast<std::size_t>(n + m);
          continue;
        }
      }
      break;
    }
  }
  pos_ = pos;
  *token = Token{text_.substr(start, pos - start), TokenType::kEmoji, Script::kCommon, start,
                 pos - start};
  return true;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Tokenizer tokenizer(text);
  Token token;
  while (tokenizer.Next(&token)) tokens.push_back(token);
  return tokens;
}

}  // namespace sawt::text
