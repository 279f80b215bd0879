// Builds a Mesh spec from YAML text the way a user's input reaches the validators:
// YAML -> JSON (YamlToJson) -> protobuf (JsonToMessage).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/json_proto.h"
#include "core/yaml_json.h"
#include "mesh/v1alpha1/mesh.pb.h"

namespace meshplane::testing {

// Removes the indentation common to all non-blank lines, so YAML can be indented in the source.
inline std::string Dedent(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> lines;
  size_t common = std::string::npos;
  while (std::getline(in, line)) {
    lines.push_back(line);
    size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos) {
      common = std::min(common, first);
    }
  }
  std::string out;
  for (const std::string& l : lines) {
    out += (l.size() >= common && common != std::string::npos) ? l.substr(common) : "";
    out += "\n";
  }
  return out;
}

inline kuma::mesh::v1alpha1::Mesh MeshFromYaml(const std::string& yaml) {
  kuma::mesh::v1alpha1::Mesh mesh;
  Result<Json> json = YamlToJson(Dedent(yaml));
  EXPECT_TRUE(json.ok()) << json.status().message() << "\n" << yaml;
  if (!json.ok() || json->is_null()) {
    return mesh;
  }
  Status st = JsonToMessage(*json, &mesh, nullptr);
  EXPECT_TRUE(st.ok()) << st.message() << "\n" << yaml;
  return mesh;
}

}  // namespace meshplane::testing
