// `apply -v/--var key=value` templating, as kumactl does it (pkg/util/template/render.go with
// github.com/hoisie/mustache):
//  - documents are mustache templates; `{{k}}` is HTML-escaped (< > & ' " become entities),
//    `{{{k}}}` and `{{&k}}` are raw; unknown variables render as nothing;
//  - a dotted key `a.b` becomes a nested value read as `{{a.b}}`; keys sharing their first
//    segment replace each other (a shallow merge, the later flag wins).
// Without any variable the text is not rendered at all, so `{{...}}` stays literal.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace meshplane {

// Ordered key/value pairs, as given on the command line.
using TemplateVars = std::vector<std::pair<std::string, std::string>>;

// Parses `-v` flag values. Like pflag's StringToString, one value may carry several
// comma-separated pairs (`-v a=1,b=2`; quote a pair to keep a comma in it: `-v '"a=1,2"'`).
Result<TemplateVars> ParseTemplateVars(const std::vector<std::string>& flag_values);

// Renders `text` with `vars`. Fails only on a malformed template.
Result<std::string> RenderTemplate(const std::string& text, const TemplateVars& vars);

// Go's html/template.HTMLEscapeString, the escaping of `{{k}}`.
std::string HtmlEscape(const std::string& s);

}  // namespace meshplane
