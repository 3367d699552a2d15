#pragma once

// The settings the desktop app and the CLI share (QSettings, the XDG config folder), read once per
// program by its main and handed to what needs them: nothing else in core reads QSettings.

#include <QString>
#include <QStringList>

namespace RebuildRadar {

struct SharedSettings
{
    QStringList insecureRegistries;       // as saved: plain HTTP allowed there (checked where used)
    int rolloutWindowHours = 72;          // 1 to 720; rebuilds this close make one rollout
    bool notifyIndexOnly = false;         // announce rebuilds that change no platform's image
    int hookTimeoutSeconds = 300;         // the daemon's --on-rebuild command is ended after this
    int checkTimeoutSeconds = 60;         // one check of a tag, retries included, takes at most this long
    bool desktopPollsTeamHistory = false; // a desktop on a team history polls too (else its daemons do)
    int analysisBudgetMegabytes = 200;    // registry bytes one package analysis of a rebuild may download

    qint64 analysisBudgetBytes() const;

    // Security data for "what changed" (issue 21; security/SecurityDataOptions reads these). An
    // empty URL or folder means the built-in default.
    bool securityEnabled = true;
    QString securityCacheDir;
    QString alpineSecdbUrl;          // base: <url>/v3.20/main.json, <url>/v3.20/community.json
    QString wolfiSecdbUrl;           // the security.json file
    QString chainguardSecdbUrl;      // the security.json file
    QString osvUrl;                  // base: <url>/v1/querybatch
    int securityTimeoutSeconds = 60; // one download or OSV request takes at most this long
    // Where workloads run ("docker", "docker=unix:///PATH", "podman[=URL]", "kubernetes[=CONTEXT]"):
    // read by `running` and the engine; none: `running` reads the local Docker Engine, the engine none.
    QStringList runningSources;

    qint64 rolloutWindowMs() const;
    static SharedSettings load();
};

} // namespace RebuildRadar
