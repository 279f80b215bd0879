// The `meshplane` command line: `run` starts the control plane; the other verbs talk to it
// over the REST API (kumactl-style).
#pragma once

namespace meshplane {
int CliMain(int argc, char** argv);
}  // namespace meshplane
