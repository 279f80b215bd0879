// The `from` rules of one inbound: Kuma v2.14's BuildRules (pkg/plugins/policies/core/rules/
// rules.go with withNegations=true and the cliques algorithm, subsetutils/subset.go, merge/).
//
// The `from[]` items of the policies selecting the inbound, concatenated in SortByTargetRef order
// and then array order, become tag subsets. Subsets that intersect are linked in a graph; for
// each maximal clique (Bron–Kerbosch) every combination of its tags, each positive or negated,
// is a cell. A cell's action is the JSON merge of the `default` of every item whose subset
// contains the cell, in list order, so the later item wins. Cells are then stably sorted by the
// number of positive tags, descending. Cells from different cliques may overlap; Envoy RBAC
// (an ALLOW policy listing the principals of every Allow/AllowWithShadowDeny cell) admits a
// client when ANY such cell matches it, which is what `DecideFrom` reproduces.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "policies/mtp/mtp_types.h"

namespace meshplane::mtp {

// One `from[]` item with the policy it came from.
struct FromItem {
  Subset subset;       // from targetRef: Mesh {}, MeshSubset tags, MeshService(Subset) + service
  std::string action;  // default.action as written; empty when unset (it does not override)
  std::string policy;  // name of the originating MeshTrafficPermission
  int index = 0;       // position in that policy's from[]
};

// One cell of the partition with its merged action.
struct FromRule {
  Subset subset;
  std::string action;                // merged default.action as written ("" if none was set)
  std::vector<std::string> origins;  // contributing policies, in order of first contribution
  // The parsed action; nullopt for an unknown or missing action, which Kuma's RBAC ignores
  // (no principal), so the cell denies by omission.
  std::optional<Action> parsed() const { return ParseAction(action); }
};

struct BuildLimits {
  // Upper bound on the tag combinations enumerated over all cliques. Kuma has none: a clique
  // with k distinct tags enumerates 2^k cells, so hostile input could exhaust the control plane.
  // Exceeding it is an error (the caller denies the inbound rather than guessing).
  size_t max_cells = size_t{1} << 20;
};

// Kuma's asSubset: Mesh -> {}, MeshSubset -> tags, MeshService -> {kuma.io/service: name},
// MeshServiceSubset -> service plus tags. Other kinds: "can't represent <K> as tags". Tags are
// in key order.
Result<Subset> SubsetFromTargetRef(const ::kuma::common::v1alpha1::TargetRef& ref);

// Concatenates the `from` items of `sorted` (already in SortByTargetRef order). Items of kinds
// that are not "old kinds" (MeshExternalService, MeshMultiZoneService, Dataplane) are skipped,
// as Kuma does; other unrepresentable kinds are an error.
Result<std::vector<FromItem>> CollectFromItems(std::span<const MtpPolicy* const> sorted);

// The sorted rule cells for `items`.
Result<std::vector<FromRule>> BuildFromRules(const std::vector<FromItem>& items,
                                             const BuildLimits& limits = {});

// Kuma's Subset.IsSubset: every point of `cell` belongs to `ss` (the empty subset contains all).
bool SubsetContains(const Subset& ss, const Subset& cell);

// Whether the client's certificate satisfies the RBAC principal built from `cell`: for each
// positive tag k=v the peer has value v for k; for each negated tag it does not. The empty cell
// is `any: true`.
bool CellMatchesPeer(const Subset& cell, const Peer& peer);

// The Envoy principal name matched (exactly) for a tag, as Kuma's RBAC configurer builds it:
// `spiffe://<mesh>/<v>` for kuma.io/service=v, `kuma://<k>/<v>` otherwise. A negated tag wraps
// the same principal in `not_id`; several tags are `and_ids`; no tags is `any`.
std::string PrincipalName(std::string_view mesh, const Tag& tag);

}  // namespace meshplane::mtp
