#include "http/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace meshplane {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsLoopback(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).is_loopback();
  }
  return a.is_loopback();
}

HttpServerResponse DefaultErrorResponse(int status, const std::string& detail) {
  std::string reason(http::obsolete_reason(static_cast<http::status>(status)));
  return HttpServerResponse::Text(status,
                                  std::to_string(status) + " " + reason + ": " + detail + "\n");
}

}  // namespace

const std::string* HttpServerRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) {
      return &v;
    }
  }
  return nullptr;
}

HttpServerResponse HttpServerResponse::Text(int status, std::string body,
                                            std::string content_type) {
  HttpServerResponse r;
  r.status = status;
  r.body = std::move(body);
  r.AddHeader("Content-Type", std::move(content_type));
  return r;
}

// Shared state of a running server. Sessions point at it; it outlives them because the io
// context (which holds every pending operation, and so every session) is destroyed first.
struct HttpServer::Impl {
  HttpServerOptions options;
  HttpHandler handler;

  std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  bool running = false;
  bool started_once = false;
  std::atomic<bool> stopping{false};
  // Set when the shutdown grace period ran out: responses not yet started are dropped.
  std::atomic<bool> abandon{false};
  std::atomic<uint16_t> port{0};

  // Declared after the registry: destroyed before it.
  asio::io_context ioc;
  // Keeps the io threads running until Shutdown() is done with them, even when no operation
  // is pending (Shutdown still posts work to the sessions).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::vector<std::thread> threads;

  Impl(HttpServerOptions o, HttpHandler h) : options(std::move(o)), handler(std::move(h)) {
    if (!options.error_formatter) {
      options.error_formatter = DefaultErrorResponse;
    }
    options.threads = std::max(1, options.threads);
  }

  // False when the server is shutting down: the session must close.
  bool Register(const std::shared_ptr<Session>& s);
  void Unregister(Session* s) {
    std::lock_guard<std::mutex> lock(mu);
    sessions.erase(s);
    if (sessions.empty()) {
      cv.notify_all();
    }
  }
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
};

namespace {

// One client connection: reads a request, runs the handler, writes the response, repeats
// while the connection is kept alive. Every step runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer::Impl* server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      remote_address_ = ep.address().to_string();
      from_loopback_ = IsLoopback(ep.address());
    }
  }
  ~Session() { server_->Unregister(this); }

  void Start() {
    if (!server_->Register(shared_from_this())) {
      Close();
      return;
    }
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoReadHeader, shared_from_this()));
  }

  // Called on the strand when the server shuts down.
  void OnShutdown() {
    if (idle_) {
      Close();
    } else {
      close_after_response_ = true;
    }
  }

  void ForceClose() { Close(); }

  auto executor() { return stream_.get_executor(); }

 private:
  const HttpServerOptions& options() const { return server_->options; }

  void DoReadHeader() {
    if (server_->stopping.load()) {
      Close();
      return;
    }
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(options().max_header_bytes);
    parser_->body_limit(static_cast<std::uint64_t>(options().max_body_bytes));
    stream_.expires_after(first_request_ ? options().header_timeout : options().idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    idle_ = false;
    first_request_ = false;
    if (ec) {
      OnReadError(ec);
      return;
    }
    const auto& req = parser_->get();
    auto expect = req.find(http::field::expect);
    if (expect != req.end() && beast::iequals(expect->value(), "100-continue")) {
      continue_.emplace(http::status::continue_, req.version());
      stream_.expires_after(options().write_timeout);
      http::async_write(stream_, *continue_,
                        [self = shared_from_this()](beast::error_code e, std::size_t) {
                          if (e) {
                            self->Close();
                            return;
                          }
                          self->DoReadBody();
                        });
      return;
    }
    DoReadBody();
  }

  void DoReadBody() {
    if (parser_->is_done()) {
      Handle();
      return;
    }
    stream_.expires_after(options().body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) {
      OnReadError(ec);
      return;
    }
    Handle();
  }

  void OnReadError(const beast::error_code& ec) {
    if (ec == http::error::body_limit) {
      SendError(413, "the request body is larger than the limit of " +
                         std::to_string(options().max_body_bytes) + " bytes");
      return;
    }
    if (ec == http::error::header_limit) {
      SendError(431, "the request header is larger than the limit of " +
                         std::to_string(options().max_header_bytes) + " bytes");
      return;
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == asio::error::operation_aborted || ec == beast::error::timeout ||
        ec == asio::error::eof || ec == asio::error::connection_reset) {
      Close();
      return;
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
      SendError(400, "malformed HTTP request: " + ec.message());
      return;
    }
    spdlog::debug("{}: connection from {} failed: {}", options().name, remote_address_,
                  ec.message());
    Close();
  }

  // Answers an error the server found itself; the connection is closed afterwards because the
  // rest of the request was not read.
  void SendError(int status, const std::string& detail) {
    spdlog::debug("{}: {} from {}: {}", options().name, status, remote_address_, detail);
    unsigned version = 11;
    if (parser_ && parser_->is_header_done()) {
      version = parser_->get().version();
    }
    drain_after_write_ = true;
    Write(options().error_formatter(status, detail), version, /*keep_alive=*/false);
  }

  void Handle() {
    stream_.expires_never();
    http::request<http::string_body> req = parser_->release();
    HttpServerRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    size_t q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) {
      r.query = r.target.substr(q + 1);
    }
    for (const auto& field : req) {
      r.headers.emplace_back(Lower(std::string(field.name_string())), std::string(field.value()));
    }
    r.body = std::move(req.body());
    r.remote_address = remote_address_;
    r.from_loopback = from_loopback_;

    HttpServerResponse response;
    try {
      response = server_->handler(r);
    } catch (const std::exception& e) {
      spdlog::error("{}: {} {} failed: {}", options().name, r.method, r.path, e.what());
      response = options().error_formatter(500, "Internal Server Error");
    }
    Write(std::move(response), req.version(), req.keep_alive());
  }

  void Write(HttpServerResponse response, unsigned version, bool keep_alive) {
    idle_ = false;
    if (server_->abandon.load()) {
      Close();
      return;
    }
    res_.emplace(static_cast<http::status>(response.status), version);
    for (auto& [name, value] : response.headers) {
      res_->insert(name, value);
    }
    res_->body() = std::move(response.body);
    res_->keep_alive(keep_alive && !close_after_response_ && !server_->stopping.load());
    res_->prepare_payload();
    stream_.expires_after(options().write_timeout);
    http::async_write(stream_, *res_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    bool keep_alive = res_->keep_alive();
    res_.reset();
    if (!ec && drain_after_write_) {
      CloseAfterDrain();
      return;
    }
    if (ec || !keep_alive || close_after_response_ || server_->stopping.load()) {
      Close();
      return;
    }
    DoReadHeader();
  }

  // The client may still be sending the request we refused. Closing a socket with unread data
  // makes the kernel reset the connection, and the client could lose our response; so stop
  // sending, read and discard for a while, then close.
  void CloseAfterDrain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    drain_deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    DoDrain();
  }

  void DoDrain() {
    auto remaining = drain_deadline_ - std::chrono::steady_clock::now();
    if (remaining <= std::chrono::steady_clock::duration::zero()) {
      stream_.close();
      return;
    }
    stream_.expires_after(remaining);
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) {
                                self->stream_.close();
                                return;
                              }
                              self->DoDrain();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  HttpServer::Impl* server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<http::response<http::string_body>> res_;
  std::string remote_address_;
  bool from_loopback_ = false;
  bool first_request_ = true;
  bool idle_ = false;  // waiting for the next request on a kept-alive connection
  bool close_after_response_ = false;
  bool drain_after_write_ = false;
  std::chrono::steady_clock::time_point drain_deadline_;
  std::array<char, 16384> drain_buffer_;
};

}  // namespace

bool HttpServer::Impl::Register(const std::shared_ptr<Session>& s) {
  std::lock_guard<std::mutex> lock(mu);
  if (stopping.load()) {
    return false;
  }
  sessions.emplace(s.get(), s);
  return true;
}

void HttpServer::Impl::DoAccept() {
  acceptor->async_accept(asio::make_strand(ioc), beast::bind_front_handler(&Impl::OnAccept, this));
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (stopping.load() || ec == asio::error::operation_aborted) {
    return;
  }
  if (ec) {
    // E.g. out of file descriptors: back off instead of spinning.
    spdlog::warn("{}: accept failed: {}", options.name, ec.message());
    accept_retry->expires_after(std::chrono::milliseconds(100));
    accept_retry->async_wait([this](beast::error_code e) {
      if (!e && !stopping.load()) {
        DoAccept();
      }
    });
    return;
  }
  std::make_shared<Session>(this, std::move(socket))->Start();
  DoAccept();
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() { Shutdown(std::chrono::milliseconds(0)); }

Status HttpServer::Start() {
  Impl& s = *impl_;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.started_once) {
      return Status::Internal(s.options.name + ": the server was already started");
    }
    s.started_once = true;
  }
  const std::string where = s.options.address + ":" + std::to_string(s.options.port);
  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(s.options.address, ec);
  if (ec) {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.options.address, "", ec);
    if (ec || results.empty()) {
      return Status::Unavailable("failed to listen on " + where + ": cannot resolve the address");
    }
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, s.options.port);
  auto strand = asio::make_strand(s.ioc);
  s.acceptor.emplace(strand);
  s.accept_retry.emplace(strand);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) {
    s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    s.acceptor->bind(endpoint, ec);
  }
  if (!ec) {
    s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    s.acceptor.reset();
    return Status::Unavailable("failed to listen on " + where + ": " + ec.message());
  }
  s.port = s.acceptor->local_endpoint().port();
  s.work.emplace(s.ioc.get_executor());
  s.DoAccept();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.running = true;
  }
  for (int i = 0; i < s.options.threads; ++i) {
    s.threads.emplace_back([&s] {
      try {
        s.ioc.run();
      } catch (const std::exception& e) {
        spdlog::error("{}: io thread stopped: {}", s.options.name, e.what());
      }
    });
  }
  spdlog::info("{}: listening on {}:{}", s.options.name, s.options.address, s.port.load());
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->port.load(); }

void HttpServer::Shutdown(std::chrono::milliseconds grace) {
  Impl& s = *impl_;
  const auto deadline = std::chrono::steady_clock::now() + grace;
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (!s.running) {
      return;
    }
    s.running = false;
    s.stopping = true;
    for (auto& [ptr, weak] : s.sessions) {
      if (auto session = weak.lock()) {
        live.push_back(std::move(session));
      }
    }
  }
  asio::post(s.acceptor->get_executor(), [&s] {
    beast::error_code ignored;
    s.acceptor->close(ignored);
    s.accept_retry->cancel();
  });
  for (auto& session : live) {
    asio::post(session->executor(), [session] { session->OnShutdown(); });
  }
  live.clear();

  auto collect_remaining = [&s]() {
    std::vector<std::shared_ptr<Session>> out;
    for (auto& [ptr, weak] : s.sessions) {
      if (auto session = weak.lock()) {
        out.push_back(std::move(session));
      }
    }
    return out;
  };
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait_until(lock, deadline, [&s] { return s.sessions.empty(); });
    live = collect_remaining();
  }
  if (!live.empty()) {
    // With no grace at all (destruction), closing is expected and not worth a warning.
    spdlog::log(grace.count() > 0 ? spdlog::level::warn : spdlog::level::debug,
                "{}: closing {} connection(s) still busy after the shutdown grace period",
                s.options.name, live.size());
    s.abandon = true;
    for (auto& session : live) {
      asio::post(session->executor(), [session] { session->ForceClose(); });
    }
    live.clear();
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait_for(lock, std::chrono::milliseconds(500), [&s] { return s.sessions.empty(); });
  }
  s.work.reset();
  s.ioc.stop();
  for (auto& t : s.threads) {
    if (t.joinable()) {
      t.join();
    }
  }
  s.threads.clear();
  spdlog::info("{}: stopped", s.options.name);
}

}  // namespace meshplane
