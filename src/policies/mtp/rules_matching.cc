#include "policies/mtp/rules_matching.h"

namespace meshplane::mtp {
namespace {

using Match = MeshTrafficPermission::Match;

RuleMatch FromProto(const Match& m, RuleList list, const std::string& policy, int rule, int j) {
  RuleMatch out;
  out.list = list;
  if (m.has_spiffeid()) {
    out.spiffe_id_type = m.spiffeid().type();
    out.spiffe_id = m.spiffeid().value();
  }
  if (m.has_sni()) {
    out.sni_type = m.sni().type();
    out.sni = m.sni().value();
  }
  out.policy = policy;
  out.rule_index = rule;
  out.match_index = j;
  return out;
}

}  // namespace

RulesMatcher BuildRulesMatcher(std::span<const MtpPolicy* const> sorted) {
  RulesMatcher out;
  for (const MtpPolicy* p : sorted) {
    if (p->spec == nullptr) continue;
    for (int i = 0; i < p->spec->rules_size(); ++i) {
      const auto& conf = p->spec->rules(i).default_();
      for (int j = 0; j < conf.deny_size(); ++j) {
        out.deny.push_back(FromProto(conf.deny(j), RuleList::kDeny, p->name, i, j));
      }
      for (int j = 0; j < conf.allow_size(); ++j) {
        out.allow.push_back(FromProto(conf.allow(j), RuleList::kAllow, p->name, i, j));
      }
      for (int j = 0; j < conf.allowwithshadowdeny_size(); ++j) {
        out.allow.push_back(
            FromProto(conf.allowwithshadowdeny(j), RuleList::kAllowWithShadowDeny, p->name, i, j));
      }
    }
  }
  return out;
}

bool RuleMatchesPeer(const RuleMatch& m, const Peer& peer) {
  if (m.spiffe_id_type.empty() && m.sni_type.empty()) {
    return false;
  }
  if (!m.spiffe_id_type.empty()) {
    if (m.spiffe_id_type == "Exact") {
      if (peer.spiffe_id != m.spiffe_id) return false;
    } else if (m.spiffe_id_type == "Prefix") {
      if (!peer.spiffe_id.starts_with(m.spiffe_id)) return false;
    } else {
      return false;
    }
  }
  if (!m.sni_type.empty()) {
    if (m.sni_type != "Exact" || peer.sni != m.sni) return false;
  }
  return true;
}

std::string DescribeRuleMatch(const RuleMatch& m) {
  const char* list = m.list == RuleList::kDeny    ? "deny"
                     : m.list == RuleList::kAllow ? "allow"
                                                  : "allowWithShadowDeny";
  return "rules[" + std::to_string(m.rule_index) + "].default." + list + "[" +
         std::to_string(m.match_index) + "] of " + m.policy;
}

}  // namespace meshplane::mtp
