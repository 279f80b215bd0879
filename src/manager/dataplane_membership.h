// Data plane proxy membership (Kuma's membership_validator.go): whether a Dataplane may join a
// mesh under the mesh's `constraints.dataplaneProxy`. Each tag set of the proxy (one per inbound,
// then the gateway's) is checked in order, requirements before restrictions; the first failing
// tag set rejects the proxy. A rule matches when every one of its tags is on the tag set with
// the same value, or with any non-empty value for "*".
//
// Kuma returns a plain error (HTTP 500). Here a rejection is a ValidationError (HTTP 400) with
// Kuma's message text, at the path of the tag set that failed: `networking.inbound[<i>].tags` or
// `networking.gateway.tags`.
#pragma once

#include <string>

#include "core/error.h"
#include "core/validation.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/dataplane/dataplane_helpers.h"

namespace meshplane {

// True when every tag of `rule` is on `tags`: equal, or present and non-empty for "*".
bool MatchesMembershipRule(const google::protobuf::Map<std::string, std::string>& rule,
                           const SingleValueTagSet& tags);

// Empty when `dp` may be a member of mesh `mesh_name` whose spec is `mesh`; otherwise one
// violation with Kuma's message:
//   dataplane cannot be a member of mesh "<mesh>" because its tags "<k=v ...>" does not
//   fulfill any requirements defined on the Mesh
//   dataplane cannot be a member of mesh "<mesh>" because its tags "<k=v ...>" matches
//   restricted tags "<k=v ...>" defined on the Mesh
ValidationError CheckMembership(const std::string& mesh_name,
                                const kuma::mesh::v1alpha1::Mesh& mesh,
                                const kuma::mesh::v1alpha1::Dataplane& dp);

}  // namespace meshplane
