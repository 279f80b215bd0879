#include "resources/dataplane/dataplane_helpers.h"

#include <algorithm>
#include <cctype>

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Dataplane;

void AddAll(const google::protobuf::Map<std::string, std::string>& tags, TagSet& out) {
  for (const auto& [key, value] : tags) {
    out[key].insert(value);
  }
}

bool Overlap(const GoIp& a, const std::optional<GoIp>& b) {
  if (a.IsUnspecified() || (b.has_value() && b->IsUnspecified())) {
    return true;
  }
  return b.has_value() && a == *b;
}

}  // namespace

TagSet DataplaneTagSet(const Dataplane& dp) {
  TagSet tags;
  for (const auto& inbound : dp.networking().inbound()) {
    AddAll(inbound.tags(), tags);
  }
  AddAll(dp.networking().gateway().tags(), tags);
  return tags;
}

std::vector<SingleValueTagSet> DataplaneSingleValueTagSets(const Dataplane& dp) {
  std::vector<SingleValueTagSet> sets;
  for (const auto& inbound : dp.networking().inbound()) {
    sets.emplace_back(inbound.tags().begin(), inbound.tags().end());
  }
  if (dp.networking().has_gateway()) {
    sets.emplace_back(dp.networking().gateway().tags().begin(),
                      dp.networking().gateway().tags().end());
  }
  return sets;
}

std::string FormatTags(const SingleValueTagSet& tags) {
  // Go sorts the "k=v" strings, which differs from key order when a key is a prefix of another
  // ("a.b=x" sorts before "a=y").
  std::vector<std::string> pairs;
  pairs.reserve(tags.size());
  for (const auto& [key, value] : tags) {
    pairs.push_back(key + "=" + value);
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& p : pairs) {
    if (!out.empty()) {
      out += ' ';
    }
    out += p;
  }
  return out;
}

std::string FormatTags(const TagSet& tags) {
  std::vector<std::string> pairs;
  pairs.reserve(tags.size());
  for (const auto& [key, values] : tags) {
    std::string joined;
    for (const auto& v : values) {
      if (!joined.empty()) {
        joined += ',';
      }
      joined += v;
    }
    pairs.push_back(key + "=" + joined);
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& p : pairs) {
    if (!out.empty()) {
      out += ' ';
    }
    out += p;
  }
  return out;
}

Result<TagSet> DataplaneIdentityTags(const Resource& dataplane) {
  TagSet tags = DataplaneTagSet(dataplane.SpecAs<Dataplane>());
  auto service = tags.find(kServiceTag);
  if (service != tags.end() && !service->second.empty()) {
    return tags;
  }
  const Labels& labels = dataplane.meta().labels;
  auto workload = labels.find(kWorkloadLabel);
  if (workload != labels.end() && !workload->second.empty()) {
    return TagSet{{kServiceTag, {workload->second}}};
  }
  return Status::InvalidArgument("dataplane " + GoQuote(dataplane.meta().name) +
                                 " has no kuma.io/service tag and no kuma.io/workload label, "
                                 "cannot derive mTLS identity");
}

bool IsDelegatedGateway(const Dataplane& dp) {
  return dp.networking().has_gateway() &&
         dp.networking().gateway().type() == Dataplane::Networking::Gateway::DELEGATED;
}

bool IsBuiltinGateway(const Dataplane& dp) {
  return dp.networking().has_gateway() &&
         dp.networking().gateway().type() == Dataplane::Networking::Gateway::BUILTIN;
}

std::string ProxyType(const Dataplane& dp) { return IsBuiltinGateway(dp) ? "gateway" : "sidecar"; }

std::string ParseProtocol(const std::string& value) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* known : {"http", "http2", "tcp", "grpc", "kafka", "tls", "mysql"}) {
    if (lower == known) {
      return lower;
    }
  }
  return "";
}

InboundInterface ToInboundInterface(const Dataplane::Networking& networking,
                                    const Dataplane::Networking::Inbound& in) {
  InboundInterface iface;
  iface.dataplane_port = in.port();
  iface.dataplane_ip = in.address().empty() ? networking.address() : in.address();
  iface.workload_ip = in.serviceaddress().empty() ? iface.dataplane_ip : in.serviceaddress();
  iface.workload_port = in.serviceport() != 0 ? in.serviceport() : in.port();
  return iface;
}

bool UsesInboundInterface(const Dataplane& dp, const GoIp& address, uint32_t port) {
  for (const auto& inbound : dp.networking().inbound()) {
    InboundInterface iface = ToInboundInterface(dp.networking(), inbound);
    if (port == iface.dataplane_port && Overlap(address, GoParseIp(iface.dataplane_ip))) {
      return true;
    }
    if (port == iface.workload_port && Overlap(address, GoParseIp(iface.workload_ip))) {
      return true;
    }
  }
  return false;
}

bool UsesOutboundInterface(const Dataplane& dp, const GoIp& address, uint32_t port) {
  for (const auto& outbound : dp.networking().outbound()) {
    const std::string ip = outbound.address().empty() ? "127.0.0.1" : outbound.address();
    if (port == outbound.port() && Overlap(address, GoParseIp(ip))) {
      return true;
    }
  }
  return false;
}

bool MatchesTagsFuzzy(const SingleValueTagSet& selector,
                      const google::protobuf::Map<std::string, std::string>& tags) {
  for (const auto& [key, value] : selector) {
    auto it = tags.find(key);
    if (it == tags.end()) {
      return false;
    }
    if (value != kMatchAllTag && it->second.find(value) == std::string::npos) {
      return false;
    }
  }
  return true;
}

bool DataplaneMatchesTagsFuzzy(const Dataplane& dp, const SingleValueTagSet& selector) {
  for (const auto& inbound : dp.networking().inbound()) {
    if (MatchesTagsFuzzy(selector, inbound.tags())) {
      return true;
    }
  }
  return MatchesTagsFuzzy(selector, dp.networking().gateway().tags());
}

}  // namespace meshplane
