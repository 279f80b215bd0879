#include "policies/mtp/policy_matching.h"

#include <algorithm>
#include <string>

namespace meshplane::mtp {
namespace {

using TargetRef = ::kuma::common::v1alpha1::TargetRef;

const TargetRef& TopLevel(const MtpPolicy& p) {
  static const TargetRef kEmpty;
  if (p.spec == nullptr || !p.spec->has_targetref()) {
    return kEmpty;
  }
  return p.spec->targetref();
}

std::string LabelOr(const Labels& labels, std::string_view key, std::string def = "") {
  auto it = labels.find(std::string(key));
  return it == labels.end() ? def : it->second;
}

// api/common/v1alpha1/targetref.go `order`; unknown kinds rank 0 as a Go map miss does.
int KindRank(const std::string& kind) {
  static const std::map<std::string, int, std::less<>> kOrder = {
      {"Mesh", 1},
      {"Dataplane", 2},
      {"MeshSubset", 3},
      {"MeshGateway", 4},
      {"MeshService", 5},
      {"MeshExternalService", 6},
      {"MeshMultiZoneService", 7},
      {"MeshServiceSubset", 8},
      {"MeshHTTPRoute", 9},
  };
  auto it = kOrder.find(kind);
  return it == kOrder.end() ? 0 : it->second;
}

// core_model ResourceOrigin.Compare: Global=1, unknown (no label)=2, Zone=3.
int OriginRank(const Labels& labels) {
  auto it = labels.find(std::string(kOriginLabel));
  if (it == labels.end() || it->second.empty()) {
    return 2;
  }
  if (it->second == "global") {
    return 1;
  }
  if (it->second == "zone") {
    return 3;
  }
  return 0;  // a value Kuma does not know: a map miss
}

// core_model.PolicyRole: no label is "system".
std::string PolicyRole(const Labels& labels) {
  std::string role = LabelOr(labels, kPolicyRoleLabel);
  return role.empty() ? "system" : role;
}

int RoleRank(const std::string& role) {
  if (role == "system") return 1;
  if (role == "producer") return 2;
  if (role == "consumer") return 3;
  if (role == "workload-owner") return 4;
  return 0;
}

std::string DisplayName(const MtpPolicy& p) {
  std::string dn = LabelOr(p.labels, kDisplayNameLabel);
  return dn.empty() ? p.name : dn;
}

// TargetRef.CompareDataplaneKind: name beats labels, sectionName beats none.
int CompareDataplaneKind(const TargetRef& a, const std::string& kind_a, const TargetRef& b,
                         const std::string& kind_b) {
  if (kind_a != "Dataplane" || kind_b != "Dataplane") {
    return 0;
  }
  const bool a_name = !a.name().empty(), b_name = !b.name().empty();
  const bool a_labels = !a.labels().empty(), b_labels = !b.labels().empty();
  if (a_name && b_labels) return 1;
  if (a_labels && b_name) return -1;
  if (!a.sectionname().empty() && b.sectionname().empty()) return 1;
  if (a.sectionname().empty() && !b.sectionname().empty()) return -1;
  return 0;
}

bool TagsContain(const std::map<std::string, std::string>& have,
                 const std::map<std::string, std::string>& want) {
  for (const auto& [k, v] : want) {
    auto it = have.find(k);
    if (it == have.end() || it->second != v) {
      return false;
    }
  }
  return true;
}

bool ProxyTypeSupported(const TargetRef& ref, ProxyType type) {
  if (ref.proxytypes().empty()) {
    return true;
  }
  const std::string want = type == ProxyType::kSidecar ? "Sidecar" : "Gateway";
  return std::find(ref.proxytypes().begin(), ref.proxytypes().end(), want) !=
         ref.proxytypes().end();
}

bool SelectedByNamespace(const MtpPolicy& p, const InboundTarget& in) {
  const std::string role = PolicyRole(p.labels);
  if (role != "consumer" && role != "workload-owner") {
    return true;
  }
  auto ns = p.labels.find(std::string(kNamespaceLabel));
  return ns != p.labels.end() && ns->second == LabelOr(in.dataplane_labels, kNamespaceLabel);
}

bool SelectedByZone(const MtpPolicy& p, const InboundTarget& in) {
  if (PolicyRole(p.labels) == "producer") {
    return true;
  }
  auto dp_origin = in.dataplane_labels.find(std::string(kOriginLabel));
  if (dp_origin == in.dataplane_labels.end() || dp_origin->second == "global") {
    return true;
  }
  if (LabelOr(p.labels, kOriginLabel) != "zone") {
    return true;
  }
  auto zone = p.labels.find(std::string(kZoneLabel));
  if (zone == p.labels.end()) {
    return true;
  }
  auto dp_zone = in.dataplane_labels.find(std::string(kZoneLabel));
  return dp_zone == in.dataplane_labels.end() || dp_zone->second == zone->second;
}

}  // namespace

std::string EffectiveTopLevelKind(const MtpPolicy& p) {
  const std::string& kind = TopLevel(p).kind();
  return kind.empty() ? "Mesh" : kind;
}

bool SelectsInbound(const MtpPolicy& p, const InboundTarget& in) {
  if (p.spec == nullptr || !SelectedByZone(p, in) || !SelectedByNamespace(p, in)) {
    return false;
  }
  const TargetRef& ref = TopLevel(p);
  const std::string kind = EffectiveTopLevelKind(p);
  if (kind == "Mesh") {
    return ProxyTypeSupported(ref, in.proxy_type);
  }
  if (kind == "MeshSubset") {
    return ProxyTypeSupported(ref, in.proxy_type) &&
           TagsContain(in.inbound_tags, {ref.tags().begin(), ref.tags().end()});
  }
  if (kind == "MeshService" || kind == "MeshServiceSubset") {
    std::map<std::string, std::string> want;
    if (kind == "MeshServiceSubset") {
      want.insert(ref.tags().begin(), ref.tags().end());
    }
    want[std::string(kServiceTag)] = ref.name();  // the service name wins over a tag
    return TagsContain(in.inbound_tags, want);
  }
  if (kind == "Dataplane") {
    const bool all = ref.name().empty() && ref.namespace_().empty() && ref.labels().empty();
    const bool by_name = !ref.name().empty() && ref.name() == in.dataplane_name;
    const bool by_labels =
        !ref.labels().empty() &&
        TagsContain(in.dataplane_labels, {ref.labels().begin(), ref.labels().end()});
    if (!all && !by_name && !by_labels) {
      return false;
    }
    const std::string& section = ref.sectionname();
    return section.empty() || section == in.inbound_name ||
           (in.inbound_name.empty() && section == std::to_string(in.port));
  }
  return false;
}

void SortByTargetRef(std::vector<const MtpPolicy*>& policies) {
  std::stable_sort(policies.begin(), policies.end(), [](const MtpPolicy* a, const MtpPolicy* b) {
    const std::string ka = EffectiveTopLevelKind(*a), kb = EffectiveTopLevelKind(*b);
    if (int d = KindRank(ka) - KindRank(kb); d != 0) {
      return d < 0;
    }
    if (int d = CompareDataplaneKind(TopLevel(*a), ka, TopLevel(*b), kb); d != 0) {
      return d < 0;
    }
    if (int d = OriginRank(a->labels) - OriginRank(b->labels); d != 0) {
      return d < 0;
    }
    if (int d = RoleRank(PolicyRole(a->labels)) - RoleRank(PolicyRole(b->labels)); d != 0) {
      return d < 0;
    }
    return DisplayName(*a) > DisplayName(*b);
  });
}

std::vector<const MtpPolicy*> MatchPolicies(std::span<const MtpPolicy> policies,
                                            const InboundTarget& inbound) {
  std::vector<const MtpPolicy*> out;
  for (const MtpPolicy& p : policies) {
    if (SelectsInbound(p, inbound)) {
      out.push_back(&p);
    }
  }
  SortByTargetRef(out);
  return out;
}

}  // namespace meshplane::mtp
