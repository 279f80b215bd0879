// Shared main() for benchmarks: runs Google Benchmark as usual (console output) and, with
// `--markdown=FILE`, replaces this benchmark's section of FILE (docs/benchmarks.md) with a
// table of the results, the machine and the date.
#pragma once

#include <benchmark/benchmark.h>

#include <string>

namespace meshplane::bench {

int RunBenchmarks(int argc, char** argv, const std::string& section_title,
                  const std::string& description);

}  // namespace meshplane::bench
