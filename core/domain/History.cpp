// The few rules that follow from the history's values alone: which platforms a rebuild touched, and
// when upstream built a digest. Pure; shared by the store, the classifier, exports and the UI.

#include "domain/History.h"

#include "common/Time.h"

#include <QJsonObject>

#include <algorithm>

namespace RebuildRadar {

namespace {
const QList<QPair<CauseKind, QString>> &causeNames()
{
    static const QList<QPair<CauseKind, QString>> names{{CauseKind::Version, QStringLiteral("version")},
                                                        {CauseKind::BaseImage, QStringLiteral("base-image")},
                                                        {CauseKind::Revision, QStringLiteral("revision")},
                                                        {CauseKind::Platforms, QStringLiteral("platforms")},
                                                        {CauseKind::Created, QStringLiteral("created")},
                                                        {CauseKind::IndexOnly, QStringLiteral("index-only")},
                                                        {CauseKind::Revert, QStringLiteral("revert")},
                                                        {CauseKind::Unknown, QStringLiteral("unknown")}};
    return names;
}

const QList<QPair<TagStatus, QString>> &statusNames()
{
    static const QList<QPair<TagStatus, QString>> names{
        {TagStatus::Pending, QStringLiteral("pending")},
        {TagStatus::Ok, QStringLiteral("ok")},
        {TagStatus::NotFound, QStringLiteral("not-found")},
        {TagStatus::AuthFailed, QStringLiteral("auth-failed")},
        {TagStatus::Error, QStringLiteral("error")}};
    return names;
}
} // namespace

QString causeKindName(CauseKind kind)
{
    for (const auto &[value, name] : causeNames()) {
        if (value == kind)
            return name;
    }
    return QStringLiteral("unknown");
}

CauseKind causeKindFromName(const QString &name)
{
    for (const auto &[value, text] : causeNames()) {
        if (text == name)
            return value;
    }
    return CauseKind::Unknown;
}

QJsonArray causesJson(const QList<Cause> &causes)
{
    QJsonArray array;
    for (const Cause &c : causes)
        array.append(QJsonObject{{QStringLiteral("kind"), causeKindName(c.kind)},
                                 {QStringLiteral("detail"), c.detail}});
    return array;
}

QList<Cause> causesFromJson(const QJsonArray &array)
{
    QList<Cause> out;
    for (const QJsonValue &v : array)
        out.append(Cause{causeKindFromName(v[QStringLiteral("kind")].toString()),
                         v[QStringLiteral("detail")].toString()});
    return out;
}

QString tagStatusName(TagStatus status)
{
    for (const auto &[value, name] : statusNames()) {
        if (value == status)
            return name;
    }
    return QStringLiteral("error");
}

TagStatus tagStatusFromName(const QString &name)
{
    for (const auto &[value, text] : statusNames()) {
        if (text == name)
            return value;
    }
    return TagStatus::Error;
}

qint64 spanEnd(const QList<Span> &spans, qsizetype index, qint64 openEnd)
{
    const Span &span = spans.at(index);
    return index + 1 < spans.size() ? std::max(span.lastSeen, spans.at(index + 1).firstSeen)
                                    : std::max(span.lastSeen, openEnd);
}

bool Rebuild::touches(const QStringList &platforms) const
{
    if (platforms.isEmpty())
        return true;
    const QStringList touched = platformsTouched();
    return std::any_of(platforms.begin(), platforms.end(),
                       [&](const QString &p) { return touched.contains(p); });
}

std::optional<qint64> builtAt(const Snapshot &snapshot)
{
    std::optional<qint64> newest;
    auto consider = [&newest](const QMap<QString, QString> &annotations) {
        QString created = annotations.value(Annotation::Created);
        if (created.isEmpty())
            created = annotations.value(Annotation::ConfigCreated);
        if (created.isEmpty())
            return;
        if (const auto t = parseIsoUtc(created); t && *t > 0 && (!newest || *t > *newest))
            newest = t;
    };
    consider(snapshot.annotations);
    for (const PlatformImage &p : snapshot.platforms)
        consider(p.annotations);
    return newest;
}

} // namespace RebuildRadar
