// Identifiers the API reports at GET / (Kuma's `instanceId` and `clusterId`).
#pragma once

#include <string>

#include "config/config.h"
#include "core/error.h"

namespace meshplane {

// `<hostname>-<4 hex digits>`, new for every process, like kuma-cp's instance id.
std::string NewInstanceId();

// The cluster id belongs to the data: for a SQLite store it is kept next to the database
// (`<store.sqlite.path>.cluster-id`) so every instance and every restart on that database
// reports the same id; an in-memory store gets a fresh id per process.
Result<std::string> LoadOrCreateClusterId(const ControlPlaneConfig& config);

// A random (version 4) UUID.
std::string NewUuid();

}  // namespace meshplane
