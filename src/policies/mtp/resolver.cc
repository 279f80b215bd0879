#include "policies/mtp/resolver.h"

#include "policies/mtp/policy_matching.h"

namespace meshplane::mtp {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

Decision DecideFrom(const InboundPermissions& perms, const Peer& peer) {
  Decision d{.action = Action::kDeny, .mode = perms.mode};
  if (!perms.error.empty()) {
    d.reason = "from rules could not be built (" + perms.error + "): everything is denied";
    return d;
  }
  // Envoy: ALLOW if any Allow/AllowWithShadowDeny cell's principal matches; the shadow DENY
  // policy holds the AllowWithShadowDeny cells. Deny cells produce no principal.
  const FromRule* allow = nullptr;
  const FromRule* shadow = nullptr;
  const FromRule* first_match = nullptr;
  for (const FromRule& rule : perms.from_rules) {
    if (!CellMatchesPeer(rule.subset, peer)) continue;
    if (first_match == nullptr) first_match = &rule;
    std::optional<Action> a = rule.parsed();
    if (a == Action::kAllow && allow == nullptr) allow = &rule;
    if (a == Action::kAllowWithShadowDeny && shadow == nullptr) shadow = &rule;
  }
  if (shadow != nullptr) {
    d.action = Action::kAllowWithShadowDeny;
    d.policies = shadow->origins;
    d.reason = "allowed, shadow-denied, by from cell " + SubsetToString(shadow->subset) + " (" +
               Join(shadow->origins) + ")";
  } else if (allow != nullptr) {
    d.action = Action::kAllow;
    d.policies = allow->origins;
    d.reason =
        "allowed by from cell " + SubsetToString(allow->subset) + " (" + Join(allow->origins) + ")";
  } else if (first_match != nullptr) {
    d.policies = first_match->origins;
    d.reason = "denied by from cell " + SubsetToString(first_match->subset) + " (" +
               Join(first_match->origins) + ")";
  } else {
    d.reason = "no from cell matches the client: denied";
  }
  return d;
}

Decision DecideRules(const InboundPermissions& perms, const Peer& peer) {
  Decision d{.action = Action::kDeny, .mode = perms.mode};
  for (const RuleMatch& m : perms.rules.deny) {
    if (RuleMatchesPeer(m, peer)) {
      d.policies = {m.policy};
      d.reason = "denied by " + DescribeRuleMatch(m);
      return d;
    }
  }
  const RuleMatch* first = nullptr;
  const RuleMatch* shadow = nullptr;
  for (const RuleMatch& m : perms.rules.allow) {
    if (!RuleMatchesPeer(m, peer)) continue;
    if (first == nullptr) first = &m;
    if (m.list == RuleList::kAllowWithShadowDeny && shadow == nullptr) shadow = &m;
  }
  if (first == nullptr) {
    d.reason = "no rule matches the client: denied by \"default\"";
    return d;
  }
  d.action = shadow != nullptr ? Action::kAllowWithShadowDeny : Action::kAllow;
  d.policies = {first->policy};
  d.reason = "allowed by " + DescribeRuleMatch(*first);
  if (shadow != nullptr) {
    d.reason += ", shadow-denied by " + DescribeRuleMatch(*shadow);
    if (shadow->policy != first->policy) d.policies.push_back(shadow->policy);
  }
  return d;
}

}  // namespace

InboundPermissions ResolveInbound(std::span<const MtpPolicy> policies, const InboundTarget& inbound,
                                  const ResolveOptions& opts) {
  InboundPermissions perms;
  if (inbound.proxy_type == ProxyType::kBuiltinGateway) {
    perms.mode = Mode::kBuiltinGateway;
    return perms;
  }
  if (!opts.mtls_enabled) {
    perms.mode = Mode::kMtlsDisabled;
    return perms;
  }
  perms.matched = MatchPolicies(policies, inbound);
  if (perms.matched.empty()) {
    perms.mode = Mode::kDefaultDeny;
    return perms;
  }
  std::vector<const MtpPolicy*> with_rules;
  for (const MtpPolicy* p : perms.matched) {
    if (p->spec->rules_size() > 0) with_rules.push_back(p);
  }
  if (!with_rules.empty()) {
    perms.mode = Mode::kRules;
    perms.rules = BuildRulesMatcher(with_rules);
    return perms;
  }
  perms.mode = Mode::kFromRules;
  Result<std::vector<FromItem>> items = CollectFromItems(perms.matched);
  if (!items.ok()) {
    perms.error = items.status().message();
    return perms;
  }
  Result<std::vector<FromRule>> rules = BuildFromRules(*items, opts.limits);
  if (!rules.ok()) {
    perms.error = rules.status().message();
    return perms;
  }
  perms.from_rules = std::move(*rules);
  return perms;
}

Decision Decide(const InboundPermissions& perms, const Peer& peer) {
  switch (perms.mode) {
    case Mode::kMtlsDisabled:
      return {.action = Action::kAllow,
              .mode = perms.mode,
              .reason = "mTLS disabled: MeshTrafficPermission is not enforced"};
    case Mode::kBuiltinGateway:
      return {.action = Action::kAllow,
              .mode = perms.mode,
              .reason = "MeshTrafficPermission does not apply to builtin gateways"};
    case Mode::kDefaultDeny:
      return {.action = Action::kDeny,
              .mode = perms.mode,
              .reason = "no MeshTrafficPermission selects this inbound: denied by default"};
    case Mode::kFromRules:
      return DecideFrom(perms, peer);
    case Mode::kRules:
      return DecideRules(perms, peer);
  }
  return {};
}

Decision Decide(std::span<const MtpPolicy> policies, const InboundTarget& inbound, const Peer& peer,
                const ResolveOptions& opts) {
  return Decide(ResolveInbound(policies, inbound, opts), peer);
}

}  // namespace meshplane::mtp
