// Which MeshTrafficPermission decision applies to traffic reaching one inbound, with Kuma v2.14's
// precedence (pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go). A pure
// function of its inputs: no I/O, no clocks.
//
// `ResolveInbound` computes what the xDS generator turns into Envoy RBAC for the inbound's mTLS
// filter chains; `Decide` evaluates that result for one client the way Envoy would.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "policies/mtp/from_rules.h"
#include "policies/mtp/mtp_types.h"
#include "policies/mtp/rules_matching.h"

namespace meshplane::mtp {

struct ResolveOptions {
  bool mtls_enabled = true;  // Mesh.mtls.enabledBackend is set
  BuildLimits limits;
};

enum class Mode {
  kMtlsDisabled,    // no RBAC at all: everything is allowed
  kBuiltinGateway,  // the plugin does not touch builtin gateways: no RBAC from MTP
  kDefaultDeny,     // no MTP selects the inbound: RBAC ALLOW with no policies
  kFromRules,       // only `from`-based MTPs select it: cells -> RBAC principals
  kRules,           // some MTP with `rules` selects it: `from` MTPs are ignored entirely
};

struct InboundPermissions {
  Mode mode = Mode::kDefaultDeny;
  std::vector<const MtpPolicy*> matched;  // selecting policies, SortByTargetRef order
  std::vector<FromRule> from_rules;       // kFromRules
  RulesMatcher rules;                     // kRules
  // kFromRules only: building the cells failed (unrepresentable kind, cell limit). Kuma then
  // has no rules for the inbound and denies everything; so do we.
  std::string error;
};

InboundPermissions ResolveInbound(std::span<const MtpPolicy> policies, const InboundTarget& inbound,
                                  const ResolveOptions& opts = {});

struct Decision {
  Action action = Action::kDeny;
  Mode mode = Mode::kDefaultDeny;
  std::vector<std::string> policies;  // the policies behind the deciding rule/cell, if any
  std::string reason;
};

Decision Decide(const InboundPermissions& perms, const Peer& peer);

// Convenience: ResolveInbound then Decide.
Decision Decide(std::span<const MtpPolicy> policies, const InboundTarget& inbound, const Peer& peer,
                const ResolveOptions& opts = {});

}  // namespace meshplane::mtp
