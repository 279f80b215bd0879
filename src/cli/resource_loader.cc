#include "cli/resource_loader.h"

#include "core/meta_validator.h"
#include "core/resource_codec.h"
#include "core/validation.h"
#include "core/yaml_json.h"

namespace meshplane {

namespace {

LoadedDocument LoadOne(size_t index, const std::string& document, const TemplateVars& vars,
                       const ResourceTypeRegistry& registry) {
  LoadedDocument loaded;
  loaded.index = index;
  const std::string prefix = "resource[" + std::to_string(index) + "]: ";
  auto parse_error = [&](const std::string& message) {
    loaded.errors.push_back(prefix + "failed to parse resource: " + message);
    return loaded;
  };

  std::string text = document;
  if (!vars.empty()) {
    auto rendered = RenderTemplate(document, vars);
    if (!rendered.ok()) {
      return parse_error(rendered.status().message());
    }
    text = std::move(rendered).value();
  }
  auto json = YamlToJson(text);
  if (!json.ok()) {
    // kumactl reads the meta first, so YAML syntax errors are reported as a meta type error.
    return parse_error("invalid meta type: " + GoQuote(json.status().message()));
  }
  auto decoded = DecodeResource(*json, registry);
  if (!decoded.ok()) {
    return parse_error(decoded.status().message());
  }
  Resource& resource = decoded->resource;
  for (const auto& warning : decoded->warnings) {
    loaded.warnings.push_back(prefix + warning);
  }
  if (resource.type().validate) {
    ValidationError spec_errors = resource.type().validate(resource);
    if (spec_errors.HasViolations()) {
      return parse_error(spec_errors.ToString());
    }
  }
  ValidationError meta_errors =
      ValidateMeta(resource.type(), resource.meta().name, resource.meta().mesh);
  if (meta_errors.HasViolations()) {
    loaded.errors.push_back(prefix + "failed to read meta: " + meta_errors.ToString());
    return loaded;
  }
  loaded.resource = std::move(resource);
  return loaded;
}

}  // namespace

std::vector<LoadedDocument> LoadDocuments(const std::vector<std::string>& documents,
                                          const TemplateVars& vars,
                                          const ResourceTypeRegistry& registry) {
  std::vector<LoadedDocument> out;
  out.reserve(documents.size());
  for (size_t i = 0; i < documents.size(); ++i) {
    out.push_back(LoadOne(i, documents[i], vars, registry));
  }
  return out;
}

std::string DescribeResource(const Resource& resource) {
  return "type=" + GoQuote(resource.type().name) + " mesh=" + GoQuote(resource.meta().mesh) +
         " name=" + GoQuote(resource.meta().name);
}

}  // namespace meshplane
