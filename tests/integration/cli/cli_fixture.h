// Runs the real `meshplane` binary against an in-process API server (memory store, the real
// resource manager with the Mesh rules) and captures what a user sees: stdout, stderr and the
// exit code.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_server/api_server.h"
#include "core/resource_codec.h"
#include "manager/dataplane_lifecycle.h"
#include "manager/mesh_lifecycle.h"
#include "manager/resource_manager.h"
#include "manager/secret_lifecycle.h"
#include "metrics/metrics_registry.h"
#include "resources/mesh/mesh_type.h"
#include "store/store_factory.h"

namespace meshplane {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary args...` with `input` on stdin; `env` entries ("K=V") are added to the
// environment. Kills the process after 30 s.
inline CliRun RunProcess(const std::vector<std::string>& args, const std::string& input = "",
                         const std::vector<std::string>& env = {}) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    unsetenv("MESHPLANE_API_URL");
    for (const auto& kv : env) {
      putenv(const_cast<char*>(kv.c_str()));
    }
    std::vector<char*> argv;
    static std::string binary = MESHPLANE_BINARY;
    argv.push_back(binary.data());
    for (const auto& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);
  // Small inputs fit in the pipe buffer; write, then close so the child sees EOF.
  size_t written = 0;
  while (written < input.size()) {
    ssize_t n = write(in_pipe[1], input.data() + written, input.size() - written);
    if (n <= 0) {
      break;
    }
    written += static_cast<size_t>(n);
  }
  close(in_pipe[1]);

  CliRun run;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open_fds = 2;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      ADD_FAILURE() << "meshplane did not finish in time";
      break;
    }
    if (poll(fds, 2, static_cast<int>(left.count())) < 0) {
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[4096];
        ssize_t n = read(fds[i].fd, buf, sizeof(buf));
        if (n > 0) {
          sinks[i]->append(buf, static_cast<size_t>(n));
        } else {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) {
      close(f.fd);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(ApiServerOptions{}); }

  void TearDown() override {
    if (server_) {
      server_->Shutdown(std::chrono::milliseconds(1000));
    }
    std::filesystem::remove_all(tmp_);
  }

  void StartServer(ApiServerOptions options) {
    auto store = OpenResourceStore({"memory", ""});
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    manager_ = std::make_unique<ResourceManager>(*store_, ResourceTypeRegistry::Builtin());
    RegisterMeshLifecycle(*manager_);
    RegisterSecretLifecycle(*manager_);
    RegisterDataplaneLifecycle(*manager_, "default");
    options.address = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<ApiServer>(*manager_, metrics_, options);
    Status st = server_->Start();
    ASSERT_TRUE(st.ok()) << st.message();
    api_url_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }

  // Runs `meshplane <args> --api-url <server>`.
  CliRun Cli(std::vector<std::string> args, const std::string& input = "") {
    args.push_back("--api-url");
    args.push_back(api_url_);
    return RunProcess(args, input);
  }

  // Writes `text` to a file in a per-test directory and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text) {
    if (tmp_.empty()) {
      tmp_ = std::filesystem::temp_directory_path() /
             ("meshplane-cli-it-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(tmp_);
    }
    std::filesystem::path path = tmp_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }

  // Creates a mesh directly through the manager, decoding Universal YAML-as-JSON.
  void CreateMesh(const std::string& json) {
    auto decoded = DecodeUniversal(Json::parse(json), MeshType());
    ASSERT_TRUE(decoded.ok()) << decoded.status().message();
    Status st = manager_->Create(decoded->resource);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  std::optional<Resource> StoredMesh(const std::string& name) {
    auto r = manager_->Get(MeshType(), {"", name});
    if (!r.ok()) {
      return std::nullopt;
    }
    return std::move(r).value();
  }

  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<ResourceManager> manager_;
  MetricsRegistry metrics_;
  std::unique_ptr<ApiServer> server_;
  std::string api_url_;
  std::filesystem::path tmp_;
};

// A URL where nothing listens (the port of a socket bound and closed again).
inline std::string UnreachableUrl() { return "http://127.0.0.1:1"; }

}  // namespace meshplane
