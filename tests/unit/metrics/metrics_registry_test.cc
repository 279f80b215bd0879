#include "metrics/metrics_registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace meshplane {
namespace {

TEST(MetricsRegistryTest, RendersCounterWithHelpTypeAndLabels) {
  MetricsRegistry registry;
  auto& requests = registry.AddCounter("api_server_http_requests_total", "Requests served.",
                                       {"handler", "method", "code"});
  requests.WithLabels({"/meshes", "GET", "200"}).Inc();
  requests.WithLabels({"/meshes", "GET", "200"}).Inc(2);
  requests.WithLabels({"/meshes/{name}", "PUT", "201"}).Inc();

  EXPECT_EQ(registry.Render(),
            "# HELP api_server_http_requests_total Requests served.\n"
            "# TYPE api_server_http_requests_total counter\n"
            "api_server_http_requests_total{handler=\"/meshes\",method=\"GET\",code=\"200\"} 3\n"
            "api_server_http_requests_total{handler=\"/meshes/{name}\",method=\"PUT\","
            "code=\"201\"} 1\n");
}

TEST(MetricsRegistryTest, RendersHistogramBucketsCumulativelyWithSumAndCount) {
  MetricsRegistry registry;
  auto& latency = registry.AddHistogram("store", "Store latency.", {"operation"}, {0.5, 1});
  auto& get = latency.WithLabels({"get"});
  get.Observe(0.25);
  get.Observe(0.5);  // on the bound: counted in le="0.5"
  get.Observe(0.75);
  get.Observe(3);

  EXPECT_EQ(registry.Render(),
            "# HELP store Store latency.\n"
            "# TYPE store histogram\n"
            "store_bucket{operation=\"get\",le=\"0.5\"} 2\n"
            "store_bucket{operation=\"get\",le=\"1\"} 3\n"
            "store_bucket{operation=\"get\",le=\"+Inf\"} 4\n"
            "store_sum{operation=\"get\"} 4.5\n"
            "store_count{operation=\"get\"} 4\n");
}

TEST(MetricsRegistryTest, UnlabeledMetricsExistFromRegistrationAndLabeledOnesFromFirstUse) {
  MetricsRegistry registry;
  registry.AddGauge("xds_streams_active", "Active streams.");
  registry.AddCounter("store_conflicts", "Conflicts.", {"resource_type"});
  EXPECT_EQ(registry.Render(),
            "# HELP xds_streams_active Active streams.\n"
            "# TYPE xds_streams_active gauge\n"
            "xds_streams_active 0\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  MetricsRegistry registry;
  registry.AddGauge("g", "a \\ help\nline", {"l"}).WithLabels({"quote\" back\\ nl\n"}).Set(-2.5);
  EXPECT_EQ(registry.Render(),
            "# HELP g a \\\\ help\\nline\n"
            "# TYPE g gauge\n"
            "g{l=\"quote\\\" back\\\\ nl\\n\"} -2.5\n");
}

TEST(MetricsRegistryTest, ConstantLabelsComeFirstOnEverySample) {
  MetricsRegistry registry(std::map<std::string, std::string>{{"zone", "east"}});
  registry.AddCounter("c", "C.", {"k"}).WithLabels({"v"}).Inc();
  registry.AddHistogram("h", "H.", {}, {1}).WithLabels({}).Observe(2);
  EXPECT_EQ(registry.Render(),
            "# HELP c C.\n# TYPE c counter\nc{zone=\"east\",k=\"v\"} 1\n"
            "# HELP h H.\n# TYPE h histogram\n"
            "h_bucket{zone=\"east\",le=\"1\"} 0\n"
            "h_bucket{zone=\"east\",le=\"+Inf\"} 1\n"
            "h_sum{zone=\"east\"} 2\n"
            "h_count{zone=\"east\"} 1\n");
}

TEST(MetricsRegistryTest, FamiliesAreSortedByName) {
  MetricsRegistry registry;
  registry.AddGauge("zeta", "Z.");
  registry.AddGauge("alpha", "A.");
  std::string out = registry.Render();
  EXPECT_LT(out.find("alpha"), out.find("zeta"));
}

TEST(MetricsRegistryTest, ReRegistrationReturnsTheSameFamily) {
  MetricsRegistry registry;
  auto& a = registry.AddCounter("c", "C.", {"k"});
  auto& b = registry.AddCounter("c", "C.", {"k"});
  EXPECT_EQ(&a, &b);
  a.WithLabels({"x"}).Inc();
  EXPECT_EQ(b.WithLabels({"x"}).Value(), 1);
}

TEST(MetricsRegistryTest, RejectsConflictingOrInvalidDefinitions) {
  MetricsRegistry registry;
  registry.AddCounter("c", "C.", {"k"});
  EXPECT_THROW(registry.AddGauge("c", "C.", {"k"}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("c", "C.", {"other"}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("bad-name", "x"), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("ok", "x", {"bad-label"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h", "x", {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h2", "x", {}, {1, 0.5}), std::invalid_argument);
  registry.AddHistogram("h3", "x", {}, {1, 2});
  EXPECT_THROW(registry.AddHistogram("h3", "x", {}, {1, 3}), std::invalid_argument);
  EXPECT_THROW(registry.AddCounter("c", "C.", {"k"}).WithLabels({"a", "b"}), std::invalid_argument);
}

TEST(MetricsRegistryTest, CountersNeverDecrease) {
  Counter c;
  c.Inc(2);
  c.Inc(-5);
  EXPECT_EQ(c.Value(), 2);
}

TEST(MetricsRegistryTest, ConcurrentUpdatesAreNotLost) {
  MetricsRegistry registry;
  auto& counter = registry.AddCounter("c", "C.", {"k"});
  auto& histogram = registry.AddHistogram("h", "H.", {"k"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        counter.WithLabels({"x"}).Inc();
        histogram.WithLabels({"x"}).Observe(0.001);
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(counter.WithLabels({"x"}).Value(), 40000);
  EXPECT_EQ(histogram.WithLabels({"x"}).Snap().count, 40000u);
  EXPECT_EQ(histogram.WithLabels({"x"}).Snap().cumulative.front(), 40000u);
}

TEST(MetricsRegistryTest, FormatsValuesLikeTheGoClient) {
  EXPECT_EQ(FormatMetricValue(0), "0");
  EXPECT_EQ(FormatMetricValue(1), "1");
  EXPECT_EQ(FormatMetricValue(-1), "-1");
  EXPECT_EQ(FormatMetricValue(0.005), "0.005");
  EXPECT_EQ(FormatMetricValue(2.5), "2.5");
  EXPECT_EQ(FormatMetricValue(100000), "100000");
  EXPECT_EQ(FormatMetricValue(1000000), "1e+06");
  EXPECT_EQ(FormatMetricValue(1234567), "1.234567e+06");
  EXPECT_EQ(FormatMetricValue(0.0001), "0.0001");
  EXPECT_EQ(FormatMetricValue(0.00001), "1e-05");
  EXPECT_EQ(FormatMetricValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(FormatMetricValue(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(FormatMetricValue(std::nan("")), "NaN");
}

TEST(MetricsRegistryTest, ExponentialBuckets) {
  EXPECT_EQ(MetricsRegistry::ExponentialBuckets(1, 2, 4), (std::vector<double>{1, 2, 4, 8}));
  EXPECT_EQ(MetricsRegistry::DefaultBuckets().size(), 11u);
}

}  // namespace
}  // namespace meshplane
