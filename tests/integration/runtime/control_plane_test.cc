// ControlPlane in-process: the components it wires together, on ephemeral ports.
#include "runtime/control_plane.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/json.h"
#include "integration/runtime/control_plane_process.h"
#include "manager/resource_manager.h"
#include "resources/mesh/mesh_type.h"

namespace meshplane {
namespace {

ControlPlaneConfig TestConfig(const std::string& work_dir) {
  auto config = LoadConfig(std::nullopt, {{"KUMA_GENERAL_WORK_DIR", work_dir},
                                          {"KUMA_API_SERVER_HTTP_PORT", "0"},
                                          {"KUMA_API_SERVER_HTTP_INTERFACE", "127.0.0.1"},
                                          {"KUMA_DIAGNOSTICS_SERVER_PORT", "0"}});
  EXPECT_TRUE(config.ok()) << config.status().message();
  return *config;
}

TEST(ControlPlaneTest, StartsReadyWithTheDefaultMeshOnEphemeralPorts) {
  TempWorkDir dir;
  const std::string work_dir = dir.path() + "/nested/work";  // created on start
  ControlPlane cp(TestConfig(work_dir));
  EXPECT_FALSE(cp.ready());
  Status st = cp.Start();
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(cp.ready());
  ASSERT_NE(cp.api_port(), 0);
  ASSERT_NE(cp.diagnostics_port(), 0);
  EXPECT_TRUE(std::filesystem::exists(work_dir + "/meshplane.db"));

  HttpClient diagnostics("http://127.0.0.1:" + std::to_string(cp.diagnostics_port()));
  auto ready = diagnostics.Get("/ready");
  ASSERT_TRUE(ready.ok()) << ready.status().message();
  EXPECT_EQ(ready->status, 200);

  HttpClient api("http://127.0.0.1:" + std::to_string(cp.api_port()));
  auto def = api.Get("/meshes/default");
  ASSERT_TRUE(def.ok()) << def.status().message();
  EXPECT_EQ(def->status, 200) << def->body;
  // The manager the API uses is the one exposed to callers.
  EXPECT_TRUE(cp.manager().Get(MeshType(), ResourceKey{"", "default"}).ok());

  auto config = api.Get("/config");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(Json::parse(config->body)["general"]["workDir"], work_dir);

  cp.Stop();
  EXPECT_FALSE(cp.ready());
  cp.Stop();  // a second Stop is harmless
}

TEST(ControlPlaneTest, TheApiIsClosedAfterStop) {
  TempWorkDir dir;
  ControlPlane cp(TestConfig(dir.path()));
  ASSERT_TRUE(cp.Start().ok());
  const uint16_t port = cp.api_port();
  cp.Stop();
  HttpClient api("http://127.0.0.1:" + std::to_string(port),
                 HttpClientOptions{std::chrono::milliseconds(500)});
  auto res = api.Get("/meshes");
  EXPECT_FALSE(res.ok());
}

TEST(ControlPlaneTest, ClusterIdIsKeptAcrossRestartsOnOneDatabase) {
  TempWorkDir dir;
  std::string first_id;
  {
    ControlPlane cp(TestConfig(dir.path()));
    ASSERT_TRUE(cp.Start().ok());
    HttpClient api("http://127.0.0.1:" + std::to_string(cp.api_port()));
    auto index = api.Get("/");
    ASSERT_TRUE(index.ok());
    first_id = Json::parse(index->body)["clusterId"].get<std::string>();
    EXPECT_FALSE(first_id.empty());
  }
  ControlPlane cp(TestConfig(dir.path()));
  ASSERT_TRUE(cp.Start().ok());
  HttpClient api("http://127.0.0.1:" + std::to_string(cp.api_port()));
  auto index = api.Get("/");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(Json::parse(index->body)["clusterId"], first_id);
}

TEST(ControlPlaneTest, AStoreThatCannotBeOpenedFailsStartWithTheReason) {
  TempWorkDir dir;
  ControlPlaneConfig config = TestConfig(dir.path());
  config.store.sqlite.path = dir.path() + "/missing-dir/cp.db";
  ControlPlane cp(config);
  Status st = cp.Start();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot open the sqlite store"), std::string::npos) << st.message();
  EXPECT_FALSE(cp.ready());
}

}  // namespace
}  // namespace meshplane
