#include "cli/table_columns.h"

#include <gtest/gtest.h>

#include "mesh/v1alpha1/mesh.pb.h"
#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Timestamp kNow = Timestamp() + hours(24 * 1000);

TEST(TableColumnsTest, MeshColumnsAsKumactl) {
  TableColumns columns = ColumnsFor(MeshType(), TableWidth::kNormal);
  EXPECT_EQ(columns.headers,
            (std::vector<std::string>{"NAME", "mTLS", "LOCALITY", "ZONEEGRESS", "AGE"}));

  Resource mesh(MeshType());
  mesh.meta().name = "demo";
  mesh.meta().creation_time = kNow - hours(100);
  mesh.meta().modification_time = kNow - minutes(5);  // AGE counts from the last change
  EXPECT_EQ(columns.row(mesh, kNow), (std::vector<std::string>{"demo", "off", "off", "off", "5m"}));

  auto& spec = mesh.SpecAs<kuma::mesh::v1alpha1::Mesh>();
  auto* other = spec.mutable_mtls()->add_backends();
  other->set_name("ca-0");
  other->set_type("provided");
  auto* enabled = spec.mutable_mtls()->add_backends();
  enabled->set_name("ca-1");
  enabled->set_type("builtin");
  spec.mutable_mtls()->set_enabledbackend("ca-1");
  spec.mutable_routing()->set_localityawareloadbalancing(true);
  spec.mutable_routing()->set_zoneegress(true);
  EXPECT_EQ(columns.row(mesh, kNow),
            (std::vector<std::string>{"demo", "builtin/ca-1", "on", "on", "5m"}));
}

TEST(TableColumnsTest, WideMeshAddsMtlsModeAndEveryCaBackend) {
  TableColumns columns = ColumnsFor(MeshType(), TableWidth::kWide);
  EXPECT_EQ(columns.headers, (std::vector<std::string>{"NAME", "mTLS", "mTLS MODE", "CA BACKENDS",
                                                       "LOCALITY", "ZONEEGRESS", "AGE"}));
  Resource mesh(MeshType());
  mesh.meta().name = "demo";
  mesh.meta().modification_time = kNow - minutes(5);
  EXPECT_EQ(columns.row(mesh, kNow),
            (std::vector<std::string>{"demo", "off", "-", "-", "off", "off", "5m"}));
  auto& mtls = *mesh.SpecAs<kuma::mesh::v1alpha1::Mesh>().mutable_mtls();
  auto* backend = mtls.add_backends();
  backend->set_name("ca-1");
  backend->set_type("builtin");
  backend->set_mode(kuma::mesh::v1alpha1::CertificateAuthorityBackend::PERMISSIVE);
  EXPECT_EQ(columns.row(mesh, kNow),
            (std::vector<std::string>{"demo", "off", "-", "builtin/ca-1", "off", "off", "5m"}));
  mtls.set_enabledbackend("ca-1");
  EXPECT_EQ(columns.row(mesh, kNow),
            (std::vector<std::string>{"demo", "builtin/ca-1", "PERMISSIVE", "builtin/ca-1", "off",
                                      "off", "5m"}));
}

TEST(TableColumnsTest, WideFallsBackToTheNormalLayout) {
  ResourceTypeDescriptor scoped;
  scoped.name = "SomePolicy";
  scoped.scope = ResourceScope::kMesh;
  scoped.spec_descriptor = kuma::mesh::v1alpha1::Mesh::descriptor();
  EXPECT_EQ(ColumnsFor(scoped, TableWidth::kWide).headers,
            ColumnsFor(scoped, TableWidth::kNormal).headers);
}

TEST(TableColumnsTest, GenericLayoutsForKindsWithoutTheirOwn) {
  ResourceTypeDescriptor scoped;
  scoped.name = "SomePolicy";
  scoped.scope = ResourceScope::kMesh;
  scoped.spec_descriptor = kuma::mesh::v1alpha1::Mesh::descriptor();
  TableColumns columns = ColumnsFor(scoped, TableWidth::kNormal);
  EXPECT_EQ(columns.headers, (std::vector<std::string>{"MESH", "NAME", "AGE"}));
  Resource r(scoped);
  r.meta().mesh = "default";
  r.meta().name = "p1";
  r.meta().modification_time = kNow - hours(48);
  EXPECT_EQ(columns.row(r, kNow), (std::vector<std::string>{"default", "p1", "2d"}));

  ResourceTypeDescriptor global = scoped;
  global.name = "SomeGlobal";
  global.scope = ResourceScope::kGlobal;
  columns = ColumnsFor(global, TableWidth::kNormal);
  EXPECT_EQ(columns.headers, (std::vector<std::string>{"NAME", "AGE"}));
  Resource g(global);
  g.meta().name = "z";
  g.meta().modification_time = kNow - hours(3);
  EXPECT_EQ(columns.row(g, kNow), (std::vector<std::string>{"z", "3h"}));
}

}  // namespace
}  // namespace meshplane
