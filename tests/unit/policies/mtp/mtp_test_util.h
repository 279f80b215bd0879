// Test helpers: MeshTrafficPermissions written as Kuma's testdata YAML (type/mesh/name/labels/
// spec documents), inbounds and peers.
#pragma once

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "core/yaml_json.h"
#include "policies/mtp/mtp_types.h"

namespace meshplane::mtp::testing {

// Owns the specs the MtpPolicy entries point to.
class PolicySet {
 public:
  PolicySet() = default;
  explicit PolicySet(const std::string& yaml) { Add(yaml); }
  PolicySet(const PolicySet&) = delete;

  // Adds every `---`-separated document of `yaml`.
  void Add(const std::string& yaml) {
    auto docs = YamlDocumentsToJson(yaml);
    ASSERT_TRUE(docs.ok()) << docs.status().message();
    for (const Json& doc : *docs) {
      if (doc.is_null()) continue;
      specs_.emplace_back();
      if (doc.contains("spec")) {
        auto st = google::protobuf::util::JsonStringToMessage(doc["spec"].dump(), &specs_.back());
        ASSERT_TRUE(st.ok()) << st.ToString() << "\n" << doc.dump();
      }
      MtpPolicy p;
      p.name = doc.value("name", "");
      if (doc.contains("labels")) {
        for (const auto& [k, v] : doc["labels"].items()) p.labels[k] = v.get<std::string>();
      }
      p.spec = &specs_.back();
      policies_.push_back(std::move(p));
    }
  }

  const std::vector<MtpPolicy>& policies() const { return policies_; }
  operator std::span<const MtpPolicy>() const { return policies_; }  // NOLINT

 private:
  std::deque<MeshTrafficPermission> specs_;
  std::vector<MtpPolicy> policies_;
};

inline InboundTarget Inbound(std::map<std::string, std::string> tags, std::string name = "",
                             uint32_t port = 8080) {
  InboundTarget in;
  in.dataplane_name = "dp-1";
  in.inbound_tags = std::move(tags);
  in.inbound_name = std::move(name);
  in.port = port;
  return in;
}

// A peer whose certificate carries these tags (single values).
inline Peer PeerWith(std::map<std::string, std::string> tags) {
  Peer p;
  for (auto& [k, v] : tags) p.tags[k].insert(v);
  return p;
}

}  // namespace meshplane::mtp::testing
