#include "cli/cli_main.h"

int main(int argc, char** argv) { return meshplane::CliMain(argc, argv); }
