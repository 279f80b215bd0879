#include "resources/register.h"

#include "core/resource_type.h"
#include "resources/mesh/mesh_type.h"
#include "resources/policy/policy_types.h"
#include "resources/secret/secret_type.h"

namespace meshplane {

void RegisterBuiltinResourceTypes(ResourceTypeRegistry& registry) {
  RegisterMeshType(registry);
  RegisterSecretTypes(registry);
  RegisterPolicyTypes(registry);
}

}  // namespace meshplane
