// YAML <-> JSON conversion with the scalar rules of sigs.k8s.io/yaml (YAML 1.1 as go-yaml v2
// reads it: yes/no/on/off are booleans, plain numbers are numbers, quoted scalars are strings).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace meshplane {

// Parses one YAML (or JSON, which is YAML) document. An empty document yields null.
Result<Json> YamlToJson(const std::string& text);

// Splits a stream on `---` lines and parses each document, dropping documents that are empty
// or hold only comments (as kumactl apply does). Errors name the document index.
Result<std::vector<Json>> YamlDocumentsToJson(const std::string& text);

// Splits a stream into raw document texts (on lines that are exactly `---`), without parsing,
// dropping empty and comment-only documents.
std::vector<std::string> SplitYamlDocuments(const std::string& text);

// Renders JSON as block-style YAML (2-space indent, sequences not indented under their key),
// quoting strings that would otherwise read back as another type.
std::string JsonToYaml(const Json& json);

}  // namespace meshplane
