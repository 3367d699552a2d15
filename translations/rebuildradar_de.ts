<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>Attention</name>
    <message numerus="yes">
        <source>%n image(s) rebuilt</source>
        <translation><numerusform>%n Image neu gebaut</numerusform><numerusform>%n Images neu gebaut</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n rollout(s) in progress</source>
        <translation><numerusform>%n Rollout läuft</numerusform><numerusform>%n Rollouts laufen</numerusform></translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <source>%1 is not a tag reference</source>
        <translation>%1 ist keine Tag-Referenz</translation>
    </message>
    <message>
        <source>%1: no past history imported: %2</source>
        <translation>%1: kein früherer Verlauf importiert: %2</translation>
    </message>
    <message>
        <source>rollout started</source>
        <translation>Auslieferung begonnen</translation>
    </message>
    <message>
        <source>rollout complete</source>
        <translation>Auslieferung vollständig</translation>
    </message>
    <message>
        <source>rollout closed</source>
        <translation>Auslieferung beendet</translation>
    </message>
</context>
<context>
    <name>Packages</name>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>(downgraded)</source>
        <translation>(herabgestuft)</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 weitere</translation>
    </message>
    <message>
        <source>(fixes %1)</source>
        <translation>(behebt %1)</translation>
    </message>
    <message>
        <source>no package changed: rebuilt with the same packages</source>
        <translation>kein Paket geändert: mit denselben Paketen neu gebaut</translation>
    </message>
    <message>
        <source>%1 more changed</source>
        <translation>%1 weitere geändert</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>security data unavailable</source>
        <translation>Sicherheitsdaten nicht verfügbar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Rebuild Radar</source>
        <translation>Rebuild Radar</translation>
    </message>
    <message>
        <source>The history database cannot be used:
%1</source>
        <translation>Die Verlaufsdatenbank kann nicht verwendet werden:
%1</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::AddDialog</name>
    <message>
        <source>Watch the tag &amp;family: every tag of the repository matching</source>
        <translation>Die Tag-&amp;Familie beobachten: jedes Tag des Repositorys, das passt auf</translation>
    </message>
    <message>
        <source>Watch images</source>
        <translation>Images beobachten</translation>
    </message>
    <message>
        <source>One image per line, e.g.
python:3.13
ghcr.io/org/app:1.2
cgr.dev/chainguard/node:latest</source>
        <translation>Ein Image pro Zeile, z. B.
python:3.13
ghcr.io/org/app:1.2
cgr.dev/chainguard/node:latest</translation>
    </message>
    <message>
        <source>every 15 minutes</source>
        <translation>alle 15 Minuten</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>every 6 hours</source>
        <translation>alle 6 Stunden</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>all platforms, or e.g. linux/amd64,linux/arm64</source>
        <translation>alle Plattformen, oder z. B. linux/amd64,linux/arm64</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Beobachten</translation>
    </message>
    <message>
        <source>&amp;Import from folder…</source>
        <translation>Aus Ordner &amp;importieren…</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>Projektordner</translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>&amp;Images:</translation>
    </message>
    <message>
        <source>Canonical form:</source>
        <translation>Kanonische Form:</translation>
    </message>
    <message>
        <source>&amp;Check:</source>
        <translation>&amp;Prüfen:</translation>
    </message>
    <message>
        <source>&amp;Platforms I run:</source>
        <translation>&amp;Plattformen, die ich nutze:</translation>
    </message>
    <message>
        <source>This &amp;version and more specific</source>
        <translation>Diese &amp;Version und spezifischere</translation>
    </message>
    <message>
        <source>Tag &amp;pattern:</source>
        <translation>Tag-&amp;Muster:</translation>
    </message>
    <message>
        <source>more than %1 images at once</source>
        <translation>mehr als %1 Images auf einmal</translation>
    </message>
    <message>
        <source>a digest never changes: watch a tag</source>
        <translation>ein Digest ändert sich nie: beobachten Sie ein Tag</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::ChannelsDialog</name>
    <message>
        <source>started</source>
        <translation>begonnen</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>Allow plain HTTP or mail without TLS to this host</source>
        <translation>Unverschlüsseltes HTTP oder Mail ohne TLS zu diesem Host erlauben</translation>
    </message>
    <message>
        <source>Notification channels</source>
        <translation>Benachrichtigungskanäle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>Letzte Zustellung</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Tags (regular expression):</source>
        <translation>&amp;Tags (regulärer Ausdruck):</translation>
    </message>
    <message>
        <source>&amp;Platforms:</source>
        <translation>&amp;Plattformen:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Ereignisse:</translation>
    </message>
    <message>
        <source>&amp;Digest every:</source>
        <translation>&amp;Zusammenfassung alle:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>&amp;Test senden</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>delivered %1</source>
        <translation>zugestellt %1</translation>
    </message>
    <message numerus="yes">
        <source> (%n waiting)</source>
        <translation><numerusform> (%n wartet)</numerusform><numerusform> (%n warten)</numerusform></translation>
    </message>
    <message>
        <source>Select a channel first.</source>
        <translation>Bitte zuerst einen Kanal auswählen.</translation>
    </message>
    <message>
        <source>Sending a test message to %1…</source>
        <translation>Sende eine Testnachricht an %1…</translation>
    </message>
    <message>
        <source>stale (workloads left on an old build)</source>
        <translation>veraltet (Workloads auf einem alten Build)</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Cli</name>
    <message>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <source>unknown command "%1" (see --help)</source>
        <translation>unbekannter Befehl „%1“ (siehe --help)</translation>
    </message>
    <message>
        <source>watch add needs at least one reference</source>
        <translation>watch add braucht mindestens eine Referenz</translation>
    </message>
    <message>
        <source>%1 names a digest only; a digest never changes, watch a tag (name:tag@digest keeps the digest as your pin)</source>
        <translation>%1 nennt nur einen Digest; ein Digest ändert sich nie, beobachten Sie ein Tag (name:tag@digest behält den Digest als Ihren Pin)</translation>
    </message>
    <message>
        <source>nothing was added</source>
        <translation>nichts wurde hinzugefügt</translation>
    </message>
    <message>
        <source>watching %1 every %2</source>
        <translation>beobachte %1 alle %2</translation>
    </message>
    <message>
        <source>watch remove needs at least one reference</source>
        <translation>watch remove braucht mindestens eine Referenz</translation>
    </message>
    <message>
        <source>%1 is not a tag reference</source>
        <translation>%1 ist keine Tag-Referenz</translation>
    </message>
    <message>
        <source>; nothing was removed</source>
        <translation>; nichts wurde entfernt</translation>
    </message>
    <message>
        <source>stopped watching %1 (its history is kept)</source>
        <translation>Beobachtung von %1 beendet (der Verlauf bleibt erhalten)</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>alle %1</translation>
    </message>
    <message>
        <source>checked %1</source>
        <translation>geprüft %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s)</source>
        <translation><numerusform>%n Neubau</numerusform><numerusform>%n Neubauten</numerusform></translation>
    </message>
    <message>
        <source>%1 is not watched (watch add it first)</source>
        <translation>%1 wird nicht beobachtet (zuerst mit watch add hinzufügen)</translation>
    </message>
    <message>
        <source>checked %1 of %2</source>
        <translation>%1 von %2 geprüft</translation>
    </message>
    <message>
        <source>history needs exactly one reference</source>
        <translation>history braucht genau eine Referenz</translation>
    </message>
    <message>
        <source>%1 is neither watched nor in the history</source>
        <translation>%1 wird weder beobachtet noch ist es im Verlauf</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>rebuilt [%1] %2</source>
        <translation>neu gebaut [%1] %2</translation>
    </message>
    <message>
        <source>not resolved yet</source>
        <translation>noch nicht aufgelöst</translation>
    </message>
    <message>
        <source>check needs exactly one reference</source>
        <translation>check braucht genau eine Referenz</translation>
    </message>
    <message>
        <source>export needs --format %1</source>
        <translation>export braucht --format %1</translation>
    </message>
    <message>
        <source>export needs -o FILE (or -o - for standard output)</source>
        <translation>export braucht -o DATEI (oder -o - für die Standardausgabe)</translation>
    </message>
    <message>
        <source>%1 takes an ISO 8601 date or date-time, not "%2"</source>
        <translation>%1 erwartet ein Datum oder eine Zeit nach ISO 8601, nicht „%2“</translation>
    </message>
    <message>
        <source>%1 is not a text format: give -o FILE</source>
        <translation>%1 ist kein Textformat: -o DATEI angeben</translation>
    </message>
    <message>
        <source>daemon takes no references; it polls the watchlist</source>
        <translation>daemon nimmt keine Referenzen; er fragt die Beobachtungsliste ab</translation>
    </message>
    <message>
        <source>%1 rebuilt: %2 → %3 [%4] %5</source>
        <translation>%1 neu gebaut: %2 → %3 [%4] %5</translation>
    </message>
    <message>
        <source>new tag in a watched family: %1</source>
        <translation>neues Tag in einer beobachteten Familie: %1</translation>
    </message>
    <message>
        <source>scan needs exactly one folder</source>
        <translation>scan braucht genau einen Ordner</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message numerus="yes">
        <source>  (%n rebuild(s) since the pin</source>
        <translation><numerusform>  (%n Neubau seit dem Pin</numerusform><numerusform>  (%n Neubauten seit dem Pin</numerusform></translation>
    </message>
    <message>
        <source>watch add --tags takes exactly one repository</source>
        <translation>watch add --tags nimmt genau ein Repository</translation>
    </message>
    <message>
        <source>%1: give a repository without a tag or digest; --tags chooses the tags</source>
        <translation>%1: geben Sie ein Repository ohne Tag oder Digest an; --tags wählt die Tags</translation>
    </message>
    <message>
        <source>%1: cannot list tags: %2 (the family is kept and listed again by the daemon)</source>
        <translation>%1: Tags können nicht gelistet werden: %2 (die Familie bleibt erhalten und wird vom Daemon erneut gelistet)</translation>
    </message>
    <message numerus="yes">
        <source>watching the family %1 /%2/: %n new tag(s)</source>
        <translation><numerusform>beobachte die Familie %1 /%2/: %n neues Tag</numerusform><numerusform>beobachte die Familie %1 /%2/: %n neue Tags</numerusform></translation>
    </message>
    <message>
        <source>1 tag checked, no rebuilds</source>
        <translation>1 Tag geprüft, keine Neubauten</translation>
    </message>
    <message numerus="yes">
        <source>%n tags checked, no rebuilds</source>
        <translation><numerusform>%n Tag geprüft, keine Neubauten</numerusform><numerusform>%n Tags geprüft, keine Neubauten</numerusform></translation>
    </message>
    <message>
        <source>pinned digest first seen today</source>
        <translation>gepinnter Digest zuerst heute gesehen</translation>
    </message>
    <message>
        <source>pinned digest first seen 1 day ago</source>
        <translation>gepinnter Digest zuerst vor 1 Tag gesehen</translation>
    </message>
    <message numerus="yes">
        <source>pinned digest first seen %n days ago</source>
        <translation><numerusform>gepinnter Digest zuerst vor %n Tag gesehen</numerusform><numerusform>gepinnter Digest zuerst vor %n Tagen gesehen</numerusform></translation>
    </message>
    <message>
        <source>watch needs add, remove, list, mute or unmute</source>
        <translation>watch erwartet add, remove, list, mute oder unmute</translation>
    </message>
    <message>
        <source>the --on-rebuild command for %1 failed: %2</source>
        <translation>der --on-rebuild-Befehl für %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>history REF --acknowledge takes a reference and, optionally, the start of a rollout (as history --json gives it)</source>
        <translation>history REF --acknowledge erwartet eine Referenz und optional den Beginn einer Auslieferung (wie history --json ihn angibt)</translation>
    </message>
    <message>
        <source>%1 is not a rollout's start (an ISO 8601 date-time, as history --json gives it)</source>
        <translation>%1 ist kein Beginn einer Auslieferung (ein ISO-8601-Zeitpunkt, wie history --json ihn angibt)</translation>
    </message>
    <message>
        <source>%1 has no rollout that started at %2; nothing was changed</source>
        <translation>%1 hat keine Auslieferung, die um %2 begann; nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 has no rebuild to acknowledge</source>
        <translation>%1 hat keinen Neubau zum Bestätigen</translation>
    </message>
    <message>
        <source>acknowledged the rollout of %1 that started %2</source>
        <translation>die Auslieferung von %1, begonnen %2, ist bestätigt</translation>
    </message>
    <message>
        <source>watch mute needs at least one reference</source>
        <translation>watch mute erwartet mindestens eine Referenz</translation>
    </message>
    <message>
        <source>watch unmute needs at least one reference</source>
        <translation>watch unmute erwartet mindestens eine Referenz</translation>
    </message>
    <message>
        <source>%1 is not watched; nothing was changed</source>
        <translation>%1 wird nicht beobachtet; nichts wurde geändert</translation>
    </message>
    <message>
        <source>muted %1: still checked and recorded, never announced</source>
        <translation>%1 stummgeschaltet: weiter geprüft und aufgezeichnet, nie gemeldet</translation>
    </message>
    <message>
        <source>unmuted %1</source>
        <translation>%1 nicht mehr stummgeschaltet</translation>
    </message>
    <message>
        <source>follow takes no reference: it streams the rebuilds of every tag</source>
        <translation>follow nimmt keine Referenz: es gibt die Neubauten aller Tags fortlaufend aus</translation>
    </message>
    <message>
        <source>%1 %2 rebuilt: %3 → %4 [%5] %6</source>
        <translation>%1 %2 neu gebaut: %3 → %4 [%5] %6</translation>
    </message>
    <message>
        <source>(rollout %1)</source>
        <translation>(Rollout %1)</translation>
    </message>
    <message>
        <source>following %1 (SIGINT or SIGTERM to stop)</source>
        <translation>folge %1 (SIGINT oder SIGTERM beendet)</translation>
    </message>
    <message>
        <source>diff needs a reference and, optionally, the old and the new digest</source>
        <translation>diff erwartet eine Referenz und optional den alten und den neuen Digest</translation>
    </message>
    <message>
        <source>%1 is not a digest (sha256: and 64 lowercase hex digits)</source>
        <translation>%1 ist kein Digest (sha256: und 64 kleingeschriebene Hex-Ziffern)</translation>
    </message>
    <message>
        <source>%1 is not a platform (os/architecture[/variant])</source>
        <translation>%1 ist keine Plattform (os/architektur[/variante])</translation>
    </message>
    <message>
        <source>%1 is not a tag reference; give both digests to compare two images of it</source>
        <translation>%1 ist keine Tag-Referenz; geben Sie beide Digests an, um zwei Images davon zu vergleichen</translation>
    </message>
    <message>
        <source>%1 is neither watched nor in the history; give the digests to compare</source>
        <translation>%1 wird weder beobachtet noch ist es im Verlauf; geben Sie die zu vergleichenden Digests an</translation>
    </message>
    <message>
        <source>%1 has no rebuild recorded yet; give the digests to compare</source>
        <translation>für %1 ist noch kein Neubau verzeichnet; geben Sie die zu vergleichenden Digests an</translation>
    </message>
    <message>
        <source>  %1, from the %2, %3 downloaded</source>
        <translation>  %1, aus den %2, %3 heruntergeladen</translation>
    </message>
    <message>
        <source>single image</source>
        <translation>einzelnes Image</translation>
    </message>
    <message>
        <source>SBOM attestations</source>
        <translation>SBOM-Attestierungen</translation>
    </message>
    <message>
        <source>image layers</source>
        <translation>Image-Schichten</translation>
    </message>
    <message>
        <source>no package changed: rebuilt with the same packages</source>
        <translation>kein Paket geändert: mit denselben Paketen neu gebaut</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>Quelle %1</translation>
    </message>
    <message>
        <source>downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <source>security data unavailable</source>
        <translation>Sicherheitsdaten nicht verfügbar</translation>
    </message>
    <message>
        <source>fixes %1</source>
        <translation>behebt %1</translation>
    </message>
    <message>
        <source>%1 (%2 %3) now runs an old build of %4: build %5 of %6</source>
        <translation>%1 (%2 %3) läuft jetzt auf einem alten Build von %4: Build %5 von %6</translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) running</source>
        <translation><numerusform>%n Workload läuft</numerusform><numerusform>%n Workloads laufen</numerusform></translation>
    </message>
    <message>
        <source>could not read %1 at %2: %3</source>
        <translation>%1 unter %2 konnte nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>running takes no references (give sources with --docker, --podman or --kubernetes)</source>
        <translation>running nimmt keine Referenzen (Quellen mit --docker, --podman oder --kubernetes angeben)</translation>
    </message>
    <message>
        <source>--namespace selects Kubernetes namespaces: give --kubernetes [CONTEXT] too</source>
        <translation>--namespace wählt Kubernetes-Namespaces: geben Sie auch --kubernetes [KONTEXT] an</translation>
    </message>
    <message>
        <source>no workloads found</source>
        <translation>keine Workloads gefunden</translation>
    </message>
    <message>
        <source>now watching %1</source>
        <translation>%1 wird jetzt beobachtet</translation>
    </message>
    <message>
        <source>build %1 of %2, current</source>
        <translation>Build %1 von %2, aktuell</translation>
    </message>
    <message>
        <source>build %1 of %2, 1 rebuild behind, a newer build since %3</source>
        <translation>Build %1 von %2, 1 Neubau zurück, ein neuerer Build seit %3</translation>
    </message>
    <message>
        <source>build %1 of %2, %4 rebuilds behind, a newer build since %3</source>
        <translation>Build %1 von %2, %4 Neubauten zurück, ein neuerer Build seit %3</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>%1: older than the recorded history (%2 builds recorded)</source>
        <translation>%1: älter als der aufgezeichnete Verlauf (%2 Builds aufgezeichnet)</translation>
    </message>
    <message>
        <source>watched, not resolved yet (poll it)</source>
        <translation>beobachtet, noch nicht aufgelöst (mit poll prüfen)</translation>
    </message>
    <message>
        <source>not watched (running --watch adds it)</source>
        <translation>nicht beobachtet (running --watch fügt es hinzu)</translation>
    </message>
    <message>
        <source>built locally (no registry digest)</source>
        <translation>lokal gebaut (kein Registry-Digest)</translation>
    </message>
    <message>
        <source>no image digest yet (%1)</source>
        <translation>noch kein Image-Digest (%1)</translation>
    </message>
    <message>
        <source>not an image reference Rebuild Radar understands</source>
        <translation>keine Image-Referenz, die Rebuild Radar versteht</translation>
    </message>
    <message>
        <source>newer: %1</source>
        <translation>neuer: %1</translation>
    </message>
    <message>
        <source>Usage: rebuildradar-cli [--db PATH|URI] [--insecure-registry HOST[:PORT]]
                        [--check-timeout DURATION] COMMAND ...

Commands:
  watch add REF... [--every DURATION] [--platforms LIST]
  watch add REPOSITORY --tags REGEX [--every DURATION]
  watch remove REF...
  watch list [--json]
  watch mute REF... | watch unmute REF...
  poll [REF...] [--json] [--exit-code]
  history REF [--json]
  history REF --acknowledge [ROLLOUT_START]
  check REF [--json]
  diff REF [OLD_DIGEST [NEW_DIGEST]] [--platform P] [--json]
  export [REF...] --format csv|json|md|html|pdf [--since DATE] [--until DATE]
         [--no-platforms] [--no-index-only] -o FILE
  daemon [--on-rebuild CMD] [--hook-timeout DURATION]
  follow [--json]
  migrate --from PATH --to URI
  scan PATH [--json] [--update] [--pin] [--dry-run] [--exit-code]
  running [--docker [URL]] [--podman [URL]] [--kubernetes [CONTEXT]] [--namespace NS]
          [--all] [--watch] [--json] [--exit-code]

--db takes a SQLite file's path or a team database's URI (postgresql://user@host/dbname).

Exit codes: 0 done, 1 some reference could not be checked, 2 bad usage (nothing changed),
3 with --exit-code: a rebuild was found (running: a workload runs a stale build).
</source>
        <translation>Aufruf: rebuildradar-cli [--db PFAD|URI] [--insecure-registry HOST[:PORT]]
                         [--check-timeout DAUER] BEFEHL ...

Befehle:
  watch add REF... [--every DAUER] [--platforms LISTE]
  watch add REPOSITORY --tags REGEX [--every DAUER]
  watch remove REF...
  watch list [--json]
  watch mute REF... | watch unmute REF...
  poll [REF...] [--json] [--exit-code]
  history REF [--json]
  history REF --acknowledge [ROLLOUT_START]
  check REF [--json]
  diff REF [OLD_DIGEST [NEW_DIGEST]] [--platform P] [--json]
  export [REF...] --format csv|json|md|html|pdf [--since DATUM] [--until DATUM]
         [--no-platforms] [--no-index-only] -o DATEI
  daemon [--on-rebuild BEFEHL] [--hook-timeout DAUER]
  follow [--json]
  migrate --from PFAD --to URI
  scan PFAD [--json] [--update] [--pin] [--dry-run] [--exit-code]
  running [--docker [URL]] [--podman [URL]] [--kubernetes [KONTEXT]] [--namespace NS]
          [--all] [--watch] [--json] [--exit-code]

--db nimmt den Pfad einer SQLite-Datei oder die URI einer Team-Datenbank (postgresql://user@host/dbname).

Exit-Codes: 0 erledigt, 1 eine Referenz konnte nicht geprüft werden, 2 falscher Aufruf (nichts geändert),
3 mit --exit-code: ein Neubau wurde gefunden (running: ein Workload läuft auf einem veralteten Build).
</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::CommandChannel</name>
    <message>
        <source>ended after %1 s without finishing</source>
        <translation>nach %1 s ohne Ende abgebrochen</translation>
    </message>
    <message>
        <source>crashed or was killed</source>
        <translation>abgestürzt oder beendet worden</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>mit Status %1 beendet</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::CredentialsDialog</name>
    <message>
        <source>Registry login</source>
        <translation>Registry-Anmeldung</translation>
    </message>
    <message>
        <source>&amp;Registry:</source>
        <translation>&amp;Registry:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>&amp;Passwort oder Token:</translation>
    </message>
    <message>
        <source>&amp;Save in keychain</source>
        <translation>Im Schlüsselbund &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Enter a username and a password or token.</source>
        <translation>Geben Sie einen Benutzernamen und ein Passwort oder Token ein.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Not saved: %1. Rebuild Radar keeps logins only in the OS keychain (Secret Service, KWallet); start one, or use docker login.</source>
        <translation>Nicht gespeichert: %1. Rebuild Radar speichert Anmeldungen nur im Schlüsselbund des Systems (Secret Service, KWallet); starten Sie einen oder verwenden Sie docker login.</translation>
    </message>
    <message>
        <source>Forgot the login for %1.</source>
        <translation>Anmeldung für %1 vergessen.</translation>
    </message>
    <message>
        <source>Saved the login for %1 in the keychain.</source>
        <translation>Anmeldung für %1 im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Test login</source>
        <translation>Anmeldung &amp;testen</translation>
    </message>
    <message>
        <source>Check a watched image of the registry with the login it has now</source>
        <translation>Ein beobachtetes Image der Registry mit der aktuellen Anmeldung prüfen</translation>
    </message>
    <message>
        <source>Testing the login for %1…</source>
        <translation>Die Anmeldung für %1 wird getestet…</translation>
    </message>
    <message>
        <source>Registries with a login saved here; pick one to change or forget it</source>
        <translation>Registries mit hier gespeicherter Anmeldung; eine auswählen, um sie zu ändern oder zu vergessen</translation>
    </message>
    <message>
        <source>Saved &amp;logins:</source>
        <translation>Gespeicherte &amp;Anmeldungen:</translation>
    </message>
    <message>
        <source>The login did not work: %1</source>
        <translation>Die Anmeldung hat nicht funktioniert: %1</translation>
    </message>
    <message>
        <source>(none saved from Rebuild Radar yet; docker login ones are used too)</source>
        <translation>(noch keine aus Rebuild Radar gespeichert; die von docker login werden auch verwendet)</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::DetailsPane</name>
    <message>
        <source>build %1</source>
        <translation>Build %1</translation>
    </message>
    <message>
        <source>A new version, not a silent rebuild</source>
        <translation>Eine neue Version, kein stiller Neubau</translation>
    </message>
    <message>
        <source>Rebuilt on a changed base image</source>
        <translation>Auf einem geänderten Basis-Image neu gebaut</translation>
    </message>
    <message>
        <source>Built from another source revision</source>
        <translation>Aus einer anderen Quell-Revision gebaut</translation>
    </message>
    <message>
        <source>Platforms were added or removed</source>
        <translation>Plattformen wurden hinzugefügt oder entfernt</translation>
    </message>
    <message>
        <source>Rebuilt with nothing else declared changed</source>
        <translation>Neu gebaut, ohne dass sich sonst etwas Angegebenes geändert hat</translation>
    </message>
    <message>
        <source>Only the index changed (attestations, say); no image did</source>
        <translation>Nur der Index hat sich geändert (etwa Attestierungen); kein Image</translation>
    </message>
    <message>
        <source>Back to an earlier digest</source>
        <translation>Zurück zu einem früheren Digest</translation>
    </message>
    <message>
        <source>Nothing the image declares explains the change</source>
        <translation>Nichts, was das Image angibt, erklärt die Änderung</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>Build %1 · %2</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>Aktuell:</translation>
    </message>
    <message>
        <source>Last rebuild:</source>
        <translation>Letzter Neubau:</translation>
    </message>
    <message>
        <source>none recorded yet</source>
        <translation>noch keiner aufgezeichnet</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Warum:</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>gebaut %1</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>gepusht %1</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>Upstream:</translation>
    </message>
    <message>
        <source>not known (the registry does not say)</source>
        <translation>unbekannt (die Registry sagt es nicht)</translation>
    </message>
    <message>
        <source>When upstream built the image and pushed it to the registry</source>
        <translation>Wann Upstream das Image gebaut und in die Registry gepusht hat</translation>
    </message>
    <message>
        <source>Detected:</source>
        <translation>Erkannt:</translation>
    </message>
    <message>
        <source>When Rebuild Radar saw the new digest</source>
        <translation>Wann Rebuild Radar den neuen Digest gesehen hat</translation>
    </message>
    <message>
        <source>Lag:</source>
        <translation>Verzögerung:</translation>
    </message>
    <message>
        <source>%1 after upstream</source>
        <translation>%1 nach Upstream</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>Plattformen:</translation>
    </message>
    <message>
        <source>no platform's image changed</source>
        <translation>kein Plattform-Image hat sich geändert</translation>
    </message>
    <message>
        <source>A&amp;cknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Mark this image's rebuilds as seen: it is no longer shown as needing attention, and its rollouts are not announced again</source>
        <translation>Die Neubauten dieses Images als gesehen markieren: es wird nicht mehr als beachtenswert gezeigt, und seine Rollouts werden nicht mehr gemeldet</translation>
    </message>
    <message>
        <source>A&amp;cknowledged</source>
        <translation>&amp;Bestätigt</translation>
    </message>
    <message>
        <source>Inside:</source>
        <translation>Darin:</translation>
    </message>
    <message>
        <source>Packages changed by this rebuild and the security fixes they bring, from the image's SBOM or its package database</source>
        <translation>Die von diesem Neubau geänderten Pakete und die Sicherheitskorrekturen, die sie bringen, aus der SBOM des Images oder seiner Paketdatenbank</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::EditWatchDialog</name>
    <message>
        <source>&amp;Mute notifications for this image</source>
        <translation>Benachrichtigungen für dieses Image &amp;stummschalten</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>How often to check: 30s, 15m, 6h, 1d, or sums such as 1h30m</source>
        <translation>Wie oft geprüft wird: 30s, 15m, 6h, 1d oder Summen wie 1h30m</translation>
    </message>
    <message>
        <source>all platforms, or e.g. linux/amd64,linux/arm64</source>
        <translation>alle Plattformen, oder z. B. linux/amd64,linux/arm64</translation>
    </message>
    <message>
        <source>Check &amp;every:</source>
        <translation>&amp;Prüfen alle:</translation>
    </message>
    <message>
        <source>&amp;Platforms I run:</source>
        <translation>&amp;Plattformen, die ich nutze:</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::ExportDialog</name>
    <message>
        <source>&amp;All images</source>
        <translation>&amp;Alle Images</translation>
    </message>
    <message>
        <source>The &amp;selected images (%1)</source>
        <translation>Die &amp;ausgewählten Images (%1)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Include per-&amp;platform digests</source>
        <translation>Digests je &amp;Plattform einbeziehen</translation>
    </message>
    <message>
        <source>Include &amp;index-only changes</source>
        <translation>&amp;Reine Index-Änderungen einbeziehen</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF-Bericht</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML-Bericht</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::FileDialogs</name>
    <message>
        <source>Drive</source>
        <translation>Laufwerk</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::HistoryOpener</name>
    <message>
        <source>Team history login</source>
        <translation>Anmeldung beim gemeinsamen Verlauf</translation>
    </message>
    <message>
        <source>%1

Password for %2 (kept in the keychain):</source>
        <translation>%1

Passwort für %2 (wird im Schlüsselbund gespeichert):</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::MainWindow</name>
    <message>
        <source>Rebuild Radar</source>
        <translation>Rebuild Radar</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): name, registry or status</source>
        <translation>Filter (Strg+F): Name, Registry oder Status</translation>
    </message>
    <message>
        <source>&amp;Silent rebuilds only</source>
        <translation>Nur &amp;stille Neubauten</translation>
    </message>
    <message>
        <source>Digest / rebuild</source>
        <translation>Digest / Neubau</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Copy &amp;pinned reference</source>
        <translation>&amp;Gepinnte Referenz kopieren</translation>
    </message>
    <message>
        <source>checking %1 of %2</source>
        <translation>prüfe %1 von %2</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>&amp;Jetzt prüfen</translation>
    </message>
    <message>
        <source>Check &amp;all</source>
        <translation>&amp;Alle prüfen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Copy &amp;digest</source>
        <translation>&amp;Digest kopieren</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>&amp;Pause polling</source>
        <translation>Abfragen &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>P&amp;ins…</source>
        <translation>P&amp;ins…</translation>
    </message>
    <message>
        <source>Registry &amp;logins…</source>
        <translation>Registry-&amp;Anmeldungen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>Check &amp;all now</source>
        <translation>&amp;Alle jetzt prüfen</translation>
    </message>
    <message>
        <source>Digests (%1)</source>
        <translation>Digests (%1)</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>gebaut %1</translation>
    </message>
    <message>
        <source>Rebuilds (%1)</source>
        <translation>Neubauten (%1)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Save the timeline</source>
        <translation>Zeitleiste speichern</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n more image(s)</source>
        <translation><numerusform>%n weiteres Image wird beobachtet</numerusform><numerusform>%n weitere Images werden beobachtet</numerusform></translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>Beobachtung beenden</translation>
    </message>
    <message numerus="yes">
        <source>Stop watching %n image(s)? Their history is kept.</source>
        <translation><numerusform>Beobachtung von %n Image beenden? Der Verlauf bleibt erhalten.</numerusform><numerusform>Beobachtung von %n Images beenden? Ihr Verlauf bleibt erhalten.</numerusform></translation>
    </message>
    <message>
        <source>Polling paused</source>
        <translation>Abfragen pausiert</translation>
    </message>
    <message>
        <source>Polling resumed</source>
        <translation>Abfragen fortgesetzt</translation>
    </message>
    <message>
        <source>%1: %2 of %3 pulls left</source>
        <translation>%1: %2 von %3 Pulls übrig</translation>
    </message>
    <message>
        <source>Rebuild Radar keeps watching</source>
        <translation>Rebuild Radar beobachtet weiter</translation>
    </message>
    <message>
        <source>Polling goes on in the tray. Quit from the tray menu to stop it.</source>
        <translation>Die Abfragen laufen im Infobereich weiter. Beenden Sie sie über das Menü im Infobereich.</translation>
    </message>
    <message>
        <source>The period the rebuild count covers</source>
        <translation>Der Zeitraum, über den Neubauten gezählt werden</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>&amp;Acknowledge: do not announce this rollout again</source>
        <translation>&amp;Bestätigen: diesen Rollout nicht mehr melden</translation>
    </message>
    <message>
        <source> (acknowledged)</source>
        <translation> (bestätigt)</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>gepusht %1</translation>
    </message>
    <message>
        <source>%1 (%2 after upstream)</source>
        <translation>%1 (%2 nach Upstream)</translation>
    </message>
    <message>
        <source>&amp;Notification channels…</source>
        <translation>&amp;Benachrichtigungskanäle…</translation>
    </message>
    <message>
        <source>R&amp;unning…</source>
        <translation>&amp;Laufend…</translation>
    </message>
    <message>
        <source>Needs a&amp;ttention</source>
        <translation>Braucht &amp;Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Only the images rebuilt since you last acknowledged them</source>
        <translation>Nur die Images, die seit Ihrer letzten Bestätigung neu gebaut wurden</translation>
    </message>
    <message>
        <source>Add &amp;images…</source>
        <translation>&amp;Images hinzufügen…</translation>
    </message>
    <message>
        <source>Scan a pro&amp;ject for pins…</source>
        <translation>Ein Pro&amp;jekt nach Pins durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>Build %1 · %2</translation>
    </message>
    <message>
        <source>Rebuild Radar: %1</source>
        <translation>Rebuild Radar: %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Rebuild Radar</source>
        <translation>&amp;Über Rebuild Radar</translation>
    </message>
    <message>
        <source>About Rebuild Radar</source>
        <translation>Über Rebuild Radar</translation>
    </message>
    <message>
        <source>Rebuild Radar %1
Watches container image tags and records every silent rebuild: which digest a tag pointed to, when, and why it moved.</source>
        <translation>Rebuild Radar %1
Beobachtet Container-Image-Tags und zeichnet jeden stillen Neubau auf: auf welchen Digest ein Tag zeigte, wann und warum er sich änderte.</translation>
    </message>
    <message>
        <source>The &amp;command-line tool</source>
        <translation>Das &amp;Kommandozeilenwerkzeug</translation>
    </message>
    <message>
        <source>The command-line tool</source>
        <translation>Das Kommandozeilenwerkzeug</translation>
    </message>
    <message>
        <source>rebuildradar-cli works on the same history: watch, poll, history, export, scan and daemon (a headless watcher). "%1 --help" lists every command and option; docs/CLI.md describes them.</source>
        <translation>rebuildradar-cli arbeitet auf demselben Verlauf: watch, poll, history, export, scan und daemon (ein Beobachter ohne Fenster). „%1 --help“ listet alle Befehle und Optionen; docs/CLI.md beschreibt sie.</translation>
    </message>
    <message>
        <source>&amp;Database location</source>
        <translation>&amp;Ort der Datenbank</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Ort der Datenbank</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>The history's location is not known to the window.</source>
        <translation>Der Ort des Verlaufs ist dem Fenster nicht bekannt.</translation>
    </message>
    <message>
        <source>The history is kept in %1 (give --db PATH to use another).</source>
        <translation>Der Verlauf liegt in %1 (--db PFAD wählt einen anderen).</translation>
    </message>
    <message>
        <source>The report is written: %1</source>
        <translation>Der Bericht ist geschrieben: %1</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Der Bericht konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Watched already, settings kept (Edit… changes them): %1</source>
        <translation>Bereits beobachtet, Einstellungen beibehalten (Bearbeiten… ändert sie): %1</translation>
    </message>
    <message>
        <source>No image is watched yet. Add the images you run, find them in a project's Dockerfiles, compose, Kubernetes and Helm files, or import those of the containers running here.</source>
        <translation>Noch wird kein Image beobachtet. Fügen Sie die Images hinzu, die Sie betreiben, finden Sie sie in den Dockerfiles, Compose-, Kubernetes- und Helm-Dateien eines Projekts, oder importieren Sie die der hier laufenden Container.</translation>
    </message>
    <message>
        <source>Import from &amp;running containers…</source>
        <translation>Aus &amp;laufenden Containern importieren…</translation>
    </message>
    <message>
        <source>The team history is kept in the PostgreSQL database %1; its daemons poll the registries and this window follows what they record. Your mutes, acknowledgements and chosen platforms are yours alone, kept under your account name, %2.</source>
        <translation>Der gemeinsame Verlauf liegt in der PostgreSQL-Datenbank %1; seine Daemons fragen die Registries ab, und dieses Fenster folgt dem, was sie aufzeichnen. Ihre Stummschaltungen, Bestätigungen und gewählten Plattformen gehören nur Ihnen und werden unter Ihrem Kontonamen %2 geführt.</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Notifier</name>
    <message>
        <source>%1 moved to a new version</source>
        <translation>%1 ist auf eine neue Version gewechselt</translation>
    </message>
    <message>
        <source>%1 is being rebuilt</source>
        <translation>%1 wird neu gebaut</translation>
    </message>
    <message>
        <source>%1: rebuild rolled out to every platform</source>
        <translation>%1: Neubau auf allen Plattformen angekommen</translation>
    </message>
    <message>
        <source>%1 was rebuilt</source>
        <translation>%1 wurde neu gebaut</translation>
    </message>
    <message numerus="yes">
        <source>%n platform(s)</source>
        <translation><numerusform>%n Plattform</numerusform><numerusform>%n Plattformen</numerusform></translation>
    </message>
    <message>
        <source>%1 came last</source>
        <translation>%1 kam zuletzt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>%1: rebuild ended without every platform</source>
        <translation>%1: Neubau ohne alle Plattformen beendet</translation>
    </message>
    <message>
        <source>%1 has it; %2 not rebuilt yet</source>
        <translation>%1 hat ihn; %2 noch nicht neu gebaut</translation>
    </message>
    <message>
        <source>%1 has it; %2 not rebuilt this time</source>
        <translation>%1 hat ihn; %2 diesmal nicht neu gebaut</translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) now run an old build</source>
        <translation><numerusform>%n Workload läuft jetzt auf einem alten Build</numerusform><numerusform>%n Workloads laufen jetzt auf einem alten Build</numerusform></translation>
    </message>
    <message>
        <source>%1: %2 build %3 of %4</source>
        <translation>%1: %2 Build %3 von %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>rebuilt: build %1 → %2</source>
        <translation>neu gebaut: Build %1 → %2</translation>
    </message>
    <message>
        <source>newer: %1</source>
        <translation>neuer: %1</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::PinsView</name>
    <message>
        <source>Pins</source>
        <translation>Pins</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Gepinnt</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Preview the update to see the diff here.</source>
        <translation>Zeigen Sie die Aktualisierung in der Vorschau an, um hier den Diff zu sehen.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>Datei ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Watch selected</source>
        <translation>Auswahl &amp;beobachten</translation>
    </message>
    <message>
        <source>&amp;Preview update</source>
        <translation>Aktualisierung &amp;vorschauen</translation>
    </message>
    <message>
        <source>A&amp;pply update</source>
        <translation>Aktualisierung &amp;anwenden</translation>
    </message>
    <message>
        <source>Updated. Scanning again…</source>
        <translation>Aktualisiert. Wird erneut durchsucht…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht angewendet: %1</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>Projektordner</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s) since the pin</source>
        <translation><numerusform>%n Neubau seit dem Pin</numerusform><numerusform>%n Neubauten seit dem Pin</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n reference(s) found</source>
        <translation><numerusform>%n Referenz gefunden</numerusform><numerusform>%n Referenzen gefunden</numerusform></translation>
    </message>
    <message>
        <source>No stale pins: nothing to change.</source>
        <translation>Keine veralteten Pins: nichts zu ändern.</translation>
    </message>
    <message>
        <source>Pin &amp;unpinned references too</source>
        <translation>&amp;Ungepinnte Referenzen auch pinnen</translation>
    </message>
    <message>
        <source>Give references without a digest their current one, as scan --pin does</source>
        <translation>Referenzen ohne Digest ihren aktuellen geben, wie scan --pin</translation>
    </message>
    <message>
        <source>Apply the update</source>
        <translation>Aktualisierung anwenden</translation>
    </message>
    <message>
        <source>Nothing opened %1: set an editor for pins in Settings (e.g. "code -g %f:%l").</source>
        <translation>Nichts hat %1 geöffnet: legen Sie in den Einstellungen einen Editor für Pins fest (z. B. „code -g %f:%l“).</translation>
    </message>
    <message numerus="yes">
        <source>Rewrite %n file(s) in %1?</source>
        <translation><numerusform>%n Datei in %1 umschreiben?</numerusform><numerusform>%n Dateien in %1 umschreiben?</numerusform></translation>
    </message>
    <message>
        <source>The diff below shows every change.</source>
        <translation>Der Diff unten zeigt jede Änderung.</translation>
    </message>
    <message>
        <source>Nothing applied.</source>
        <translation>Nichts angewendet.</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::RunningView</name>
    <message>
        <source>Stale only</source>
        <translation>Nur veraltete</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>docker, podman, kubernetes=CONTEXT</source>
        <translation>docker, podman, kubernetes=KONTEXT</translation>
    </message>
    <message>
        <source>Where workloads run: docker, docker=unix:///PATH, podman, kubernetes, kubernetes=CONTEXT</source>
        <translation>Wo Workloads laufen: docker, docker=unix:///PFAD, podman, kubernetes, kubernetes=KONTEXT</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Quellen:</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>%1 is not a source (docker, podman or kubernetes, with =ADDRESS or =CONTEXT)</source>
        <translation>%1 ist keine Quelle (docker, podman oder kubernetes, mit =ADRESSE oder =KONTEXT)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>older than the recorded history</source>
        <translation>älter als der aufgezeichnete Verlauf</translation>
    </message>
    <message>
        <source>built locally</source>
        <translation>lokal gebaut</translation>
    </message>
    <message>
        <source>not pulled yet</source>
        <translation>noch nicht geladen</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>not watched</source>
        <translation>nicht beobachtet</translation>
    </message>
    <message>
        <source>unknown image</source>
        <translation>unbekanntes Image</translation>
    </message>
    <message>
        <source>a newer build</source>
        <translation>ein neuerer Build</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s) behind, newer since %1</source>
        <translation><numerusform>%n Neubau zurück, neuer seit %1</numerusform><numerusform>%n Neubauten zurück, neuer seit %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s)</source>
        <translation><numerusform>%n Workload</numerusform><numerusform>%n Workloads</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation><numerusform>%n veraltet</numerusform><numerusform>%n veraltet</numerusform></translation>
    </message>
    <message>
        <source>Newer build changed</source>
        <translation>Neuerer Build änderte</translation>
    </message>
    <message>
        <source>&amp;Watch checked images</source>
        <translation>Markierte Images &amp;beobachten</translation>
    </message>
    <message>
        <source>Watch the checked images that run here and are not watched yet</source>
        <translation>Die markierten Images beobachten, die hier laufen und noch nicht beobachtet werden</translation>
    </message>
    <message>
        <source>Not watched: check it, then Watch checked images</source>
        <translation>Nicht beobachtet: markieren, dann „Markierte Images beobachten“</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::SettingsDialog</name>
    <message>
        <source>Show &amp;notifications for rebuilds</source>
        <translation>&amp;Benachrichtigungen für Neubauten anzeigen</translation>
    </message>
    <message>
        <source>Also for &amp;index-only changes (new attestations, no image changed)</source>
        <translation>Auch für &amp;reine Index-Änderungen (neue Attestierungen, kein Image geändert)</translation>
    </message>
    <message>
        <source>Start &amp;minimized to the tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Bei der &amp;Anmeldung starten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>every 15 minutes</source>
        <translation>alle 15 Minuten</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>every 6 hours</source>
        <translation>alle 6 Stunden</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>registry.internal:5000 (one per line): plain HTTP, no certificate check</source>
        <translation>registry.internal:5000 (eine pro Zeile): reines HTTP, keine Zertifikatsprüfung</translation>
    </message>
    <message>
        <source>Default &amp;check interval:</source>
        <translation>Standard-&amp;Prüfintervall:</translation>
    </message>
    <message>
        <source>&amp;Insecure registries:</source>
        <translation>&amp;Unsichere Registries:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>A &amp;rollout groups rebuilds within:</source>
        <translation>Ein &amp;Rollout fasst Neubauten zusammen innerhalb von:</translation>
    </message>
    <message>
        <source>&amp;Editor for pins (%f file, %l line):</source>
        <translation>&amp;Editor für Pins (%f Datei, %l Zeile):</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::TimelineView</name>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Select an image to see its history</source>
        <translation>Wählen Sie ein Image, um seinen Verlauf zu sehen</translation>
    </message>
    <message>
        <source>silent rebuilds</source>
        <translation>stille Neubauten</translation>
    </message>
    <message>
        <source>version moves</source>
        <translation>Versionswechsel</translation>
    </message>
    <message>
        <source>pushed or built upstream</source>
        <translation>upstream gepusht oder gebaut</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>rollout complete</source>
        <translation>Auslieferung vollständig</translation>
    </message>
    <message>
        <source>rollout in progress</source>
        <translation>Rollout läuft</translation>
    </message>
    <message>
        <source>rollout closed, platforms left out</source>
        <translation>Rollout geschlossen, Plattformen ausgelassen</translation>
    </message>
    <message>
        <source>More platforms: scroll with the wheel or the up and down arrows</source>
        <translation>Weitere Plattformen: mit dem Mausrad oder den Pfeiltasten nach oben und unten blättern</translation>
    </message>
    <message>
        <source>Wheel: scroll the lanes · Ctrl+wheel or +/−: zoom · drag or ←/→: pan</source>
        <translation>Mausrad: Zeilen blättern · Strg+Mausrad oder +/−: zoomen · Ziehen oder ←/→: verschieben</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::WatchEngine</name>
    <message>
        <source>the database is not open</source>
        <translation>die Datenbank ist nicht geöffnet</translation>
    </message>
    <message>
        <source>%1: no past history imported: %2</source>
        <translation>%1: kein früherer Verlauf importiert: %2</translation>
    </message>
    <message>
        <source>a channel named "%1" exists already</source>
        <translation>ein Kanal namens „%1“ existiert bereits</translation>
    </message>
    <message>
        <source>Channel %1 added</source>
        <translation>Kanal %1 hinzugefügt</translation>
    </message>
    <message>
        <source>no channel is named "%1"</source>
        <translation>kein Kanal heißt „%1“</translation>
    </message>
    <message>
        <source>Channel %1 removed</source>
        <translation>Kanal %1 entfernt</translation>
    </message>
    <message>
        <source>Test message sent to %1</source>
        <translation>Testnachricht an %1 gesendet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: workloads not read: %2</source>
        <translation>%1: Workloads nicht gelesen: %2</translation>
    </message>
    <message>
        <source>the image is no longer watched</source>
        <translation>das Image wird nicht mehr beobachtet</translation>
    </message>
    <message>
        <source>no watched image on %1 to try it on: watch one first</source>
        <translation>kein beobachtetes Image auf %1 zum Ausprobieren: zuerst eines beobachten</translation>
    </message>
    <message>
        <source>%1 answered for %2: the login works</source>
        <translation>%1 hat für %2 geantwortet: die Anmeldung funktioniert</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%1 bei %2: %3</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::WatchlistModel</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Registry</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>Last rebuild</source>
        <translation>Letzter Neubau</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>rebuilding: %1 of %2 platforms</source>
        <translation>Neubau läuft: %1 von %2 Plattformen</translation>
    </message>
    <message>
        <source>ok (muted)</source>
        <translation>ok (stumm)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>auth failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1
family: tags matching %2</source>
        <translation>%1
Familie: Tags, die auf %2 passen</translation>
    </message>
    <message>
        <source>Rebuilds (%1 d)</source>
        <translation>Neubauten (%1 T)</translation>
    </message>
    <message>
        <source>Rebuilds</source>
        <translation>Neubauten</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n tag(s) matching %2</source>
        <translation><numerusform>%1 — %n Tag, das auf %2 passt</numerusform><numerusform>%1 — %n Tags, die auf %2 passen</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 ok</source>
        <translation>%1 von %2 ok</translation>
    </message>
    <message>
        <source>Tag family: the tags of %1 matching %2</source>
        <translation>Tag-Familie: die Tags von %1, die auf %2 passen</translation>
    </message>
    <message numerus="yes">
        <source>%n silent rebuild(s)</source>
        <translation><numerusform>%n stiller Neubau</numerusform><numerusform>%n stille Neubauten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n version move(s)</source>
        <translation><numerusform>%n Versionswechsel</numerusform><numerusform>%n Versionswechsel</numerusform></translation>
    </message>
    <message>
        <source>%1 · build %2</source>
        <translation>%1 · Build %2</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>neu gebaut</translation>
    </message>
    <message>
        <source>When Rebuild Radar detected the last new digest (upstream times are in the details)</source>
        <translation>Wann Rebuild Radar den letzten neuen Digest erkannt hat (Upstream-Zeiten stehen in den Details)</translation>
    </message>
    <message>
        <source>Checked every %1 (Edit… changes it)</source>
        <translation>Geprüft alle %1 (Bearbeiten… ändert es)</translation>
    </message>
    <message>
        <source>Rebuilt since you last acknowledged it: select it and press Acknowledge</source>
        <translation>Seit Ihrer letzten Bestätigung neu gebaut: auswählen und Bestätigen drücken</translation>
    </message>
    <message>
        <source>%1 of %2 ok, %3 rebuilt</source>
        <translation>%1 von %2 ok, %3 neu gebaut</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n image(s)</source>
        <translation><numerusform>%1 — %n Image</numerusform><numerusform>%1 — %n Images</numerusform></translation>
    </message>
    <message>
        <source>The images watched on %1</source>
        <translation>Die auf %1 beobachteten Images</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>index only</source>
        <translation>nur Index</translation>
    </message>
    <message>
        <source>version move</source>
        <translation>Versionswechsel</translation>
    </message>
    <message>
        <source>silent rebuild</source>
        <translation>stiller Neubau</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3, in progress: %4 of %5 platforms, pending %6</source>
        <translation>Rollout %1 (%2): begonnen %3, läuft: %4 von %5 Plattformen, ausstehend %6</translation>
    </message>
    <message>
        <source>the beginning</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Rebuild Radar report</source>
        <translation>Rebuild-Radar-Bericht</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>erstellt</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>Still</translation>
    </message>
    <message>
        <source>Version moves</source>
        <translation>Versionswechsel</translation>
    </message>
    <message>
        <source>Median gap</source>
        <translation>Median-Abstand</translation>
    </message>
    <message>
        <source>Longest gap</source>
        <translation>Längster Abstand</translation>
    </message>
    <message>
        <source>Current digest age</source>
        <translation>Alter des aktuellen Digests</translation>
    </message>
    <message>
        <source>Current digest</source>
        <translation>Aktueller Digest</translation>
    </message>
    <message>
        <source>current for</source>
        <translation>aktuell seit</translation>
    </message>
    <message>
        <source>No rebuilds in the period.</source>
        <translation>Keine Neubauten im Zeitraum.</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plattformen</translation>
    </message>
    <message>
        <source>Causes</source>
        <translation>Ursachen</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>Zeitraum: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Silent rebuilds are new digests behind an unchanged tag; version moves are</source>
        <translation>Stille Neubauten sind neue Digests hinter einem unveränderten Tag; Versionswechsel sind</translation>
    </message>
    <message>
        <source>floating tags moving to a new release. Times are UTC.</source>
        <translation>gleitende Tags, die auf ein neues Release wechseln. Zeiten in UTC.</translation>
    </message>
    <message>
        <source>Current digest %1, current for %2</source>
        <translation>Aktueller Digest %1, aktuell seit %2</translation>
    </message>
    <message>
        <source>%1  %2 to %3</source>
        <translation>%1  %2 bis %3</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>gepusht %1</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>gebaut %1</translation>
    </message>
    <message>
        <source>Same digest as: %1</source>
        <translation>Gleicher Digest wie: %1</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>lag</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3, closed %4 on %5 of %6 platforms, not rebuilt: %7</source>
        <translation>Rollout %1 (%2): begonnen %3, abgeschlossen %4 auf %5 von %6 Plattformen, nicht neu gebaut: %7</translation>
    </message>
    <message>
        <source>What changed inside:</source>
        <translation>Was sich darin geändert hat:</translation>
    </message>
    <message>
        <source>%1, build %2 → %3: %4</source>
        <translation>%1, Build %2 → %3: %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>No workloads found.</source>
        <translation>Keine Workloads gefunden.</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Build age</source>
        <translation>Alter des Builds</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>older than the recorded history</source>
        <translation>älter als der aufgezeichnete Verlauf</translation>
    </message>
    <message>
        <source>built locally</source>
        <translation>lokal gebaut</translation>
    </message>
    <message>
        <source>%1 rebuild(s) since %2</source>
        <translation>%1 Neubau(ten) seit %2</translation>
    </message>
    <message>
        <source>a newer build</source>
        <translation>ein neuerer Build</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>Von → nach</translation>
    </message>
    <message>
        <source>Appendix: digests</source>
        <translation>Anhang: Digests</translation>
    </message>
    <message>
        <source>build %1</source>
        <translation>Build %1</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3</source>
        <translation>Rollout %1 (%2): begonnen %3</translation>
    </message>
    <message numerus="yes">
        <source>on all %n platform(s) after %1</source>
        <translation><numerusform>auf seiner %n Plattform nach %1</numerusform><numerusform>auf allen %n Plattformen nach %1</numerusform></translation>
    </message>
    <message>
        <source>%1 came last</source>
        <translation>%1 kam zuletzt</translation>
    </message>
    <message numerus="yes">
        <source>%n digest change(s)</source>
        <translation><numerusform>%n Digest-Wechsel</numerusform><numerusform>%n Digest-Wechsel</numerusform></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>from %1 to %2</source>
        <translation>von %1 nach %2</translation>
    </message>
    <message>
        <source>no platform's image changed</source>
        <translation>kein Plattform-Image hat sich geändert</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>rollout %1: all %2 platforms</source>
        <translation>Rollout %1: alle %2 Plattformen</translation>
    </message>
    <message>
        <source>rollout %1: %2 of %3 platforms, pending %4</source>
        <translation>Rollout %1: %2 von %3 Plattformen, ausstehend %4</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>gebaut %1</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>gepusht %1</translation>
    </message>
    <message>
        <source>detected %1</source>
        <translation>erkannt %1</translation>
    </message>
    <message>
        <source>detected after %1</source>
        <translation>erkannt nach %1</translation>
    </message>
    <message>
        <source>  (same digest as %1)</source>
        <translation>  (gleicher Digest wie %1)</translation>
    </message>
    <message>
        <source>rollout %1: closed on %2 of %3 platforms, not rebuilt: %4</source>
        <translation>Rollout %1: abgeschlossen auf %2 von %3 Plattformen, nicht neu gebaut: %4</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>Build %1 · %2</translation>
    </message>
    <message>
        <source>build %1 (%2)</source>
        <translation>Build %1 (%2)</translation>
    </message>
    <message>
        <source>Detected %1</source>
        <translation>Erkannt %1</translation>
    </message>
    <message>
        <source>Inside: %1</source>
        <translation>Darin: %1</translation>
    </message>
</context>
</TS>