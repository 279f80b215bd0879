#include "resources/meshretry/meshretry_validator.h"

#include <set>
#include <string>

#include "resources/policy/policy_field_validators.h"
#include "resources/policy/target_ref_validator.h"

namespace meshplane {

namespace {

using kuma::policies::meshretry::v1alpha1::MeshRetry;

constexpr const char* kMustNotBeEmpty = "must not be empty";

// Go's net/http.StatusText knows these codes; any of them is a valid retryOn item.
bool KnownHttpStatus(const std::string& s) {
  static const std::set<int> codes = {
      100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301,
      302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
      410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428,
      429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};
  if (s.empty() || s.size() > 3) {
    return false;
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return codes.count(std::stoi(s)) > 0;
}

ValidationError ValidateBackOff(const MeshRetry::BackOff& b) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("backOff");
  if (!b.has_baseinterval() && !b.has_maxinterval()) {
    err.AddViolationAt(path, kMustNotBeEmpty);
  }
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("baseInterval"), b.has_baseinterval(),
                                              b.baseinterval()));
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("maxInterval"), b.has_maxinterval(),
                                              b.maxinterval()));
  return err;
}

ValidationError ValidateRateLimitedBackOff(const MeshRetry::RateLimitedBackOff& r) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("rateLimitedBackOff");
  if (r.has_maxinterval()) {
    err.Append(ValidateDurationGreaterThanZero(path.Field("maxInterval"), true, r.maxinterval()));
  }
  if (r.resetheaders_size() == 0) {
    err.AddViolationAt(path.Field("resetHeaders"), "must be defined");
  }
  for (int i = 0; i < r.resetheaders_size(); ++i) {
    if (r.resetheaders(i).name().empty()) {
      err.AddViolationAt(path.Field("resetHeaders").Index(static_cast<size_t>(i)).Field("name"),
                         "must be defined");
    }
  }
  return err;
}

ValidationError ValidateHostSelection(const MeshRetry::HTTP& http) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("hostSelection");
  bool priority_set = false;
  for (int i = 0; i < http.hostselection_size(); ++i) {
    const auto& p = http.hostselection(i);
    const PathBuilder item = path.Index(static_cast<size_t>(i));
    if (p.predicate() == "OmitHostsWithTags") {
      if (p.tags().empty()) {
        err.AddViolationAt(item.Field("tags"), "must be defined");
      }
    } else if (p.predicate() == "OmitPreviousPriorities") {
      if (priority_set) {
        err.AddViolationAt(item.Field("predicate"), p.predicate() + " must only be specified once");
      }
      if (p.updatefrequency() <= 0) {
        err.AddViolationAt(item.Field("updateFrequency"), "must be defined and greater than zero");
      }
      priority_set = true;
    } else if (p.predicate() != "OmitPreviousHosts") {
      err.AddViolationAt(item.Field("predicate"), "unknown predicate type '" + p.predicate() + "'");
    }
  }
  return err;
}

ValidationError ValidateHttp(const MeshRetry::HTTP& http) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("http");
  if (!http.has_numretries() && !http.has_pertrytimeout() && !http.has_backoff() &&
      http.retryon_size() == 0 && http.retriablerequestheaders_size() == 0 &&
      http.retriableresponseheaders_size() == 0 && !http.has_ratelimitedbackoff() &&
      http.hostselection_size() == 0) {
    err.AddViolationAt(path, kMustNotBeEmpty);
  }
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("perTryTimeout"), http.has_pertrytimeout(),
                                              http.pertrytimeout()));
  if (http.has_backoff()) {
    err.AddErrorAt(path, ValidateBackOff(http.backoff()));
  }
  if (http.has_ratelimitedbackoff()) {
    err.AddErrorAt(path, ValidateRateLimitedBackOff(http.ratelimitedbackoff()));
  }
  static const std::set<std::string> kRetryOn = {"5xx",
                                                 "gateway-error",
                                                 "reset",
                                                 "retriable-4xx",
                                                 "connect-failure",
                                                 "envoy-ratelimited",
                                                 "refused-stream",
                                                 "http3-post-connect-failure",
                                                 "CONNECT",
                                                 "DELETE",
                                                 "GET",
                                                 "HEAD",
                                                 "OPTIONS",
                                                 "PATCH",
                                                 "POST",
                                                 "PUT",
                                                 "TRACE"};
  for (int i = 0; i < http.retryon_size(); ++i) {
    const std::string& ro = http.retryon(i);
    if (kRetryOn.count(ro) == 0 && !KnownHttpStatus(ro)) {
      err.AddViolationAt(path.Field("retryOn").Index(static_cast<size_t>(i)),
                         "unknown item '" + ro + "'");
    }
  }
  if (http.hostselection_size() > 0) {
    err.AddErrorAt(path, ValidateHostSelection(http));
  }
  return err;
}

ValidationError ValidateGrpc(const MeshRetry::GRPC& grpc) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("grpc");
  if (!grpc.has_numretries() && !grpc.has_pertrytimeout() && !grpc.has_backoff() &&
      grpc.retryon_size() == 0 && !grpc.has_ratelimitedbackoff()) {
    err.AddViolationAt(path, kMustNotBeEmpty);
  }
  err.Append(ValidateDurationNotNegativeOrNil(path.Field("perTryTimeout"), grpc.has_pertrytimeout(),
                                              grpc.pertrytimeout()));
  if (grpc.has_backoff()) {
    err.AddErrorAt(path, ValidateBackOff(grpc.backoff()));
  }
  if (grpc.has_ratelimitedbackoff()) {
    err.AddErrorAt(path, ValidateRateLimitedBackOff(grpc.ratelimitedbackoff()));
  }
  static const std::set<std::string> kRetryOn = {"canceled", "deadline-exceeded", "internal",
                                                 "resource-exhausted", "unavailable"};
  for (int i = 0; i < grpc.retryon_size(); ++i) {
    if (kRetryOn.count(grpc.retryon(i)) == 0) {
      err.AddViolationAt(path.Field("retryOn").Index(static_cast<size_t>(i)),
                         "unknown item '" + grpc.retryon(i) + "'");
    }
  }
  return err;
}

ValidationError ValidateDefault(const MeshRetry::Conf& conf) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("conf");
  if (!conf.has_tcp() && !conf.has_http() && !conf.has_grpc()) {
    err.AddViolationAt(path, "at least one of the 'tcp', 'http', 'grpc' must be specified");
  }
  if (conf.has_tcp() && !conf.tcp().has_maxconnectattempt()) {
    err.AddViolationAt(path.Field("tcp"), kMustNotBeEmpty);
  }
  if (conf.has_http()) {
    err.AddErrorAt(path, ValidateHttp(conf.http()));
  }
  if (conf.has_grpc()) {
    err.AddErrorAt(path, ValidateGrpc(conf.grpc()));
  }
  return err;
}

}  // namespace

ValidationError ValidateMeshRetry(const MeshRetry& spec) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("spec");
  if (spec.has_targetref()) {
    err.AddErrorAt(path.Field("targetRef"),
                   ValidateTargetRef(spec.targetref(),
                                     {{kKindMesh, kKindMeshSubset, kKindMeshGateway,
                                       kKindMeshService, kKindMeshServiceSubset, kKindDataplane},
                                      true,
                                      false}));
  }
  if (spec.to_size() == 0) {
    err.AddViolationAt(path.Field("to"), "needs at least one item");
  }
  const bool gateway = spec.has_targetref() && spec.targetref().kind() == kKindMeshGateway;
  for (int i = 0; i < spec.to_size(); ++i) {
    const PathBuilder item = path.Field("to").Index(static_cast<size_t>(i));
    TargetRefOptions opts;
    if (gateway) {
      opts.supported_kinds = {kKindMesh};
    } else {
      opts.supported_kinds = {kKindMesh, kKindMeshService, kKindMeshExternalService,
                              kKindMeshMultiZoneService, kKindMeshHTTPRoute};
    }
    err.AddErrorAt(item.Field("targetRef"), ValidateTargetRef(spec.to(i).targetref(), opts));
    err.AddErrorAt(item.Field("default"), ValidateDefault(spec.to(i).default_()));
  }
  return err;
}

}  // namespace meshplane
