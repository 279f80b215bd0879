// `meshplane run` as a real process: what was acknowledged survives kill -9, SIGTERM stops it
// cleanly, and the configuration it is started with is honoured.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/json.h"
#include "integration/runtime/control_plane_process.h"

namespace meshplane {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class RuntimeTest : public ::testing::Test {
 protected:
  // Environment for a control plane in this test's work directory, on ports of its own.
  std::map<std::string, std::string> Env() {
    api_port_ = PickFreePort();
    diagnostics_port_ = PickFreePort();
    return {{"KUMA_GENERAL_WORK_DIR", dir_.path()},
            {"KUMA_API_SERVER_HTTP_PORT", std::to_string(api_port_)},
            {"KUMA_DIAGNOSTICS_SERVER_PORT", std::to_string(diagnostics_port_)}};
  }
  std::string LogPath() const { return dir_.path() + "/meshplane.log"; }
  HttpClient Api() const { return HttpClient("http://127.0.0.1:" + std::to_string(api_port_)); }

  TempWorkDir dir_;
  uint16_t api_port_ = 0;
  uint16_t diagnostics_port_ = 0;
};

TEST_F(RuntimeTest, AcknowledgedWritesSurviveKillAndTheDefaultMeshIsKept) {
  std::string default_created;
  {
    ControlPlaneProcess cp(Env(), LogPath());
    cp.Start();
    ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
    HttpClient api = Api();
    auto put = api.Put("/meshes/payments", R"({"type":"Mesh","name":"payments"})");
    ASSERT_TRUE(put.ok()) << put.status().message();
    ASSERT_EQ(put->status, 201) << put->body;
    auto def = api.Get("/meshes/default");
    ASSERT_TRUE(def.ok());
    ASSERT_EQ(def->status, 200) << def->body;
    default_created = Json::parse(def->body)["creationTime"].get<std::string>();

    cp.Signal(SIGKILL);
    ASSERT_EQ(cp.Wait(5s), 128 + SIGKILL);
  }

  ControlPlaneProcess restarted(Env(), LogPath());
  restarted.Start();
  ASSERT_TRUE(restarted.WaitReady(diagnostics_port_));
  HttpClient api = Api();
  auto payments = api.Get("/meshes/payments");
  ASSERT_TRUE(payments.ok()) << payments.status().message();
  EXPECT_EQ(payments->status, 200) << payments->body;
  auto def = api.Get("/meshes/default");
  ASSERT_TRUE(def.ok());
  ASSERT_EQ(def->status, 200) << def->body;
  // The restart found `default` and left it alone rather than creating it again.
  EXPECT_EQ(Json::parse(def->body)["creationTime"], default_created);
  auto list = api.Get("/meshes");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Json::parse(list->body)["total"], 2) << list->body;

  restarted.Signal(SIGTERM);
  EXPECT_EQ(restarted.Wait(10s), 0);
}

TEST_F(RuntimeTest, SigtermStopsPromptlyWithExitCodeZero) {
  ControlPlaneProcess cp(Env(), LogPath());
  cp.Start();
  ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
  // An open keep-alive connection must not hold the shutdown up.
  HttpClient api = Api();
  ASSERT_TRUE(api.Get("/meshes").ok());

  auto start = std::chrono::steady_clock::now();
  cp.Signal(SIGTERM);
  std::optional<int> code = cp.Wait(5s);
  ASSERT_TRUE(code.has_value()) << "still running 5 s after SIGTERM; log:\n" << cp.Log();
  EXPECT_EQ(*code, 0) << cp.Log();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_THAT(cp.Log(), HasSubstr("received SIGTERM, shutting down"));
}

TEST_F(RuntimeTest, SigintStopsLikeSigterm) {
  ControlPlaneProcess cp(Env(), LogPath());
  cp.Start();
  ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
  cp.Signal(SIGINT);
  EXPECT_EQ(cp.Wait(5s), 0) << cp.Log();
}

TEST_F(RuntimeTest, SkipMeshCreationStartsWithNoMesh) {
  auto env = Env();
  env["KUMA_DEFAULTS_SKIP_MESH_CREATION"] = "true";
  ControlPlaneProcess cp(env, LogPath());
  cp.Start();
  ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
  HttpClient api = Api();
  auto def = api.Get("/meshes/default");
  ASSERT_TRUE(def.ok());
  EXPECT_EQ(def->status, 404) << def->body;
  auto list = api.Get("/meshes");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Json::parse(list->body)["total"], 0) << list->body;
  EXPECT_THAT(cp.Log(), HasSubstr("skipping default Mesh creation because "
                                  "KUMA_DEFAULTS_SKIP_MESH_CREATION is set to true"));
}

TEST_F(RuntimeTest, ConfigFileIsAppliedAndEnvironmentWinsOverIt) {
  api_port_ = PickFreePort();
  diagnostics_port_ = PickFreePort();
  const std::string file = dir_.path() + "/cp.yaml";
  std::ofstream(file) << "general:\n  workDir: " << dir_.path() << "\n"
                      << "apiServer:\n  readOnly: true\n  http:\n    port: 1\n"
                      << "diagnostics:\n  serverPort: " << diagnostics_port_ << "\n"
                      << "multizone:\n  zone:\n    name: east\n"
                      << "environment: universal\n";
  ControlPlaneProcess cp({{"KUMA_API_SERVER_HTTP_PORT", std::to_string(api_port_)}}, LogPath(),
                         {"run", "--config-file", file});
  cp.Start();
  ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
  HttpClient api = Api();  // the port from the environment, not port 1 from the file
  auto put = api.Put("/meshes/m1", R"({"type":"Mesh","name":"m1"})");
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(put->status, 405) << put->body;  // apiServer.readOnly from the file
  auto config = api.Get("/config");
  ASSERT_TRUE(config.ok());
  Json j = Json::parse(config->body);
  EXPECT_EQ(j["multizone"]["zone"]["name"], "east");
  EXPECT_EQ(j["apiServer"]["http"]["port"], api_port_);
  EXPECT_THAT(cp.Log(), HasSubstr("ignoring unknown configuration key environment"));
}

TEST_F(RuntimeTest, BadConfigurationExitsWithOneAndSaysWhy) {
  auto env = Env();
  env["KUMA_API_SERVER_HTTP_PORT"] = "abc";
  ControlPlaneProcess cp(env, LogPath());
  cp.Start();
  EXPECT_EQ(cp.Wait(5s), 1);
  EXPECT_THAT(cp.Log(), HasSubstr("KUMA_API_SERVER_HTTP_PORT: \"abc\" is not a valid port"));
}

TEST_F(RuntimeTest, PortInUseFailsStartupWithOneAndNamesThePort) {
  ControlPlaneProcess first(Env(), LogPath());
  first.Start();
  ASSERT_TRUE(first.WaitReady(diagnostics_port_));

  // Same API port, another diagnostics port and its own database.
  TempWorkDir other;
  ControlPlaneProcess second({{"KUMA_GENERAL_WORK_DIR", other.path()},
                              {"KUMA_API_SERVER_HTTP_PORT", std::to_string(api_port_)},
                              {"KUMA_DIAGNOSTICS_SERVER_PORT", std::to_string(PickFreePort())}},
                             other.path() + "/meshplane.log");
  second.Start();
  EXPECT_EQ(second.Wait(10s), 1);
  EXPECT_THAT(second.Log(),
              HasSubstr("cannot start the API server on 0.0.0.0:" + std::to_string(api_port_)));
  // The first one is unaffected.
  auto res = Api().Get("/meshes/default");
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 200);
}

TEST_F(RuntimeTest, MemoryStoreForgetsEverythingOnRestart) {
  auto env = Env();
  env["KUMA_STORE_TYPE"] = "memory";
  {
    ControlPlaneProcess cp(env, LogPath());
    cp.Start();
    ASSERT_TRUE(cp.WaitReady(diagnostics_port_));
    auto put = Api().Put("/meshes/payments", R"({"type":"Mesh","name":"payments"})");
    ASSERT_TRUE(put.ok());
    ASSERT_EQ(put->status, 201);
    cp.Signal(SIGTERM);
    ASSERT_EQ(cp.Wait(5s), 0);
  }
  ControlPlaneProcess again(env, LogPath());
  again.Start();
  ASSERT_TRUE(again.WaitReady(diagnostics_port_));
  auto res = Api().Get("/meshes/payments");
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 404);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/meshplane.db"));
}

}  // namespace
}  // namespace meshplane
