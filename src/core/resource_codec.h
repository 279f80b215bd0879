// Wire shapes of resources: Kuma's Universal shape (REST, kumactl) and the Kubernetes shape.
//
// Universal, legacy kinds (Mesh, Dataplane, Secret, ...): meta and spec fields side by side:
//   {type, mesh?, name, creationTime, modificationTime, labels?, kri?, <spec fields>...}
// Universal, new-style kinds (MeshTrafficPermission, MeshService, ...): the spec nested:
//   {type, mesh?, name, creationTime, modificationTime, labels?, kri?, spec, status?}
// Kubernetes: {apiVersion, kind, mesh?, metadata: {name, labels?, creationTimestamp}, spec}
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

struct DecodedResource {
  Resource resource;
  // Human-readable warnings, e.g. `unknown field "mtls.foo"`.
  std::vector<std::string> warnings;
};

// Decodes either shape, choosing by the presence of `apiVersion`/`kind` (Kubernetes) or `type`
// (Universal). Unknown types fail with `invalid resource type "Foo"`.
Result<DecodedResource> DecodeResource(const Json& doc, const ResourceTypeRegistry& registry);

// Decodes the Universal shape of a known type (the REST PUT body). `type` in the body is not
// checked here (the REST layer compares it with the URL).
Result<DecodedResource> DecodeUniversal(const Json& doc, const ResourceTypeDescriptor& type);

Result<DecodedResource> DecodeKubernetes(const Json& doc, const ResourceTypeDescriptor& type);

Json EncodeUniversal(const Resource& resource);
Json EncodeKubernetes(const Resource& resource);

// Kuma's KRI: kri_<short>_<mesh>_<zone>_<namespace>_<name>_<section>; empty when the type has
// no short name.
std::string Kri(const Resource& resource);

// Formats an unknown-field warning.
std::string UnknownFieldWarning(const std::string& path);

}  // namespace meshplane
