// Turns input documents into resources the way `kumactl apply` does before it sends anything:
// optional template rendering, YAML parsing, decoding either shape (Universal or Kubernetes),
// spec validation (the kind's Validate(), without defaulting) and meta validation (ValidateMeta).
// Every document is checked, so all problems are reported at once. Messages use kumactl's text:
//   resource[<i>]: failed to parse resource: <error>
//   resource[<i>]: failed to read meta: <violations>
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/template_renderer.h"
#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

struct LoadedDocument {
  size_t index = 0;
  // Set when the document passed every check.
  std::optional<Resource> resource;
  // Complete lines as printed (see the file comment); empty when the document is valid.
  std::vector<std::string> errors;
  // e.g. `resource[0]: unknown field "mtls.foo"` (printed after "Warning: ").
  std::vector<std::string> warnings;

  bool ok() const { return resource.has_value(); }
};

// `vars` empty: documents are used as written, without template rendering.
std::vector<LoadedDocument> LoadDocuments(const std::vector<std::string>& documents,
                                          const TemplateVars& vars,
                                          const ResourceTypeRegistry& registry);

// `type="Mesh" mesh="" name="demo"`, how kumactl names a resource in messages.
std::string DescribeResource(const Resource& resource);

}  // namespace meshplane
