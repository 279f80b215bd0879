// The `from` cells, compared with Kuma's golden files where one exists.
#include "policies/mtp/from_rules.h"

#include <gtest/gtest.h>

#include "mtp_test_util.h"
#include "policies/mtp/policy_matching.h"

namespace meshplane::mtp {
namespace {

using testing::Inbound;
using testing::PeerWith;
using testing::PolicySet;

// "action {tags} <- origins" per rule, in rule order.
std::vector<std::string> Render(const std::vector<FromRule>& rules) {
  std::vector<std::string> out;
  for (const FromRule& r : rules) {
    std::string origins;
    for (const std::string& o : r.origins) origins += (origins.empty() ? "" : ",") + o;
    out.push_back(r.action + " " + SubsetToString(r.subset) + " <- " + origins);
  }
  return out;
}

std::vector<FromRule> RulesFor(const PolicySet& set, const InboundTarget& inbound) {
  std::vector<const MtpPolicy*> matched = MatchPolicies(set, inbound);
  auto items = CollectFromItems(matched);
  EXPECT_TRUE(items.ok()) << items.status().message();
  auto rules = BuildFromRules(*items);
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  return *rules;
}

// Kuma: pkg/plugins/policies/core/matchers/testdata/matchedpolicies/fromrules/02.*
// "DENY for all DPPs in 'us-east' except backend with v2".
TEST(MtpFromRulesTest, KumaTestdata02NegatedCells) {
  PolicySet set(R"(
type: MeshTrafficPermission
mesh: mesh-1
name: mtp-1
spec:
  targetRef:
    kind: Dataplane
    name: dp-1
    sectionName: v1
  from:
    - targetRef:
        kind: MeshServiceSubset
        name: backend
        tags:
          kuma.io/zone: us-east
          version: v2
      default:
        action: Allow
---
type: MeshTrafficPermission
mesh: mesh-1
name: mtp-2
spec:
  targetRef:
    kind: Mesh
  from:
    - targetRef:
        kind: MeshSubset
        tags:
          kuma.io/zone: us-east
      default:
        action: Deny
)");
  EXPECT_EQ(
      Render(RulesFor(set, Inbound({{"kuma.io/service", "web"}, {"version", "v1"}}, "v1", 8080))),
      (std::vector<std::string>{
          "Allow {kuma.io/service=backend, kuma.io/zone=us-east, version=v2} <- mtp-2,mtp-1",
          "Deny {kuma.io/service!=backend, kuma.io/zone=us-east, version=v2} <- mtp-2",
          "Deny {kuma.io/service=backend, kuma.io/zone=us-east, version!=v2} <- mtp-2",
          "Deny {kuma.io/service!=backend, kuma.io/zone=us-east, version!=v2} <- mtp-2",
      }));
  // The other inbound (name v3) is selected by mtp-2 only.
  EXPECT_EQ(
      Render(RulesFor(set, Inbound({{"kuma.io/service", "web"}, {"version", "v3"}}, "v3", 8081))),
      (std::vector<std::string>{"Deny {kuma.io/zone=us-east} <- mtp-2"}));
}

// Kuma: .../fromrules/multiple-policies-lexicog-order.*: with the same top-level targetRef the
// smallest name sorts last and wins: rule-a's Deny beats rule-b's Allow for service-payment.
TEST(MtpFromRulesTest, KumaTestdataLexicographicOrder) {
  PolicySet set(R"(
type: MeshTrafficPermission
mesh: default
name: rule-b
spec:
  targetRef:
    kind: MeshSubset
    tags:
      k8s.kuma.io/service-name: demo-app
  from:
    - default:
        action: Allow
      targetRef:
        kind: MeshSubset
        tags:
          app.kubernetes.io/name: ui
    - default:
        action: Allow
      targetRef:
        kind: MeshSubset
        tags:
          app.kubernetes.io/name: service-order
    - default:
        action: Allow
      targetRef:
        kind: MeshSubset
        tags:
          app.kubernetes.io/name: service-payment
---
type: MeshTrafficPermission
mesh: default
name: rule-a
spec:
  targetRef:
    kind: MeshSubset
    tags:
      k8s.kuma.io/service-name: demo-app
  from:
    - default:
        action: Deny
      targetRef:
        kind: MeshSubset
        tags:
          app.kubernetes.io/name: service-payment
)");
  EXPECT_EQ(Render(RulesFor(set, Inbound({{"k8s.kuma.io/service-name", "demo-app"}}))),
            (std::vector<std::string>{
                "Deny {app.kubernetes.io/name=service-payment} <- rule-b,rule-a",
                "Allow {app.kubernetes.io/name=service-order} <- rule-b",
                "Allow {app.kubernetes.io/name=ui} <- rule-b",
            }));
}

// Within one policy the later from[] entry overrides an earlier overlapping one: array order,
// not the specificity of from[].targetRef, decides (Kuma's merge in list order; the behaviour
// Kuma's single-mtp-from-overiding-one-another testdata pins).
TEST(MtpFromRulesTest, LaterFromEntryOverridesEarlierOverlappingOne) {
  PolicySet later_specific(R"(
name: mtp
spec:
  from:
    - targetRef: {kind: Mesh}
      default: {action: Allow}
    - targetRef: {kind: MeshService, name: backend}
      default: {action: Deny}
)");
  EXPECT_EQ(Render(RulesFor(later_specific, Inbound({}))),
            (std::vector<std::string>{
                "Deny {kuma.io/service=backend} <- mtp",
                "Allow {kuma.io/service!=backend} <- mtp",
            }));

  PolicySet later_general(R"(
name: mtp
spec:
  from:
    - targetRef: {kind: MeshService, name: backend}
      default: {action: Deny}
    - targetRef: {kind: Mesh}
      default: {action: Allow}
)");
  EXPECT_EQ(Render(RulesFor(later_general, Inbound({}))),
            (std::vector<std::string>{
                "Allow {kuma.io/service=backend} <- mtp",
                "Allow {kuma.io/service!=backend} <- mtp",
            }));
}

TEST(MtpFromRulesTest, MeshOnlyGivesOneEmptyCell) {
  PolicySet set(R"(
name: allow-all
spec:
  from:
    - targetRef: {kind: Mesh}
      default: {action: Allow}
)");
  EXPECT_EQ(Render(RulesFor(set, Inbound({}))),
            (std::vector<std::string>{"Allow {} <- allow-all"}));
}

// Disjoint subsets (two values of one key) never share a clique: each gets its own cells.
TEST(MtpFromRulesTest, DisjointSubsetsStaySeparate) {
  PolicySet set(R"(
name: p
spec:
  from:
    - targetRef: {kind: MeshService, name: a}
      default: {action: Allow}
    - targetRef: {kind: MeshService, name: b}
      default: {action: Deny}
)");
  EXPECT_EQ(Render(RulesFor(set, Inbound({}))), (std::vector<std::string>{
                                                    "Deny {kuma.io/service=b} <- p",
                                                    "Allow {kuma.io/service=a} <- p",
                                                }));
}

// Items of kinds that are not tag-based "old kinds" are skipped; a MeshGateway from item
// cannot be represented as tags and fails the whole inbound, as in Kuma.
TEST(MtpFromRulesTest, FromKindsOutsideTagsAreSkippedOrRejected) {
  PolicySet skipped(R"(
name: p
spec:
  from:
    - targetRef: {kind: MeshExternalService, name: ext}
      default: {action: Allow}
    - targetRef: {kind: MeshService, name: a}
      default: {action: Allow}
)");
  EXPECT_EQ(Render(RulesFor(skipped, Inbound({}))),
            (std::vector<std::string>{"Allow {kuma.io/service=a} <- p"}));

  PolicySet rejected(R"(
name: p
spec:
  from:
    - targetRef: {kind: MeshGateway, name: gw}
      default: {action: Allow}
)");
  std::vector<const MtpPolicy*> matched = MatchPolicies(rejected, Inbound({}));
  auto items = CollectFromItems(matched);
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.status().message(), "can't represent MeshGateway as tags");
}

TEST(MtpFromRulesTest, CellLimitIsAnError) {
  std::vector<FromItem> items;
  for (int i = 0; i < 12; ++i) {
    items.push_back({{{"key-" + std::to_string(i), "v", false}}, "Allow", "p", i});
  }
  auto ok = BuildFromRules(items, {.max_cells = 4096});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 4095u);  // every combination except "all keys negated" has an item
  auto too_many = BuildFromRules(items, {.max_cells = 4095});
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("exceed the limit of 4095 cells"), std::string::npos);
}

TEST(MtpFromRulesTest, SubsetContainmentFollowsKuma) {
  const Subset backend{{"kuma.io/service", "backend", false}};
  const Subset not_backend{{"kuma.io/service", "backend", true}};
  const Subset web{{"kuma.io/service", "web", false}};
  EXPECT_TRUE(SubsetContains({}, backend));
  EXPECT_TRUE(SubsetContains(backend, backend));
  EXPECT_FALSE(SubsetContains(backend, not_backend));
  EXPECT_TRUE(SubsetContains(not_backend, web));  // web is a point of "not backend"
  EXPECT_FALSE(SubsetContains(web, {}));          // a tag the cell does not constrain
  EXPECT_FALSE(SubsetContains(not_backend, backend));
}

TEST(MtpFromRulesTest, PeerMatchingIsOverMultiValuedCertificateTags) {
  Peer peer;
  peer.tags["kuma.io/service"] = {"web", "web-api"};
  peer.tags["version"] = {"v1"};
  EXPECT_TRUE(CellMatchesPeer({}, peer));
  EXPECT_TRUE(CellMatchesPeer({{"kuma.io/service", "web-api", false}}, peer));
  EXPECT_TRUE(CellMatchesPeer({{"kuma.io/service", "web", false}, {"version", "v1", false}}, peer));
  // not_id(spiffe://mesh/web) fails because the certificate carries that SAN.
  EXPECT_FALSE(CellMatchesPeer({{"kuma.io/service", "web", true}}, peer));
  EXPECT_TRUE(CellMatchesPeer({{"kuma.io/service", "backend", true}}, peer));
  EXPECT_FALSE(CellMatchesPeer({{"zone", "east", false}}, peer));
  EXPECT_TRUE(CellMatchesPeer({{"zone", "east", true}}, peer));
}

TEST(MtpFromRulesTest, PrincipalNames) {
  EXPECT_EQ(PrincipalName("mesh-1", {"kuma.io/service", "frontend", false}),
            "spiffe://mesh-1/frontend");
  EXPECT_EQ(PrincipalName("mesh-1", {"version", "v1", true}), "kuma://version/v1");
}

}  // namespace
}  // namespace meshplane::mtp
