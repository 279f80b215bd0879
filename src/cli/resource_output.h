// Renders REST objects for `-o json` and `-o yaml` the way kumactl does:
//  - JSON: the object as the server sent it (field order kept), indented by two spaces;
//  - YAML: keys sorted, since kumactl marshals through Go maps. A single resource of a kind with
//    top-level spec fields (Universal legacy shape, e.g. Mesh) prints its meta keys first and
//    then its spec keys, each sorted; lists ({items, next, total}) are sorted throughout.
#pragma once

#include <string>

#include "core/json.h"
#include "core/resource_type.h"

namespace meshplane {

enum class OutputFormat { kTable, kWide, kYaml, kJson };

// Parses `-o`; false for an unknown format.
bool ParseOutputFormat(const std::string& text, OutputFormat* out);

std::string JsonText(const Json& value);

// One resource in Universal shape.
std::string ResourceYaml(const Json& resource, const ResourceTypeDescriptor& type);

// A REST list object, or any other value: keys sorted at every level.
std::string SortedYaml(const Json& value);

// A copy of `value` with object keys sorted at every level.
Json SortKeys(const Json& value);

}  // namespace meshplane
