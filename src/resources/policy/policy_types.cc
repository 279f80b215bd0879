#include "resources/policy/policy_types.h"

#include "core/meta_validator.h"
#include "policies/meshcircuitbreaker/v1alpha1/meshcircuitbreaker.pb.h"
#include "policies/meshretry/v1alpha1/meshretry.pb.h"
#include "policies/meshtimeout/v1alpha1/meshtimeout.pb.h"
#include "policies/meshtrafficpermission/v1alpha1/meshtrafficpermission.pb.h"
#include "resources/meshcircuitbreaker/meshcircuitbreaker_validator.h"
#include "resources/meshretry/meshretry_validator.h"
#include "resources/meshtimeout/meshtimeout_validator.h"
#include "resources/meshtrafficpermission/meshtrafficpermission_validator.h"
#include "resources/policy/policy_durations.h"
#include "resources/policy/target_ref_validator.h"

namespace meshplane {

namespace {

using kuma::policies::meshcircuitbreaker::v1alpha1::MeshCircuitBreaker;
using kuma::policies::meshretry::v1alpha1::MeshRetry;
using kuma::policies::meshtimeout::v1alpha1::MeshTimeout;
using kuma::policies::meshtrafficpermission::v1alpha1::MeshTrafficPermission;

ResourceTypeDescriptor PolicyDescriptor(const char* name, const char* path, const char* singular,
                                        const char* short_name, const char* display,
                                        const char* plural_display) {
  ResourceTypeDescriptor d;
  d.name = name;
  d.plural_path = path;
  d.cli_singular = singular;
  d.cli_plural = path;
  d.short_name = short_name;
  d.singular_display = display;
  d.plural_display = plural_display;
  d.scope = ResourceScope::kMesh;
  d.is_policy = true;
  d.include_in_federation = true;
  d.spec_at_top_level = false;
  d.apply_defaults = [](Resource& r) {
    CanonicalizePolicyDurations(r.spec());
    return Status::Ok();
  };
  return d;
}

// Name warnings, then the kind's own.
template <typename Spec>
std::function<std::vector<std::string>(const Resource&)> Deprecations(
    std::vector<std::string> (*of_spec)(const Spec&)) {
  return [of_spec](const Resource& r) {
    std::vector<std::string> out = NameDeprecationWarnings(r);
    for (std::string& d : of_spec(r.SpecAs<Spec>())) {
      out.push_back(std::move(d));
    }
    return out;
  };
}

template <typename Spec>
std::vector<std::string> TopLevelOnly(const Spec& spec) {
  return TopLevelTargetRefDeprecations(spec.has_targetref() ? &spec.targetref() : nullptr);
}

bool SystemRole(const Resource& r) {
  auto it = r.meta().labels.find("kuma.io/policy-role");
  return it != r.meta().labels.end() && it->second == "system";
}

}  // namespace

void RegisterPolicyTypes(ResourceTypeRegistry& registry) {
  {
    auto d = PolicyDescriptor(kMeshTrafficPermissionTypeName, "meshtrafficpermissions",
                              "meshtrafficpermission", "mtp", "Mesh Traffic Permission",
                              "Mesh Traffic Permissions");
    d.spec_descriptor = MeshTrafficPermission::descriptor();
    d.validate = [](const Resource& r) {
      return ValidateMeshTrafficPermission(r.SpecAs<MeshTrafficPermission>());
    };
    d.deprecations = Deprecations<MeshTrafficPermission>(&MeshTrafficPermissionDeprecations);
    registry.Register(std::move(d));
  }
  {
    auto d = PolicyDescriptor(kMeshTimeoutTypeName, "meshtimeouts", "meshtimeout", "mt",
                              "Mesh Timeout", "Mesh Timeouts");
    d.spec_descriptor = MeshTimeout::descriptor();
    d.validate = [](const Resource& r) {
      return ValidateMeshTimeout(r.SpecAs<MeshTimeout>(), SystemRole(r));
    };
    d.deprecations = Deprecations<MeshTimeout>(&TopLevelOnly<MeshTimeout>);
    registry.Register(std::move(d));
  }
  {
    auto d = PolicyDescriptor(kMeshRetryTypeName, "meshretries", "meshretry", "mr", "Mesh Retry",
                              "Mesh Retries");
    d.spec_descriptor = MeshRetry::descriptor();
    d.validate = [](const Resource& r) { return ValidateMeshRetry(r.SpecAs<MeshRetry>()); };
    d.deprecations = Deprecations<MeshRetry>(&TopLevelOnly<MeshRetry>);
    registry.Register(std::move(d));
  }
  {
    auto d =
        PolicyDescriptor(kMeshCircuitBreakerTypeName, "meshcircuitbreakers", "meshcircuitbreaker",
                         "mcb", "Mesh Circuit Breaker", "Mesh Circuit Breakers");
    d.spec_descriptor = MeshCircuitBreaker::descriptor();
    d.validate = [](const Resource& r) {
      return ValidateMeshCircuitBreaker(r.SpecAs<MeshCircuitBreaker>());
    };
    d.deprecations = Deprecations<MeshCircuitBreaker>(&TopLevelOnly<MeshCircuitBreaker>);
    registry.Register(std::move(d));
  }
}

const ResourceTypeDescriptor& MeshTrafficPermissionType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kMeshTrafficPermissionTypeName);
}
const ResourceTypeDescriptor& MeshTimeoutType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kMeshTimeoutTypeName);
}
const ResourceTypeDescriptor& MeshRetryType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kMeshRetryTypeName);
}
const ResourceTypeDescriptor& MeshCircuitBreakerType() {
  return *ResourceTypeRegistry::Builtin().FindByName(kMeshCircuitBreakerTypeName);
}

}  // namespace meshplane
