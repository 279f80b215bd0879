// Decisions for one client reaching one inbound: precedence across policies, rules vs from,
// defaults. Each case states the Kuma testdata it ports, when it ports one.
#include "policies/mtp/resolver.h"

#include <gtest/gtest.h>

#include "mtp_test_util.h"

namespace meshplane::mtp {
namespace {

using testing::Inbound;
using testing::PeerWith;
using testing::PolicySet;

struct DecideCase {
  std::string name;
  std::map<std::string, std::string> peer_tags;
  Action want;
  std::vector<std::string> want_policies;
};

void ExpectDecisions(const PolicySet& set, const InboundTarget& inbound,
                     const std::vector<DecideCase>& cases) {
  for (const DecideCase& c : cases) {
    Decision d = Decide(set, inbound, PeerWith(c.peer_tags));
    EXPECT_EQ(ActionName(d.action), ActionName(c.want)) << c.name << ": " << d.reason;
    EXPECT_EQ(d.policies, c.want_policies) << c.name << ": " << d.reason;
  }
}

TEST(MtpResolverTest, NoPolicyIsDefaultDeny) {
  PolicySet set(R"(
name: other-service
spec:
  targetRef: {kind: MeshService, name: backend}
  from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]
)");
  Decision d = Decide(set, Inbound({{"kuma.io/service", "web"}}), PeerWith({}));
  EXPECT_EQ(d.action, Action::kDeny);
  EXPECT_EQ(d.mode, Mode::kDefaultDeny);
  EXPECT_EQ(d.reason, "no MeshTrafficPermission selects this inbound: denied by default");
}

TEST(MtpResolverTest, MtlsDisabledAllowsEverything) {
  PolicySet set(R"(
name: deny-all
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]}
)");
  Decision d =
      Decide(set, Inbound({{"kuma.io/service", "web"}}), PeerWith({}), {.mtls_enabled = false});
  EXPECT_EQ(d.action, Action::kAllow);
  EXPECT_EQ(d.mode, Mode::kMtlsDisabled);
  EXPECT_EQ(d.reason, "mTLS disabled: MeshTrafficPermission is not enforced");
}

TEST(MtpResolverTest, BuiltinGatewaysAreNotGoverned) {
  PolicySet set(R"(
name: deny-all
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]}
)");
  InboundTarget gw = Inbound({{"kuma.io/service", "edge"}});
  gw.proxy_type = ProxyType::kBuiltinGateway;
  Decision d = Decide(set, gw, PeerWith({}));
  EXPECT_EQ(d.action, Action::kAllow);
  EXPECT_EQ(d.mode, Mode::kBuiltinGateway);
}

// The more specific top-level targetRef is merged later and wins.
TEST(MtpResolverTest, MoreSpecificTopLevelPolicyWins) {
  PolicySet set(R"(
name: mesh-deny
spec:
  targetRef: {kind: Mesh}
  from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]
---
name: web-allow
spec:
  targetRef: {kind: MeshService, name: web}
  from: [{targetRef: {kind: MeshService, name: frontend}, default: {action: Allow}}]
---
name: subset-shadow
spec:
  targetRef: {kind: MeshSubset, tags: {version: v1}}
  from: [{targetRef: {kind: MeshService, name: frontend}, default: {action: AllowWithShadowDeny}}]
)");
  // Order: mesh-deny (Mesh) < subset-shadow (MeshSubset) < web-allow (MeshService).
  ExpectDecisions(set, Inbound({{"kuma.io/service", "web"}, {"version", "v1"}}),
                  {
                      {"frontend",
                       {{"kuma.io/service", "frontend"}},
                       Action::kAllow,
                       {"mesh-deny", "subset-shadow", "web-allow"}},
                      {"other", {{"kuma.io/service", "other"}}, Action::kDeny, {"mesh-deny"}},
                  });
  // An inbound not tagged version=v1 is not selected by subset-shadow.
  ExpectDecisions(set, Inbound({{"kuma.io/service", "web"}, {"version", "v2"}}),
                  {{"frontend",
                    {{"kuma.io/service", "frontend"}},
                    Action::kAllow,
                    {"mesh-deny", "web-allow"}}});
}

TEST(MtpResolverTest, DataplaneKindOverridesMeshServiceSubset) {
  PolicySet set(R"(
name: mss
spec:
  targetRef: {kind: MeshServiceSubset, name: web, tags: {version: v1}}
  from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]
---
name: dp
spec:
  targetRef: {kind: Dataplane, name: dp-1, sectionName: main}
  from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]
)");
  // Kind rank: Dataplane (2) < MeshServiceSubset (8), so the MeshServiceSubset policy wins.
  ExpectDecisions(set, Inbound({{"kuma.io/service", "web"}, {"version", "v1"}}, "main"),
                  {{"any", {{"kuma.io/service", "x"}}, Action::kAllow, {"dp", "mss"}}});
}

// Kuma: .../fromrules/multiple-policies-lexicog-order.*
TEST(MtpResolverTest, SmallestNameWinsBetweenEquals) {
  PolicySet set(R"(
name: rule-b
spec:
  targetRef: {kind: MeshSubset, tags: {k8s.kuma.io/service-name: demo-app}}
  from:
    - {targetRef: {kind: MeshSubset, tags: {app.kubernetes.io/name: ui}}, default: {action: Allow}}
    - {targetRef: {kind: MeshSubset, tags: {app.kubernetes.io/name: service-payment}}, default: {action: Allow}}
---
name: rule-a
spec:
  targetRef: {kind: MeshSubset, tags: {k8s.kuma.io/service-name: demo-app}}
  from:
    - {targetRef: {kind: MeshSubset, tags: {app.kubernetes.io/name: service-payment}}, default: {action: Deny}}
)");
  ExpectDecisions(set, Inbound({{"k8s.kuma.io/service-name", "demo-app"}}),
                  {
                      {"payment",
                       {{"app.kubernetes.io/name", "service-payment"}},
                       Action::kDeny,
                       {"rule-b", "rule-a"}},
                      {"ui", {{"app.kubernetes.io/name", "ui"}}, Action::kAllow, {"rule-b"}},
                      {"unknown", {{"app.kubernetes.io/name", "x"}}, Action::kDeny, {}},
                  });
}

TEST(MtpResolverTest, ZoneOriginBeatsGlobalOriginAndRoleOrders) {
  PolicySet set(R"(
name: a-global
labels: {kuma.io/origin: global}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]}
---
name: z-zone
labels: {kuma.io/origin: zone}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
)");
  // Names alone would let a-global win; origin ranks first.
  ExpectDecisions(set, Inbound({}), {{"any", {}, Action::kAllow, {"a-global", "z-zone"}}});

  PolicySet roles(R"(
name: a-producer
labels: {kuma.io/policy-role: producer}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Deny}}]}
---
name: z-consumer
labels: {kuma.io/policy-role: consumer, k8s.kuma.io/namespace: ns}
spec: {from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]}
)");
  InboundTarget in = Inbound({});
  in.dataplane_labels["k8s.kuma.io/namespace"] = "ns";
  ExpectDecisions(roles, in, {{"any", {}, Action::kAllow, {"a-producer", "z-consumer"}}});
}

TEST(MtpResolverTest, AllowWithShadowDenyAndNegatedCells) {
  // Kuma: .../fromrules/02.* — deny us-east except backend v2.
  PolicySet set(R"(
name: mtp-1
spec:
  targetRef: {kind: Dataplane, name: dp-1, sectionName: v1}
  from:
    - targetRef: {kind: MeshServiceSubset, name: backend, tags: {kuma.io/zone: us-east, version: v2}}
      default: {action: Allow}
---
name: mtp-2
spec:
  targetRef: {kind: Mesh}
  from:
    - {targetRef: {kind: MeshSubset, tags: {kuma.io/zone: us-east}}, default: {action: Deny}}
    - {targetRef: {kind: MeshSubset, tags: {kuma.io/zone: us-west}}, default: {action: AllowWithShadowDeny}}
)");
  InboundTarget v1 = Inbound({{"kuma.io/service", "web"}, {"version", "v1"}}, "v1");
  ExpectDecisions(
      set, v1,
      {
          {"backend v2 east",
           {{"kuma.io/service", "backend"}, {"kuma.io/zone", "us-east"}, {"version", "v2"}},
           Action::kAllow,
           {"mtp-2", "mtp-1"}},
          {"backend v1 east",
           {{"kuma.io/service", "backend"}, {"kuma.io/zone", "us-east"}, {"version", "v1"}},
           Action::kDeny,
           {"mtp-2"}},
          {"web v2 east",
           {{"kuma.io/service", "web"}, {"kuma.io/zone", "us-east"}, {"version", "v2"}},
           Action::kDeny,
           {"mtp-2"}},
          {"west",
           {{"kuma.io/service", "web"}, {"kuma.io/zone", "us-west"}},
           Action::kAllowWithShadowDeny,
           {"mtp-2"}},
          {"no zone", {{"kuma.io/service", "web"}}, Action::kDeny, {}},
      });
  // The other inbound is not selected by mtp-1: backend v2 in us-east is denied there.
  InboundTarget v3 = Inbound({{"kuma.io/service", "web"}, {"version", "v3"}}, "v3", 8081);
  ExpectDecisions(
      set, v3,
      {{"backend v2 east",
        {{"kuma.io/service", "backend"}, {"kuma.io/zone", "us-east"}, {"version", "v2"}},
        Action::kDeny,
        {"mtp-2"}}});
}

// Overlapping cells from different cliques: Envoy admits a client when ANY allow cell matches.
// Items a={svc:a} Deny, b={version:v1} Allow, c={svc:b} Deny: a and c are disjoint, so the
// cliques are {b,c} and {a,b}. {b,c} says svc=b,version=v1 is Deny, but {a,b} yields the cell
// {svc!=a, version=v1} -> Allow, which the same client also matches. Kuma allows it; a single
// partition of all three (connected components) would deny it.
TEST(MtpResolverTest, CliqueCellsOverlapAndAnyAllowCellAdmits) {
  PolicySet set(R"(
name: p
spec:
  from:
    - {targetRef: {kind: MeshService, name: a}, default: {action: Deny}}
    - {targetRef: {kind: MeshSubset, tags: {version: v1}}, default: {action: Allow}}
    - {targetRef: {kind: MeshService, name: b}, default: {action: Deny}}
)");
  ExpectDecisions(
      set, Inbound({}),
      {
          {"b v1", {{"kuma.io/service", "b"}, {"version", "v1"}}, Action::kAllow, {"p"}},
          {"b v2", {{"kuma.io/service", "b"}, {"version", "v2"}}, Action::kDeny, {"p"}},
          {"a v1", {{"kuma.io/service", "a"}, {"version", "v1"}}, Action::kAllow, {"p"}},
          {"c v1", {{"kuma.io/service", "c"}, {"version", "v1"}}, Action::kAllow, {"p"}},
      });
}

TEST(MtpResolverTest, MultiValuedPeerTags) {
  PolicySet set(R"(
name: p
spec:
  from:
    - {targetRef: {kind: Mesh}, default: {action: Allow}}
    - {targetRef: {kind: MeshService, name: legacy}, default: {action: Deny}}
)");
  Peer both;  // a proxy with two inbounds: its certificate names both services
  both.tags["kuma.io/service"] = {"api", "legacy"};
  Decision d = Decide(set, Inbound({}), both);
  // Cells: {svc=legacy} Deny, {svc!=legacy} Allow. not_id(spiffe://m/legacy) fails for a
  // certificate that carries that SAN, so the client is denied.
  EXPECT_EQ(d.action, Action::kDeny) << d.reason;
  Peer api_only;
  api_only.tags["kuma.io/service"] = {"api"};
  EXPECT_EQ(Decide(set, Inbound({}), api_only).action, Action::kAllow);
}

TEST(MtpResolverTest, FromBuildErrorDeniesEverything) {
  PolicySet set(R"(
name: p
spec: {from: [{targetRef: {kind: MeshGateway, name: gw}, default: {action: Allow}}]}
)");
  Decision d = Decide(set, Inbound({}), PeerWith({}));
  EXPECT_EQ(d.action, Action::kDeny);
  EXPECT_EQ(d.reason,
            "from rules could not be built (can't represent MeshGateway as tags): everything is "
            "denied");
}

// Kuma: .../fromrules/01.* — rules of a Dataplane/sectionName policy and a Mesh policy. All deny
// matches come first, whatever the policy order.
TEST(MtpResolverTest, RulesDenyMatchesFirst) {
  PolicySet set(R"(
type: MeshTrafficPermission
mesh: mesh-1
name: mtp-1
spec:
  targetRef:
    kind: Dataplane
    name: dp-1
    sectionName: v1
  rules:
    - default:
        allow:
          - spiffeID:
              type: Exact
              value: spiffe://mesh-1/backend
    - default:
        allowWithShadowDeny:
          - spiffeID:
              type: Exact
              value: spiffe://mesh-1/orders
---
type: MeshTrafficPermission
mesh: mesh-1
name: mtp-2
spec:
  targetRef:
    kind: Mesh
  rules:
    - default:
        deny:
          - spiffeID:
              type: Prefix
              value: spiffe://mesh-1
)");
  InboundTarget v1 = Inbound({{"version", "v1"}}, "v1", 8080);
  InboundPermissions perms = ResolveInbound(set, v1);
  ASSERT_EQ(perms.mode, Mode::kRules);
  ASSERT_EQ(perms.rules.deny.size(), 1u);
  ASSERT_EQ(perms.rules.allow.size(), 2u);
  EXPECT_EQ(DescribeRuleMatch(perms.rules.deny[0]), "rules[0].default.deny[0] of mtp-2");
  EXPECT_EQ(DescribeRuleMatch(perms.rules.allow[0]), "rules[0].default.allow[0] of mtp-1");
  EXPECT_EQ(DescribeRuleMatch(perms.rules.allow[1]),
            "rules[1].default.allowWithShadowDeny[0] of mtp-1");

  Peer backend;
  backend.spiffe_id = "spiffe://mesh-1/backend";
  Decision d = Decide(perms, backend);
  EXPECT_EQ(d.action, Action::kDeny);
  EXPECT_EQ(d.reason, "denied by rules[0].default.deny[0] of mtp-2");

  Peer other;
  other.spiffe_id = "spiffe://other/backend";
  d = Decide(perms, other);
  EXPECT_EQ(d.action, Action::kDeny);
  EXPECT_EQ(d.reason, "no rule matches the client: denied by \"default\"");
}

TEST(MtpResolverTest, RulesAllowShadowAndSni) {
  PolicySet set(R"(
name: p
spec:
  rules:
    - default:
        deny:
          - spiffeID: {type: Exact, value: spiffe://m/blocked}
        allow:
          - spiffeID: {type: Prefix, value: spiffe://m/team-a/}
          - sni: {type: Exact, value: web.mesh}
            spiffeID: {type: Exact, value: spiffe://m/gw}
        allowWithShadowDeny:
          - spiffeID: {type: Exact, value: spiffe://m/trial}
)");
  auto peer = [](std::string id, std::string sni = "") {
    Peer p;
    p.spiffe_id = std::move(id);
    p.sni = std::move(sni);
    return p;
  };
  InboundTarget in = Inbound({});
  EXPECT_EQ(Decide(set, in, peer("spiffe://m/team-a/api")).action, Action::kAllow);
  EXPECT_EQ(Decide(set, in, peer("spiffe://m/team-b/api")).action, Action::kDeny);
  EXPECT_EQ(Decide(set, in, peer("spiffe://m/blocked")).action, Action::kDeny);
  EXPECT_EQ(Decide(set, in, peer("spiffe://m/gw", "web.mesh")).action, Action::kAllow);
  EXPECT_EQ(Decide(set, in, peer("spiffe://m/gw", "other.mesh")).action, Action::kDeny);
  Decision trial = Decide(set, in, peer("spiffe://m/trial"));
  EXPECT_EQ(trial.action, Action::kAllowWithShadowDeny);
  EXPECT_EQ(trial.reason,
            "allowed by rules[0].default.allowWithShadowDeny[0] of p, shadow-denied by "
            "rules[0].default.allowWithShadowDeny[0] of p");
}

// When any MTP with `rules` selects the inbound, `from` MTPs on it are ignored entirely.
TEST(MtpResolverTest, RulesShadowFrom) {
  PolicySet set(R"(
name: from-allow-all
spec:
  targetRef: {kind: MeshService, name: web}
  from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]
---
name: rules-only-backend
spec:
  targetRef: {kind: Mesh}
  rules:
    - default:
        allow: [{spiffeID: {type: Exact, value: spiffe://m/backend}}]
)");
  Peer frontend = PeerWith({{"kuma.io/service", "frontend"}});
  frontend.spiffe_id = "spiffe://m/frontend";
  Decision d = Decide(set, Inbound({{"kuma.io/service", "web"}}), frontend);
  EXPECT_EQ(d.mode, Mode::kRules);
  EXPECT_EQ(d.action, Action::kDeny);

  // On an inbound the rules policy does not select, the from policy applies.
  PolicySet narrow(R"(
name: from-allow-all
spec:
  targetRef: {kind: MeshService, name: web}
  from: [{targetRef: {kind: Mesh}, default: {action: Allow}}]
---
name: rules-other
spec:
  targetRef: {kind: MeshService, name: other}
  rules:
    - default:
        allow: [{spiffeID: {type: Exact, value: spiffe://m/backend}}]
)");
  d = Decide(narrow, Inbound({{"kuma.io/service", "web"}}), frontend);
  EXPECT_EQ(d.mode, Mode::kFromRules);
  EXPECT_EQ(d.action, Action::kAllow);
}

}  // namespace
}  // namespace meshplane::mtp
