#pragma once

// Orders RPM package versions as rpm does: rpmvercmp() on each of epoch, version and release
// (rpm's rpmio/rpmvercmp.c and the "Package version comparison" part of its manual), tilde and
// caret included.

#include <QStringView>

namespace RebuildRadar {

// Negative, zero or positive as rpmvercmp orders the two version (or release) strings.
int rpmvercmp(QStringView a, QStringView b);

// Orders "[epoch:]version[-release]" strings: the epoch (none is 0) numerically, then the version,
// then the release, each with rpmvercmp. Never fails.
int compareRpmVersions(QStringView a, QStringView b);

} // namespace RebuildRadar
