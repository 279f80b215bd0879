#include "bench_report.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <vector>

namespace meshplane::bench {

namespace {

class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      if (r.error_occurred) {
        continue;
      }
      std::ostringstream row;
      double ns = r.GetAdjustedRealTime();  // in the run's time unit
      row << "| `" << r.benchmark_name() << "` | " << std::fixed << std::setprecision(1) << ns
          << " " << benchmark::GetTimeUnitString(r.time_unit) << " | ";
      auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) {
        row << std::setprecision(0) << static_cast<double>(it->second) << "/s";
      }
      row << " |";
      rows.push_back(row.str());
    }
  }
  std::vector<std::string> rows;
};

std::string Machine() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  struct utsname u {};
  uname(&u);
  std::ostringstream out;
  out << model << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " cores, " << u.sysname << " "
      << u.release;
  return out.str();
}

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
  return buf;
}

void WriteSection(const std::string& file, const std::string& title, const std::string& body) {
  std::string begin = "<!-- bench:" + title + " -->";
  std::string end = "<!-- /bench:" + title + " -->";
  std::string content;
  {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    content = ss.str();
  }
  if (content.empty()) {
    content = "# Benchmarks\n\nFigures printed by the programs under `bench/` (`make bench`).\n";
  }
  std::string section = begin + "\n" + body + end + "\n";
  size_t b = content.find(begin);
  size_t e = content.find(end);
  if (b != std::string::npos && e != std::string::npos) {
    content.replace(b, e + end.size() + 1 - b, section);
  } else {
    content += "\n" + section;
  }
  std::ofstream out(file);
  out << content;
}

}  // namespace

int RunBenchmarks(int argc, char** argv, const std::string& section_title,
                  const std::string& description) {
  std::string markdown;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--markdown=", 0) == 0) {
      markdown = a.substr(11);
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (!markdown.empty()) {
    std::ostringstream body;
    body << "## " << section_title << "\n\n"
         << description << "\n\n"
         << "Measured " << Today() << " on " << Machine() << ".\n\n"
         << "| benchmark | time per operation | throughput |\n|---|---|---|\n";
    for (const auto& r : reporter.rows) {
      body << r << "\n";
    }
    WriteSection(markdown, section_title, body.str());
  }
  return 0;
}

}  // namespace meshplane::bench
