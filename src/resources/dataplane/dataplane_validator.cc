#include "resources/dataplane/dataplane_validator.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/go_net.h"
#include "core/meta_validator.h"
#include "resources/dataplane/dataplane_helpers.h"
#include "resources/mesh/go_url.h"
#include "resources/mesh/mesh_backend_validators.h"

namespace meshplane {

namespace {

using kuma::mesh::v1alpha1::Dataplane;
using Networking = kuma::mesh::v1alpha1::Dataplane::Networking;
using TagMap = google::protobuf::Map<std::string, std::string>;

constexpr const char* kPortRange = "port must be in the range [1, 65535]";
constexpr const char* kAllowedKinds =
    "invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService";
constexpr const char* kAllowedProtocols = "Allowed values: grpc, http, http2, kafka, tcp";

bool IsAllowedBackendKind(const std::string& kind) {
  return kind == "MeshService" || kind == "MeshExternalService" || kind == "MeshMultiZoneService";
}

void ValidatePort(ValidationError& err, const PathBuilder& path, uint32_t port) {
  if (port == 0 || port > 65535) {
    err.AddViolationAt(path, kPortRange);
  }
}

bool IsTagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == ':';
}

// ^[a-zA-Z0-9.\-_:/]*$
bool IsTagName(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return IsTagNameChar(c) || c == '/'; });
}

// ^[a-zA-Z0-9.\-_:]*$ (no '/')
bool IsTagValue(const std::string& s) { return std::all_of(s.begin(), s.end(), IsTagNameChar); }

std::vector<std::string> SortedKeys(const TagMap& tags) {
  std::vector<std::string> keys;
  keys.reserve(tags.size());
  for (const auto& [key, value] : tags) {
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// Kuma's ValidateTags: `extra` (whole-map checks) first, then every key in sorted order, then
// the service tag when `require_service`.
template <typename Extra>
void ValidateTags(ValidationError& err, const PathBuilder& path, const TagMap& tags,
                  bool require_service, Extra extra) {
  extra(err, path, tags);
  for (const std::string& key : SortedKeys(tags)) {
    if (key.empty()) {
      err.AddViolationAt(path, "tag name must be non-empty");
    }
    if (!IsTagName(key)) {
      err.AddViolationAt(path.Key(key),
                         "tag name must consist of alphanumeric characters, dots, dashes, slashes "
                         "and underscores");
    }
    const std::string& value = tags.at(key);
    if (value.empty()) {
      err.AddViolationAt(path.Key(key), "tag value must be non-empty");
    }
    if (!IsTagValue(value)) {
      err.AddViolationAt(path.Key(key),
                         "tag value must consist of alphanumeric characters, dots, dashes and "
                         "underscores");
    }
  }
  if (require_service && tags.find(kServiceTag) == tags.end()) {
    err.AddViolationAt(path, "mandatory tag \"kuma.io/service\" is missing");
  }
}

void NoExtra(ValidationError&, const PathBuilder&, const TagMap&) {}

void ValidateDuration(ValidationError& err, const PathBuilder& path,
                      const google::protobuf::Duration& d) {
  using google::protobuf::util::TimeUtil;
  // Go's durationpb CheckValid: seconds within ±10000 years, nanos within a second and with
  // the sign of seconds.
  bool valid = d.seconds() >= TimeUtil::kDurationMinSeconds &&
               d.seconds() <= TimeUtil::kDurationMaxSeconds && d.nanos() > -1000000000 &&
               d.nanos() < 1000000000 &&
               !((d.seconds() > 0 && d.nanos() < 0) || (d.seconds() < 0 && d.nanos() > 0));
  if (!valid) {
    err.AddViolationAt(path, "must have a valid value");
    return;
  }
  if (d.seconds() == 0 && d.nanos() == 0) {
    err.AddViolationAt(path, "must have a positive value");
  }
}

// Kuma's validateAddress: reported at `<path>.address`.
void ValidateAddress(ValidationError& err, const PathBuilder& path, const std::string& address) {
  const PathBuilder field = path.Field("address");
  if (address.empty()) {
    err.AddViolationAt(field, "address can't be empty");
    return;
  }
  if (address == "0.0.0.0" || address == "::") {
    err.AddViolationAt(field, "must not be 0.0.0.0 or ::");
  }
  if (!GoParseIp(address).has_value() && !GoIsDnsName(address)) {
    err.AddViolationAt(field, "address has to be valid IP address or domain name");
  }
}

ValidationError ValidateInbound(const Networking::Inbound& inbound, const std::string& dp_address) {
  ValidationError err;
  const PathBuilder root;
  ValidatePort(err, root.Field("port"), inbound.port());
  if (inbound.serviceport() != 0) {
    ValidatePort(err, root.Field("servicePort"), inbound.serviceport());
  }
  const bool same_port = inbound.serviceport() == 0 || inbound.serviceport() == inbound.port();
  if (!inbound.serviceaddress().empty()) {
    if (!GoParseIp(inbound.serviceaddress()).has_value()) {
      err.AddViolation("serviceAddress", "serviceAddress has to be valid IP address");
    }
    if (inbound.serviceaddress() == dp_address && same_port) {
      err.AddViolation("serviceAddress",
                       "serviceAddress and servicePort has to differ from address and port");
    }
  }
  if (!inbound.address().empty()) {
    if (!GoParseIp(inbound.address()).has_value()) {
      err.AddViolation("address", "address has to be valid IP address");
    }
    if (inbound.address() == inbound.serviceaddress() && same_port) {
      err.AddViolation("serviceAddress",
                       "serviceAddress and servicePort has to differ from address and port");
    }
  }
  ValidateTags(err, root.Field("tags"), inbound.tags(), /*require_service=*/false,
               [](ValidationError& e, const PathBuilder& path, const TagMap& tags) {
                 auto it = tags.find(kProtocolTag);
                 if (it != tags.end() && ParseProtocol(it->second).empty()) {
                   e.AddViolationAt(path.Key(kProtocolTag),
                                    "tag \"kuma.io/protocol\" has an invalid value " +
                                        GoQuote(it->second) + ". " + kAllowedProtocols);
                 }
               });
  if (!inbound.protocol().empty() && ParseProtocol(inbound.protocol()).empty()) {
    err.AddViolation("protocol", "has an invalid value " + GoQuote(inbound.protocol()) + ". " +
                                     kAllowedProtocols);
  }
  if (inbound.has_serviceprobe()) {
    const auto& probe = inbound.serviceprobe();
    const PathBuilder path = root.Field("serviceProbe");
    if (probe.has_interval()) {
      ValidateDuration(err, path.Field("interval"), probe.interval());
    }
    if (probe.has_timeout()) {
      ValidateDuration(err, path.Field("timeout"), probe.timeout());
    }
    if (probe.has_unhealthythreshold() && probe.unhealthythreshold().value() == 0) {
      err.AddViolationAt(path.Field("unhealthyThreshold"), "must have a positive value");
    }
    if (probe.has_healthythreshold() && probe.healthythreshold().value() == 0) {
      err.AddViolationAt(path.Field("healthyThreshold"), "must have a positive value");
    }
  }
  return err;
}

ValidationError ValidateOutbound(const Networking::Outbound& outbound) {
  ValidationError err;
  const PathBuilder root;
  ValidatePort(err, root.Field("port"), outbound.port());
  if (!outbound.address().empty() && !GoParseIp(outbound.address()).has_value()) {
    err.AddViolation("address", "address has to be valid IP address");
  }
  if (outbound.has_backendref()) {
    const auto& ref = outbound.backendref();
    if (!IsAllowedBackendKind(ref.kind())) {
      err.AddViolation("backendRef.kind", kAllowedKinds);
    }
    if (ref.name().empty() && ref.labels().empty()) {
      err.AddViolation("backendRef", "either 'name' or 'labels' should be specified");
    }
    // A MeshExternalService's port comes from its endpoints.
    if (ref.kind() != "MeshExternalService") {
      ValidatePort(err, root.Field("backendRef").Field("port"), ref.port());
    }
  } else if (outbound.tags().empty()) {
    err.AddViolation("tags", "mandatory tag \"kuma.io/service\" is missing");
  } else {
    ValidateTags(err, root.Field("tags"), outbound.tags(), /*require_service=*/true, NoExtra);
  }
  if (outbound.has_backendref() && !outbound.tags().empty()) {
    err.AddViolation("backendRef", "both backendRef and tags/service cannot be defined");
  }
  return err;
}

ValidationError ValidateTransparentProxying(const Networking::TransparentProxying& tp) {
  ValidationError err;
  const PathBuilder refs = PathBuilder::RootedAt("reachableBackends.refs");
  static const ResourceTypeDescriptor* kGlobalKind = [] {
    auto* d = new ResourceTypeDescriptor();
    d->scope = ResourceScope::kGlobal;
    return d;
  }();
  for (int i = 0; i < tp.reachablebackends().refs_size(); ++i) {
    const auto& ref = tp.reachablebackends().refs(i);
    const PathBuilder path = refs.Index(static_cast<size_t>(i));
    if (!IsAllowedBackendKind(ref.kind())) {
      err.AddViolationAt(path.Field("kind"), kAllowedKinds);
    }
    if (!ref.name().empty()) {
      // The RFC 1123 subdomain rule of resource names (Kuma's validateIdentifier).
      ValidationError name_err = ValidateMeta(*kGlobalKind, ref.name(), "");
      for (const auto& v : name_err.Violations()) {
        err.AddViolationAt(path.Field("name"), v.message);
      }
    }
    if (ref.name().empty() && ref.namespace_().empty() && ref.labels().empty()) {
      err.AddViolationAt(path.Field("name"), "name or labels are required");
    }
    if (ref.name().empty() && !ref.namespace_().empty()) {
      err.AddViolationAt(path.Field("name"), "name is required, when namespace is defined");
    }
    if ((!ref.name().empty() || !ref.namespace_().empty()) && !ref.labels().empty()) {
      err.AddViolationAt(path.Field("labels"), "labels cannot be defined when name is specified");
    }
  }
  return err;
}

// Listeners of mesh-scoped zone proxies (Kuma 2.14): type, address, port, unique names across
// inbounds and listeners, no address:port used twice or by an inbound listener.
void ValidateListeners(ValidationError& err, const Networking& networking) {
  const PathBuilder root = PathBuilder::RootedAt("networking").Field("listeners");
  std::set<std::string> names;
  for (const auto& inbound : networking.inbound()) {
    names.insert(inbound.name().empty() ? std::to_string(inbound.port()) : inbound.name());
  }
  std::set<std::string> inbound_endpoints;
  for (const auto& inbound : networking.inbound()) {
    InboundInterface iface = ToInboundInterface(networking, inbound);
    inbound_endpoints.insert(iface.dataplane_ip + ":" + std::to_string(iface.dataplane_port));
  }
  std::map<std::string, Networking::Listener::Type> used;
  for (int i = 0; i < networking.listeners_size(); ++i) {
    const auto& listener = networking.listeners(i);
    const PathBuilder path = root.Index(static_cast<size_t>(i));
    if (listener.type() != Networking::Listener::ZoneIngress &&
        listener.type() != Networking::Listener::ZoneEgress) {
      err.AddViolationAt(path.Field("type"), "type must be ZoneIngress or ZoneEgress");
    }
    const std::string address =
        listener.address().empty() ? networking.address() : listener.address();
    if (!listener.address().empty()) {
      ValidateAddress(err, path, listener.address());
    }
    ValidatePort(err, path.Field("port"), listener.port());
    if (!listener.name().empty() && !names.insert(listener.name()).second) {
      err.AddViolationAt(path.Field("name"), "name " + GoQuote(listener.name()) +
                                                 " must be unique across inbounds and listeners");
    }
    const std::string endpoint = address + ":" + std::to_string(listener.port());
    auto [it, inserted] = used.emplace(endpoint, listener.type());
    if (!inserted) {
      err.AddViolationAt(
          path, it->second == listener.type()
                    ? "address:port " + endpoint + " is already used by another listener"
                    : "address:port " + endpoint + " is used by listeners of different types");
    }
    if (inbound_endpoints.contains(endpoint)) {
      err.AddViolationAt(path, "address:port " + endpoint + " collides with an inbound listener");
    }
  }
}

ValidationError ValidateNetworking(const Networking& networking) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("networking");
  ValidateAddress(err, path, networking.address());
  for (int i = 0; i < networking.inbound_size(); ++i) {
    const auto& inbound = networking.inbound(i);
    const PathBuilder field = path.Field("inbound").Index(static_cast<size_t>(i));
    err.AddErrorAt(field, ValidateInbound(inbound, networking.address()));
    // Tagless inbounds are legal (inbound tags disabled, MeshService Exclusive mode).
    if (!inbound.tags().empty() && inbound.tags().find(kServiceTag) == inbound.tags().end()) {
      err.AddViolationAt(field.Field("tags").Key(kServiceTag), "tag has to exist");
    }
  }
  for (int i = 0; i < networking.outbound_size(); ++i) {
    err.AddErrorAt(path.Field("outbound").Index(static_cast<size_t>(i)),
                   ValidateOutbound(networking.outbound(i)));
  }
  err.AddErrorAt(path.Field("transparentProxing"),
                 ValidateTransparentProxying(networking.transparentproxying()));
  return err;
}

ValidationError ValidateGateway(const Networking::Gateway& gateway) {
  ValidationError err;
  // The service tag is required only when the gateway has tags at all.
  ValidateTags(err, PathBuilder::RootedAt("tags"), gateway.tags(),
               /*require_service=*/!gateway.tags().empty(),
               [](ValidationError& e, const PathBuilder& path, const TagMap& tags) {
                 auto it = tags.find(kProtocolTag);
                 if (it != tags.end() && it->second != "tcp") {
                   e.AddViolationAt(path.Key(kProtocolTag),
                                    "other values than tcp are not allowed, provided value \"" +
                                        it->second + "\"");
                 }
               });
  return err;
}

ValidationError ValidateProbes(const Dataplane& dp) {
  ValidationError err;
  if (!dp.has_probes()) {
    return err;
  }
  const PathBuilder path = PathBuilder::RootedAt("probes");
  ValidatePort(err, path.Field("port"), dp.probes().port());
  for (int i = 0; i < dp.probes().endpoints_size(); ++i) {
    const auto& endpoint = dp.probes().endpoints(i);
    const PathBuilder index = path.Field("endpoints").Index(static_cast<size_t>(i));
    ValidatePort(err, index.Field("inboundPort"), endpoint.inboundport());
    if (!GoParseRequestUri(endpoint.inboundpath()).has_value()) {
      err.AddViolationAt(index.Field("inboundPath"), "should be a valid URL Path");
    }
    if (!GoParseRequestUri(endpoint.path()).has_value()) {
      err.AddViolationAt(index.Field("path"), "should be a valid URL Path");
    }
  }
  return err;
}

ValidationError ValidateMetrics(const Dataplane& dp) {
  ValidationError err;
  const PathBuilder path = PathBuilder::RootedAt("metrics");
  if (dp.metrics().type() != "prometheus") {
    err.AddViolationAt(path.Field("type"),
                       "unknown backend type. Available backends: \"prometheus\"");
  } else {
    err.AddErrorAt(path.Field("conf"), ValidatePrometheusMetricsConfig(dp.metrics().conf()));
  }
  return err;
}

}  // namespace

ValidationError ValidateDataplane(const Dataplane& dp) {
  ValidationError err;
  const PathBuilder net = PathBuilder::RootedAt("networking");
  if (!dp.has_networking()) {
    err.AddViolationAt(net, "must be defined");
    return err;
  }
  const Networking& networking = dp.networking();
  if (networking.has_admin()) {
    const PathBuilder admin_port = net.Field("admin").Field("port");
    const GoIp loopback = *GoParseIp("127.0.0.1");
    if (UsesInboundInterface(dp, loopback, networking.admin().port())) {
      err.AddViolationAt(admin_port, "must differ from inbound");
    }
    if (UsesOutboundInterface(dp, loopback, networking.admin().port())) {
      err.AddViolationAt(admin_port, "must differ from outbound");
    }
  }
  if (IsDelegatedGateway(dp)) {
    if (networking.inbound_size() > 0) {
      err.AddViolationAt(net.Field("inbound"), "inbound cannot be defined for delegated gateways");
    }
    if (networking.listeners_size() > 0) {
      err.AddViolationAt(net.Field("listeners"),
                         "listeners cannot be defined for delegated gateways");
    }
    err.AddErrorAt(net.Field("gateway"), ValidateGateway(networking.gateway()));
    err.Append(ValidateNetworking(networking));
    err.Append(ValidateProbes(dp));
  } else if (IsBuiltinGateway(dp)) {
    if (networking.inbound_size() > 0) {
      err.AddViolationAt(net.Field("inbound"), "inbound cannot be defined for builtin gateways");
    }
    if (networking.outbound_size() > 0) {
      err.AddViolationAt(net.Field("outbound"), "outbound cannot be defined for builtin gateways");
    }
    if (networking.listeners_size() > 0) {
      err.AddViolationAt(net.Field("listeners"),
                         "listeners cannot be defined for builtin gateways");
    }
    if (dp.has_probes()) {
      err.AddViolationAt(net.Field("probes"), "probes cannot be defined for builtin gateways");
    }
    err.AddErrorAt(net.Field("gateway"), ValidateGateway(networking.gateway()));
    err.Append(ValidateNetworking(networking));
  } else {
    // A zone proxy with listeners only has no inbound to offer.
    if (networking.inbound_size() == 0 && networking.listeners_size() == 0) {
      err.AddViolationAt(net, "has to contain at least one inbound interface or gateway");
    }
    err.Append(ValidateNetworking(networking));
    ValidateListeners(err, networking);
    err.Append(ValidateProbes(dp));
    if (dp.has_metrics()) {
      err.Append(ValidateMetrics(dp));
    }
  }
  return err;
}

}  // namespace meshplane
