// The generic HTTP server under real sockets: keep-alive, limits, malformed requests, timeouts
// and graceful shutdown.
#include "http/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "http/http_client.h"

namespace meshplane {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// A raw TCP connection, to see exactly what goes over one socket.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void Send(const std::string& data) { asio::write(socket_, asio::buffer(data)); }
  // Reads one response whose body length is given by Content-Length.
  std::string ReadResponse() {
    std::string out;
    char c;
    while (out.find("\r\n\r\n") == std::string::npos) {
      boost::system::error_code ec;
      size_t n = socket_.read_some(asio::buffer(&c, 1), ec);
      if (ec || n == 0) {
        return out;
      }
      out.push_back(c);
    }
    size_t pos = out.find("Content-Length: ");
    if (pos != std::string::npos) {
      size_t len = std::stoul(out.substr(pos + 16));
      std::string body(len, '\0');
      asio::read(socket_, asio::buffer(body));
      out += body;
    }
    return out;
  }
  // True when the server closed the connection (EOF) within `timeout`.
  bool ClosedByPeer(std::chrono::milliseconds timeout) {
    socket_.non_blocking(true);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char c;
    while (std::chrono::steady_clock::now() < deadline) {
      boost::system::error_code ec;
      socket_.read_some(asio::buffer(&c, 1), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(10ms);
        continue;
      }
      return ec == asio::error::eof || ec == asio::error::connection_reset;
    }
    return false;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
};

HttpServerOptions LocalOptions() {
  HttpServerOptions o;
  o.name = "test";
  o.address = "127.0.0.1";
  o.port = 0;
  return o;
}

HttpServerResponse Echo(const HttpServerRequest& r) {
  std::string body = r.method + " " + r.path + " " + r.query + " " + r.body;
  if (const std::string* h = r.Header("x-test")) {
    body += " x-test=" + *h;
  }
  if (r.from_loopback) {
    body += " loopback";
  }
  return HttpServerResponse::Text(200, body);
}

std::string Url(const HttpServer& s) { return "http://127.0.0.1:" + std::to_string(s.port()); }

TEST(HttpServerTest, ServesOnAnEphemeralPortAndPassesTheRequestThrough) {
  HttpServer server(LocalOptions(), Echo);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_NE(server.port(), 0);
  HttpClient client(Url(server));
  auto r = client.Request("PUT", "/a/b?x=1&y=2", "payload", {{"X-Test", "yes"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "PUT /a/b x=1&y=2 payload x-test=yes loopback");
  server.Shutdown(1s);
}

TEST(HttpServerTest, KeepsTheConnectionAliveAcrossRequests) {
  HttpServer server(LocalOptions(), Echo);
  ASSERT_TRUE(server.Start().ok());
  RawConnection conn(server.port());
  for (int i = 0; i < 3; ++i) {
    conn.Send("GET /n" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string res = conn.ReadResponse();
    EXPECT_EQ(res.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << res;
    EXPECT_NE(res.find("GET /n" + std::to_string(i)), std::string::npos) << res;
  }
  // Pipelined requests are answered in order.
  conn.Send("GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(conn.ReadResponse().find("GET /p1"), std::string::npos);
  EXPECT_NE(conn.ReadResponse().find("GET /p2"), std::string::npos);
  conn.Send("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(conn.ReadResponse().find("GET /last"), std::string::npos);
  EXPECT_TRUE(conn.ClosedByPeer(2s));
}

TEST(HttpServerTest, MalformedRequestsGet400AndAClosedConnection) {
  HttpServerOptions o = LocalOptions();
  o.error_formatter = [](int status, const std::string& detail) {
    return HttpServerResponse::Text(status, "formatted " + std::to_string(status));
  };
  HttpServer server(o, Echo);
  ASSERT_TRUE(server.Start().ok());
  RawConnection conn(server.port());
  conn.Send("THIS IS NOT HTTP\r\n\r\n");
  std::string res = conn.ReadResponse();
  EXPECT_EQ(res.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << res;
  EXPECT_NE(res.find("formatted 400"), std::string::npos) << res;
  EXPECT_TRUE(conn.ClosedByPeer(3s));
}

TEST(HttpServerTest, BodiesOverTheLimitGet413) {
  HttpServerOptions o = LocalOptions();
  o.max_body_bytes = 1000;
  HttpServer server(o, Echo);
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server));
  auto ok = client.Request("PUT", "/x", std::string(1000, 'a'));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, 200);
  auto big = client.Request("PUT", "/x", std::string(200000, 'a'));
  ASSERT_TRUE(big.ok()) << big.status().message();
  EXPECT_EQ(big->status, 413);
  EXPECT_NE(big->body.find("1000 bytes"), std::string::npos) << big->body;

  // A chunked body is cut when it crosses the limit.
  RawConnection conn(server.port());
  conn.Send(
      "PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3e8\r\n" +
      std::string(1000, 'b') + "\r\n10\r\n" + std::string(16, 'c') + "\r\n0\r\n\r\n");
  std::string res = conn.ReadResponse();
  EXPECT_EQ(res.rfind("HTTP/1.1 413", 0), 0u) << res;
}

TEST(HttpServerTest, AnswersExpect100Continue) {
  HttpServer server(LocalOptions(), Echo);
  ASSERT_TRUE(server.Start().ok());
  RawConnection conn(server.port());
  conn.Send("PUT /c HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(conn.ReadResponse(), "HTTP/1.1 100 Continue\r\n\r\n");
  conn.Send("body");
  EXPECT_NE(conn.ReadResponse().find("PUT /c  body"), std::string::npos);
}

TEST(HttpServerTest, ClosesConnectionsThatSendNoHeader) {
  HttpServerOptions o = LocalOptions();
  o.header_timeout = 200ms;
  HttpServer server(o, Echo);
  ASSERT_TRUE(server.Start().ok());
  RawConnection conn(server.port());
  EXPECT_TRUE(conn.ClosedByPeer(3s));
}

TEST(HttpServerTest, HandlerExceptionsBecome500) {
  HttpServer server(LocalOptions(), [](const HttpServerRequest&) -> HttpServerResponse {
    throw std::runtime_error("boom");
  });
  ASSERT_TRUE(server.Start().ok());
  HttpClient client(Url(server));
  auto r = client.Get("/x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("boom"), std::string::npos);
}

TEST(HttpServerTest, RepeatedHeadersAreSentAsSeparateLines) {
  HttpServer server(LocalOptions(), [](const HttpServerRequest&) {
    HttpServerResponse r = HttpServerResponse::Text(200, "");
    r.AddHeader("Warning", "299 - \"one\"");
    r.AddHeader("Warning", "299 - \"two\"");
    return r;
  });
  ASSERT_TRUE(server.Start().ok());
  RawConnection conn(server.port());
  conn.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string res = conn.ReadResponse();
  EXPECT_NE(res.find("Warning: 299 - \"one\"\r\nWarning: 299 - \"two\"\r\n"), std::string::npos)
      << res;
}

TEST(HttpServerTest, BindingAPortInUseFails) {
  HttpServer first(LocalOptions(), Echo);
  ASSERT_TRUE(first.Start().ok());
  HttpServerOptions o = LocalOptions();
  o.port = first.port();
  HttpServer second(o, Echo);
  Status st = second.Start();
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
  EXPECT_NE(st.message().find("failed to listen on 127.0.0.1:" + std::to_string(o.port)),
            std::string::npos)
      << st.message();
}

// SIGTERM path: a request being handled when Shutdown starts completes and its client gets the
// response; idle keep-alive connections are closed; nothing new is accepted.
TEST(HttpServerTest, GracefulShutdownFinishesInFlightRequests) {
  std::promise<void> entered;
  std::atomic<bool> entered_once{false};
  HttpServer server(LocalOptions(), [&](const HttpServerRequest& r) {
    if (r.path == "/slow") {
      if (!entered_once.exchange(true)) {
        entered.set_value();
      }
      std::this_thread::sleep_for(500ms);
      return HttpServerResponse::Text(200, "slow done");
    }
    return HttpServerResponse::Text(200, "fast");
  });
  ASSERT_TRUE(server.Start().ok());
  const std::string url = Url(server);
  const uint16_t port = server.port();

  RawConnection idle(port);
  idle.Send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_NE(idle.ReadResponse().find("fast"), std::string::npos);

  auto slow = std::async(std::launch::async, [&] {
    HttpClient client(url);
    return client.Get("/slow");
  });
  entered.get_future().wait();
  auto start = std::chrono::steady_clock::now();
  server.Shutdown(5s);
  auto took = std::chrono::steady_clock::now() - start;

  auto r = slow.get();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "slow done");
  EXPECT_EQ(r->headers["connection"], "close");
  EXPECT_LT(took, 3s);
  EXPECT_TRUE(idle.ClosedByPeer(1s));

  HttpClient after(url);
  auto refused = after.Get("/fast");
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kUnavailable);
}

TEST(HttpServerTest, ShutdownCutsRequestsThatOutliveTheGracePeriod) {
  std::promise<void> entered;
  HttpServer server(LocalOptions(), [&](const HttpServerRequest&) {
    entered.set_value();
    std::this_thread::sleep_for(1500ms);
    return HttpServerResponse::Text(200, "too late");
  });
  ASSERT_TRUE(server.Start().ok());
  const std::string url = Url(server);
  auto slow = std::async(std::launch::async, [&] {
    HttpClient client(url);
    return client.Get("/slow");
  });
  entered.get_future().wait();
  server.Shutdown(100ms);
  auto r = slow.get();
  EXPECT_FALSE(r.ok());
}

TEST(HttpServerTest, ShutdownIsIdempotentAndSafeBeforeStart) {
  HttpServer never_started(LocalOptions(), Echo);
  never_started.Shutdown(0ms);
  HttpServer server(LocalOptions(), Echo);
  ASSERT_TRUE(server.Start().ok());
  server.Shutdown(1s);
  server.Shutdown(1s);
  EXPECT_FALSE(server.Start().ok());
}

}  // namespace
}  // namespace meshplane
