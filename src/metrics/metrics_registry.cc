#include "metrics/metrics_registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace meshplane {

namespace {

bool IsValidMetricName(const std::string& n) {
  if (n.empty()) {
    return false;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool IsValidLabelName(const std::string& n) {
  if (n.empty() || n.rfind("__", 0) == 0) {
    return false;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string EscapeHelp(const std::string& h) {
  std::string out;
  for (char c : h) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

const char* TypeName(MetricType t) {
  switch (t) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void RenderHeader(const MetricFamily& f, std::string* out) {
  *out += "# HELP " + f.name() + " " + EscapeHelp(f.help()) + "\n";
  *out += "# TYPE " + f.name() + " " + TypeName(f.type()) + "\n";
}

}  // namespace

std::string FormatMetricValue(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "+Inf" : "-Inf";
  }
  if (v == 0) {
    return "0";
  }
  // Go's strconv.FormatFloat(v, 'g', -1, 64): the shortest digits that round-trip, in %e form
  // when the decimal exponent is < -4 or >= 6, else in %f form.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.2345e+06", "5e-03"
  bool neg = sci[0] == '-';
  if (neg) {
    sci.erase(0, 1);
  }
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exp = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') {
      digits.push_back(c);
    }
  }
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
      out += "." + digits.substr(1);
    }
    out += exp < 0 ? "e-" : "e+";
    int a = std::abs(exp);
    if (a < 10) {
      out += "0";
    }
    out += std::to_string(a);
    return out;
  }
  // Decimal point after digit index exp+1 (digits = d.ddd * 10^exp).
  int point = exp + 1;
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out += digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." +
           digits.substr(static_cast<size_t>(point));
  }
  return out;
}

std::string EscapeLabelValue(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void Counter::Inc(double v) {
  if (v > 0) {
    value_.fetch_add(v, std::memory_order_relaxed);
  }
}

void Gauge::Inc(double v) { value_.fetch_add(v, std::memory_order_relaxed); }

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::Observe(double v) {
  // Bucket `le` counts values <= its bound.
  size_t idx = std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin();
  std::lock_guard<std::mutex> lock(mu_);
  counts_[idx]++;
  sum_ += v;
  count_++;
}

Histogram::Snapshot Histogram::Snap() const {
  Snapshot s;
  std::lock_guard<std::mutex> lock(mu_);
  s.cumulative.resize(counts_.size());
  uint64_t acc = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    acc += counts_[i];
    s.cumulative[i] = acc;
  }
  s.sum = sum_;
  s.count = count_;
  return s;
}

MetricFamily::MetricFamily(std::string name, std::string help, MetricType type,
                           std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {
  if (!IsValidMetricName(name_)) {
    throw std::invalid_argument("invalid metric name \"" + name_ + "\"");
  }
  for (const auto& l : label_names_) {
    if (!IsValidLabelName(l) || (type_ == MetricType::kHistogram && l == "le")) {
      throw std::invalid_argument("invalid label name \"" + l + "\" for metric " + name_);
    }
  }
}

void MetricFamily::CheckArity(const std::vector<std::string>& values) const {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument("metric " + name_ + " has " + std::to_string(label_names_.size()) +
                                " labels, got " + std::to_string(values.size()) + " values");
  }
}

std::string MetricFamily::SampleName(const std::string& suffix, const std::string& const_labels,
                                     const std::vector<std::string>& values,
                                     const std::string& extra) const {
  std::string labels = const_labels;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!labels.empty()) {
      labels.push_back(',');
    }
    labels += label_names_[i] + "=\"" + EscapeLabelValue(values[i]) + "\"";
  }
  if (!extra.empty()) {
    if (!labels.empty()) {
      labels.push_back(',');
    }
    labels += extra;
  }
  std::string out = name_ + suffix;
  if (!labels.empty()) {
    out += "{" + labels + "}";
  }
  return out;
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : LabeledFamily(std::move(name), std::move(help), MetricType::kCounter,
                    std::move(label_names)) {}

void CounterFamily::Render(const std::string& const_labels, std::string* out) const {
  auto children = Children();
  if (children.empty()) {
    return;
  }
  RenderHeader(*this, out);
  for (const auto& [values, c] : children) {
    *out += SampleName("", const_labels, values, "") + " " + FormatMetricValue(c->Value()) + "\n";
  }
}

GaugeFamily::GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : LabeledFamily(std::move(name), std::move(help), MetricType::kGauge, std::move(label_names)) {}

void GaugeFamily::Render(const std::string& const_labels, std::string* out) const {
  auto children = Children();
  if (children.empty()) {
    return;
  }
  RenderHeader(*this, out);
  for (const auto& [values, g] : children) {
    *out += SampleName("", const_labels, values, "") + " " + FormatMetricValue(g->Value()) + "\n";
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names, std::vector<double> bounds)
    : LabeledFamily(std::move(name), std::move(help), MetricType::kHistogram,
                    std::move(label_names)),
      bounds_(std::move(bounds)) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end()) ||
      std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end()) {
    throw std::invalid_argument("histogram " + this->name() +
                                ": bucket bounds must be strictly increasing");
  }
}

void HistogramFamily::Render(const std::string& const_labels, std::string* out) const {
  auto children = Children();
  if (children.empty()) {
    return;
  }
  RenderHeader(*this, out);
  for (const auto& [values, h] : children) {
    Histogram::Snapshot s = h->Snap();
    for (size_t i = 0; i < bounds_.size(); ++i) {
      *out += SampleName("_bucket", const_labels, values,
                         "le=\"" + FormatMetricValue(bounds_[i]) + "\"") +
              " " + std::to_string(s.cumulative[i]) + "\n";
    }
    *out += SampleName("_bucket", const_labels, values, "le=\"+Inf\"") + " " +
            std::to_string(s.count) + "\n";
    *out += SampleName("_sum", const_labels, values, "") + " " + FormatMetricValue(s.sum) + "\n";
    *out += SampleName("_count", const_labels, values, "") + " " + std::to_string(s.count) + "\n";
  }
}

MetricsRegistry::MetricsRegistry(std::map<std::string, std::string> const_labels) {
  for (const auto& [k, v] : const_labels) {
    if (!IsValidLabelName(k)) {
      throw std::invalid_argument("invalid constant label name \"" + k + "\"");
    }
    if (!const_labels_.empty()) {
      const_labels_.push_back(',');
    }
    const_labels_ += k + "=\"" + EscapeLabelValue(v) + "\"";
  }
}

template <typename F, typename... Args>
F& MetricsRegistry::Add(MetricType type, const std::string& name, const std::string& help,
                        std::vector<std::string> label_names, Args&&... args) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    if (it->second->type() != type || it->second->label_names() != label_names) {
      throw std::invalid_argument("metric " + name +
                                  " is already registered with another type or labels");
    }
    return static_cast<F&>(*it->second);
  }
  auto family =
      std::make_unique<F>(name, help, std::move(label_names), std::forward<Args>(args)...);
  F& ref = *family;
  families_.emplace(name, std::move(family));
  if (ref.label_names().empty()) {
    // An unlabeled metric exists (at zero) from registration on.
    ref.WithLabels({});
  }
  return ref;
}

CounterFamily& MetricsRegistry::AddCounter(const std::string& name, const std::string& help,
                                           std::vector<std::string> label_names) {
  return Add<CounterFamily>(MetricType::kCounter, name, help, std::move(label_names));
}

GaugeFamily& MetricsRegistry::AddGauge(const std::string& name, const std::string& help,
                                       std::vector<std::string> label_names) {
  return Add<GaugeFamily>(MetricType::kGauge, name, help, std::move(label_names));
}

HistogramFamily& MetricsRegistry::AddHistogram(const std::string& name, const std::string& help,
                                               std::vector<std::string> label_names,
                                               std::vector<double> bounds) {
  // +Inf is implicit.
  if (!bounds.empty() && std::isinf(bounds.back())) {
    bounds.pop_back();
  }
  std::vector<double> wanted = bounds;
  HistogramFamily& f = Add<HistogramFamily>(MetricType::kHistogram, name, help,
                                            std::move(label_names), std::move(bounds));
  if (f.bounds() != wanted) {
    throw std::invalid_argument("histogram " + name + " is already registered with other buckets");
  }
  return f;
}

std::string MetricsRegistry::Render() const {
  std::vector<const MetricFamily*> families;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [name, f] : families_) {
      families.push_back(f.get());
    }
  }
  std::string out;
  for (const MetricFamily* f : families) {
    f->Render(const_labels_, &out);
  }
  return out;
}

std::vector<double> MetricsRegistry::DefaultBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> MetricsRegistry::ExponentialBuckets(double start, double factor, int count) {
  std::vector<double> out;
  double v = start;
  for (int i = 0; i < count; ++i) {
    out.push_back(v);
    v *= factor;
  }
  return out;
}

}  // namespace meshplane
