#pragma once

// Writes XML documents through libxml2's xmlTextWriter (escaping, well-formedness, UTF-8
// declaration), after removing what XML 1.0 cannot carry. Nothing in a document it produces can
// make a parser reject it: control characters, U+FFFE/U+FFFF and ill-formed UTF-8 (the bytes
// of lone surrogates included) never reach the output.

#include <memory>
#include <string>
#include <string_view>

namespace sawt::xml {

/// `text` with every code point outside XML 1.0's Char production removed
/// (https://www.w3.org/TR/xml/#charsets) and every ill-formed UTF-8 sequence dropped.
std::string ToXmlText(std::string_view text);

/// Builds one XML document in memory: StartElement/Attribute/Text/EndElement in document order,
/// then Finish(). Element and attribute names are the caller's constants (REQUIRES: valid XML
/// names); every value and text goes through ToXmlText and is escaped by libxml2.
/// Not thread-safe; one document per writer.
class Writer {
 public:
  /// Starts `<?xml version="1.0" encoding="UTF-8"?>`; `indent` pretty-prints with two spaces.
  explicit Writer(bool indent = true);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void StartElement(std::string_view name);
  void Attribute(std::string_view name, std::string_view value);
  void Text(std::string_view text);
  void EndElement();
  /// StartElement(name), Text(text), EndElement().
  void Element(std::string_view name, std::string_view text);

  /// Closes every open element and returns the document. A failure inside libxml2 (only
  /// allocation can fail) yields an empty string. Call once.
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sawt::xml
