#include "ca/workload_cert_metrics.h"

namespace meshplane {

WorkloadCertificateMetrics::WorkloadCertificateMetrics(MetricsRegistry& registry)
    : issued_(registry.AddCounter("workload_certificates_issued_total",
                                  "Workload (data plane proxy) certificates issued.",
                                  {"mesh", "backend"})),
      failed_(registry.AddCounter("workload_certificate_failures_total",
                                  "Workload certificate requests that failed.",
                                  {"mesh", "backend"})) {}

void WorkloadCertificateMetrics::Issued(const std::string& mesh, const std::string& backend) {
  issued_.WithLabels({mesh, backend}).Inc();
}

void WorkloadCertificateMetrics::Failed(const std::string& mesh, const std::string& backend) {
  failed_.WithLabels({mesh, backend}).Inc();
}

}  // namespace meshplane
