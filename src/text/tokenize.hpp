#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sawt::text {

/// What a token is.
enum class TokenType {
  kWord,     // letters of one script (Latin words may hold digits and inner apostrophes)
  kNumber,   // digits in any system, with inner separators . , ٫ ٬
  kHashtag,  // '#' + word characters, at least one letter
  kMention,  // '@' + word characters
  kUrl,      // http://, https:// or www. up to whitespace, trailing punctuation trimmed
  kEmail,    // local@domain.tld
  kEmoji,    // one emoji grapheme (ZWJ sequences, modifiers, flags and keycaps included)
};

/// The writing system of a token.
enum class Script {
  kCommon,  // no letters (numbers, emoji, URLs, e-mail addresses)
  kArabic,
  kLatin,
  kOther,   // letters of another script
  kMixed,   // letters of several scripts (only hashtags and mentions)
};

/// One token of a text. `text` views the tokenized input, so it lives as long as that input.
/// `offset` and `length` are in bytes of the input (what FTS5 and snippet highlighting need);
/// a token never starts or ends inside a grapheme cluster.
struct Token {
  std::string_view text;
  TokenType type = TokenType::kWord;
  Script script = Script::kCommon;
  std::size_t offset = 0;
  std::size_t length = 0;
};

/// Lower-case English name of a token type ("word", "number", "hashtag", ...).
std::string_view TokenTypeName(TokenType type);

/// Lower-case English name of a script ("arabic", "latin", "common", "other", "mixed").
std::string_view ScriptName(Script script);

/// Splits UTF-8 text into tokens, left to right, without allocating.
///
/// Words break where Arabic letters meet letters of another script ("الـiPhone" gives "الـ"
/// and "iPhone") and where Arabic letters meet digits; ZWNJ, ZWJ, tatweel and combining marks
/// stay inside the token they follow. Ill-formed UTF-8 bytes separate tokens and are never
/// part of one. Runs in time linear in the input. Not thread-safe; cheap to create.
class Tokenizer {
 public:
  /// REQUIRES: `text` outlives the tokenizer and the tokens it returns.
  explicit Tokenizer(std::string_view text) : text_(text) {}

  /// Stores the next token in `*token` and returns true, or returns false at the end.
  bool Next(Token* token);

 private:
  bool TryUrl(std::size_t start, Token* token);
  bool TryEmail(std::size_t start, Token* token);
  bool TryHashtagOrMention(std::size_t start, char32_t sigil, int sigil_len, Token* token);
  bool TryEmoji(std::size_t start, Token* token);
  std::size_t ScanWord(std::size_t start, Script* script) const;
  std::size_t ScanNumber(std::size_t start, bool* became_word) const;
  std::size_t SkipExtend(std::size_t pos) const;
  bool PrecededByWordChar(std::size_t pos) const;

  std::string_view text_;
  std::size_t pos_ = 0;
  // A failed e-mail scan from any start before this offset would fail again: remembering it
  // keeps long runs like "a.a.a.a…" linear.
  std::size_t email_fail_until_ = 0;
};

/// All tokens of `text`, in order. The tokens view `text`.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace sawt::text
