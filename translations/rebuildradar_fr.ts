<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>Attention</name>
    <message numerus="yes">
        <source>%n image(s) rebuilt</source>
        <translation><numerusform>%n image reconstruite</numerusform><numerusform>%n images reconstruites</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n rollout(s) in progress</source>
        <translation><numerusform>%n déploiement en cours</numerusform><numerusform>%n déploiements en cours</numerusform></translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <source>%1 is not a tag reference</source>
        <translation>%1 n’est pas une référence de tag</translation>
    </message>
    <message>
        <source>%1: no past history imported: %2</source>
        <translation>%1 : aucun historique passé importé : %2</translation>
    </message>
    <message>
        <source>rollout started</source>
        <translation>déploiement commencé</translation>
    </message>
    <message>
        <source>rollout complete</source>
        <translation>déploiement complet</translation>
    </message>
    <message>
        <source>rollout closed</source>
        <translation>déploiement clos</translation>
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
        <translation>(rétrogradé)</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 de plus</translation>
    </message>
    <message>
        <source>(fixes %1)</source>
        <translation>(corrige %1)</translation>
    </message>
    <message>
        <source>no package changed: rebuilt with the same packages</source>
        <translation>aucun paquet modifié : reconstruite avec les mêmes paquets</translation>
    </message>
    <message>
        <source>%1 more changed</source>
        <translation>%1 autres modifiés</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>%1 ajoutés</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 supprimés</translation>
    </message>
    <message>
        <source>security data unavailable</source>
        <translation>données de sécurité indisponibles</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
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
        <translation>La base d’historique est inutilisable :
%1</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::AddDialog</name>
    <message>
        <source>Watch the tag &amp;family: every tag of the repository matching</source>
        <translation>Surveiller la &amp;famille de tags : chaque tag du dépôt correspondant à</translation>
    </message>
    <message>
        <source>Watch images</source>
        <translation>Surveiller des images</translation>
    </message>
    <message>
        <source>One image per line, e.g.
python:3.13
ghcr.io/org/app:1.2
cgr.dev/chainguard/node:latest</source>
        <translation>Une image par ligne, par ex.
python:3.13
ghcr.io/org/app:1.2
cgr.dev/chainguard/node:latest</translation>
    </message>
    <message>
        <source>every 15 minutes</source>
        <translation>toutes les 15 minutes</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>chaque heure</translation>
    </message>
    <message>
        <source>every 6 hours</source>
        <translation>toutes les 6 heures</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>chaque jour</translation>
    </message>
    <message>
        <source>all platforms, or e.g. linux/amd64,linux/arm64</source>
        <translation>toutes les plateformes, ou par ex. linux/amd64,linux/arm64</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Surveiller</translation>
    </message>
    <message>
        <source>&amp;Import from folder…</source>
        <translation>&amp;Importer depuis un dossier…</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>Dossier du projet</translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>&amp;Images :</translation>
    </message>
    <message>
        <source>Canonical form:</source>
        <translation>Forme canonique :</translation>
    </message>
    <message>
        <source>&amp;Check:</source>
        <translation>&amp;Vérifier :</translation>
    </message>
    <message>
        <source>&amp;Platforms I run:</source>
        <translation>&amp;Plateformes utilisées :</translation>
    </message>
    <message>
        <source>This &amp;version and more specific</source>
        <translation>Cette &amp;version et plus précises</translation>
    </message>
    <message>
        <source>Tag &amp;pattern:</source>
        <translation>&amp;Motif de tag :</translation>
    </message>
    <message>
        <source>more than %1 images at once</source>
        <translation>plus de %1 images à la fois</translation>
    </message>
    <message>
        <source>a digest never changes: watch a tag</source>
        <translation>un digest ne change jamais : surveillez un tag</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::ChannelsDialog</name>
    <message>
        <source>started</source>
        <translation>commencé</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>clos</translation>
    </message>
    <message>
        <source>Allow plain HTTP or mail without TLS to this host</source>
        <translation>Autoriser HTTP non chiffré ou le courriel sans TLS vers cet hôte</translation>
    </message>
    <message>
        <source>Notification channels</source>
        <translation>Canaux de notification</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>Dernier envoi</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Tags (regular expression):</source>
        <translation>&amp;Tags (expression régulière) :</translation>
    </message>
    <message>
        <source>&amp;Platforms:</source>
        <translation>&amp;Plateformes :</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Événements :</translation>
    </message>
    <message>
        <source>&amp;Digest every:</source>
        <translation>&amp;Résumé toutes les :</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Envoyer un &amp;test</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>échec : %1</translation>
    </message>
    <message>
        <source>delivered %1</source>
        <translation>envoyé %1</translation>
    </message>
    <message numerus="yes">
        <source> (%n waiting)</source>
        <translation><numerusform> (%n en attente)</numerusform><numerusform> (%n en attente)</numerusform></translation>
    </message>
    <message>
        <source>Select a channel first.</source>
        <translation>Sélectionnez d’abord un canal.</translation>
    </message>
    <message>
        <source>Sending a test message to %1…</source>
        <translation>Envoi d’un message de test à %1…</translation>
    </message>
    <message>
        <source>stale (workloads left on an old build)</source>
        <translation>périmé (charges de travail restées sur un ancien build)</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Cli</name>
    <message>
        <source>no command given</source>
        <translation>aucune commande indiquée</translation>
    </message>
    <message>
        <source>unknown command "%1" (see --help)</source>
        <translation>commande inconnue « %1 » (voir --help)</translation>
    </message>
    <message>
        <source>watch add needs at least one reference</source>
        <translation>watch add attend au moins une référence</translation>
    </message>
    <message>
        <source>%1 names a digest only; a digest never changes, watch a tag (name:tag@digest keeps the digest as your pin)</source>
        <translation>%1 ne nomme qu’un digest ; un digest ne change jamais, surveillez un tag (nom:tag@digest garde le digest comme épinglage)</translation>
    </message>
    <message>
        <source>nothing was added</source>
        <translation>rien n’a été ajouté</translation>
    </message>
    <message>
        <source>watching %1 every %2</source>
        <translation>surveillance de %1 toutes les %2</translation>
    </message>
    <message>
        <source>watch remove needs at least one reference</source>
        <translation>watch remove attend au moins une référence</translation>
    </message>
    <message>
        <source>%1 is not a tag reference</source>
        <translation>%1 n’est pas une référence de tag</translation>
    </message>
    <message>
        <source>; nothing was removed</source>
        <translation> ; rien n’a été retiré</translation>
    </message>
    <message>
        <source>stopped watching %1 (its history is kept)</source>
        <translation>surveillance de %1 arrêtée (son historique est conservé)</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>toutes les %1</translation>
    </message>
    <message>
        <source>checked %1</source>
        <translation>vérifiée %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s)</source>
        <translation><numerusform>%n reconstruction</numerusform><numerusform>%n reconstructions</numerusform></translation>
    </message>
    <message>
        <source>%1 is not watched (watch add it first)</source>
        <translation>%1 n’est pas surveillée (ajoutez-la d’abord avec watch add)</translation>
    </message>
    <message>
        <source>checked %1 of %2</source>
        <translation>%1 sur %2 vérifiées</translation>
    </message>
    <message>
        <source>history needs exactly one reference</source>
        <translation>history attend exactement une référence</translation>
    </message>
    <message>
        <source>%1 is neither watched nor in the history</source>
        <translation>%1 n’est ni surveillée ni dans l’historique</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>rebuilt [%1] %2</source>
        <translation>reconstruite [%1] %2</translation>
    </message>
    <message>
        <source>not resolved yet</source>
        <translation>pas encore résolue</translation>
    </message>
    <message>
        <source>check needs exactly one reference</source>
        <translation>check attend exactement une référence</translation>
    </message>
    <message>
        <source>export needs --format %1</source>
        <translation>export attend --format %1</translation>
    </message>
    <message>
        <source>export needs -o FILE (or -o - for standard output)</source>
        <translation>export attend -o FICHIER (ou -o - pour la sortie standard)</translation>
    </message>
    <message>
        <source>%1 takes an ISO 8601 date or date-time, not "%2"</source>
        <translation>%1 attend une date ou une date-heure ISO 8601, pas « %2 »</translation>
    </message>
    <message>
        <source>%1 is not a text format: give -o FILE</source>
        <translation>%1 n’est pas un format texte : indiquez -o FICHIER</translation>
    </message>
    <message>
        <source>daemon takes no references; it polls the watchlist</source>
        <translation>daemon ne prend pas de références ; il vérifie la liste de surveillance</translation>
    </message>
    <message>
        <source>%1 rebuilt: %2 → %3 [%4] %5</source>
        <translation>%1 reconstruite : %2 → %3 [%4] %5</translation>
    </message>
    <message>
        <source>new tag in a watched family: %1</source>
        <translation>nouveau tag dans une famille surveillée : %1</translation>
    </message>
    <message>
        <source>scan needs exactly one folder</source>
        <translation>scan attend exactement un dossier</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 n’est pas un dossier</translation>
    </message>
    <message numerus="yes">
        <source>  (%n rebuild(s) since the pin</source>
        <translation><numerusform>  (%n reconstruction depuis l’épinglage</numerusform><numerusform>  (%n reconstructions depuis l’épinglage</numerusform></translation>
    </message>
    <message>
        <source>watch add --tags takes exactly one repository</source>
        <translation>watch add --tags attend exactement un dépôt</translation>
    </message>
    <message>
        <source>%1: give a repository without a tag or digest; --tags chooses the tags</source>
        <translation>%1 : indiquez un dépôt sans tag ni digest ; --tags choisit les tags</translation>
    </message>
    <message>
        <source>%1: cannot list tags: %2 (the family is kept and listed again by the daemon)</source>
        <translation>%1 : impossible de lister les tags : %2 (la famille est conservée et listée à nouveau par le démon)</translation>
    </message>
    <message numerus="yes">
        <source>watching the family %1 /%2/: %n new tag(s)</source>
        <translation><numerusform>surveillance de la famille %1 /%2/ : %n nouveau tag</numerusform><numerusform>surveillance de la famille %1 /%2/ : %n nouveaux tags</numerusform></translation>
    </message>
    <message>
        <source>1 tag checked, no rebuilds</source>
        <translation>1 tag vérifié, aucune reconstruction</translation>
    </message>
    <message numerus="yes">
        <source>%n tags checked, no rebuilds</source>
        <translation><numerusform>%n tag vérifié, aucune reconstruction</numerusform><numerusform>%n tags vérifiés, aucune reconstruction</numerusform></translation>
    </message>
    <message>
        <source>pinned digest first seen today</source>
        <translation>digest épinglé vu pour la première fois aujourd’hui</translation>
    </message>
    <message>
        <source>pinned digest first seen 1 day ago</source>
        <translation>digest épinglé vu pour la première fois il y a 1 jour</translation>
    </message>
    <message numerus="yes">
        <source>pinned digest first seen %n days ago</source>
        <translation><numerusform>digest épinglé vu pour la première fois il y a %n jour</numerusform><numerusform>digest épinglé vu pour la première fois il y a %n jours</numerusform></translation>
    </message>
    <message>
        <source>watch needs add, remove, list, mute or unmute</source>
        <translation>watch attend add, remove, list, mute ou unmute</translation>
    </message>
    <message>
        <source>the --on-rebuild command for %1 failed: %2</source>
        <translation>la commande --on-rebuild pour %1 a échoué : %2</translation>
    </message>
    <message>
        <source>history REF --acknowledge takes a reference and, optionally, the start of a rollout (as history --json gives it)</source>
        <translation>history REF --acknowledge attend une référence et, au choix, le début d’un déploiement (tel que history --json le donne)</translation>
    </message>
    <message>
        <source>%1 is not a rollout's start (an ISO 8601 date-time, as history --json gives it)</source>
        <translation>%1 n’est pas le début d’un déploiement (une date-heure ISO 8601, telle que history --json la donne)</translation>
    </message>
    <message>
        <source>%1 has no rollout that started at %2; nothing was changed</source>
        <translation>%1 n’a pas de déploiement commencé à %2 ; rien n’a changé</translation>
    </message>
    <message>
        <source>%1 has no rebuild to acknowledge</source>
        <translation>%1 n’a pas de reconstruction à confirmer</translation>
    </message>
    <message>
        <source>acknowledged the rollout of %1 that started %2</source>
        <translation>déploiement de %1 commencé %2 confirmé</translation>
    </message>
    <message>
        <source>watch mute needs at least one reference</source>
        <translation>watch mute attend au moins une référence</translation>
    </message>
    <message>
        <source>watch unmute needs at least one reference</source>
        <translation>watch unmute attend au moins une référence</translation>
    </message>
    <message>
        <source>%1 is not watched; nothing was changed</source>
        <translation>%1 n’est pas surveillée ; rien n’a changé</translation>
    </message>
    <message>
        <source>muted %1: still checked and recorded, never announced</source>
        <translation>%1 en sourdine : toujours vérifiée et enregistrée, jamais annoncée</translation>
    </message>
    <message>
        <source>unmuted %1</source>
        <translation>%1 n’est plus en sourdine</translation>
    </message>
    <message>
        <source>follow takes no reference: it streams the rebuilds of every tag</source>
        <translation>follow ne prend pas de référence : il diffuse les reconstructions de tous les tags</translation>
    </message>
    <message>
        <source>%1 %2 rebuilt: %3 → %4 [%5] %6</source>
        <translation>%1 %2 reconstruite : %3 → %4 [%5] %6</translation>
    </message>
    <message>
        <source>(rollout %1)</source>
        <translation>(déploiement %1)</translation>
    </message>
    <message>
        <source>following %1 (SIGINT or SIGTERM to stop)</source>
        <translation>suivi de %1 (SIGINT ou SIGTERM pour arrêter)</translation>
    </message>
    <message>
        <source>diff needs a reference and, optionally, the old and the new digest</source>
        <translation>diff attend une référence et, en option, l’ancien et le nouveau digest</translation>
    </message>
    <message>
        <source>%1 is not a digest (sha256: and 64 lowercase hex digits)</source>
        <translation>%1 n’est pas un digest (sha256: et 64 chiffres hexadécimaux minuscules)</translation>
    </message>
    <message>
        <source>%1 is not a platform (os/architecture[/variant])</source>
        <translation>%1 n’est pas une plateforme (os/architecture[/variante])</translation>
    </message>
    <message>
        <source>%1 is not a tag reference; give both digests to compare two images of it</source>
        <translation>%1 n’est pas une référence de tag ; donnez les deux digests pour en comparer deux images</translation>
    </message>
    <message>
        <source>%1 is neither watched nor in the history; give the digests to compare</source>
        <translation>%1 n’est ni surveillée ni dans l’historique ; donnez les digests à comparer</translation>
    </message>
    <message>
        <source>%1 has no rebuild recorded yet; give the digests to compare</source>
        <translation>%1 n’a encore aucune reconstruction enregistrée ; donnez les digests à comparer</translation>
    </message>
    <message>
        <source>  %1, from the %2, %3 downloaded</source>
        <translation>  %1, d’après les %2, %3 téléchargés</translation>
    </message>
    <message>
        <source>single image</source>
        <translation>image unique</translation>
    </message>
    <message>
        <source>SBOM attestations</source>
        <translation>attestations SBOM</translation>
    </message>
    <message>
        <source>image layers</source>
        <translation>couches de l’image</translation>
    </message>
    <message>
        <source>no package changed: rebuilt with the same packages</source>
        <translation>aucun paquet modifié : reconstruite avec les mêmes paquets</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>source %1</translation>
    </message>
    <message>
        <source>downgrade</source>
        <translation>rétrogradation</translation>
    </message>
    <message>
        <source>security data unavailable</source>
        <translation>données de sécurité indisponibles</translation>
    </message>
    <message>
        <source>fixes %1</source>
        <translation>corrige %1</translation>
    </message>
    <message>
        <source>%1 (%2 %3) now runs an old build of %4: build %5 of %6</source>
        <translation>%1 (%2 %3) exécute maintenant un ancien build de %4 : build %5 sur %6</translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) running</source>
        <translation><numerusform>%n charge de travail en cours</numerusform><numerusform>%n charges de travail en cours</numerusform></translation>
    </message>
    <message>
        <source>could not read %1 at %2: %3</source>
        <translation>impossible de lire %1 à %2 : %3</translation>
    </message>
    <message>
        <source>running takes no references (give sources with --docker, --podman or --kubernetes)</source>
        <translation>running ne prend pas de références (indiquez les sources avec --docker, --podman ou --kubernetes)</translation>
    </message>
    <message>
        <source>--namespace selects Kubernetes namespaces: give --kubernetes [CONTEXT] too</source>
        <translation>--namespace choisit des espaces de noms Kubernetes : indiquez aussi --kubernetes [CONTEXTE]</translation>
    </message>
    <message>
        <source>no workloads found</source>
        <translation>aucune charge de travail trouvée</translation>
    </message>
    <message>
        <source>now watching %1</source>
        <translation>%1 est maintenant surveillé</translation>
    </message>
    <message>
        <source>build %1 of %2, current</source>
        <translation>build %1 sur %2, à jour</translation>
    </message>
    <message>
        <source>build %1 of %2, 1 rebuild behind, a newer build since %3</source>
        <translation>build %1 sur %2, 1 reconstruction de retard, un build plus récent depuis %3</translation>
    </message>
    <message>
        <source>build %1 of %2, %4 rebuilds behind, a newer build since %3</source>
        <translation>build %1 sur %2, %4 reconstructions de retard, un build plus récent depuis %3</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>PÉRIMÉ</translation>
    </message>
    <message>
        <source>%1: older than the recorded history (%2 builds recorded)</source>
        <translation>%1 : plus ancien que l’historique enregistré (%2 builds enregistrés)</translation>
    </message>
    <message>
        <source>watched, not resolved yet (poll it)</source>
        <translation>surveillé, pas encore résolu (lancez poll)</translation>
    </message>
    <message>
        <source>not watched (running --watch adds it)</source>
        <translation>non surveillé (running --watch l’ajoute)</translation>
    </message>
    <message>
        <source>built locally (no registry digest)</source>
        <translation>construit localement (pas de digest de registre)</translation>
    </message>
    <message>
        <source>no image digest yet (%1)</source>
        <translation>pas encore de digest d’image (%1)</translation>
    </message>
    <message>
        <source>not an image reference Rebuild Radar understands</source>
        <translation>pas une référence d’image que Rebuild Radar comprend</translation>
    </message>
    <message>
        <source>newer: %1</source>
        <translation>plus récent : %1</translation>
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
        <translation>Usage : rebuildradar-cli [--db CHEMIN|URI] [--insecure-registry HÔTE[:PORT]]
                         [--check-timeout DURÉE] COMMANDE ...

Commandes :
  watch add REF... [--every DURÉE] [--platforms LISTE]
  watch add DÉPÔT --tags REGEX [--every DURÉE]
  watch remove REF...
  watch list [--json]
  watch mute REF... | watch unmute REF...
  poll [REF...] [--json] [--exit-code]
  history REF [--json]
  history REF --acknowledge [ROLLOUT_START]
  check REF [--json]
  diff REF [OLD_DIGEST [NEW_DIGEST]] [--platform P] [--json]
  export [REF...] --format csv|json|md|html|pdf [--since DATE] [--until DATE]
         [--no-platforms] [--no-index-only] -o FICHIER
  daemon [--on-rebuild COMMANDE] [--hook-timeout DURÉE]
  follow [--json]
  migrate --from CHEMIN --to URI
  scan CHEMIN [--json] [--update] [--pin] [--dry-run] [--exit-code]
  running [--docker [URL]] [--podman [URL]] [--kubernetes [CONTEXTE]] [--namespace NS]
          [--all] [--watch] [--json] [--exit-code]

--db prend le chemin d’un fichier SQLite ou l’URI d’une base d’équipe (postgresql://user@host/dbname).

Codes de sortie : 0 terminé, 1 une référence n’a pas pu être vérifiée, 2 usage incorrect (rien n’a changé),
3 avec --exit-code : une reconstruction a été trouvée (running : une charge de travail exécute un build périmé).
</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::CommandChannel</name>
    <message>
        <source>ended after %1 s without finishing</source>
        <translation>arrêtée après %1 s sans avoir fini</translation>
    </message>
    <message>
        <source>crashed or was killed</source>
        <translation>plantée ou tuée</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>terminée avec le statut %1</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::CredentialsDialog</name>
    <message>
        <source>Registry login</source>
        <translation>Identifiants du registre</translation>
    </message>
    <message>
        <source>&amp;Registry:</source>
        <translation>&amp;Registre :</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nom d’utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>&amp;Mot de passe ou jeton :</translation>
    </message>
    <message>
        <source>&amp;Save in keychain</source>
        <translation>&amp;Enregistrer dans le trousseau</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Oublier</translation>
    </message>
    <message>
        <source>Enter a username and a password or token.</source>
        <translation>Saisissez un nom d’utilisateur et un mot de passe ou un jeton.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: %1. Rebuild Radar keeps logins only in the OS keychain (Secret Service, KWallet); start one, or use docker login.</source>
        <translation>Non enregistré : %1. Rebuild Radar ne garde les identifiants que dans le trousseau du système (Secret Service, KWallet) ; démarrez-en un, ou utilisez docker login.</translation>
    </message>
    <message>
        <source>Forgot the login for %1.</source>
        <translation>Identifiants de %1 oubliés.</translation>
    </message>
    <message>
        <source>Saved the login for %1 in the keychain.</source>
        <translation>Identifiants de %1 enregistrés dans le trousseau.</translation>
    </message>
    <message>
        <source>&amp;Test login</source>
        <translation>&amp;Tester l’identifiant</translation>
    </message>
    <message>
        <source>Check a watched image of the registry with the login it has now</source>
        <translation>Vérifier une image surveillée du registre avec l’identifiant actuel</translation>
    </message>
    <message>
        <source>Testing the login for %1…</source>
        <translation>Test de l’identifiant pour %1…</translation>
    </message>
    <message>
        <source>Registries with a login saved here; pick one to change or forget it</source>
        <translation>Registres avec un identifiant enregistré ici ; choisissez-en un pour le changer ou l’oublier</translation>
    </message>
    <message>
        <source>Saved &amp;logins:</source>
        <translation>&amp;Identifiants enregistrés :</translation>
    </message>
    <message>
        <source>The login did not work: %1</source>
        <translation>L’identifiant n’a pas fonctionné : %1</translation>
    </message>
    <message>
        <source>(none saved from Rebuild Radar yet; docker login ones are used too)</source>
        <translation>(aucune enregistrée depuis Rebuild Radar ; celles de docker login servent aussi)</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::DetailsPane</name>
    <message>
        <source>build %1</source>
        <translation>build %1</translation>
    </message>
    <message>
        <source>A new version, not a silent rebuild</source>
        <translation>Une nouvelle version, pas une reconstruction silencieuse</translation>
    </message>
    <message>
        <source>Rebuilt on a changed base image</source>
        <translation>Reconstruite sur une image de base modifiée</translation>
    </message>
    <message>
        <source>Built from another source revision</source>
        <translation>Construit depuis une autre révision des sources</translation>
    </message>
    <message>
        <source>Platforms were added or removed</source>
        <translation>Des plateformes ont été ajoutées ou retirées</translation>
    </message>
    <message>
        <source>Rebuilt with nothing else declared changed</source>
        <translation>Reconstruite sans autre changement déclaré</translation>
    </message>
    <message>
        <source>Only the index changed (attestations, say); no image did</source>
        <translation>Seul l’index a changé (des attestations, par exemple) ; aucune image</translation>
    </message>
    <message>
        <source>Back to an earlier digest</source>
        <translation>Retour à un digest antérieur</translation>
    </message>
    <message>
        <source>Nothing the image declares explains the change</source>
        <translation>Rien de ce que l’image déclare n’explique le changement</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1 : %2.</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>build %1 · %2</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>Actuel :</translation>
    </message>
    <message>
        <source>Last rebuild:</source>
        <translation>Dernière reconstruction :</translation>
    </message>
    <message>
        <source>none recorded yet</source>
        <translation>aucune enregistrée</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Pourquoi :</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>construite le %1</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>poussée %1</translation>
    </message>
    <message>
        <source>Upstream:</source>
        <translation>Amont :</translation>
    </message>
    <message>
        <source>not known (the registry does not say)</source>
        <translation>inconnu (le registre ne le dit pas)</translation>
    </message>
    <message>
        <source>When upstream built the image and pushed it to the registry</source>
        <translation>Quand l’amont a construit l’image et l’a poussée vers le registre</translation>
    </message>
    <message>
        <source>Detected:</source>
        <translation>Détecté :</translation>
    </message>
    <message>
        <source>When Rebuild Radar saw the new digest</source>
        <translation>Quand Rebuild Radar a vu le nouveau digest</translation>
    </message>
    <message>
        <source>Lag:</source>
        <translation>Délai :</translation>
    </message>
    <message>
        <source>%1 after upstream</source>
        <translation>%1 après l’amont</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>Plateformes :</translation>
    </message>
    <message>
        <source>no platform's image changed</source>
        <translation>aucune image de plateforme n’a changé</translation>
    </message>
    <message>
        <source>A&amp;cknowledge</source>
        <translation>&amp;Acquitter</translation>
    </message>
    <message>
        <source>Mark this image's rebuilds as seen: it is no longer shown as needing attention, and its rollouts are not announced again</source>
        <translation>Marquer les reconstructions de cette image comme vues : elle n’est plus signalée comme à examiner, et ses déploiements ne sont plus annoncés</translation>
    </message>
    <message>
        <source>A&amp;cknowledged</source>
        <translation>&amp;Acquitté</translation>
    </message>
    <message>
        <source>Inside:</source>
        <translation>À l’intérieur :</translation>
    </message>
    <message>
        <source>Packages changed by this rebuild and the security fixes they bring, from the image's SBOM or its package database</source>
        <translation>Les paquets modifiés par cette reconstruction et les correctifs de sécurité qu’ils apportent, d’après le SBOM de l’image ou sa base de paquets</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::EditWatchDialog</name>
    <message>
        <source>&amp;Mute notifications for this image</source>
        <translation>&amp;Désactiver les notifications pour cette image</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>How often to check: 30s, 15m, 6h, 1d, or sums such as 1h30m</source>
        <translation>Fréquence de vérification : 30s, 15m, 6h, 1d, ou des sommes comme 1h30m</translation>
    </message>
    <message>
        <source>all platforms, or e.g. linux/amd64,linux/arm64</source>
        <translation>toutes les plateformes, ou par ex. linux/amd64,linux/arm64</translation>
    </message>
    <message>
        <source>Check &amp;every:</source>
        <translation>&amp;Vérifier toutes les :</translation>
    </message>
    <message>
        <source>&amp;Platforms I run:</source>
        <translation>&amp;Plateformes utilisées :</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::ExportDialog</name>
    <message>
        <source>&amp;All images</source>
        <translation>&amp;Toutes les images</translation>
    </message>
    <message>
        <source>The &amp;selected images (%1)</source>
        <translation>Les images &amp;sélectionnées (%1)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Include per-&amp;platform digests</source>
        <translation>Inclure les digests par &amp;plateforme</translation>
    </message>
    <message>
        <source>Include &amp;index-only changes</source>
        <translation>Inclure les changements d’&amp;index seul</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter un rapport</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>Rapport PDF</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>Rapport HTML</translation>
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
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images :</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::FileDialogs</name>
    <message>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::HistoryOpener</name>
    <message>
        <source>Team history login</source>
        <translation>Connexion à l'historique d'équipe</translation>
    </message>
    <message>
        <source>%1

Password for %2 (kept in the keychain):</source>
        <translation>%1

Mot de passe pour %2 (conservé dans le trousseau) :</translation>
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
        <translation>Filtre (Ctrl+F) : nom, registre ou état</translation>
    </message>
    <message>
        <source>&amp;Silent rebuilds only</source>
        <translation>Reconstructions &amp;silencieuses seulement</translation>
    </message>
    <message>
        <source>Digest / rebuild</source>
        <translation>Digest / reconstruction</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Copy &amp;pinned reference</source>
        <translation>Copier la référence é&amp;pinglée</translation>
    </message>
    <message>
        <source>checking %1 of %2</source>
        <translation>vérification %1 sur %2</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>Check &amp;now</source>
        <translation>Vérifier &amp;maintenant</translation>
    </message>
    <message>
        <source>Check &amp;all</source>
        <translation>Tout &amp;vérifier</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Copy &amp;digest</source>
        <translation>Copier le &amp;digest</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>&amp;Couper les notifications</translation>
    </message>
    <message>
        <source>&amp;Pause polling</source>
        <translation>&amp;Suspendre les vérifications</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>P&amp;ins…</source>
        <translation>É&amp;pinglages…</translation>
    </message>
    <message>
        <source>Registry &amp;logins…</source>
        <translation>&amp;Identifiants des registres…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Afficher</translation>
    </message>
    <message>
        <source>Check &amp;all now</source>
        <translation>Tout &amp;vérifier maintenant</translation>
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
        <translation>construite le %1</translation>
    </message>
    <message>
        <source>Rebuilds (%1)</source>
        <translation>Reconstructions (%1)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 copié</translation>
    </message>
    <message>
        <source>Save the timeline</source>
        <translation>Enregistrer la chronologie</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Impossible d’écrire %1</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n more image(s)</source>
        <translation><numerusform>%n image de plus surveillée</numerusform><numerusform>%n images de plus surveillées</numerusform></translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>Arrêter la surveillance</translation>
    </message>
    <message numerus="yes">
        <source>Stop watching %n image(s)? Their history is kept.</source>
        <translation><numerusform>Arrêter de surveiller %n image ? Son historique est conservé.</numerusform><numerusform>Arrêter de surveiller %n images ? Leur historique est conservé.</numerusform></translation>
    </message>
    <message>
        <source>Polling paused</source>
        <translation>Vérifications suspendues</translation>
    </message>
    <message>
        <source>Polling resumed</source>
        <translation>Vérifications reprises</translation>
    </message>
    <message>
        <source>%1: %2 of %3 pulls left</source>
        <translation>%1 : %2 pulls restants sur %3</translation>
    </message>
    <message>
        <source>Rebuild Radar keeps watching</source>
        <translation>Rebuild Radar continue de surveiller</translation>
    </message>
    <message>
        <source>Polling goes on in the tray. Quit from the tray menu to stop it.</source>
        <translation>Les vérifications continuent dans la zone de notification. Quittez depuis son menu pour les arrêter.</translation>
    </message>
    <message>
        <source>The period the rebuild count covers</source>
        <translation>La période couverte par le nombre de reconstructions</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 jours</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 jours</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>&amp;Acknowledge: do not announce this rollout again</source>
        <translation>&amp;Acquitter : ne plus annoncer ce déploiement</translation>
    </message>
    <message>
        <source> (acknowledged)</source>
        <translation> (acquittée)</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>poussée %1</translation>
    </message>
    <message>
        <source>%1 (%2 after upstream)</source>
        <translation>%1 (%2 après l’amont)</translation>
    </message>
    <message>
        <source>&amp;Notification channels…</source>
        <translation>Canaux de &amp;notification…</translation>
    </message>
    <message>
        <source>R&amp;unning…</source>
        <translation>&amp;En cours…</translation>
    </message>
    <message>
        <source>Needs a&amp;ttention</source>
        <translation>À &amp;examiner</translation>
    </message>
    <message>
        <source>Only the images rebuilt since you last acknowledged them</source>
        <translation>Seulement les images reconstruites depuis votre dernier acquittement</translation>
    </message>
    <message>
        <source>Add &amp;images…</source>
        <translation>Ajouter des &amp;images…</translation>
    </message>
    <message>
        <source>Scan a pro&amp;ject for pins…</source>
        <translation>Analyser un pro&amp;jet pour ses épinglages…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>build %1 · %2</translation>
    </message>
    <message>
        <source>Rebuild Radar: %1</source>
        <translation>Rebuild Radar : %1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Rebuild Radar</source>
        <translation>&amp;À propos de Rebuild Radar</translation>
    </message>
    <message>
        <source>About Rebuild Radar</source>
        <translation>À propos de Rebuild Radar</translation>
    </message>
    <message>
        <source>Rebuild Radar %1
Watches container image tags and records every silent rebuild: which digest a tag pointed to, when, and why it moved.</source>
        <translation>Rebuild Radar %1
Surveille des tags d’images de conteneurs et enregistre chaque reconstruction silencieuse : vers quel digest pointait un tag, quand, et pourquoi il a changé.</translation>
    </message>
    <message>
        <source>The &amp;command-line tool</source>
        <translation>L’outil en &amp;ligne de commande</translation>
    </message>
    <message>
        <source>The command-line tool</source>
        <translation>L’outil en ligne de commande</translation>
    </message>
    <message>
        <source>rebuildradar-cli works on the same history: watch, poll, history, export, scan and daemon (a headless watcher). "%1 --help" lists every command and option; docs/CLI.md describes them.</source>
        <translation>rebuildradar-cli travaille sur le même historique : watch, poll, history, export, scan et daemon (une surveillance sans fenêtre). « %1 --help » liste chaque commande et option ; docs/CLI.md les décrit.</translation>
    </message>
    <message>
        <source>&amp;Database location</source>
        <translation>&amp;Emplacement de la base</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Emplacement de la base</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Ouvrir le &amp;dossier</translation>
    </message>
    <message>
        <source>The history's location is not known to the window.</source>
        <translation>L’emplacement de l’historique n’est pas connu de la fenêtre.</translation>
    </message>
    <message>
        <source>The history is kept in %1 (give --db PATH to use another).</source>
        <translation>L’historique est conservé dans %1 (--db CHEMIN en choisit un autre).</translation>
    </message>
    <message>
        <source>The report is written: %1</source>
        <translation>Le rapport est écrit : %1</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Le rapport n’a pas pu être écrit : %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <source>Watched already, settings kept (Edit… changes them): %1</source>
        <translation>Déjà surveillée(s), réglages conservés (Modifier… les change) : %1</translation>
    </message>
    <message>
        <source>No image is watched yet. Add the images you run, find them in a project's Dockerfiles, compose, Kubernetes and Helm files, or import those of the containers running here.</source>
        <translation>Aucune image n’est encore surveillée. Ajoutez les images que vous exécutez, trouvez-les dans les Dockerfiles, fichiers compose, Kubernetes et Helm d’un projet, ou importez celles des conteneurs qui tournent ici.</translation>
    </message>
    <message>
        <source>Import from &amp;running containers…</source>
        <translation>Importer depuis les conteneurs en &amp;cours…</translation>
    </message>
    <message>
        <source>The team history is kept in the PostgreSQL database %1; its daemons poll the registries and this window follows what they record. Your mutes, acknowledgements and chosen platforms are yours alone, kept under your account name, %2.</source>
        <translation>L'historique d'équipe est conservé dans la base PostgreSQL %1 ; ses démons interrogent les registres et cette fenêtre suit ce qu'ils enregistrent. Vos sourdines, acquittements et plateformes choisies ne sont qu'à vous, conservés sous votre nom de compte, %2.</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::Notifier</name>
    <message>
        <source>%1 moved to a new version</source>
        <translation>%1 est passée à une nouvelle version</translation>
    </message>
    <message>
        <source>%1 is being rebuilt</source>
        <translation>%1 est en cours de reconstruction</translation>
    </message>
    <message>
        <source>%1: rebuild rolled out to every platform</source>
        <translation>%1 : reconstruction déployée sur toutes les plateformes</translation>
    </message>
    <message>
        <source>%1 was rebuilt</source>
        <translation>%1 a été reconstruite</translation>
    </message>
    <message numerus="yes">
        <source>%n platform(s)</source>
        <translation><numerusform>%n plateforme</numerusform><numerusform>%n plateformes</numerusform></translation>
    </message>
    <message>
        <source>%1 came last</source>
        <translation>%1 est arrivée en dernier</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>%1: rebuild ended without every platform</source>
        <translation>%1 : reconstruction terminée sans toutes les plateformes</translation>
    </message>
    <message>
        <source>%1 has it; %2 not rebuilt yet</source>
        <translation>%1 l’a ; %2 pas encore reconstruites</translation>
    </message>
    <message>
        <source>%1 has it; %2 not rebuilt this time</source>
        <translation>%1 l’a ; %2 non reconstruites cette fois</translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s) now run an old build</source>
        <translation><numerusform>%n charge de travail exécute maintenant un ancien build</numerusform><numerusform>%n charges de travail exécutent maintenant un ancien build</numerusform></translation>
    </message>
    <message>
        <source>%1: %2 build %3 of %4</source>
        <translation>%1 : %2 build %3 sur %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>rebuilt: build %1 → %2</source>
        <translation>reconstruite : build %1 → %2</translation>
    </message>
    <message>
        <source>newer: %1</source>
        <translation>plus récent : %1</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::PinsView</name>
    <message>
        <source>Pins</source>
        <translation>Épinglages</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Épinglé</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuel</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Preview the update to see the diff here.</source>
        <translation>Affichez l’aperçu de la mise à jour pour voir le diff ici.</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Analyser</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>&amp;Ouvrir le fichier</translation>
    </message>
    <message>
        <source>&amp;Watch selected</source>
        <translation>&amp;Surveiller la sélection</translation>
    </message>
    <message>
        <source>&amp;Preview update</source>
        <translation>&amp;Aperçu de la mise à jour</translation>
    </message>
    <message>
        <source>A&amp;pply update</source>
        <translation>A&amp;ppliquer la mise à jour</translation>
    </message>
    <message>
        <source>Updated. Scanning again…</source>
        <translation>Mis à jour. Nouvelle analyse…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Non appliqué : %1</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>Dossier du projet</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>Analyse de %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s) since the pin</source>
        <translation><numerusform>%n reconstruction depuis l’épinglage</numerusform><numerusform>%n reconstructions depuis l’épinglage</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n reference(s) found</source>
        <translation><numerusform>%n référence trouvée</numerusform><numerusform>%n références trouvées</numerusform></translation>
    </message>
    <message>
        <source>No stale pins: nothing to change.</source>
        <translation>Aucun épinglage périmé : rien à changer.</translation>
    </message>
    <message>
        <source>Pin &amp;unpinned references too</source>
        <translation>Épingler aussi les références &amp;non épinglées</translation>
    </message>
    <message>
        <source>Give references without a digest their current one, as scan --pin does</source>
        <translation>Donner aux références sans digest leur digest actuel, comme scan --pin</translation>
    </message>
    <message>
        <source>Apply the update</source>
        <translation>Appliquer la mise à jour</translation>
    </message>
    <message>
        <source>Nothing opened %1: set an editor for pins in Settings (e.g. "code -g %f:%l").</source>
        <translation>Rien n’a ouvert %1 : choisissez un éditeur pour les épinglages dans les Réglages (par ex. « code -g %f:%l »).</translation>
    </message>
    <message numerus="yes">
        <source>Rewrite %n file(s) in %1?</source>
        <translation><numerusform>Réécrire %n fichier dans %1 ?</numerusform><numerusform>Réécrire %n fichiers dans %1 ?</numerusform></translation>
    </message>
    <message>
        <source>The diff below shows every change.</source>
        <translation>Le diff ci-dessous montre chaque changement.</translation>
    </message>
    <message>
        <source>Nothing applied.</source>
        <translation>Rien n’a été appliqué.</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::RunningView</name>
    <message>
        <source>Stale only</source>
        <translation>Périmés seulement</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>docker, podman, kubernetes=CONTEXT</source>
        <translation>docker, podman, kubernetes=CONTEXTE</translation>
    </message>
    <message>
        <source>Where workloads run: docker, docker=unix:///PATH, podman, kubernetes, kubernetes=CONTEXT</source>
        <translation>Où tournent les charges de travail : docker, docker=unix:///CHEMIN, podman, kubernetes, kubernetes=CONTEXTE</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Sources :</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Charge de travail</translation>
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
        <translation>Manque</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>%1 is not a source (docker, podman or kubernetes, with =ADDRESS or =CONTEXT)</source>
        <translation>%1 n’est pas une source (docker, podman ou kubernetes, avec =ADRESSE ou =CONTEXTE)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>older than the recorded history</source>
        <translation>plus ancien que l’historique enregistré</translation>
    </message>
    <message>
        <source>built locally</source>
        <translation>construit localement</translation>
    </message>
    <message>
        <source>not pulled yet</source>
        <translation>pas encore téléchargé</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>pas encore vérifié</translation>
    </message>
    <message>
        <source>not watched</source>
        <translation>non surveillé</translation>
    </message>
    <message>
        <source>unknown image</source>
        <translation>image inconnue</translation>
    </message>
    <message>
        <source>a newer build</source>
        <translation>un build plus récent</translation>
    </message>
    <message numerus="yes">
        <source>%n rebuild(s) behind, newer since %1</source>
        <translation><numerusform>%n reconstruction de retard, plus récent depuis %1</numerusform><numerusform>%n reconstructions de retard, plus récent depuis %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n workload(s)</source>
        <translation><numerusform>%n charge de travail</numerusform><numerusform>%n charges de travail</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation><numerusform>%n périmée</numerusform><numerusform>%n périmées</numerusform></translation>
    </message>
    <message>
        <source>Newer build changed</source>
        <translation>Changé par le build plus récent</translation>
    </message>
    <message>
        <source>&amp;Watch checked images</source>
        <translation>&amp;Surveiller les images cochées</translation>
    </message>
    <message>
        <source>Watch the checked images that run here and are not watched yet</source>
        <translation>Surveiller les images cochées qui tournent ici et ne sont pas encore surveillées</translation>
    </message>
    <message>
        <source>Not watched: check it, then Watch checked images</source>
        <translation>Non surveillée : cochez-la, puis « Surveiller les images cochées »</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::SettingsDialog</name>
    <message>
        <source>Show &amp;notifications for rebuilds</source>
        <translation>Afficher des &amp;notifications pour les reconstructions</translation>
    </message>
    <message>
        <source>Also for &amp;index-only changes (new attestations, no image changed)</source>
        <translation>Aussi pour les changements d’&amp;index seul (nouvelles attestations, aucune image modifiée)</translation>
    </message>
    <message>
        <source>Start &amp;minimized to the tray</source>
        <translation>Démarrer &amp;réduit dans la zone de notification</translation>
    </message>
    <message>
        <source>Start at &amp;login</source>
        <translation>Démarrer à la &amp;connexion</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>every 15 minutes</source>
        <translation>toutes les 15 minutes</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>chaque heure</translation>
    </message>
    <message>
        <source>every 6 hours</source>
        <translation>toutes les 6 heures</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>chaque jour</translation>
    </message>
    <message>
        <source>registry.internal:5000 (one per line): plain HTTP, no certificate check</source>
        <translation>registry.internal:5000 (un par ligne) : HTTP simple, sans vérification de certificat</translation>
    </message>
    <message>
        <source>Default &amp;check interval:</source>
        <translation>Intervalle de &amp;vérification par défaut :</translation>
    </message>
    <message>
        <source>&amp;Insecure registries:</source>
        <translation>Registres &amp;non sécurisés :</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>A &amp;rollout groups rebuilds within:</source>
        <translation>Un &amp;déploiement regroupe les reconstructions sur :</translation>
    </message>
    <message>
        <source>&amp;Editor for pins (%f file, %l line):</source>
        <translation>Éditeur pour les &amp;épinglages (%f fichier, %l ligne) :</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::TimelineView</name>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Réinitialiser le zoom</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 jours</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 jours</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>Select an image to see its history</source>
        <translation>Sélectionnez une image pour voir son historique</translation>
    </message>
    <message>
        <source>silent rebuilds</source>
        <translation>reconstructions silencieuses</translation>
    </message>
    <message>
        <source>version moves</source>
        <translation>changements de version</translation>
    </message>
    <message>
        <source>pushed or built upstream</source>
        <translation>poussée ou construite en amont</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>rollout complete</source>
        <translation>déploiement complet</translation>
    </message>
    <message>
        <source>rollout in progress</source>
        <translation>déploiement en cours</translation>
    </message>
    <message>
        <source>rollout closed, platforms left out</source>
        <translation>déploiement clos, plateformes oubliées</translation>
    </message>
    <message>
        <source>More platforms: scroll with the wheel or the up and down arrows</source>
        <translation>D’autres plateformes : faites défiler avec la molette ou les flèches haut et bas</translation>
    </message>
    <message>
        <source>Wheel: scroll the lanes · Ctrl+wheel or +/−: zoom · drag or ←/→: pan</source>
        <translation>Molette : faire défiler les lignes · Ctrl+molette ou +/− : zoomer · glisser ou ←/→ : déplacer</translation>
    </message>
</context>
<context>
    <name>RebuildRadar::WatchEngine</name>
    <message>
        <source>the database is not open</source>
        <translation>la base de données n’est pas ouverte</translation>
    </message>
    <message>
        <source>%1: no past history imported: %2</source>
        <translation>%1 : aucun historique passé importé : %2</translation>
    </message>
    <message>
        <source>a channel named "%1" exists already</source>
        <translation>un canal nommé « %1 » existe déjà</translation>
    </message>
    <message>
        <source>Channel %1 added</source>
        <translation>Canal %1 ajouté</translation>
    </message>
    <message>
        <source>no channel is named "%1"</source>
        <translation>aucun canal ne s’appelle « %1 »</translation>
    </message>
    <message>
        <source>Channel %1 removed</source>
        <translation>Canal %1 supprimé</translation>
    </message>
    <message>
        <source>Test message sent to %1</source>
        <translation>Message de test envoyé à %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: workloads not read: %2</source>
        <translation>%1 : charges de travail non lues : %2</translation>
    </message>
    <message>
        <source>the image is no longer watched</source>
        <translation>l’image n’est plus surveillée</translation>
    </message>
    <message>
        <source>no watched image on %1 to try it on: watch one first</source>
        <translation>aucune image surveillée sur %1 pour l’essayer : surveillez-en une d’abord</translation>
    </message>
    <message>
        <source>%1 answered for %2: the login works</source>
        <translation>%1 a répondu pour %2 : l’identifiant fonctionne</translation>
    </message>
    <message>
        <source>%1 on %2: %3</source>
        <translation>%1 pour %2 : %3</translation>
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
        <translation>Registre</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Dernière vérification</translation>
    </message>
    <message>
        <source>Last rebuild</source>
        <translation>Dernière reconstruction</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>rebuilding: %1 of %2 platforms</source>
        <translation>reconstruction : %1 plateformes sur %2</translation>
    </message>
    <message>
        <source>ok (muted)</source>
        <translation>ok (muette)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
    <message>
        <source>auth failed</source>
        <translation>échec d’authentification</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>%1
family: tags matching %2</source>
        <translation>%1
famille : tags correspondant à %2</translation>
    </message>
    <message>
        <source>Rebuilds (%1 d)</source>
        <translation>Reconstructions (%1 j)</translation>
    </message>
    <message>
        <source>Rebuilds</source>
        <translation>Reconstructions</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n tag(s) matching %2</source>
        <translation><numerusform>%1 — %n tag correspondant à %2</numerusform><numerusform>%1 — %n tags correspondant à %2</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 ok</source>
        <translation>%1 sur %2 ok</translation>
    </message>
    <message>
        <source>Tag family: the tags of %1 matching %2</source>
        <translation>Famille de tags : les tags de %1 correspondant à %2</translation>
    </message>
    <message numerus="yes">
        <source>%n silent rebuild(s)</source>
        <translation><numerusform>%n reconstruction silencieuse</numerusform><numerusform>%n reconstructions silencieuses</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n version move(s)</source>
        <translation><numerusform>%n changement de version</numerusform><numerusform>%n changements de version</numerusform></translation>
    </message>
    <message>
        <source>%1 · build %2</source>
        <translation>%1 · build %2</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Intervalle</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>reconstruite</translation>
    </message>
    <message>
        <source>When Rebuild Radar detected the last new digest (upstream times are in the details)</source>
        <translation>Quand Rebuild Radar a détecté le dernier nouveau digest (les heures amont sont dans les détails)</translation>
    </message>
    <message>
        <source>Checked every %1 (Edit… changes it)</source>
        <translation>Vérifiée toutes les %1 (Modifier… le change)</translation>
    </message>
    <message>
        <source>Rebuilt since you last acknowledged it: select it and press Acknowledge</source>
        <translation>Reconstruite depuis votre dernier acquittement : sélectionnez-la et appuyez sur Acquitter</translation>
    </message>
    <message>
        <source>%1 of %2 ok, %3 rebuilt</source>
        <translation>%1 sur %2 ok, %3 reconstruit(s)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n image(s)</source>
        <translation><numerusform>%1 — %n image</numerusform><numerusform>%1 — %n images</numerusform></translation>
    </message>
    <message>
        <source>The images watched on %1</source>
        <translation>Les images surveillées sur %1</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>index only</source>
        <translation>index seul</translation>
    </message>
    <message>
        <source>version move</source>
        <translation>changement de version</translation>
    </message>
    <message>
        <source>silent rebuild</source>
        <translation>reconstruction silencieuse</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3, in progress: %4 of %5 platforms, pending %6</source>
        <translation>Déploiement %1 (%2) : commencé le %3, en cours : %4 plateformes sur %5, en attente %6</translation>
    </message>
    <message>
        <source>the beginning</source>
        <translation>le début</translation>
    </message>
    <message>
        <source>Rebuild Radar report</source>
        <translation>Rapport Rebuild Radar</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>généré</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Rollouts</source>
        <translation>Déploiements</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>Silencieuses</translation>
    </message>
    <message>
        <source>Version moves</source>
        <translation>Changements de version</translation>
    </message>
    <message>
        <source>Median gap</source>
        <translation>Intervalle médian</translation>
    </message>
    <message>
        <source>Longest gap</source>
        <translation>Plus long intervalle</translation>
    </message>
    <message>
        <source>Current digest age</source>
        <translation>Âge du digest actuel</translation>
    </message>
    <message>
        <source>Current digest</source>
        <translation>Digest actuel</translation>
    </message>
    <message>
        <source>current for</source>
        <translation>actuel depuis</translation>
    </message>
    <message>
        <source>No rebuilds in the period.</source>
        <translation>Aucune reconstruction sur la période.</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Détectée</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Vers</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>Causes</source>
        <translation>Causes</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>Période : %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tags : %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>Généré : %1</translation>
    </message>
    <message>
        <source>Silent rebuilds are new digests behind an unchanged tag; version moves are</source>
        <translation>Les reconstructions silencieuses sont de nouveaux digests derrière un tag inchangé ; les changements de version sont</translation>
    </message>
    <message>
        <source>floating tags moving to a new release. Times are UTC.</source>
        <translation>des tags flottants passant à une nouvelle version. Heures en UTC.</translation>
    </message>
    <message>
        <source>Current digest %1, current for %2</source>
        <translation>Digest actuel %1, actuel depuis %2</translation>
    </message>
    <message>
        <source>%1  %2 to %3</source>
        <translation>%1  %2 à %3</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
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
        <translation>poussée %1</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>construite le %1</translation>
    </message>
    <message>
        <source>Same digest as: %1</source>
        <translation>Même digest que : %1</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Amont</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Délai</translation>
    </message>
    <message>
        <source>lag</source>
        <translation>délai</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3, closed %4 on %5 of %6 platforms, not rebuilt: %7</source>
        <translation>Déploiement %1 (%2) : commencé le %3, clos le %4 avec %5 plateformes sur %6, non reconstruites : %7</translation>
    </message>
    <message>
        <source>What changed inside:</source>
        <translation>Ce qui a changé à l’intérieur :</translation>
    </message>
    <message>
        <source>%1, build %2 → %3: %4</source>
        <translation>%1, build %2 → %3 : %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>No workloads found.</source>
        <translation>Aucune charge de travail trouvée.</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Charge de travail</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
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
        <translation>Manque</translation>
    </message>
    <message>
        <source>Build age</source>
        <translation>Âge du build</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>older than the recorded history</source>
        <translation>plus ancien que l’historique enregistré</translation>
    </message>
    <message>
        <source>built locally</source>
        <translation>construit localement</translation>
    </message>
    <message>
        <source>%1 rebuild(s) since %2</source>
        <translation>%1 reconstruction(s) depuis %2</translation>
    </message>
    <message>
        <source>a newer build</source>
        <translation>un build plus récent</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>De → à</translation>
    </message>
    <message>
        <source>Appendix: digests</source>
        <translation>Annexe : digests</translation>
    </message>
    <message>
        <source>build %1</source>
        <translation>build %1</translation>
    </message>
    <message>
        <source>Rollout %1 (%2): started %3</source>
        <translation>Déploiement %1 (%2) : commencé le %3</translation>
    </message>
    <message numerus="yes">
        <source>on all %n platform(s) after %1</source>
        <translation><numerusform>sur sa %n plateforme après %1</numerusform><numerusform>sur les %n plateformes après %1</numerusform></translation>
    </message>
    <message>
        <source>%1 came last</source>
        <translation>%1 est arrivée en dernier</translation>
    </message>
    <message numerus="yes">
        <source>%n digest change(s)</source>
        <translation><numerusform>%n changement de digest</numerusform><numerusform>%n changements de digest</numerusform></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>from %1 to %2</source>
        <translation>de %1 à %2</translation>
    </message>
    <message>
        <source>no platform's image changed</source>
        <translation>aucune image de plateforme n’a changé</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <source>rollout %1: all %2 platforms</source>
        <translation>déploiement %1 : les %2 plateformes</translation>
    </message>
    <message>
        <source>rollout %1: %2 of %3 platforms, pending %4</source>
        <translation>déploiement %1 : %2 plateformes sur %3, en attente %4</translation>
    </message>
    <message>
        <source>built %1</source>
        <translation>construite le %1</translation>
    </message>
    <message>
        <source>pushed %1</source>
        <translation>poussée %1</translation>
    </message>
    <message>
        <source>detected %1</source>
        <translation>détectée %1</translation>
    </message>
    <message>
        <source>detected after %1</source>
        <translation>détectée après %1</translation>
    </message>
    <message>
        <source>  (same digest as %1)</source>
        <translation>  (même digest que %1)</translation>
    </message>
    <message>
        <source>rollout %1: closed on %2 of %3 platforms, not rebuilt: %4</source>
        <translation>déploiement %1 : clos avec %2 plateformes sur %3, non reconstruites : %4</translation>
    </message>
    <message>
        <source>build %1 · %2</source>
        <translation>build %1 · %2</translation>
    </message>
    <message>
        <source>build %1 (%2)</source>
        <translation>build %1 (%2)</translation>
    </message>
    <message>
        <source>Detected %1</source>
        <translation>Détecté %1</translation>
    </message>
    <message>
        <source>Inside: %1</source>
        <translation>À l’intérieur : %1</translation>
    </message>
</context>
</TS>