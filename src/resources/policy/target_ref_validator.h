// Validation of the targetRef of new-style policies, shared by every policy kind (Kuma 2.x's
// ValidateTargetRef, ValidateTags and ValidateSelector in
// pkg/core/resources/apis/mesh/validators.go). Paths are relative to the targetRef: callers nest
// the result under e.g. `spec.targetRef` or `spec.from[0].targetRef`.
#pragma once

#include <google/protobuf/map.h>

#include <string>
#include <vector>

#include "common/v1alpha1/targetref.pb.h"
#include "core/validation.h"

namespace meshplane {

// TargetRef kinds (Kuma's common_api.TargetRefKind).
inline constexpr const char* kKindMesh = "Mesh";
inline constexpr const char* kKindMeshSubset = "MeshSubset";
inline constexpr const char* kKindMeshService = "MeshService";
inline constexpr const char* kKindMeshServiceSubset = "MeshServiceSubset";
inline constexpr const char* kKindMeshGateway = "MeshGateway";
inline constexpr const char* kKindMeshHTTPRoute = "MeshHTTPRoute";
inline constexpr const char* kKindMeshExternalService = "MeshExternalService";
inline constexpr const char* kKindMeshMultiZoneService = "MeshMultiZoneService";
inline constexpr const char* kKindDataplane = "Dataplane";

struct TargetRefOptions {
  // Kinds allowed at this position; any other gives `kind: value '<K>' is not supported`.
  std::vector<std::string> supported_kinds;
  // MeshGateway may carry listener tags (top-level targetRef of outbound policies).
  bool gateway_listener_tags_allowed = false;
  // The policy configures inbounds (has `from` or `rules`): only then may a Dataplane ref name
  // a `sectionName`.
  bool is_inbound_policy = false;
};

// Checks, in Kuma's order: the kind is set (`kind: must be defined`) and supported (then stops);
// then the kind's field rules: fields that must not be set with the kind
// (`<field>: must not be set with kind <K>`), required ones (`must be set with kind <K>`),
// names (lower-case alphanumerics, '-', '.', '_'), tags, labels vs name/namespace, sectionName.
ValidationError ValidateTargetRef(const kuma::common::v1alpha1::TargetRef& ref,
                                  const TargetRefOptions& opts);

using TagMap = google::protobuf::Map<std::string, std::string>;

// Kuma's ValidateTags: keys `^[a-zA-Z0-9.\-_:/]*$`, values non-empty `^[a-zA-Z0-9.\-_:]*$`.
ValidationError ValidateTags(const PathBuilder& path, const TagMap& tags);
// Kuma's ValidateSelector: as ValidateTags, but a value may also contain '/' or be "*".
ValidationError ValidateSelector(const PathBuilder& path, const TagMap& tags);

// Kuma's TopLevelTargetRefDeprecations: MeshService, MeshServiceSubset and MeshSubset in the
// top-level targetRef give `<K> value for 'targetRef.kind' is deprecated, use Dataplane with
// labels instead`. `ref` may be null (no targetRef).
std::vector<std::string> TopLevelTargetRefDeprecations(
    const kuma::common::v1alpha1::TargetRef* ref);

}  // namespace meshplane
