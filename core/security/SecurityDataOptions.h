#pragma once

// Where SecurityData reads from and keeps its copies (issue 21): the default public sources, or
// the ones the shared settings name (a mirror for air-gapped users, a local server in tests).

#include "common/SharedSettings.h"

#include <QString>

namespace RebuildRadar {

struct SecurityDataOptions
{
    bool enabled = true;
    QString cacheDir; // empty: QStandardPaths::CacheLocation + "/security"
    QString alpineSecdbBase = QStringLiteral("https://secdb.alpinelinux.org");
    QString wolfiSecdbUrl = QStringLiteral("https://packages.wolfi.dev/os/security.json");
    QString chainguardSecdbUrl = QStringLiteral("https://packages.cgr.dev/chainguard/security.json");
    QString osvBase = QStringLiteral("https://api.osv.dev");
    int timeoutMs = 60000; // one download or OSV request, whole

    // The settings' choices over the defaults (an empty setting keeps the default).
    static SecurityDataOptions fromSettings(const SharedSettings &settings)
    {
        SecurityDataOptions o;
        o.enabled = settings.securityEnabled;
        o.cacheDir = settings.securityCacheDir;
        if (!settings.alpineSecdbUrl.isEmpty())
            o.alpineSecdbBase = settings.alpineSecdbUrl;
        if (!settings.wolfiSecdbUrl.isEmpty())
            o.wolfiSecdbUrl = settings.wolfiSecdbUrl;
        if (!settings.chainguardSecdbUrl.isEmpty())
            o.chainguardSecdbUrl = settings.chainguardSecdbUrl;
        if (!settings.osvUrl.isEmpty())
            o.osvBase = settings.osvUrl;
        o.timeoutMs = settings.securityTimeoutSeconds * 1000;
        return o;
    }
};

} // namespace RebuildRadar
