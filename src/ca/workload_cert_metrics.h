// Counters of workload certificate issuance, by mesh and CA backend:
//   workload_certificates_issued_total{mesh, backend}
//   workload_certificate_failures_total{mesh, backend}  (backend "" when none is enabled)
// Any number of instances may be built on one registry: they share the same families.
#pragma once

#include <string>

#include "metrics/metrics_registry.h"

namespace meshplane {

class WorkloadCertificateMetrics {
 public:
  explicit WorkloadCertificateMetrics(MetricsRegistry& registry);

  void Issued(const std::string& mesh, const std::string& backend);
  void Failed(const std::string& mesh, const std::string& backend);

 private:
  CounterFamily& issued_;
  CounterFamily& failed_;
};

}  // namespace meshplane
