#include "cli/cli_main.h"

#include <iostream>

namespace meshplane {

int CliMain(int argc, char** argv) {
  std::cout << "meshplane " << MESHPLANE_VERSION << "\n";
  return 0;
}

}  // namespace meshplane
