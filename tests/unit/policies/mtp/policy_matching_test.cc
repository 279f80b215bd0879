// Which policies select an inbound, and their precedence order.
#include "policies/mtp/policy_matching.h"

#include <gtest/gtest.h>

#include "mtp_test_util.h"

namespace meshplane::mtp {
namespace {

using testing::Inbound;
using testing::PolicySet;

struct SelectCase {
  std::string name;
  std::string target_ref;  // YAML flow mapping, or "" for no targetRef
  InboundTarget inbound;
  bool selected;
};

InboundTarget Web(std::string inbound_name = "", uint32_t port = 8080) {
  InboundTarget in =
      Inbound({{"kuma.io/service", "web"}, {"version", "v1"}}, std::move(inbound_name), port);
  in.dataplane_name = "web-1";
  in.dataplane_labels = {{"app", "web"}, {"team", "a"}};
  return in;
}

InboundTarget Gateway(ProxyType type) {
  InboundTarget in = Inbound({{"kuma.io/service", "edge"}});
  in.proxy_type = type;
  return in;
}

TEST(MtpPolicyMatchingTest, TopLevelTargetRefSelection) {
  const SelectCase cases[] = {
      {"no targetRef is Mesh", "", Web(), true},
      {"Mesh", "{kind: Mesh}", Web(), true},
      {"Mesh sidecars only", "{kind: Mesh, proxyTypes: [Sidecar]}", Web(), true},
      {"Mesh gateways only skips sidecar", "{kind: Mesh, proxyTypes: [Gateway]}", Web(), false},
      {"Mesh gateways only selects delegated gateway", "{kind: Mesh, proxyTypes: [Gateway]}",
       Gateway(ProxyType::kDelegatedGateway), true},
      {"Mesh sidecars only skips delegated gateway", "{kind: Mesh, proxyTypes: [Sidecar]}",
       Gateway(ProxyType::kDelegatedGateway), false},
      {"MeshSubset matching tags", "{kind: MeshSubset, tags: {version: v1}}", Web(), true},
      {"MeshSubset other value", "{kind: MeshSubset, tags: {version: v2}}", Web(), false},
      {"MeshSubset absent tag", "{kind: MeshSubset, tags: {zone: east}}", Web(), false},
      {"MeshSubset empty tags", "{kind: MeshSubset}", Web(), true},
      {"MeshSubset proxyTypes", "{kind: MeshSubset, tags: {version: v1}, proxyTypes: [Gateway]}",
       Web(), false},
      {"MeshService", "{kind: MeshService, name: web}", Web(), true},
      {"MeshService other", "{kind: MeshService, name: backend}", Web(), false},
      {"MeshServiceSubset", "{kind: MeshServiceSubset, name: web, tags: {version: v1}}", Web(),
       true},
      {"MeshServiceSubset other tag", "{kind: MeshServiceSubset, name: web, tags: {version: v2}}",
       Web(), false},
      {"Dataplane all", "{kind: Dataplane}", Web(), true},
      {"Dataplane by name", "{kind: Dataplane, name: web-1}", Web(), true},
      {"Dataplane other name", "{kind: Dataplane, name: web-2}", Web(), false},
      {"Dataplane by labels", "{kind: Dataplane, labels: {app: web}}", Web(), true},
      {"Dataplane labels mismatch", "{kind: Dataplane, labels: {app: web, team: b}}", Web(), false},
      {"Dataplane sectionName = inbound name", "{kind: Dataplane, sectionName: http}", Web("http"),
       true},
      {"Dataplane sectionName other inbound", "{kind: Dataplane, sectionName: http}", Web("grpc"),
       false},
      {"Dataplane sectionName = port of unnamed inbound", "{kind: Dataplane, sectionName: '8080'}",
       Web("", 8080), true},
      {"Dataplane sectionName port of named inbound", "{kind: Dataplane, sectionName: '8080'}",
       Web("http", 8080), false},
      {"Dataplane name + sectionName", "{kind: Dataplane, name: web-1, sectionName: http}",
       Web("http"), true},
      {"MeshGateway selects no sidecar inbound", "{kind: MeshGateway, name: gw}", Web(), false},
  };
  for (const SelectCase& c : cases) {
    std::string yaml =
        "name: p\nspec:\n  from: [{targetRef: {kind: Mesh}, default: {action: "
        "Allow}}]\n";
    if (!c.target_ref.empty()) yaml += "  targetRef: " + c.target_ref + "\n";
    PolicySet set(yaml);
    EXPECT_EQ(SelectsInbound(set.policies()[0], c.inbound), c.selected) << c.name;
  }
}

TEST(MtpPolicyMatchingTest, ConsumerAndWorkloadOwnerRolesStayInTheirNamespace) {
  PolicySet set(R"(
name: consumer-ns-a
labels: {kuma.io/policy-role: consumer, k8s.kuma.io/namespace: ns-a}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
---
name: owner-ns-b
labels: {kuma.io/policy-role: workload-owner, k8s.kuma.io/namespace: ns-b}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
---
name: producer-ns-b
labels: {kuma.io/policy-role: producer, k8s.kuma.io/namespace: ns-b}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
)");
  InboundTarget in = Web();
  in.dataplane_labels["k8s.kuma.io/namespace"] = "ns-a";
  EXPECT_TRUE(SelectsInbound(set.policies()[0], in));
  EXPECT_FALSE(SelectsInbound(set.policies()[1], in));
  EXPECT_TRUE(SelectsInbound(set.policies()[2], in));
}

TEST(MtpPolicyMatchingTest, ZoneOriginatedPoliciesApplyInTheirZone) {
  PolicySet set(R"(
name: zone-east
labels: {kuma.io/origin: zone, kuma.io/zone: east}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
---
name: from-global
labels: {kuma.io/origin: global}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
)");
  InboundTarget west = Web();
  west.dataplane_labels = {{"kuma.io/origin", "zone"}, {"kuma.io/zone", "west"}};
  EXPECT_FALSE(SelectsInbound(set.policies()[0], west));
  EXPECT_TRUE(SelectsInbound(set.policies()[1], west));
  InboundTarget east = west;
  east.dataplane_labels["kuma.io/zone"] = "east";
  EXPECT_TRUE(SelectsInbound(set.policies()[0], east));
}

std::vector<std::string> SortedNames(const PolicySet& set) {
  std::vector<const MtpPolicy*> ps;
  for (const MtpPolicy& p : set.policies()) ps.push_back(&p);
  SortByTargetRef(ps);
  std::vector<std::string> names;
  for (const MtpPolicy* p : ps) names.push_back(p->name);
  return names;
}

TEST(MtpPolicyMatchingTest, SortByTargetRefKindRankThenName) {
  PolicySet set(R"(
name: mss
spec: {targetRef: {kind: MeshServiceSubset, name: web, tags: {version: v1}}}
---
name: ms
spec: {targetRef: {kind: MeshService, name: web}}
---
name: subset
spec: {targetRef: {kind: MeshSubset, tags: {version: v1}}}
---
name: dp
spec: {targetRef: {kind: Dataplane}}
---
name: mesh-b
spec: {targetRef: {kind: Mesh}}
---
name: mesh-a
spec: {}
)");
  // Ascending: the last one wins. Equal kinds: names descending, so "mesh-a" beats "mesh-b".
  EXPECT_EQ(SortedNames(set),
            (std::vector<std::string>{"mesh-b", "mesh-a", "dp", "subset", "ms", "mss"}));
}

TEST(MtpPolicyMatchingTest, SortByTargetRefDataplaneSubOrder) {
  PolicySet set(R"(
name: a-name-section
spec: {targetRef: {kind: Dataplane, name: web-1, sectionName: http}}
---
name: b-name
spec: {targetRef: {kind: Dataplane, name: web-1}}
---
name: c-labels
spec: {targetRef: {kind: Dataplane, labels: {app: web}}}
---
name: d-labels-section
spec: {targetRef: {kind: Dataplane, labels: {app: web}, sectionName: http}}
---
name: e-all
spec: {targetRef: {kind: Dataplane}}
)");
  // labels < name; no sectionName < sectionName (for two labels refs, or two name refs).
  std::vector<std::string> got = SortedNames(set);
  auto pos = [&](const std::string& n) {
    return std::find(got.begin(), got.end(), n) - got.begin();
  };
  EXPECT_LT(pos("c-labels"), pos("b-name"));
  EXPECT_LT(pos("d-labels-section"), pos("b-name"));
  EXPECT_LT(pos("c-labels"), pos("d-labels-section"));
  EXPECT_LT(pos("b-name"), pos("a-name-section"));
  EXPECT_LT(pos("e-all"), pos("d-labels-section"));
  EXPECT_EQ(got.back(), "a-name-section");
}

TEST(MtpPolicyMatchingTest, SortByTargetRefOriginThenRoleThenName) {
  PolicySet set(R"(
name: a-zone
labels: {kuma.io/origin: zone}
spec: {}
---
name: b-unset
spec: {}
---
name: c-global
labels: {kuma.io/origin: global}
spec: {}
---
name: d-global-consumer
labels: {kuma.io/origin: global, kuma.io/policy-role: consumer}
spec: {}
---
name: e-global-producer
labels: {kuma.io/origin: global, kuma.io/policy-role: producer}
spec: {}
---
name: f-global-workload-owner
labels: {kuma.io/origin: global, kuma.io/policy-role: workload-owner}
spec: {}
---
name: g-global-system
labels: {kuma.io/origin: global, kuma.io/policy-role: system}
spec: {}
)");
  // Origin: global < unset < zone. Role: system (also unset) < producer < consumer <
  // workload-owner. Then name descending.
  EXPECT_EQ(SortedNames(set),
            (std::vector<std::string>{"g-global-system", "c-global", "e-global-producer",
                                      "d-global-consumer", "f-global-workload-owner", "b-unset",
                                      "a-zone"}));
}

TEST(MtpPolicyMatchingTest, DisplayNameLabelOrdersInsteadOfName) {
  PolicySet set(R"(
name: z-hashed-name
labels: {kuma.io/display-name: a}
spec: {}
---
name: b
spec: {}
)");
  EXPECT_EQ(SortedNames(set), (std::vector<std::string>{"b", "z-hashed-name"}));
}

}  // namespace
}  // namespace meshplane::mtp
