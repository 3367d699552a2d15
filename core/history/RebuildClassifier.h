#pragma once

#include "domain/History.h"

#include <optional>

namespace RebuildRadar {

// Explains why a tag moved from one digest to another, from what the images declare. Pure.
struct ClassifierInput
{
    Snapshot before;
    Snapshot after;
    // When the tag had `after.digest` before: when that span was first seen.
    std::optional<qint64> revertOfFirstSeen;
    // Another watched tag of the repository, with a different version, points to `after` now
    // (e.g. "3.13.9" for python:3.13), and the tag pointed before to this one ("3.13.8").
    QString movedToTag;
    QString movedFromTag;
};

Rebuild classifyRebuild(const ClassifierInput &input);

// When upstream built the digest: the newest created time it declares, or nullopt.
std::optional<qint64> builtAt(const Snapshot &snapshot);

} // namespace RebuildRadar
