#include "resources/meshtimeout/meshtimeout_validator.h"

#include "resources/policy/policy_field_validators.h"
#include "resources/policy/target_ref_validator.h"

namespace meshplane {

namespace {

using kuma::policies::meshtimeout::v1alpha1::MeshTimeout;

constexpr const char* kRouteOnly =
    "can't be specified when top-level TargetRef is referencing MeshHTTPRoute";

ValidationError ValidateHttp(const PathBuilder& path, const MeshTimeout::Conf& conf) {
  ValidationError err;
  if (!conf.has_http()) {
    return err;
  }
  const auto& http = conf.http();
  if (!http.has_requesttimeout() && !http.has_streamidletimeout() &&
      !http.has_maxstreamduration() && !http.has_maxconnectionduration()) {
    err.AddViolationAt(path, "at least one timeout in this section should be configured");
  }
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("requestTimeout"),
                                              http.has_requesttimeout(), http.requesttimeout()));
  err.Append(ValidateDurationNotNegativeOrNil(
      path.Field("streamIdleTimeout"), http.has_streamidletimeout(), http.streamidletimeout()));
  err.Append(ValidateDurationNotNegativeOrNil(
      path.Field("maxStreamDuration"), http.has_maxstreamduration(), http.maxstreamduration()));
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("maxConnectionDuration"),
                                              http.has_maxconnectionduration(),
                                              http.maxconnectionduration()));
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("requestHeadersTimeout"),
                                              http.has_requestheaderstimeout(),
                                              http.requestheaderstimeout()));
  return err;
}

ValidationError ValidateDefault(const PathBuilder& path, const MeshTimeout::Conf& conf,
                                const std::string& top_kind) {
  ValidationError err;
  if (!conf.has_connectiontimeout() && !conf.has_idletimeout() && !conf.has_http()) {
    err.AddViolationAt(path, "at least one timeout should be configured");
    return err;
  }
  if (top_kind == kKindMeshHTTPRoute) {
    if (conf.has_connectiontimeout()) {
      err.AddViolationAt(path.Field("connectionTimeout"), kRouteOnly);
    }
    if (conf.has_idletimeout()) {
      err.AddViolationAt(path.Field("idleTimeout"), kRouteOnly);
    }
    if (conf.has_http() && conf.http().has_maxstreamduration()) {
      err.AddViolationAt(path.Field("http").Field("maxStreamDuration"), kRouteOnly);
    }
    if (conf.has_http() && conf.http().has_maxconnectionduration()) {
      err.AddViolationAt(path.Field("http").Field("maxConnectionDuration"), kRouteOnly);
    }
  }
  err.Append(ValidateDurationGreaterThanZeroOrNil(
      path.Field("connectionTimeout"), conf.has_connectiontimeout(), conf.connectiontimeout()));
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("idleTimeout"), conf.has_idletimeout(),
                                              conf.idletimeout()));
  err.Append(ValidateHttp(path.Field("http"), conf));
  return err;
}

}  // namespace

ValidationError ValidateMeshTimeout(const MeshTimeout& spec, bool system_role) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("spec");
  const bool inbound = spec.from_size() > 0 || spec.rules_size() > 0;
  if (spec.has_targetref()) {
    TargetRefOptions opts{{kKindMesh, kKindMeshSubset, kKindMeshService, kKindMeshServiceSubset,
                           kKindMeshHTTPRoute, kKindDataplane},
                          false,
                          inbound};
    if (system_role) {
      opts.supported_kinds.push_back(kKindMeshGateway);
      opts.gateway_listener_tags_allowed = true;
    }
    err.AddErrorAt(path.Field("targetRef"), ValidateTargetRef(spec.targetref(), opts));
  }
  if (spec.rules_size() > 0 && spec.from_size() > 0) {
    err.AddViolationAt(path, "field 'from' must be empty when 'rules' is defined");
  }
  if (spec.to_size() == 0 && spec.from_size() == 0 && spec.rules_size() == 0) {
    err.AddViolationAt(path, "at least one of 'from', 'to' or 'rules' has to be defined");
  }
  const std::string top_kind = spec.has_targetref() ? spec.targetref().kind() : kKindMesh;
  const bool route_or_gateway = top_kind == kKindMeshHTTPRoute || top_kind == kKindMeshGateway;

  const PathBuilder from_path = path.Field("from");
  if (route_or_gateway && spec.from_size() > 0) {
    err.AddViolationAt(from_path, "must not be defined");
  } else {
    for (int i = 0; i < spec.from_size(); ++i) {
      const PathBuilder item = from_path.Index(static_cast<size_t>(i));
      err.AddErrorAt(item.Field("targetRef"),
                     ValidateTargetRef(spec.from(i).targetref(), {{kKindMesh}}));
      err.Append(ValidateDefault(item.Field("default"), spec.from(i).default_(), top_kind));
    }
  }
  for (int i = 0; i < spec.to_size(); ++i) {
    const PathBuilder item = path.Field("to").Index(static_cast<size_t>(i));
    TargetRefOptions opts;
    if (route_or_gateway) {
      opts.supported_kinds = {kKindMesh};
    } else {
      opts.supported_kinds = {kKindMesh, kKindMeshService, kKindMeshExternalService,
                              kKindMeshMultiZoneService, kKindMeshHTTPRoute};
    }
    err.AddErrorAt(item.Field("targetRef"), ValidateTargetRef(spec.to(i).targetref(), opts));
    err.Append(ValidateDefault(item.Field("default"), spec.to(i).default_(), top_kind));
  }
  for (int i = 0; i < spec.rules_size(); ++i) {
    const PathBuilder item = path.Field("rules").Index(static_cast<size_t>(i));
    err.Append(ValidateDefault(item.Field("default"), spec.rules(i).default_(), top_kind));
  }
  return err;
}

}  // namespace meshplane
