// A small thread-safe Prometheus registry: counters, gauges and histograms with label sets,
// rendered in the text exposition format 0.0.4 (what `/metrics` on the diagnostics port serves).
//
// Guarantees:
//  - Families and the children returned by WithLabels() live as long as the registry, so hot
//    paths may keep references to them.
//  - Registering a name again with the same type and label names returns the existing family;
//    any other redefinition, or an invalid metric or label name, throws std::invalid_argument
//    (a programming error, caught by the first test that touches it).
//  - Rendering is consistent per child: a histogram's buckets, sum and count come from one
//    snapshot. Families are sorted by name, children by label values; families without
//    children are omitted, as the Go client does.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace meshplane {

class Counter {
 public:
  // Negative increments are ignored: a counter only goes up.
  void Inc(double v = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Inc(double v = 1.0);
  void Dec(double v = 1.0) { Inc(-v); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds`: the sorted upper bounds of the buckets, without +Inf.
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Snap() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  const std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::vector<uint64_t> counts_;  // per bucket, the last one is +Inf
  double sum_ = 0;
  uint64_t count_ = 0;
};

enum class MetricType { kCounter, kGauge, kHistogram };

class MetricFamily {
 public:
  MetricFamily(std::string name, std::string help, MetricType type,
               std::vector<std::string> label_names);
  virtual ~MetricFamily() = default;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends the family's HELP, TYPE and sample lines; `const_labels` is a pre-rendered
  // `k="v",...` prefix shared by every sample (may be empty).
  virtual void Render(const std::string& const_labels, std::string* out) const = 0;

 protected:
  // `name{labels}` for one child; `extra` (e.g. `le="0.5"`) goes last.
  std::string SampleName(const std::string& suffix, const std::string& const_labels,
                         const std::vector<std::string>& values, const std::string& extra) const;
  void CheckArity(const std::vector<std::string>& values) const;

 private:
  std::string name_;
  std::string help_;
  MetricType type_;
  std::vector<std::string> label_names_;
};

// A family whose children are created on first use of a label value set.
template <typename T>
class LabeledFamily : public MetricFamily {
 public:
  using MetricFamily::MetricFamily;

  // The child for `label_values` (one per label name, in order).
  T& WithLabels(const std::vector<std::string>& label_values) {
    CheckArity(label_values);
    std::lock_guard<std::mutex> lock(mu_);
    auto it = children_.find(label_values);
    if (it == children_.end()) {
      it = children_.emplace(label_values, NewChild()).first;
    }
    return *it->second;
  }

 protected:
  virtual std::unique_ptr<T> NewChild() const = 0;
  // A stable copy of the children, for rendering.
  std::vector<std::pair<std::vector<std::string>, const T*>> Children() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::pair<std::vector<std::string>, const T*>> out;
    out.reserve(children_.size());
    for (const auto& [values, child] : children_) {
      out.emplace_back(values, child.get());
    }
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;
};

class CounterFamily : public LabeledFamily<Counter> {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  void Render(const std::string& const_labels, std::string* out) const override;

 protected:
  std::unique_ptr<Counter> NewChild() const override { return std::make_unique<Counter>(); }
};

class GaugeFamily : public LabeledFamily<Gauge> {
 public:
  GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names);
  void Render(const std::string& const_labels, std::string* out) const override;

 protected:
  std::unique_ptr<Gauge> NewChild() const override { return std::make_unique<Gauge>(); }
};

class HistogramFamily : public LabeledFamily<Histogram> {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  void Render(const std::string& const_labels, std::string* out) const override;
  const std::vector<double>& bounds() const { return bounds_; }

 protected:
  std::unique_ptr<Histogram> NewChild() const override {
    return std::make_unique<Histogram>(bounds_);
  }

 private:
  std::vector<double> bounds_;
};

class MetricsRegistry {
 public:
  // `const_labels` are added to every sample (e.g. {"zone", "default"}).
  explicit MetricsRegistry(std::map<std::string, std::string> const_labels = {});
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Each returns the existing family when `name` is already registered the same way.
  CounterFamily& AddCounter(const std::string& name, const std::string& help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(const std::string& name, const std::string& help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(const std::string& name, const std::string& help,
                                std::vector<std::string> label_names = {},
                                std::vector<double> bounds = DefaultBuckets());

  // The text exposition format 0.0.4.
  std::string Render() const;

  // Prometheus' default buckets, in seconds: .005 .01 .025 .05 .1 .25 .5 1 2.5 5 10.
  static std::vector<double> DefaultBuckets();
  // `count` bounds: start, start*factor, start*factor^2, ...
  static std::vector<double> ExponentialBuckets(double start, double factor, int count);

 private:
  template <typename F, typename... Args>
  F& Add(MetricType type, const std::string& name, const std::string& help,
         std::vector<std::string> label_names, Args&&... args);

  std::string const_labels_;  // pre-rendered
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<MetricFamily>> families_;
};

// Formats a sample value as Prometheus' Go client does (shortest form, `+Inf`, `NaN`).
std::string FormatMetricValue(double v);
// Escapes a label value for the text format.
std::string EscapeLabelValue(const std::string& v);

}  // namespace meshplane
