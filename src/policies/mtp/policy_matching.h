// Which MeshTrafficPermissions select an inbound, and in which order they apply (Kuma v2.14
// pkg/plugins/policies/core/matchers/dataplane.go: dppSelectedByPolicy and SortByTargetRef).
#pragma once

#include <span>
#include <vector>

#include "policies/mtp/mtp_types.h"

namespace meshplane::mtp {

// The policy's top-level targetRef kind; an absent targetRef or an empty kind means "Mesh".
std::string EffectiveTopLevelKind(const MtpPolicy& p);

// True when the policy's top-level targetRef selects this inbound:
// - Mesh / MeshSubset: every inbound / inbounds whose tags contain the subset's tags, when the
//   proxy type is listed in proxyTypes (empty list: all types);
// - MeshService: inbounds tagged kuma.io/service=<name>; MeshServiceSubset: that plus tags;
// - Dataplane: all proxies (no name, namespace or labels), the named one, or those whose labels
//   contain `labels`; then only the inbound named by sectionName (inbound name or port), if set.
// Zone and namespace filters apply first (policy role consumer/workload-owner must share the
// proxy's k8s.kuma.io/namespace; a zone-originated policy applies to its own zone's proxies).
// Other kinds (MeshGateway, MeshHTTPRoute, ...) select no sidecar inbound here.
bool SelectsInbound(const MtpPolicy& p, const InboundTarget& inbound);

// Kuma's SortByTargetRef, ascending: later entries take precedence when merging. Keys, in order:
// top-level kind rank (Mesh < Dataplane < MeshSubset < MeshGateway < MeshService <
// MeshExternalService < MeshMultiZoneService < MeshServiceSubset < MeshHTTPRoute); among
// Dataplane refs labels < name, then without sectionName < with sectionName; origin
// (kuma.io/origin: global < unset < zone); policy role (kuma.io/policy-role: system (also unset)
// < producer < consumer < workload-owner); display name DESCENDING, so the lexicographically
// smallest name ends last and wins.
void SortByTargetRef(std::vector<const MtpPolicy*>& policies);

// The policies that select `inbound`, sorted by SortByTargetRef.
std::vector<const MtpPolicy*> MatchPolicies(std::span<const MtpPolicy> policies,
                                            const InboundTarget& inbound);

}  // namespace meshplane::mtp
