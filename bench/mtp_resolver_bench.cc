// MeshTrafficPermission resolution: the cost of computing an inbound's `from` cells (policy
// matching, ordering, cliques, merge) and of deciding one client, as the number of `from` items
// on the inbound grows. Also the worst case of the cliques algorithm: overlapping items with
// distinct tag keys enumerate 2^k cells.
#include <benchmark/benchmark.h>

#include <deque>
#include <string>
#include <vector>

#include "bench_report.h"
#include "policies/mtp/resolver.h"

namespace meshplane::mtp {
namespace {

// One policy per caller, as zones that generate a MeshTrafficPermission per dependency have them
// (the shape of Kuma's cliques_bench_test.go), plus a mesh-wide deny. tags=2 adds version v0..v2
// to each caller, so callers of different versions overlap.
struct Workload {
  std::deque<MeshTrafficPermission> specs;
  std::vector<MtpPolicy> policies;
  InboundTarget inbound;

  Workload(int from_items, int tags_per_caller) {
    inbound.dataplane_name = "web-1";
    inbound.inbound_tags = {{"kuma.io/service", "web"}};
    auto* deny = Add("deny-all").add_from();
    deny->mutable_targetref()->set_kind("Mesh");
    deny->mutable_default_()->set_action("Deny");
    for (int i = 0; i < from_items - 1; ++i) {
      MeshTrafficPermission& spec = Add("allow-caller-" + std::to_string(i));
      spec.mutable_targetref()->set_kind("MeshService");
      spec.mutable_targetref()->set_name("web");
      auto* from = spec.add_from();
      from->mutable_targetref()->set_kind("MeshSubset");
      (*from->mutable_targetref()->mutable_tags())["kuma.io/service"] =
          "caller-" + std::to_string(i);
      if (tags_per_caller > 1) {
        (*from->mutable_targetref()->mutable_tags())["version"] = "v" + std::to_string(i % 3);
      }
      from->mutable_default_()->set_action("Allow");
    }
  }

  MeshTrafficPermission& Add(std::string name) {
    specs.emplace_back();
    policies.push_back({std::move(name), {}, &specs.back()});
    return specs.back();
  }
};

Peer Caller(int i) {
  Peer p;
  p.tags["kuma.io/service"] = {"caller-" + std::to_string(i)};
  p.tags["version"] = {"v" + std::to_string(i % 3)};
  return p;
}

// Resolve + decide: what answering "may X call Y" costs without caching.
void BM_ResolveAndDecide(benchmark::State& state) {
  Workload w(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  const Peer peer = Caller(static_cast<int>(state.range(0)) / 2);
  for (auto _ : state) {
    Decision d = Decide(w.policies, w.inbound, peer);
    if (d.action != Action::kAllow) state.SkipWithError("expected Allow");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResolveAndDecide)
    ->ArgNames({"from", "tags"})
    ->Args({10, 1})
    ->Args({100, 1})
    ->Args({1000, 1})
    ->Args({10, 2})
    ->Args({100, 2})
    ->Args({1000, 2})
    ->Unit(benchmark::kMicrosecond);

// Deciding against cells computed once per inbound (what a cache keyed by inbound would serve).
void BM_DecideCached(benchmark::State& state) {
  Workload w(static_cast<int>(state.range(0)), 1);
  const InboundPermissions perms = ResolveInbound(w.policies, w.inbound);
  const Peer peer = Caller(static_cast<int>(state.range(0)) / 2);
  for (auto _ : state) {
    Decision d = Decide(perms, peer);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideCached)
    ->ArgName("from")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMicrosecond);

// k from items that all overlap (distinct keys): one clique of k tags, 2^k cells.
void BM_OverlappingDistinctKeys(benchmark::State& state) {
  std::vector<FromItem> items;
  for (int i = 0; i < state.range(0); ++i) {
    items.push_back({{{"key-" + std::to_string(i), "v", false}}, "Allow", "p", i});
  }
  size_t cells = 0;
  for (auto _ : state) {
    auto rules = BuildFromRules(items);
    cells = rules.ok() ? rules->size() : 0;
    benchmark::DoNotOptimize(rules);
  }
  state.counters["cells"] = static_cast<double>(cells);
}
BENCHMARK(BM_OverlappingDistinctKeys)
    ->ArgName("k")
    ->Arg(4)
    ->Arg(8)
    ->Arg(12)
    ->Arg(16)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace meshplane::mtp

int main(int argc, char** argv) {
  return meshplane::bench::RunBenchmarks(
      argc, argv, "MeshTrafficPermission resolver (bench/mtp_resolver_bench)",
      "One inbound selected by a mesh-wide deny plus one MeshService policy per allowed caller "
      "(`from` = number of `from` items; `tags=2` adds a version tag so callers overlap). "
      "ResolveAndDecide matches, orders, builds the cells (cliques) and decides one client; "
      "DecideCached decides against cells built once. OverlappingDistinctKeys is the worst case "
      "of the cliques algorithm: k overlapping items with distinct keys give 2^k cells.");
}
