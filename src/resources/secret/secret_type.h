// The Secret (mesh-scoped) and GlobalSecret (global) kinds: opaque bytes in `data`, served
// base64-encoded. Kuma validates nothing in their content on Universal; what protects them is
// who may read them (the REST API serves contents to loopback clients only) and the delete
// rules of the mesh that uses them (src/manager/secret_lifecycle.h).
#pragma once

#include <string>

#include "core/resource.h"
#include "core/resource_type.h"

namespace meshplane {

inline constexpr const char* kSecretTypeName = "Secret";
inline constexpr const char* kGlobalSecretTypeName = "GlobalSecret";

void RegisterSecretTypes(ResourceTypeRegistry& registry);

// The registered descriptors of the builtin registry.
const ResourceTypeDescriptor& SecretType();
const ResourceTypeDescriptor& GlobalSecretType();

// True for the two secret kinds, whose contents are never logged nor served to remote clients.
bool IsSecretKind(const ResourceTypeDescriptor& type);

// A Secret or GlobalSecret (by `type`) holding `data`.
Resource NewSecret(const ResourceTypeDescriptor& type, const std::string& mesh,
                   const std::string& name, const std::string& data);

// The `data` bytes of a Secret or GlobalSecret resource.
const std::string& SecretData(const Resource& secret);

}  // namespace meshplane
