// libFuzzer target for everything that reads user documents: the YAML stream `meshplane apply`
// reads and the JSON body the REST API reads, through decoding, validation, defaulting and
// encoding. Besides crashes, leaks and undefined behaviour it checks three properties:
//  - what EncodeUniversal writes decodes back to a resource that encodes identically;
//  - what JsonToYaml writes reads back (YamlToJson) to the same JSON;
//  - what EncodeKubernetes writes decodes back to the same spec.
#include <google/protobuf/util/message_differencer.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/json_proto.h"
#include "core/resource_codec.h"
#include "core/resource_type.h"
#include "core/yaml_json.h"

namespace meshplane {
namespace {

[[noreturn]] void PropertyFailed(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "property failed: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

std::string Show(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

void CheckYamlRoundTrip(const Json& json) {
  std::string yaml = JsonToYaml(json);
  auto back = YamlToJson(yaml);
  if (!back.ok()) {
    PropertyFailed("JsonToYaml output does not parse: " + back.status().message(), yaml);
  }
  if (*back != json) {
    PropertyFailed("JsonToYaml output reads back differently",
                   "json:\n" + Show(json) + "\nyaml:\n" + yaml + "\nread back:\n" + Show(*back));
  }
}

void Exercise(DecodedResource decoded, const ResourceTypeRegistry& registry) {
  Resource& r = decoded.resource;
  const ResourceTypeDescriptor& type = r.type();
  if (type.validate) {
    ValidationError err = type.validate(r);
    (void)err.ToString();
  }
  if (type.apply_defaults) {
    (void)type.apply_defaults(r);
  }
  if (type.deprecations) {
    (void)type.deprecations(r);
  }

  Json universal = EncodeUniversal(r);
  // The store and the REST API dump encoded resources; that must never throw.
  (void)universal.dump();
  auto again = DecodeUniversal(universal, type);
  if (!again.ok()) {
    PropertyFailed("encoded resource does not decode: " + again.status().message(),
                   Show(universal));
  }
  Json reencoded = EncodeUniversal(again->resource);
  if (reencoded != universal) {
    PropertyFailed("encoding is not stable",
                   "first:\n" + Show(universal) + "\nsecond:\n" + Show(reencoded));
  }
  CheckYamlRoundTrip(universal);

  Json k8s = EncodeKubernetes(r);
  auto from_k8s = DecodeResource(k8s, registry);
  if (!from_k8s.ok()) {
    PropertyFailed("Kubernetes shape does not decode: " + from_k8s.status().message(), Show(k8s));
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(from_k8s->resource.spec(), r.spec())) {
    PropertyFailed("Kubernetes shape changes the spec", Show(k8s));
  }
}

}  // namespace
}  // namespace meshplane

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meshplane;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const ResourceTypeRegistry& registry = ResourceTypeRegistry::Builtin();

  // As `apply` reads a file: a YAML stream of resources in either shape.
  auto docs = YamlDocumentsToJson(text);
  if (docs.ok()) {
    for (const Json& doc : *docs) {
      auto decoded = DecodeResource(doc, registry);
      if (decoded.ok()) {
        Exercise(std::move(decoded).value(), registry);
      }
    }
  }

  // As the REST API reads a PUT body: JSON, decoded as each kind's Universal shape.
  Json body = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!body.is_discarded()) {
    if (CheckJsonNesting(body).ok()) {
      CheckYamlRoundTrip(body);
    }
    for (const ResourceTypeDescriptor* type : registry.All()) {
      auto decoded = DecodeUniversal(body, *type);
      if (decoded.ok()) {
        Exercise(std::move(decoded).value(), registry);
      }
    }
  }
  return 0;
}
