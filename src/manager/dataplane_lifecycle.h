// The Dataplane kind's manager rules (Kuma's dataplane manager,
// pkg/core/managers/apis/dataplane/dataplane_manager.go, for a zone control plane in Universal
// mode). On create and update, inside the write's transaction, after spec validation:
//  1. the owner Mesh is read (kMeshNotFound `mesh of name <m> is not found` when missing);
//  2. `kuma.io/zone: <zone>` is written over every inbound's tags (except tagless inbounds when
//     the mesh's meshServices.mode is Exclusive) and over the gateway's tags, when `zone` is
//     non-empty;
//  3. on create only: every inbound with a serviceProbe gets `state: NotReady` and
//     `health: {ready: false}`;
//  4. labels are computed (Kuma's labels.Compute for a zone CP): `kuma.io/mesh`,
//     `kuma.io/origin: zone`, `kuma.io/zone`, `kuma.io/env: universal` unless already present
//     (zone and env are skipped when the origin label says `global`), `kuma.io/proxy-type:
//     sidecar|gateway` always, and `kuma.io/listener-zoneingress|zoneegress: enabled` while the
//     proxy has listeners of that type;
//  5. membership (manager/dataplane_membership.h): a rejection is a 400 ValidationError.
// Because the zone tag is injected before the membership check, a requirement on
// `kuma.io/zone` works without the user writing that tag.
#pragma once

#include <string>

#include "core/resource.h"
#include "manager/resource_manager.h"

namespace meshplane {

// Installs the rules above for kind "Dataplane"; `zone_name` is this control plane's zone
// (multizone.zone.name, "default" unless configured).
void RegisterDataplaneLifecycle(ResourceManager& manager, const std::string& zone_name);

// Steps 2-4 above on `dp` (a Dataplane resource in a mesh whose spec is `mesh`); exposed for
// tests. `create` selects the create-only step.
void ApplyDataplaneManagerDefaults(Resource& dp, const Resource& mesh, const std::string& zone_name,
                                   bool create);

}  // namespace meshplane
