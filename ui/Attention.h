#pragma once

// What needs the user's eye across the watchlist, for the tray: how many images were rebuilt since
// they were last acknowledged and how many rollouts are under way, in words and as a badge on the icon.
// The state itself comes from the store through the engine (WatchedTag::unacknowledged, rolloutTotal).

#include "domain/History.h"

#include <QIcon>

namespace RebuildRadar {

struct AttentionSummary
{
    int rebuilt = 0;  // images with a rebuild not acknowledged
    int rollouts = 0; // rollouts in progress
    static AttentionSummary of(const QList<WatchedTag> &tags);
    // "3 images rebuilt, 1 rollout in progress", or empty when nothing needs attention.
    QString text() const;
    friend bool operator==(const AttentionSummary &, const AttentionSummary &) = default;
};

// The application's icon with the count drawn on a badge (the icon itself when count is 0).
QIcon badgedIcon(const QIcon &icon, int count);

} // namespace RebuildRadar
