// Describes a resource kind (name, REST path, scope, schema, hooks) and the registry of kinds.
// Every kind lives in src/resources/<kind>/ and registers itself in resources/register.cc.
#pragma once

#include <google/protobuf/descriptor.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/resource.h"
#include "core/validation.h"

namespace meshplane {

enum class ResourceScope { kGlobal, kMesh };

struct ResourceTypeDescriptor {
  std::string name;         // Kuma type name, e.g. "Mesh"
  std::string plural_path;  // REST path segment, e.g. "meshes"
  // Further REST path segments serving the same routes (Kuma's AlternativeWsPath), e.g.
  // "global-secrets" next to "globalsecrets".
  std::vector<std::string> alternative_paths;
  std::string cli_singular;  // kumactl argument for one, e.g. "mesh"
  std::string cli_plural;    // kumactl argument for a list, e.g. "meshes"
  // Further accepted CLI arguments for one and for a list, e.g. "zone-egress"; empty: none.
  std::string cli_singular_alias;
  std::string cli_plural_alias;
  std::string short_name;        // KRI short name, e.g. "m"; empty: no KRI
  std::string singular_display;  // "Mesh"
  std::string plural_display;    // "Meshes"
  ResourceScope scope = ResourceScope::kMesh;
  bool read_only = false;
  // Kuma's AdminOnly: contents are served to admins only. Until API authentication exists, an
  // admin is a client on the control plane's host (loopback).
  bool admin_only = false;
  bool is_policy = false;
  bool include_in_federation = false;
  // Legacy ("unversioned") Universal shape puts spec fields at the top level; new-style kinds
  // nest them under `spec:` (and may carry `status:`).
  bool spec_at_top_level = true;
  std::string k8s_api_version = "kuma.io/v1alpha1";
  const google::protobuf::Descriptor* spec_descriptor = nullptr;
  const google::protobuf::Descriptor* status_descriptor = nullptr;

  // Spec validation (Kuma's Validate()): no defaulting, no store access.
  std::function<ValidationError(const Resource&)> validate;
  // Defaulting (Kuma's Default()); may fail with a plain error.
  std::function<Status(Resource&)> apply_defaults;
  // The spec-independent labels the control plane adds to this kind on every write (Kuma's
  // labels.Compute), given the resource's mesh and this control plane's zone; null when the
  // kind gets none. The REST API applies it before checking that immutable labels
  // (`kuma.io/origin`, `kuma.io/zone`) are unchanged, so re-applying a resource without them
  // works, as in Kuma.
  std::function<void(Labels& labels, const std::string& mesh, const std::string& zone)>
      computed_labels;
  // Deprecation warnings for an accepted resource (e.g. non-DNS-1035 names).
  std::function<std::vector<std::string>(const Resource&)> deprecations;

  // Kinds whose Kubernetes form is not Kuma's CRD shape (Secret and GlobalSecret are native
  // `v1/Secret`s). Unset: the generic {apiVersion, kind, metadata, spec} shape. The decoder gets
  // the documents whose `kind` is this kind's name and may return a resource of another kind.
  std::function<Json(const Resource&)> encode_kubernetes;
  std::function<Result<Resource>(const Json& doc, std::vector<std::string>* warnings)>
      decode_kubernetes;

  bool IsMeshScoped() const { return scope == ResourceScope::kMesh; }
};

class ResourceTypeRegistry {
 public:
  // Registers a kind; the registry owns it. Names, paths and CLI arguments must be unique.
  const ResourceTypeDescriptor& Register(ResourceTypeDescriptor descriptor);

  const ResourceTypeDescriptor* FindByName(const std::string& name) const;
  // Accepts the plural path or one of the alternative paths.
  const ResourceTypeDescriptor* FindByPath(const std::string& plural_path) const;
  // Accepts the singular or the plural CLI argument.
  const ResourceTypeDescriptor* FindByCliArg(const std::string& arg) const;
  // All kinds, sorted by name.
  std::vector<const ResourceTypeDescriptor*> All() const;

  // The registry of every kind meshplane serves (built on first use).
  static const ResourceTypeRegistry& Builtin();

 private:
  std::map<std::string, std::unique_ptr<ResourceTypeDescriptor>> by_name_;
};

}  // namespace meshplane
