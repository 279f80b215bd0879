// CA figures: making a builtin root CA (what a Mesh create with a builtin backend costs) and
// issuing one workload certificate with a generated RSA 2048 key, a generated ECDSA P-256 key,
// or a proxy's CSR (signature check + signing only), each signed by an RSA 2048 root.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>

#include "bench_report.h"
#include "ca/builtin/builtin_root_ca.h"
#include "ca/workload_cert_issuer.h"
#include "ca/x509_certificate.h"

namespace meshplane {
namespace {

const SigningCa& Root() {
  static const SigningCa* root = [] {
    auto ca = GenerateBuiltinRootCa("bench", 2048, kDefaultCaValidity, Clock::now());
    if (!ca.ok()) {
      std::abort();
    }
    return new SigningCa{ca->cert_pem, ca->key_pem};
  }();
  return *root;
}

WorkloadCertificateParams Params() {
  WorkloadCertificateParams p;
  p.mesh = "bench";
  p.tags = {{"kuma.io/service", {"web"}}, {"version", {"v1"}}, {"kuma.io/zone", {"zone-1"}}};
  p.now = Clock::now();
  return p;
}

std::string EcdsaCsr() {
  auto key = GenerateEcdsaP256Key();
  X509_REQ* req = X509_REQ_new();
  X509_REQ_set_pubkey(req, key->get());
  X509_REQ_sign(req, key->get(), EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, req);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  X509_REQ_free(req);
  return pem;
}

void BM_BuiltinRootCaRsa2048(benchmark::State& state) {
  for (auto _ : state) {
    auto ca = GenerateBuiltinRootCa("bench", 2048, kDefaultCaValidity, Clock::now());
    benchmark::DoNotOptimize(ca);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuiltinRootCaRsa2048)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void Issue(benchmark::State& state, const WorkloadKeyRequest& request) {
  Root();
  WorkloadCertificateParams params = Params();
  for (auto _ : state) {
    auto cert = IssueWorkloadCertificate(params, Root(), request);
    if (!cert.ok()) {
      state.SkipWithError(cert.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(cert);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_IssueWorkloadCertRsa2048Key(benchmark::State& state) {
  Issue(state, WorkloadKeyRequest::Generate(WorkloadKeyType::kRsa2048));
}
BENCHMARK(BM_IssueWorkloadCertRsa2048Key)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_IssueWorkloadCertEcdsaP256Key(benchmark::State& state) {
  Issue(state, WorkloadKeyRequest::Generate(WorkloadKeyType::kEcdsaP256));
}
BENCHMARK(BM_IssueWorkloadCertEcdsaP256Key)->Unit(benchmark::kMillisecond);

void BM_IssueWorkloadCertFromCsr(benchmark::State& state) {
  Issue(state, WorkloadKeyRequest::FromCsr(EcdsaCsr()));
}
BENCHMARK(BM_IssueWorkloadCertFromCsr)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace meshplane

int main(int argc, char** argv) {
  return meshplane::bench::RunBenchmarks(
      argc, argv, "CA and workload certificates (bench/ca_bench)",
      "One thread. Root CA: RSA 2048 key generation plus self-signing, the cost a Mesh create "
      "with a builtin backend adds. Workload certificates are signed by an RSA 2048 root "
      "(SHA-256) and carry three tags; key generation dominates the RSA case, which is why "
      "`ca.workloadCertificateKeyType: ECDSA` or a proxy CSR is much cheaper. RSA key "
      "generation time varies widely from run to run (prime search). Measured on a 2-core machine "
      "shared with other builds: read the ratios, not the absolute times.");
}
