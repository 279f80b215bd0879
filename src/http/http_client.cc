#include "http/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

namespace meshplane {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct ParsedUrl {
  std::string host;
  std::string port;
  std::string base_path;
  std::string error;  // non-empty when the URL is unusable
};

ParsedUrl ParseBaseUrl(const std::string& url) {
  ParsedUrl out;
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    out.error = "https is not supported by this client";
    return out;
  } else {
    out.error = "the URL must start with http://";
    return out;
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) {
    out.base_path = rest.substr(slash);
    while (!out.base_path.empty() && out.base_path.back() == '/') {
      out.base_path.pop_back();
    }
  }
  if (!authority.empty() && authority.front() == '[') {  // [::1]:5681
    size_t close = authority.find(']');
    if (close == std::string::npos) {
      out.error = "malformed IPv6 address";
      return out;
    }
    out.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      out.port = authority.substr(close + 2);
    }
  } else {
    size_t colon = authority.rfind(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      out.port = authority.substr(colon + 1);
    }
  }
  if (out.port.empty()) {
    out.port = "80";
  }
  if (out.host.empty()) {
    out.error = "the URL has no host";
  }
  return out;
}

std::string HostHeader(const ParsedUrl& u) {
  std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  return u.port == "80" ? host : host + ":" + u.port;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Errors that mean a reused keep-alive connection had been closed by the server before our
// request reached it; the request can be sent again on a new connection.
bool IsStaleConnectionError(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted;
}

}  // namespace

struct HttpClient::Connection {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;

  void Close() {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    buffer.clear();
    open = false;
  }

  // Runs the asynchronous operation started by `start` to completion (or until the stream's
  // deadline closes the socket) and returns its error.
  template <typename Start>
  beast::error_code Run(std::chrono::milliseconds timeout, Start&& start) {
    beast::error_code result = asio::error::would_block;
    stream.expires_after(timeout);
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }
};

HttpClient::HttpClient(std::string base_url, HttpClientOptions options)
    : base_url_(std::move(base_url)),
      options_(options),
      connection_(std::make_unique<Connection>()) {
  while (!base_url_.empty() && base_url_.back() == '/') {
    base_url_.pop_back();
  }
}

HttpClient::~HttpClient() {
  if (connection_ && connection_->open) {
    connection_->Close();
  }
}

Result<HttpResponse> HttpClient::Request(const std::string& method, const std::string& target,
                                         const std::string& body,
                                         const std::map<std::string, std::string>& headers) {
  ParsedUrl url = ParseBaseUrl(base_url_);
  if (!url.error.empty()) {
    return Status::InvalidArgument("invalid API address " + base_url_ + ": " + url.error);
  }
  http::verb verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) {
    return Status::InvalidArgument("unknown HTTP method " + method);
  }
  std::string full_target =
      url.base_path + (target.empty() || target[0] != '/' ? "/" : "") + target;

  http::request<http::string_body> req{verb, full_target, 11};
  req.set(http::field::host, HostHeader(url));
  req.set(http::field::user_agent, std::string("meshplane/") + MESHPLANE_VERSION);
  req.set(http::field::accept, "application/json");
  for (const auto& [k, v] : headers) {
    req.set(k, v);
  }
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();

  Connection& c = *connection_;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = c.open;
    if (!c.open) {
      tcp::resolver resolver(c.ioc);
      beast::error_code ec;
      auto endpoints = resolver.resolve(url.host, url.port, ec);
      if (!ec) {
        ec = c.Run(options_.timeout,
                   [&](auto handler) { c.stream.async_connect(endpoints, handler); });
      }
      if (ec) {
        c.Close();
        std::string reason = ec == beast::error::timeout ? "connection timed out" : ec.message();
        return Status::Unavailable("failed to connect to " + base_url_ + ": " + reason);
      }
      c.open = true;
    }

    beast::error_code ec =
        c.Run(options_.timeout, [&](auto handler) { http::async_write(c.stream, req, handler); });
    if (ec) {
      c.Close();
      if (reused && attempt == 0 && IsStaleConnectionError(ec)) {
        continue;
      }
      return Status::Unavailable("failed to send a request to " + base_url_ + ": " +
                                 (ec == beast::error::timeout ? "timed out" : ec.message()));
    }

    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    // HEAD responses announce a length they do not carry.
    parser.skip(verb == http::verb::head);
    ec = c.Run(options_.timeout,
               [&](auto handler) { http::async_read(c.stream, c.buffer, parser, handler); });
    if (ec) {
      c.Close();
      if (reused && attempt == 0 && IsStaleConnectionError(ec) && !parser.got_some()) {
        continue;
      }
      if (ec == beast::error::timeout) {
        return Status::Unavailable("request " + method + " " + base_url_ + target +
                                   " timed out after " + std::to_string(options_.timeout.count()) +
                                   "ms");
      }
      return Status::Unavailable("failed to read the response from " + base_url_ + ": " +
                                 ec.message());
    }
    http::response<http::string_body> res = parser.release();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name = Lower(std::string(field.name_string()));
      std::string value(field.value());
      auto it = out.headers.find(name);
      if (it == out.headers.end()) {
        out.headers.emplace(std::move(name), std::move(value));
      } else {
        it->second += ", " + value;
      }
    }
    out.body = std::move(res.body());
    if (!res.keep_alive()) {
      c.Close();
    }
    return out;
  }
  return Status::Unavailable("failed to send a request to " + base_url_ +
                             ": the connection was closed");
}

}  // namespace meshplane
