// Runs the real `meshplane run` as a child process, the way an operator does: its own work
// directory, ports picked for it, output captured in a log file, stopped with real signals.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "http/http_client.h"

namespace meshplane {

// A port that was free a moment ago: bound on port 0, read back, released.
inline uint16_t PickFreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "cannot pick a free port";
  }
  close(fd);
  return ntohs(addr.sin_port);
}

class TempWorkDir {
 public:
  TempWorkDir() {
    char tmpl[] = "/tmp/meshplane-runtime-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempWorkDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class ControlPlaneProcess {
 public:
  // `env` is added to this process's environment, from which every KUMA_* variable is removed
  // first so that the test does not depend on the shell it runs in.
  ControlPlaneProcess(std::map<std::string, std::string> env, std::string log_path,
                      std::vector<std::string> args = {"run"})
      : env_(std::move(env)), log_path_(std::move(log_path)), args_(std::move(args)) {}
  ~ControlPlaneProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  void Start() {
    std::vector<std::string> env_entries;
    for (const auto& [k, v] : ProcessEnvironment()) {
      if (k.rfind("KUMA_", 0) != 0) {
        env_entries.push_back(k + "=" + v);
      }
    }
    for (const auto& [k, v] : env_) {
      env_entries.push_back(k + "=" + v);
    }
    std::vector<char*> envp;
    for (auto& e : env_entries) {
      envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    std::string binary = MESHPLANE_BINARY;
    std::vector<char*> argv{binary.data()};
    for (auto& a : args_) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    int log_fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ASSERT_GE(log_fd, 0) << "cannot open " << log_path_;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(log_fd, 1);
      dup2(log_fd, 2);
      close(log_fd);
      execve(binary.c_str(), argv.data(), envp.data());
      _exit(127);
    }
    close(log_fd);
    ASSERT_GT(pid_, 0) << "fork failed";
  }

  // Polls GET /ready on the diagnostics port until it answers 200.
  ::testing::AssertionResult WaitReady(uint16_t diagnostics_port,
                                       std::chrono::seconds timeout = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return ::testing::AssertionFailure() << "meshplane exited before it was ready; log:\n"
                                             << Log();
      }
      HttpClient client("http://127.0.0.1:" + std::to_string(diagnostics_port),
                        HttpClientOptions{std::chrono::milliseconds(1000)});
      auto res = client.Get("/ready");
      if (res.ok() && res->status == 200) {
        return ::testing::AssertionSuccess();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return ::testing::AssertionFailure() << "meshplane not ready in time; log:\n" << Log();
  }

  void Signal(int sig) {
    if (pid_ > 0) {
      kill(pid_, sig);
    }
  }

  // The exit code (128 + signal when killed by one), or nullopt if it is still running after
  // `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) {
      return exit_code_;
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_code_;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::string Log() const {
    std::ifstream in(log_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::map<std::string, std::string> env_;
  std::string log_path_;
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

}  // namespace meshplane
