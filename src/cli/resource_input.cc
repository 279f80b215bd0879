#include "cli/resource_input.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/yaml_json.h"
#include "http/http_client.h"

namespace meshplane {

namespace {

constexpr std::chrono::seconds kUrlTimeout{10};

// strerror text in Go's style: "no such file or directory".
std::string GoErrnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument("error while opening provided file: open " + path.string() +
                                   ": " + GoErrnoText(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Status::InvalidArgument("error while reading the provided file [" + path.string() + "]");
  }
  return text.str();
}

bool IsManifestFile(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

Result<std::string> ReadDirectory(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && IsManifestFile(entry.path())) {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    return Status::InvalidArgument("error reading file names in directory " + dir.string() + ": " +
                                   ec.message());
  }
  std::sort(files.begin(), files.end());
  std::string joined;
  for (const auto& file : files) {
    auto text = ReadFile(file);
    if (!text.ok()) {
      return text.status();
    }
    // A separator line between files, so each file's documents stay separate.
    if (!joined.empty()) {
      joined += joined.back() == '\n' ? "---\n" : "\n---\n";
    }
    joined += *text;
  }
  return joined;
}

Result<std::string> ReadUrl(const std::string& url) {
  if (StartsWith(url, "https://")) {
    return Status::InvalidArgument("error while retrieving URL " + url +
                                   ": https URLs are not supported, download the file and pass "
                                   "its path instead");
  }
  // http://host[:port]/path?query -> base "http://host[:port]", target "/path?query".
  const size_t authority_start = std::string("http://").size();
  const size_t path_start = url.find_first_of("/?", authority_start);
  std::string base = url.substr(0, path_start);
  std::string target = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (target[0] == '?') {
    target = "/" + target;
  }
  HttpClient client(base, HttpClientOptions{.timeout = kUrlTimeout});
  auto response = client.Get(target);
  if (!response.ok()) {
    return Status::InvalidArgument("error with GET http request: " + response.status().message());
  }
  if (response->status != 200) {
    return Status::InvalidArgument("error while retrieving URL " + url + ": HTTP status " +
                                   std::to_string(response->status));
  }
  return std::move(response->body);
}

}  // namespace

Result<std::string> ReadInputText(const std::string& source, std::istream& stdin_stream) {
  if (source == "-") {
    std::ostringstream text;
    text << stdin_stream.rdbuf();
    return text.str();
  }
  if (StartsWith(source, "http://") || StartsWith(source, "https://")) {
    return ReadUrl(source);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(source, ec)) {
    return ReadDirectory(source);
  }
  return ReadFile(source);
}

std::vector<std::string> SplitDocuments(const std::string& text) {
  return SplitYamlDocuments(text);
}

Result<std::vector<std::string>> ReadInputDocuments(const std::string& source,
                                                    std::istream& stdin_stream) {
  auto text = ReadInputText(source, stdin_stream);
  if (!text.ok()) {
    return text.status();
  }
  std::vector<std::string> docs = SplitDocuments(*text);
  if (docs.empty()) {
    return Status::InvalidArgument("no resource(s) passed to apply");
  }
  return docs;
}

}  // namespace meshplane
