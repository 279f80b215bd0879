#include "cli/table_columns.h"

#include <map>
#include <optional>

#include "cli/age_format.h"
#include "common/v1alpha1/targetref.pb.h"
#include "mesh/v1alpha1/dataplane.pb.h"
#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/dataplane/dataplane_helpers.h"

namespace meshplane {

namespace {

struct KindLayout {
  TableColumns normal;
  // Extra columns for `-o wide`; the normal layout is used when absent.
  std::optional<TableColumns> wide;
};

std::string OnOff(bool on) { return on ? "on" : "off"; }

std::string Age(const Resource& r, Timestamp now) {
  return TimeSince(r.meta().modification_time, now);
}

// kumactl's Mesh table (app/kumactl/cmd/get/table_printer.go).
KindLayout MeshLayout() {
  TableColumns columns;
  columns.headers = {"NAME", "mTLS", "LOCALITY", "ZONEEGRESS", "AGE"};
  columns.row = [](const Resource& r, Timestamp now) -> std::vector<std::string> {
    const auto& mesh = r.SpecAs<kuma::mesh::v1alpha1::Mesh>();
    std::string mtls = "off";
    const std::string& enabled = mesh.mtls().enabledbackend();
    if (!enabled.empty()) {
      // A stored mesh always names one of its backends; print the name alone otherwise.
      std::string type;
      for (const auto& backend : mesh.mtls().backends()) {
        if (backend.name() == enabled) {
          type = backend.type();
          break;
        }
      }
      mtls = type + "/" + enabled;
    }
    return {r.meta().name, mtls, OnOff(mesh.routing().localityawareloadbalancing()),
            OnOff(mesh.routing().zoneegress()), Age(r, now)};
  };
  // Wide: the mTLS mode and every listed CA backend, from the spec alone (no extra request;
  // `meshplane inspect mesh NAME` shows the CA certificates themselves).
  TableColumns wide;
  wide.headers = {"NAME", "mTLS", "mTLS MODE", "CA BACKENDS", "LOCALITY", "ZONEEGRESS", "AGE"};
  wide.row = [normal = columns.row](const Resource& r, Timestamp now) {
    std::vector<std::string> cells = normal(r, now);
    const auto& mtls = r.SpecAs<kuma::mesh::v1alpha1::Mesh>().mtls();
    std::string mode = "-";
    std::string backends;
    for (const auto& backend : mtls.backends()) {
      backends += (backends.empty() ? "" : ",") + backend.type() + "/" + backend.name();
      if (backend.name() == mtls.enabledbackend()) {
        mode = kuma::mesh::v1alpha1::CertificateAuthorityBackend::Mode_Name(backend.mode());
      }
    }
    cells.insert(cells.begin() + 2, {mode, backends.empty() ? "-" : backends});
    return cells;
  };
  return {std::move(columns), std::move(wide)};
}

// kumactl's table of new-style policies: MESH NAME TARGETREF KIND TARGETREF NAME AGE.
KindLayout PolicyLayout() {
  TableColumns columns;
  columns.headers = {"MESH", "NAME", "TARGETREF KIND", "TARGETREF NAME", "AGE"};
  columns.row = [](const Resource& r, Timestamp now) -> std::vector<std::string> {
    const auto* field = r.spec().GetDescriptor()->FindFieldByName("targetRef");
    std::string kind = "Mesh";  // an absent targetRef selects the whole mesh
    std::string name;
    if (field != nullptr && r.spec().GetReflection()->HasField(r.spec(), field)) {
      const auto& ref = static_cast<const kuma::common::v1alpha1::TargetRef&>(
          r.spec().GetReflection()->GetMessage(r.spec(), field));
      kind = ref.kind();
      name = ref.name();
    }
    return {r.meta().mesh, r.meta().name, kind, name, Age(r, now)};
  };
  return {std::move(columns), std::nullopt};
}

// kumactl's Dataplane table: the tag set of all inbounds and the gateway, and the advertised
// address when there is one.
KindLayout DataplaneLayout() {
  TableColumns columns;
  columns.headers = {"MESH", "NAME", "TAGS", "ADDRESS", "AGE"};
  columns.row = [](const Resource& r, Timestamp now) -> std::vector<std::string> {
    const auto& dp = r.SpecAs<kuma::mesh::v1alpha1::Dataplane>();
    std::string address = dp.networking().advertisedaddress();
    if (address.empty()) {
      address = dp.networking().address();
    }
    return {r.meta().mesh, r.meta().name, FormatTags(DataplaneTagSet(dp)), address, Age(r, now)};
  };
  return {std::move(columns), std::nullopt};
}

const std::map<std::string, KindLayout>& Layouts() {
  static const auto* layouts = new std::map<std::string, KindLayout>{
      {"Mesh", MeshLayout()},
      {"MeshTrafficPermission", PolicyLayout()},
      {"MeshTimeout", PolicyLayout()},
      {"MeshRetry", PolicyLayout()},
      {"MeshCircuitBreaker", PolicyLayout()},
      {"Dataplane", DataplaneLayout()},
  };
  return *layouts;
}

TableColumns GenericColumns(const ResourceTypeDescriptor& type) {
  TableColumns columns;
  if (type.IsMeshScoped()) {
    columns.headers = {"MESH", "NAME", "AGE"};
    columns.row = [](const Resource& r, Timestamp now) -> std::vector<std::string> {
      return {r.meta().mesh, r.meta().name, Age(r, now)};
    };
  } else {
    columns.headers = {"NAME", "AGE"};
    columns.row = [](const Resource& r, Timestamp now) -> std::vector<std::string> {
      return {r.meta().name, Age(r, now)};
    };
  }
  return columns;
}

}  // namespace

TableColumns ColumnsFor(const ResourceTypeDescriptor& type, TableWidth width) {
  auto it = Layouts().find(type.name);
  if (it == Layouts().end()) {
    return GenericColumns(type);
  }
  if (width == TableWidth::kWide && it->second.wide.has_value()) {
    return *it->second.wide;
  }
  return it->second.normal;
}

}  // namespace meshplane
