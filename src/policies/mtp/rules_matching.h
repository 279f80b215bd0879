// `spec.rules` of MeshTrafficPermission (Kuma v2.14 xds/rbac_configurer.go): SPIFFE ID and SNI
// matches. Envoy evaluates every `deny` match of every rule first, then every `allow` and
// `allowWithShadowDeny` match; nothing matched means DENY (action name "default").
// `allowWithShadowDeny` matches are also listed, as DENY, in the shadow matcher.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "policies/mtp/mtp_types.h"

namespace meshplane::mtp {

enum class RuleList { kDeny, kAllow, kAllowWithShadowDeny };

// One entry of rules[i].default.<list>[j] of one policy.
struct RuleMatch {
  RuleList list = RuleList::kDeny;
  std::string spiffe_id_type;  // "Exact" or "Prefix"; empty when the match has no spiffeID
  std::string spiffe_id;
  std::string sni_type;  // "Exact"; empty when the match has no sni
  std::string sni;
  std::string policy;
  int rule_index = 0;
  int match_index = 0;
};

// The matches of the policies in `sorted` order, grouped as Envoy evaluates them: all deny
// entries first, then allow and allowWithShadowDeny entries (each group in policy, rule, entry
// order).
struct RulesMatcher {
  std::vector<RuleMatch> deny;
  std::vector<RuleMatch> allow;  // allow and allowWithShadowDeny, interleaved in rule order
};

RulesMatcher BuildRulesMatcher(std::span<const MtpPolicy* const> sorted);

// A match holds when every field it sets holds: spiffeID Exact (equality) or Prefix against
// `peer.spiffe_id`, sni Exact against `peer.sni`. A match that sets neither field (rejected by
// validation) or uses an unknown type matches nothing.
bool RuleMatchesPeer(const RuleMatch& m, const Peer& peer);

// "rules[0].default.allowWithShadowDeny[1] of policy-a"
std::string DescribeRuleMatch(const RuleMatch& m);

}  // namespace meshplane::mtp
