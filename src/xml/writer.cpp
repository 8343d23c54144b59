#include "xml/writer.hpp"

#include <libxml/xmlwriter.h>

#include "core/utf8.hpp"

namespace sawt::xml {
namespace {

const xmlChar* X(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

}  // namespace

std::string ToXmlText(std::string_view text) { return core::KeepCodePoints(text, &core::IsXmlChar); }

struct Writer::State {
  xmlBufferPtr buffer = nullptr;
  xmlTextWriterPtr writer = nullptr;
  bool failed = false;

  void Check(int rc) {
    if (rc < 0) failed = true;
  }
};

Writer::Writer(bool indent) : state_(std::make_unique<State>()) {
  state_->buffer = xmlBufferCreate();
  if (state_->buffer != nullptr) state_->writer = xmlNewTextWriterMemory(state_->buffer, 0);
  if (state_->writer == nullptr) {
    state_->failed = true;
    return;
  }
  if (indent) {
    state_->Check(xmlTextWriterSetIndent(state_->writer, 1));
    state_->Check(xmlTextWriterSetIndentString(state_->writer, BAD_CAST "  "));
  }
  state_->Check(xmlTextWriterStartDocument(state_->writer, "1.0", "UTF-8", nullptr));
}

Writer::~Writer() {
  if (state_->writer != nullptr) xmlFreeTextWriter(state_->writer);
  if (state_->buffer != nullptr) xmlBufferFree(state_->buffer);
}

void Writer::StartElement(std::string_view name) {
  if (state_->failed) return;
  state_->Check(xmlTextWriterStartElement(state_->writer, X(std::string(name))));
}

void Writer::Attribute(std::string_view name, std::string_view value) {
  if (state_->failed) return;
  state_->Check(xmlTextWriterWriteAttribute(state_->writer, X(std::string(name)), X(ToXmlText(value))));
}

void Writer::Text(std::string_view text) {
  if (state_->failed) return;
  state_->Check(xmlTextWriterWriteString(state_->writer, X(ToXmlText(text))));
}

void Writer::EndElement() {
  if (state_->failed) return;
  state_->Check(xmlTextWriterEndElement(state_->writer));
}

void Writer::Element(std::string_view name, std::string_view text) {
  StartElement(name);
  Text(text);
  EndElement();
}

std::string Writer::Finish() {
  if (state_->failed) return {};
  state_->Check(xmlTextWriterEndDocument(state_->writer));
  state_->Check(xmlTextWriterFlush(state_->writer));
  if (state_->failed) return {};
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(state_->buffer)),
                     static_cast<size_t>(xmlBufferLength(state_->buffer)));
}

}  // namespace sawt::xml
