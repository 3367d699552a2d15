#include "history/RebuildClassifier.h"

#include "common/Time.h"
#include "domain/Image.h"
#include "reference/ImageReference.h"

namespace RebuildRadar {

namespace {

// A value as the whole image declares it: the index's own, else the first platform that says it.
QString declared(const Snapshot &s, const QString &key, const QStringList &platforms = {})
{
    if (s.annotations.contains(key))
        return s.annotations.value(key);
    for (auto it = s.platforms.begin(); it != s.platforms.end(); ++it) {
        if ((platforms.isEmpty() || platforms.contains(it.key())) && it->annotations.contains(key))
            return it->annotations.value(key);
    }
    return {};
}

QString normalizedBaseName(const QString &name)
{
    auto ref = ImageReference::parse(name);
    return ref ? ref->canonical() : name;
}

QString platformsWord(const QStringList &platforms)
{
    return platforms.join(QStringLiteral(", "));
}

} // namespace

Rebuild classifyRebuild(const ClassifierInput &input)
{
    const Snapshot &a = input.before;
    const Snapshot &b = input.after;
    Rebuild r;
    r.from = a.digest;
    r.to = b.digest;
    for (auto it = b.platforms.begin(); it != b.platforms.end(); ++it) {
        if (!a.platforms.contains(it.key()))
            r.platformsAdded.append(it.key());
        else if (a.platforms.value(it.key()).digest != it->digest)
            r.platformsChanged.append(it.key());
    }
    for (auto it = a.platforms.begin(); it != a.platforms.end(); ++it) {
        if (!b.platforms.contains(it.key()))
            r.platformsRemoved.append(it.key());
    }
    // Two single manifests without readable platforms still differ as images.
    if (a.platforms.isEmpty() && b.platforms.isEmpty() && a.digest != b.digest)
        r.platformsChanged.append(QString());
    r.platformsChanged.removeAll(QString());

    const QStringList changed = r.platformsChanged;
    const QString versionBefore = declared(a, Annotation::Version);
    const QString versionAfter = declared(b, Annotation::Version);
    if (!versionBefore.isEmpty() && !versionAfter.isEmpty() && versionBefore != versionAfter) {
        r.causes.append(
            {CauseKind::Version, QStringLiteral("version %1 → %2").arg(versionBefore, versionAfter)});
    } else if (!input.movedToTag.isEmpty()) {
        r.causes.append(
            {CauseKind::Version,
             input.movedFromTag.isEmpty()
                 ? QStringLiteral("now the same image as %1").arg(input.movedToTag)
                 : QStringLiteral("moved from %1 to %2").arg(input.movedFromTag, input.movedToTag)});
    }

    // Base image and revision, compared on the platforms whose image changed.
    QStringList compared = changed;
    if (compared.isEmpty() && a.platforms.isEmpty())
        compared = b.platforms.keys();
    const QString baseNameBefore = declared(a, Annotation::BaseName, compared);
    const QString baseNameAfter = declared(b, Annotation::BaseName, compared);
    bool baseChanged = false;
    for (const QString &platform : compared) {
        const QString before = a.platforms.value(platform).annotations.value(
            Annotation::BaseDigest, a.annotations.value(Annotation::BaseDigest));
        const QString after = b.platforms.value(platform).annotations.value(
            Annotation::BaseDigest, b.annotations.value(Annotation::BaseDigest));
        if (!before.isEmpty() && !after.isEmpty() && before != after)
            baseChanged = true;
    }
    if (!baseNameBefore.isEmpty() && !baseNameAfter.isEmpty() &&
        normalizedBaseName(baseNameBefore) != normalizedBaseName(baseNameAfter)) {
        r.causes.append(
            {CauseKind::BaseImage, QStringLiteral("base image %1 → %2").arg(baseNameBefore, baseNameAfter)});
    } else if (baseChanged) {
        const QString name = baseNameAfter.isEmpty() ? QStringLiteral("base image")
                                                     : QStringLiteral("base image %1").arg(baseNameAfter);
        const QString before = declared(a, Annotation::BaseDigest, compared);
        const QString after = declared(b, Annotation::BaseDigest, compared);
        r.causes.append(
            {CauseKind::BaseImage,
             QStringLiteral("%1 changed (%2 → %3)").arg(name, shortDigest(before), shortDigest(after))});
    }
    const QString revisionBefore = declared(a, Annotation::Revision, compared);
    const QString revisionAfter = declared(b, Annotation::Revision, compared);
    if (!revisionBefore.isEmpty() && !revisionAfter.isEmpty() && revisionBefore != revisionAfter)
        r.causes.append(
            {CauseKind::Revision,
             QStringLiteral("revision %1 → %2").arg(revisionBefore.left(12), revisionAfter.left(12))});

    if (!r.platformsAdded.isEmpty() || !r.platformsRemoved.isEmpty()) {
        QStringList parts;
        if (!r.platformsAdded.isEmpty())
            parts.append(QStringLiteral("added %1").arg(platformsWord(r.platformsAdded)));
        if (!r.platformsRemoved.isEmpty())
            parts.append(QStringLiteral("removed %1").arg(platformsWord(r.platformsRemoved)));
        r.causes.append({CauseKind::Platforms, parts.join(QStringLiteral("; "))});
    }

    const bool explained =
        r.hasCause(CauseKind::Version) || r.hasCause(CauseKind::BaseImage) || r.hasCause(CauseKind::Revision);
    if (!explained && !changed.isEmpty()) {
        const auto builtBefore = builtAt(a);
        const auto builtAfter = builtAt(b);
        if (builtBefore && builtAfter && *builtBefore != *builtAfter)
            r.causes.append(
                {CauseKind::Created, QStringLiteral("rebuilt %1 (was %2); nothing else it declares changed")
                                         .arg(isoUtc(*builtAfter), isoUtc(*builtBefore))});
    }
    if (changed.isEmpty() && r.platformsAdded.isEmpty() && r.platformsRemoved.isEmpty() &&
        !a.platforms.isEmpty())
        r.causes.append(
            {CauseKind::IndexOnly, QStringLiteral("the index changed but no platform's image did")});
    if (input.revertOfFirstSeen)
        r.causes.append(
            {CauseKind::Revert,
             QStringLiteral("back to the digest first seen %1").arg(isoUtc(*input.revertOfFirstSeen))});
    if (r.causes.isEmpty())
        r.causes.append(
            {CauseKind::Unknown, QStringLiteral("nothing the image declares explains the change")});
    return r;
}

} // namespace RebuildRadar
