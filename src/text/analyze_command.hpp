#pragma once

#include <iosfwd>
#include <string>

namespace sawt::text {

/// `sawt analyze MODE`: reads UTF-8 text from `in`, one document per line (a trailing CR is
/// ignored), and writes exactly one line to `out` per input line:
///   normalize  the tokens after Normalize, separated by single spaces;
///   stem       the tokens after ArabicLightStem alone (no normalization, no stop words);
///   index      the terms of the default Analyzer (normalize, stop words, stem);
///   json       one JSON object: {"language", "tokens" [{text,type,script,offset,length}],
///              "normalized" [...], "stems" [...], "terms" [...], "numbers" [{value,text,
///              offset,length}], "dates" [{date,text,offset,length}]}; "normalized" and
///              "stems" are parallel to "tokens", offsets are bytes into the line.
/// A line that is not valid UTF-8 is reported on `err` as "line N: invalid UTF-8" and gives an
/// empty output line; the other lines are still processed.
/// Returns 0 on success, 1 if any line was invalid UTF-8, 2 (after a message on `err`) for an
/// unknown mode.
int RunAnalyzeCommand(const std::string& mode, std::istream& in, std::ostream& out,
                      std::ostream& err);

}  // namespace sawt::text
