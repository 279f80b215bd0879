#include "resources/meshcircuitbreaker/meshcircuitbreaker_validator.h"

#include <cmath>
#include <cstdlib>

#include "resources/policy/policy_field_validators.h"
#include "resources/policy/target_ref_validator.h"

namespace meshplane {

namespace {

using kuma::policies::meshcircuitbreaker::v1alpha1::MeshCircuitBreaker;
using Conf = MeshCircuitBreaker::Conf;

// An IntOrString: a number, or a string holding a decimal number. nullopt when neither.
std::optional<double> Decimal(const google::protobuf::Value& v) {
  if (v.has_number_value()) {
    return v.number_value();
  }
  if (v.has_string_value()) {
    const std::string& s = v.string_value();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) {
      return d;
    }
  }
  return std::nullopt;
}

ValidationError ValidateConsecutive(const PathBuilder& path, bool has,
                                    const MeshCircuitBreaker::DetectorConsecutive& d) {
  ValidationError err;
  if (has) {
    err.Append(ValidateIntegerGreaterThanZeroOrNil(path.Field("consecutive"), d.has_consecutive(),
                                                   d.consecutive()));
  }
  return err;
}

ValidationError ValidateDetectors(const PathBuilder& path,
                                  const MeshCircuitBreaker::OutlierDetection& od) {
  ValidationError err;
  if (!od.has_detectors()) {
    err.AddViolationAt(path, "must be defined");
    return err;
  }
  const auto& d = od.detectors();
  if (!d.has_failurepercentage() && !d.has_gatewayfailures() && !d.has_localoriginfailures() &&
      !d.has_totalfailures() && !d.has_successrate()) {
    err.AddViolationAt(path,
                       "must have at least one defined: totalFailures, gatewayFailures, "
                       "localOriginFailures, successRate, failurePercentage");
    return err;
  }
  err.Append(
      ValidateConsecutive(path.Field("totalFailures"), d.has_totalfailures(), d.totalfailures()));
  err.Append(ValidateConsecutive(path.Field("gatewayFailures"), d.has_gatewayfailures(),
                                 d.gatewayfailures()));
  err.Append(ValidateConsecutive(path.Field("localOriginFailures"), d.has_localoriginfailures(),
                                 d.localoriginfailures()));
  if (d.has_successrate()) {
    const auto& sr = d.successrate();
    const PathBuilder p = path.Field("successRate");
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("minimumHosts"), sr.has_minimumhosts(),
                                                   sr.minimumhosts()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("requestVolume"), sr.has_requestvolume(),
                                                   sr.requestvolume()));
    if (sr.has_standarddeviationfactor()) {
      auto dec = Decimal(sr.standarddeviationfactor());
      if (!dec) {
        err.AddViolationAt(p.Field("standardDeviationFactor"), "invalid number");
      } else if (*dec <= 0) {
        err.AddViolationAt(p.Field("standardDeviationFactor"), "must be greater than 0");
      }
    }
  }
  if (d.has_failurepercentage()) {
    const auto& fp = d.failurepercentage();
    const PathBuilder p = path.Field("failurePercentage");
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("minimumHosts"), fp.has_minimumhosts(),
                                                   fp.minimumhosts()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("requestVolume"), fp.has_requestvolume(),
                                                   fp.requestvolume()));
    err.Append(
        ValidateUInt32PercentageOrNil(p.Field("threshold"), fp.has_threshold(), fp.threshold()));
  }
  return err;
}

ValidationError ValidateDefault(const PathBuilder& path, const Conf& conf) {
  ValidationError err;
  if (!conf.has_connectionlimits() && !conf.has_outlierdetection()) {
    err.AddViolationAt(path,
                       "at least one of: 'connectionLimits' or 'outlierDetection' should be "
                       "configured");
    return err;
  }
  if (conf.has_connectionlimits()) {
    const auto& l = conf.connectionlimits();
    const PathBuilder p = path.Field("connectionLimits");
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("maxConnections"),
                                                   l.has_maxconnections(), l.maxconnections()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(
        p.Field("maxConnectionPools"), l.has_maxconnectionpools(), l.maxconnectionpools()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(
        p.Field("maxPendingRequests"), l.has_maxpendingrequests(), l.maxpendingrequests()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("maxRetries"), l.has_maxretries(),
                                                   l.maxretries()));
    err.Append(ValidateIntegerGreaterThanZeroOrNil(p.Field("maxRequests"), l.has_maxrequests(),
                                                   l.maxrequests()));
  }
  if (conf.has_outlierdetection()) {
    const auto& od = conf.outlierdetection();
    const PathBuilder p = path.Field("outlierDetection");
    err.Append(ValidateDurationGreaterThanZeroOrNil(p.Field("interval"), od.has_interval(),
                                                    od.interval()));
    err.Append(ValidateDurationGreaterThanZeroOrNil(
        p.Field("baseEjectionTime"), od.has_baseejectiontime(), od.baseejectiontime()));
    err.Append(ValidateUInt32PercentageOrNil(p.Field("maxEjectionPercent"),
                                             od.has_maxejectionpercent(), od.maxejectionpercent()));
    err.Append(ValidateDetectors(p.Field("detectors"), od));
  }
  return err;
}

}  // namespace

ValidationError ValidateMeshCircuitBreaker(const MeshCircuitBreaker& spec) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("spec");
  const bool inbound = spec.from_size() > 0 || spec.rules_size() > 0;
  if (spec.has_targetref()) {
    err.AddErrorAt(path.Field("targetRef"),
                   ValidateTargetRef(spec.targetref(),
                                     {{kKindMesh, kKindMeshSubset, kKindMeshService,
                                       kKindMeshGateway, kKindMeshServiceSubset, kKindDataplane},
                                      true,
                                      inbound}));
  }
  if (spec.rules_size() > 0 && spec.from_size() > 0) {
    err.AddViolationAt(path, "field 'from' must be empty when 'rules' is defined");
  }
  if (spec.to_size() == 0 && spec.from_size() == 0 && spec.rules_size() == 0) {
    err.AddViolationAt(path, "at least one of 'from', 'to' or 'rules' has to be defined");
  }
  for (int i = 0; i < spec.from_size(); ++i) {
    const PathBuilder item = path.Field("from").Index(static_cast<size_t>(i));
    err.AddErrorAt(item.Field("targetRef"),
                   ValidateTargetRef(spec.from(i).targetref(), {{kKindMesh}}));
    err.Append(ValidateDefault(item.Field("default"), spec.from(i).default_()));
  }
  for (int i = 0; i < spec.to_size(); ++i) {
    const PathBuilder item = path.Field("to").Index(static_cast<size_t>(i));
    err.AddErrorAt(item.Field("targetRef"),
                   ValidateTargetRef(spec.to(i).targetref(),
                                     {{kKindMesh, kKindMeshService, kKindMeshExternalService,
                                       kKindMeshMultiZoneService}}));
    err.Append(ValidateDefault(item.Field("default"), spec.to(i).default_()));
  }
  for (int i = 0; i < spec.rules_size(); ++i) {
    const PathBuilder item = path.Field("rules").Index(static_cast<size_t>(i));
    err.Append(ValidateDefault(item.Field("default"), spec.rules(i).default_()));
  }
  return err;
}

}  // namespace meshplane
