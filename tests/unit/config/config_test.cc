#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_keys.h"

namespace meshplane {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using Env = std::map<std::string, std::string>;

const Env kHome = {{"HOME", "/home/alice"}};

class ConfigFile {
 public:
  explicit ConfigFile(const std::string& yaml) {
    char tmpl[] = "/tmp/meshplane-config-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/kuma-cp.yaml";
    std::ofstream(path_) << yaml;
  }
  ~ConfigFile() { fs::remove_all(dir_); }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

ControlPlaneConfig MustLoad(const std::optional<std::string>& file, const Env& env) {
  Result<ControlPlaneConfig> c = LoadConfig(file, env);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : ControlPlaneConfig{};
}

std::string LoadError(const std::optional<std::string>& file, const Env& env) {
  Result<ControlPlaneConfig> c = LoadConfig(file, env);
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kInvalidArgument);
  return c.status().message();
}

TEST(ConfigTest, DefaultsMatchKumaPortsAndResolveTheWorkDirFromHome) {
  ControlPlaneConfig c = MustLoad(std::nullopt, kHome);
  EXPECT_EQ(c.mode, "zone");
  EXPECT_EQ(c.general.work_dir, "/home/alice/.meshplane");
  EXPECT_EQ(c.store.type, "sqlite");
  EXPECT_EQ(c.store.sqlite.path, "/home/alice/.meshplane/meshplane.db");
  EXPECT_FALSE(c.store.unsafe_delete);
  EXPECT_EQ(c.api_server.http.port, 5681);
  EXPECT_EQ(c.api_server.http.interface, "0.0.0.0");
  EXPECT_FALSE(c.api_server.read_only);
  EXPECT_EQ(c.api_server.max_body_bytes, 4 * 1024 * 1024);
  EXPECT_EQ(c.diagnostics.server_port, 5680);
  EXPECT_EQ(c.dp_server.port, 5678);
  EXPECT_FALSE(c.defaults.skip_mesh_creation);
  EXPECT_EQ(c.multizone.zone.name, "default");
  EXPECT_EQ(c.logging.level, "info");
  EXPECT_THAT(c.warnings, IsEmpty());
}

TEST(ConfigTest, SqlitePathFollowsAConfiguredWorkDir) {
  ControlPlaneConfig c = MustLoad(std::nullopt, {{"KUMA_GENERAL_WORK_DIR", "/var/lib/mp"}});
  EXPECT_EQ(c.general.work_dir, "/var/lib/mp");
  EXPECT_EQ(c.store.sqlite.path, "/var/lib/mp/meshplane.db");
}

TEST(ConfigTest, WithoutHomeOrWorkDirLoadingFailsAndSaysWhatToSet) {
  EXPECT_THAT(LoadError(std::nullopt, {}), HasSubstr("KUMA_GENERAL_WORK_DIR"));
}

TEST(ConfigTest, FileSetsEveryKeyByItsKumaPath) {
  ConfigFile file(R"(
mode: zone
general:
  workDir: /srv/mp
store:
  type: memory
  sqlite:
    path: /data/cp.db
  unsafeDelete: true
apiServer:
  http:
    port: 15681
    interface: 127.0.0.1
  readOnly: true
  maxBodyBytes: 65536
diagnostics:
  serverPort: 15680
dpServer:
  port: 15678
defaults:
  skipMeshCreation: true
multizone:
  zone:
    name: zone-1
logging:
  level: debug
)");
  ControlPlaneConfig c = MustLoad(file.path(), kHome);
  EXPECT_EQ(c.general.work_dir, "/srv/mp");
  EXPECT_EQ(c.store.type, "memory");
  EXPECT_EQ(c.store.sqlite.path, "/data/cp.db");
  EXPECT_TRUE(c.store.unsafe_delete);
  EXPECT_EQ(c.api_server.http.port, 15681);
  EXPECT_EQ(c.api_server.http.interface, "127.0.0.1");
  EXPECT_TRUE(c.api_server.read_only);
  EXPECT_EQ(c.api_server.max_body_bytes, 65536);
  EXPECT_EQ(c.diagnostics.server_port, 15680);
  EXPECT_EQ(c.dp_server.port, 15678);
  EXPECT_TRUE(c.defaults.skip_mesh_creation);
  EXPECT_EQ(c.multizone.zone.name, "zone-1");
  EXPECT_EQ(c.logging.level, "debug");
  EXPECT_THAT(c.warnings, IsEmpty());
}

TEST(ConfigTest, EnvironmentOverridesTheFile) {
  ConfigFile file(R"(
apiServer:
  http:
    port: 15681
  readOnly: true
multizone:
  zone:
    name: from-file
)");
  ControlPlaneConfig c = MustLoad(file.path(), {{"HOME", "/h"},
                                                {"KUMA_API_SERVER_HTTP_PORT", "25681"},
                                                {"KUMA_API_SERVER_READ_ONLY", "false"}});
  EXPECT_EQ(c.api_server.http.port, 25681);
  EXPECT_FALSE(c.api_server.read_only);
  EXPECT_EQ(c.multizone.zone.name, "from-file");  // not overridden: file value stays
}

TEST(ConfigTest, EveryKeyIsReadFromItsEnvironmentVariable) {
  ControlPlaneConfig c = MustLoad(std::nullopt, {
                                                    {"KUMA_MODE", "zone"},
                                                    {"KUMA_GENERAL_WORK_DIR", "/w"},
                                                    {"KUMA_STORE_TYPE", "memory"},
                                                    {"KUMA_STORE_SQLITE_PATH", "/x.db"},
                                                    {"KUMA_STORE_UNSAFE_DELETE", "true"},
                                                    {"KUMA_API_SERVER_HTTP_PORT", "1"},
                                                    {"KUMA_API_SERVER_HTTP_INTERFACE", "::1"},
                                                    {"KUMA_API_SERVER_READ_ONLY", "True"},
                                                    {"KUMA_API_SERVER_MAX_BODY_BYTES", "2048"},
                                                    {"KUMA_DIAGNOSTICS_SERVER_PORT", "2"},
                                                    {"KUMA_DP_SERVER_PORT", "3"},
                                                    {"KUMA_DEFAULTS_SKIP_MESH_CREATION", "1"},
                                                    {"KUMA_MULTIZONE_ZONE_NAME", "z"},
                                                    {"KUMA_LOG_LEVEL", "off"},
                                                });
  EXPECT_EQ(c.general.work_dir, "/w");
  EXPECT_EQ(c.store.type, "memory");
  EXPECT_EQ(c.store.sqlite.path, "/x.db");
  EXPECT_TRUE(c.store.unsafe_delete);
  EXPECT_EQ(c.api_server.http.port, 1);
  EXPECT_EQ(c.api_server.http.interface, "::1");
  EXPECT_TRUE(c.api_server.read_only);
  EXPECT_EQ(c.api_server.max_body_bytes, 2048);
  EXPECT_EQ(c.diagnostics.server_port, 2);
  EXPECT_EQ(c.dp_server.port, 3);
  EXPECT_TRUE(c.defaults.skip_mesh_creation);
  EXPECT_EQ(c.multizone.zone.name, "z");
  EXPECT_EQ(c.logging.level, "off");
}

TEST(ConfigTest, WorkloadCertificateKeyTypeIsRsaUnlessEcdsaIsChosen) {
  EXPECT_EQ(MustLoad(std::nullopt, {{"HOME", "/h"}}).ca.workload_certificate_key_type, "RSA");
  EXPECT_EQ(
      MustLoad(std::nullopt, {{"HOME", "/h"}, {"KUMA_CA_WORKLOAD_CERTIFICATE_KEY_TYPE", "ECDSA"}})
          .ca.workload_certificate_key_type,
      "ECDSA");
  EXPECT_THAT(
      LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_CA_WORKLOAD_CERTIFICATE_KEY_TYPE", "DSA"}}),
      HasSubstr("KUMA_CA_WORKLOAD_CERTIFICATE_KEY_TYPE: \"DSA\" is not a valid key type: expected "
                "RSA or ECDSA"));
}

TEST(ConfigTest, EmptyEnvironmentVariableCountsAsUnset) {
  ControlPlaneConfig c =
      MustLoad(std::nullopt, {{"HOME", "/h"}, {"KUMA_API_SERVER_HTTP_PORT", ""}});
  EXPECT_EQ(c.api_server.http.port, 5681);
}

TEST(ConfigTest, PortZeroMeansEphemeral) {
  ControlPlaneConfig c = MustLoad(
      std::nullopt,
      {{"HOME", "/h"}, {"KUMA_API_SERVER_HTTP_PORT", "0"}, {"KUMA_DIAGNOSTICS_SERVER_PORT", "0"}});
  EXPECT_EQ(c.api_server.http.port, 0);
  EXPECT_EQ(c.diagnostics.server_port, 0);
}

TEST(ConfigTest, BadEnvironmentValueNamesTheVariableAndTheKey) {
  std::string err = LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_API_SERVER_HTTP_PORT", "abc"}});
  EXPECT_THAT(err, HasSubstr("KUMA_API_SERVER_HTTP_PORT: \"abc\" is not a valid port"));
  EXPECT_THAT(err, HasSubstr("apiServer.http.port"));
}

TEST(ConfigTest, OutOfRangePortIsRejected) {
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_DIAGNOSTICS_SERVER_PORT", "65536"}}),
              HasSubstr("KUMA_DIAGNOSTICS_SERVER_PORT: \"65536\" is not a valid port: expected "
                        "an integer from 0 to 65535"));
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_DP_SERVER_PORT", "-1"}}),
              HasSubstr("KUMA_DP_SERVER_PORT: \"-1\" is not a valid port"));
}

TEST(ConfigTest, BadBooleanIsRejected) {
  EXPECT_THAT(
      LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_DEFAULTS_SKIP_MESH_CREATION", "yes please"}}),
      HasSubstr("KUMA_DEFAULTS_SKIP_MESH_CREATION: \"yes please\" is not a valid boolean: "
                "expected true or false (defaults.skipMeshCreation)"));
}

TEST(ConfigTest, BadValuesInTheFileNameTheKeyTheFileAndTheVariable) {
  ConfigFile file(R"(
apiServer:
  http:
    port: 70000
    interface: localhost
  readOnly: maybe
)");
  std::string err = LoadError(file.path(), kHome);
  EXPECT_THAT(err, HasSubstr("apiServer.http.port in \"" + file.path() +
                             "\": 70000 is not a valid port: expected an integer from 0 to "
                             "65535 (KUMA_API_SERVER_HTTP_PORT)"));
  EXPECT_THAT(err, HasSubstr("apiServer.http.interface in \"" + file.path() +
                             "\": \"localhost\" is not a valid IP address"));
  EXPECT_THAT(err, HasSubstr("apiServer.readOnly in \"" + file.path() +
                             "\": \"maybe\" is not a valid boolean"));
}

TEST(ConfigTest, EveryBadValueIsReportedAtOnce) {
  std::string err = LoadError(
      std::nullopt,
      {{"HOME", "/h"}, {"KUMA_API_SERVER_HTTP_PORT", "x"}, {"KUMA_DIAGNOSTICS_SERVER_PORT", "y"}});
  EXPECT_THAT(err, HasSubstr("KUMA_API_SERVER_HTTP_PORT"));
  EXPECT_THAT(err, HasSubstr("KUMA_DIAGNOSTICS_SERVER_PORT"));
}

TEST(ConfigTest, MaxBodyBytesHasARange) {
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_API_SERVER_MAX_BODY_BYTES", "10"}}),
              HasSubstr("KUMA_API_SERVER_MAX_BODY_BYTES: \"10\" is not a valid size: expected an "
                        "integer from 1024 to 1073741824"));
}

TEST(ConfigTest, GlobalModeIsRecognisedButNotSupported) {
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_MODE", "global"}}),
              HasSubstr("mode: \"global\" is not supported yet"));
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_MODE", "remote"}}),
              HasSubstr("KUMA_MODE: \"remote\" is not a valid mode: expected zone, global or "
                        "standalone"));
}

TEST(ConfigTest, FileModeIsCheckedAfterTheEnvironmentOverridesIt) {
  ConfigFile file("mode: global\n");
  ControlPlaneConfig c = MustLoad(file.path(), {{"HOME", "/h"}, {"KUMA_MODE", "zone"}});
  EXPECT_EQ(c.mode, "zone");
}

TEST(ConfigTest, StandaloneModeIsReadAsZoneWithAWarning) {
  ControlPlaneConfig c = MustLoad(std::nullopt, {{"HOME", "/h"}, {"KUMA_MODE", "standalone"}});
  EXPECT_EQ(c.mode, "zone");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], HasSubstr("standalone"));
}

TEST(ConfigTest, PostgresStoreIsNotSupportedYet) {
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_STORE_TYPE", "postgres"}}),
              HasSubstr("store.type: \"postgres\" is not supported yet"));
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_STORE_TYPE", "etcd"}}),
              HasSubstr("KUMA_STORE_TYPE: \"etcd\" is not a valid store type"));
}

TEST(ConfigTest, ApiAndDiagnosticsPortsMustDiffer) {
  EXPECT_THAT(LoadError(std::nullopt, {{"HOME", "/h"}, {"KUMA_DIAGNOSTICS_SERVER_PORT", "5681"}}),
              HasSubstr("apiServer.http.port and diagnostics.serverPort are both 5681"));
}

TEST(ConfigTest, UnknownKeysAreIgnoredWithAWarningNamingThem) {
  ConfigFile file(R"(
environment: universal
store:
  type: memory
  postgres:
    host: db
    port: 5432
apiServer:
  http:
    port: 5681
    enabled: true
)");
  ControlPlaneConfig c = MustLoad(file.path(), kHome);
  EXPECT_EQ(c.store.type, "memory");
  ASSERT_EQ(c.warnings.size(), 3u);
  EXPECT_THAT(c.warnings[0], HasSubstr("unknown configuration key environment"));
  EXPECT_THAT(c.warnings[1], HasSubstr("unknown configuration key store.postgres "));
  EXPECT_THAT(c.warnings[2], HasSubstr("unknown configuration key apiServer.http.enabled"));
}

TEST(ConfigTest, KeysWithoutValuesKeepTheirDefaults) {
  ConfigFile file("apiServer:\n  http:\n    port:\nstore:\n");
  ControlPlaneConfig c = MustLoad(file.path(), kHome);
  EXPECT_EQ(c.api_server.http.port, 5681);
  EXPECT_EQ(c.store.type, "sqlite");
}

TEST(ConfigTest, AnEmptyFileMeansDefaults) {
  ConfigFile file("# nothing here\n");
  ControlPlaneConfig c = MustLoad(file.path(), kHome);
  EXPECT_EQ(c.api_server.http.port, 5681);
}

TEST(ConfigTest, YamlBooleansAndQuotedNumbersAreAccepted) {
  ConfigFile file("apiServer:\n  readOnly: yes\n  http:\n    port: \"6000\"\n");
  ControlPlaneConfig c = MustLoad(file.path(), kHome);
  EXPECT_TRUE(c.api_server.read_only);
  EXPECT_EQ(c.api_server.http.port, 6000);
}

TEST(ConfigTest, ScalarWhereASectionBelongsIsAnError) {
  ConfigFile file("apiServer: 5681\n");
  EXPECT_THAT(LoadError(file.path(), kHome),
              HasSubstr("apiServer in \"" + file.path() + "\": expected a mapping of settings"));
}

TEST(ConfigTest, SectionWhereAValueBelongsIsAnError) {
  ConfigFile file("store:\n  type:\n    name: sqlite\n");
  EXPECT_THAT(LoadError(file.path(), kHome),
              HasSubstr("store.type in \"" + file.path() + "\": expected a single value"));
}

TEST(ConfigTest, MissingFileIsAClearError) {
  EXPECT_THAT(LoadError("/nonexistent/kuma-cp.yaml", kHome),
              HasSubstr("cannot read config file \"/nonexistent/kuma-cp.yaml\""));
}

TEST(ConfigTest, InvalidYamlIsAClearError) {
  ConfigFile file("apiServer: [unclosed\n");
  EXPECT_THAT(LoadError(file.path(), kHome),
              HasSubstr("config file \"" + file.path() + "\" is not valid YAML"));
}

TEST(ConfigTest, NonMappingDocumentIsAClearError) {
  ConfigFile file("- a\n- b\n");
  EXPECT_THAT(LoadError(file.path(), kHome), HasSubstr("must be a YAML mapping of settings"));
}

TEST(ConfigTest, ConfigToJsonUsesKumaYamlPaths) {
  ControlPlaneConfig c =
      MustLoad(std::nullopt, {{"HOME", "/h"}, {"KUMA_API_SERVER_HTTP_PORT", "7000"}});
  Json j = ConfigToJson(c);
  EXPECT_EQ(j["mode"], "zone");
  EXPECT_EQ(j["general"]["workDir"], "/h/.meshplane");
  EXPECT_EQ(j["store"]["type"], "sqlite");
  EXPECT_EQ(j["store"]["sqlite"]["path"], "/h/.meshplane/meshplane.db");
  EXPECT_EQ(j["store"]["unsafeDelete"], false);
  EXPECT_EQ(j["apiServer"]["http"]["port"], 7000);
  EXPECT_TRUE(j["apiServer"]["http"]["port"].is_number());
  EXPECT_EQ(j["apiServer"]["http"]["interface"], "0.0.0.0");
  EXPECT_EQ(j["apiServer"]["readOnly"], false);
  EXPECT_EQ(j["apiServer"]["maxBodyBytes"], 4194304);
  EXPECT_EQ(j["diagnostics"]["serverPort"], 5680);
  EXPECT_EQ(j["dpServer"]["port"], 5678);
  EXPECT_EQ(j["defaults"]["skipMeshCreation"], false);
  EXPECT_EQ(j["multizone"]["zone"]["name"], "default");
  EXPECT_EQ(j["logging"]["level"], "info");
  EXPECT_FALSE(j.contains("warnings"));
}

TEST(ConfigTest, ConfigToJsonReadsBackAsTheSameConfig) {
  ControlPlaneConfig c = MustLoad(
      std::nullopt,
      {{"HOME", "/h"}, {"KUMA_STORE_UNSAFE_DELETE", "true"}, {"KUMA_MULTIZONE_ZONE_NAME", "east"}});
  Json j = ConfigToJson(c);
  // GET /config output is itself a valid config file.
  ConfigFile file(j.dump());
  ControlPlaneConfig again = MustLoad(file.path(), {});
  EXPECT_EQ(ConfigToJson(again), j);
  EXPECT_THAT(again.warnings, IsEmpty());
}

TEST(ConfigKeysTest, EveryDefaultParses) {
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.default_value.empty()) {
      continue;
    }
    ControlPlaneConfig c;
    EXPECT_EQ(SetConfigValueFromText(key, key.default_value, c), std::nullopt) << key.path;
  }
}

TEST(ConfigKeysTest, EnvironmentVariablesFollowKumaNaming) {
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_THAT(key.env, ::testing::StartsWith("KUMA_")) << key.path;
    EXPECT_THAT(key.description, Not(IsEmpty())) << key.path;
  }
}

// docs/configuration.md carries the reference table rendered from the key table, so the docs
// cannot drift from what the loader accepts.
TEST(ConfigKeysTest, DocumentationListsEveryKeyAsLoaded) {
  fs::path docs = fs::path(MESHPLANE_SOURCE_DIR) / "docs/configuration.md";
  std::ifstream in(docs);
  ASSERT_TRUE(in) << "cannot read " << docs;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_THAT(ss.str(), HasSubstr(ConfigReferenceMarkdown()))
      << "regenerate the table in docs/configuration.md; expected:\n"
      << ConfigReferenceMarkdown();
}

}  // namespace
}  // namespace meshplane
