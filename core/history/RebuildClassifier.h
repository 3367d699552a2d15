#pragma once

#include "domain/History.h"

#include <optional>

namespace RebuildRadar {

// Explains why a tag moved from one digest to another, from what the images declare. Pure.
Rebuild classifyRebuild(const ClassifierInput &input);

} // namespace RebuildRadar
