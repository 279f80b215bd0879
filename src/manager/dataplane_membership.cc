#include "manager/dataplane_membership.h"

namespace meshplane {

namespace {

using Rules = kuma::mesh::v1alpha1::Mesh::Constraints::DataplaneProxyMembership::Rules;

SingleValueTagSet ToTagSet(const google::protobuf::Map<std::string, std::string>& tags) {
  return SingleValueTagSet(tags.begin(), tags.end());
}

}  // namespace

bool MatchesMembershipRule(const google::protobuf::Map<std::string, std::string>& rule,
                           const SingleValueTagSet& tags) {
  for (const auto& [key, required] : rule) {
    auto it = tags.find(key);
    const std::string& actual = it == tags.end() ? std::string() : it->second;
    if (required == kMatchAllTag && !actual.empty()) {
      continue;
    }
    if (required != actual) {
      return false;
    }
  }
  return true;
}

ValidationError CheckMembership(const std::string& mesh_name,
                                const kuma::mesh::v1alpha1::Mesh& mesh,
                                const kuma::mesh::v1alpha1::Dataplane& dp) {
  ValidationError err;
  if (!mesh.has_constraints() || !mesh.constraints().has_dataplaneproxy()) {
    return err;
  }
  const auto& constraints = mesh.constraints().dataplaneproxy();
  const std::vector<SingleValueTagSet> tag_sets = DataplaneSingleValueTagSets(dp);
  const PathBuilder networking = PathBuilder::RootedAt("networking");
  for (size_t i = 0; i < tag_sets.size(); ++i) {
    const SingleValueTagSet& tags = tag_sets[i];
    // The gateway's tag set, when there is one, comes after every inbound's.
    const bool is_gateway = i >= static_cast<size_t>(dp.networking().inbound_size());
    const PathBuilder path = is_gateway ? networking.Field("gateway").Field("tags")
                                        : networking.Field("inbound").Index(i).Field("tags");
    const std::string prefix = "dataplane cannot be a member of mesh " + GoQuote(mesh_name) +
                               " because its tags " + GoQuote(FormatTags(tags));
    bool allowed = constraints.requirements().empty();
    for (const Rules& requirement : constraints.requirements()) {
      if (MatchesMembershipRule(requirement.tags(), tags)) {
        allowed = true;
        break;
      }
    }
    if (!allowed) {
      err.AddViolationAt(path, prefix + " does not fulfill any requirements defined on the Mesh");
      return err;
    }
    for (const Rules& restriction : constraints.restrictions()) {
      if (MatchesMembershipRule(restriction.tags(), tags)) {
        err.AddViolationAt(path, prefix + " matches restricted tags " +
                                     GoQuote(FormatTags(ToTagSet(restriction.tags()))) +
                                     " defined on the Mesh");
        return err;
      }
    }
  }
  return err;
}

}  // namespace meshplane
