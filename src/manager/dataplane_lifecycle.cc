#include "manager/dataplane_lifecycle.h"

#include "manager/dataplane_membership.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/dataplane/dataplane_helpers.h"
#include "resources/dataplane/dataplane_type.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Dataplane;
using kuma::mesh::v1alpha1::Mesh;

constexpr const char* kProxyTypeLabel = "kuma.io/proxy-type";
constexpr const char* kListenerZoneIngressLabel = "kuma.io/listener-zoneingress";
constexpr const char* kListenerZoneEgressLabel = "kuma.io/listener-zoneegress";

void InjectZoneTags(Dataplane& dp, const Mesh& mesh, const std::string& zone) {
  if (zone.empty() || !dp.has_networking()) {
    return;
  }
  const bool exclusive = mesh.meshservices().mode() == Mesh::MeshServices::Exclusive;
  for (auto& inbound : *dp.mutable_networking()->mutable_inbound()) {
    // In Exclusive mode a tagless inbound is meant to be selected by MeshService only.
    if (exclusive && inbound.tags().empty()) {
      continue;
    }
    (*inbound.mutable_tags())[kZoneTag] = zone;
  }
  if (dp.networking().has_gateway()) {
    (*dp.mutable_networking()->mutable_gateway()->mutable_tags())[kZoneTag] = zone;
  }
}

void MarkProbedInboundsNotReady(Dataplane& dp) {
  for (auto& inbound : *dp.mutable_networking()->mutable_inbound()) {
    if (inbound.has_serviceprobe()) {
      inbound.set_state(Dataplane::Networking::Inbound::NotReady);
      // Written for proxies and tools of Kuma 2.5 and older, which read `health`.
      inbound.mutable_health()->set_ready(false);
    }
  }
}

void ComputeLabels(Resource& r, const std::string& zone) {
  Labels& labels = r.meta().labels;
  const Dataplane& dp = r.SpecAs<Dataplane>();
  if (r.type().computed_labels) {
    r.type().computed_labels(labels, r.meta().mesh, zone);
  }
  labels[kProxyTypeLabel] = ProxyType(dp);
  bool ingress = false;
  bool egress = false;
  for (const auto& listener : dp.networking().listeners()) {
    ingress |= listener.type() == Dataplane::Networking::Listener::ZoneIngress;
    egress |= listener.type() == Dataplane::Networking::Listener::ZoneEgress;
  }
  if (ingress) {
    labels[kListenerZoneIngressLabel] = "enabled";
  } else {
    labels.erase(kListenerZoneIngressLabel);
  }
  if (egress) {
    labels[kListenerZoneEgressLabel] = "enabled";
  } else {
    labels.erase(kListenerZoneEgressLabel);
  }
}

Status Prepare(Resource& r, bool create, ResourceStore& tx, const ResourceTypeRegistry& registry,
               const std::string& zone) {
  const ResourceTypeDescriptor* mesh_type = registry.FindByName("Mesh");
  auto mesh = tx.Get(*mesh_type, ResourceKey{"", r.meta().mesh});
  if (!mesh.ok()) {
    return mesh.status().IsNotFound() ? Status::MeshNotFound(r.meta().mesh) : mesh.status();
  }
  ApplyDataplaneManagerDefaults(r, *mesh, zone, create);
  ValidationError membership =
      CheckMembership(r.meta().mesh, mesh->SpecAs<Mesh>(), r.SpecAs<Dataplane>());
  if (membership.HasViolations()) {
    return Status::Invalid(std::move(membership));
  }
  return Status::Ok();
}

}  // namespace

void ApplyDataplaneManagerDefaults(Resource& dp, const Resource& mesh, const std::string& zone_name,
                                   bool create) {
  Dataplane& spec = dp.SpecAs<Dataplane>();
  InjectZoneTags(spec, mesh.SpecAs<Mesh>(), zone_name);
  if (create) {
    MarkProbedInboundsNotReady(spec);
  }
  ComputeLabels(dp, zone_name);
}

void RegisterDataplaneLifecycle(ResourceManager& manager, const std::string& zone_name) {
  const ResourceTypeRegistry* registry = &manager.registry();
  KindLifecycle lifecycle;
  lifecycle.prepare = [registry, zone_name](Resource& r, const Resource* previous,
                                            ResourceStore& tx) {
    return Prepare(r, previous == nullptr, tx, *registry, zone_name);
  };
  manager.RegisterLifecycle(kDataplaneTypeName, std::move(lifecycle));
}

}  // namespace meshplane
