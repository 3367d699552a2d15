#include "notify/ChannelMessage.h"

#include "common/Duration.h"
#include "common/Time.h"
#include "history/PackageText.h"
#include "packages/PackageDiffJson.h"
#include "reference/ImageReference.h"

#include <QJsonArray>

namespace RebuildRadar {

namespace {

// The reason people care first, in a few words.
QString causePhrase(const QList<Cause> &causes)
{
    QStringList words;
    for (const Cause &c : causes) {
        switch (c.kind) {
        case CauseKind::Version:
            words.append(QStringLiteral("new version"));
            break;
        case CauseKind::BaseImage:
            words.append(QStringLiteral("base image changed"));
            break;
        case CauseKind::Revision:
            words.append(QStringLiteral("source revision changed"));
            break;
        case CauseKind::Platforms:
            words.append(QStringLiteral("platforms added or removed"));
            break;
        case CauseKind::Created:
            words.append(QStringLiteral("rebuilt with no declared change"));
            break;
        case CauseKind::IndexOnly:
            words.append(QStringLiteral("index only (attestations)"));
            break;
        case CauseKind::Revert:
            words.append(QStringLiteral("reverted to an earlier build"));
            break;
        case CauseKind::Unknown:
            words.append(QStringLiteral("cause unknown"));
            break;
        }
    }
    words.removeDuplicates();
    return words.join(QStringLiteral(", "));
}

QString htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonValue optionalTime(const std::optional<qint64> &t)
{
    return t ? QJsonValue(isoUtc(*t)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString registryPage(const QString &registry, const QString &repository, const QString &tag)
{
    if (registry == u"docker.io") {
        if (repository.startsWith(QStringLiteral("library/")))
            return QStringLiteral("https://hub.docker.com/_/%1/tags?name=%2").arg(repository.mid(8), tag);
        return QStringLiteral("https://hub.docker.com/r/%1/tags?name=%2").arg(repository, tag);
    }
    if (registry == u"quay.io")
        return QStringLiteral("https://quay.io/repository/%1?tab=tags").arg(repository);
    if (registry == u"ghcr.io")
        return QStringLiteral("https://ghcr.io/%1").arg(repository); // redirects to the package page
    if (registry == u"cgr.dev") {
        const QString image = repository.section(u'/', -1);
        return QStringLiteral("https://images.chainguard.dev/directory/image/%1/overview").arg(image);
    }
    return {};
}

ChannelMessage messageFor(const RolloutNotice &notice, const NoticeFacts &facts)
{
    const RolloutEvent event = rolloutEvent(notice.kind);
    const QString familiar = familiarOf(notice.tag.reference);
    const int done = int(notice.userPlatformsDone.size());
    const int total = done + int(notice.userPlatformsPending.size());
    const QString causes = causePhrase(notice.rebuild.causes);
    const QString of = QStringLiteral("%1 of %2 platform%3")
                           .arg(done)
                           .arg(total)
                           .arg(total == 1 ? QString() : QStringLiteral("s"));

    ChannelMessage m;
    m.key = notice.noticeId;
    m.event = rolloutEventName(event);
    m.reference = notice.tag.reference;
    m.link = registryPage(notice.tag.registry, notice.tag.repository, notice.tag.tag);
    QString headline;
    switch (event) {
    case RolloutEvent::Started:
        headline = QStringLiteral("%1 rebuild started on %2").arg(familiar, of);
        break;
    case RolloutEvent::Complete:
        headline = total == 0 ? QStringLiteral("%1 rebuilt (index only)").arg(familiar)
                              : QStringLiteral("%1 rebuilt on %2").arg(familiar, of);
        break;
    case RolloutEvent::Closed:
        headline = QStringLiteral("%1 rollout closed: rebuilt on %2 only").arg(familiar, of);
        break;
    case RolloutEvent::None:
        headline = QStringLiteral("%1 rebuilt").arg(familiar);
        break;
    }
    m.title = causes.isEmpty() ? headline : headline + QStringLiteral(" — ") + causes;

    const QString change =
        QStringLiteral("%1 → %2").arg(shortDigest(notice.rebuild.from), shortDigest(notice.rebuild.to));
    const QString platforms = notice.userPlatformsDone.isEmpty()
                                  ? QStringLiteral("index only")
                                  : notice.userPlatformsDone.join(QStringLiteral(", "));
    QStringList lines{QStringLiteral("Digest: %1").arg(change), QStringLiteral("Rebuilt: %1").arg(platforms)};
    if (!notice.userPlatformsPending.isEmpty())
        lines.append(
            QStringLiteral("Not yet: %1").arg(notice.userPlatformsPending.join(QStringLiteral(", "))));
    for (const Cause &c : notice.rebuild.causes) {
        if (!c.detail.isEmpty())
            lines.append(QStringLiteral("Why: %1").arg(c.detail));
    }
    // what changed inside, when the analysis finished before the notice left (it waits a little)
    if (const QString changed = rebuildPackageSummary(notice.rebuild); !changed.isEmpty())
        lines.append(QStringLiteral("What changed: %1").arg(changed));
    lines.append(QStringLiteral("Detected: %1").arg(isoUtc(notice.rebuild.detectedAt)));
    if (facts.upstreamAt)
        lines.append(QStringLiteral("Upstream: %1").arg(isoUtc(*facts.upstreamAt)));
    if (facts.lagMs)
        lines.append(QStringLiteral("Lag: %1").arg(humanDuration(*facts.lagMs)));
    m.text = lines.join(u'\n');
    if (!m.link.isEmpty())
        m.text += QStringLiteral("\n") + m.link;
    QStringList md;
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        md.append(QStringLiteral("**%1:** %2").arg(line.left(colon), line.mid(colon + 2)));
    }
    m.markdown = md.join(u'\n');
    if (!m.link.isEmpty())
        m.markdown += QStringLiteral("\n[%1](%2)").arg(familiar, m.link);
    QStringList html;
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        html.append(QStringLiteral("<b>%1:</b> %2")
                        .arg(htmlEscaped(line.left(colon)), htmlEscaped(line.mid(colon + 2))));
    }
    m.html = QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                 .arg(htmlEscaped(m.title), html.join(QStringLiteral("<br>")));
    if (!m.link.isEmpty())
        m.html +=
            QStringLiteral("<p><a href=\"%1\">%2</a></p>").arg(htmlEscaped(m.link), htmlEscaped(familiar));

    QJsonArray causeArray = causesJson(notice.rebuild.causes);
    m.payload = QJsonObject{
        {QStringLiteral("event"), m.event},
        {QStringLiteral("title"), m.title},
        {QStringLiteral("reference"), notice.tag.reference},
        {QStringLiteral("familiar"), familiar},
        {QStringLiteral("from"), notice.rebuild.from},
        {QStringLiteral("to"), notice.rebuild.to},
        {QStringLiteral("platforms_changed"), toArray(notice.rebuild.platformsChanged)},
        {QStringLiteral("platforms_added"), toArray(notice.rebuild.platformsAdded)},
        {QStringLiteral("platforms_removed"), toArray(notice.rebuild.platformsRemoved)},
        {QStringLiteral("platforms_done"), toArray(notice.userPlatformsDone)},
        {QStringLiteral("platforms_pending"), toArray(notice.userPlatformsPending)},
        {QStringLiteral("causes"), causeArray},
        {QStringLiteral("rollout"),
         QJsonObject{{QStringLiteral("state"), m.event},
                     {QStringLiteral("started_at"), isoUtc(notice.rollout.startedAt)},
                     {QStringLiteral("completed_at"), optionalTime(notice.rollout.completedAt)},
                     {QStringLiteral("closed_at"), optionalTime(notice.rollout.closedAt)}}},
        {QStringLiteral("detected_at"), isoUtc(notice.rebuild.detectedAt)},
        {QStringLiteral("upstream_at"), optionalTime(facts.upstreamAt)},
        {QStringLiteral("lag_seconds"), facts.lagMs ? QJsonValue(double(*facts.lagMs / 1000)) : QJsonValue()},
        {QStringLiteral("links"),
         QJsonObject{{QStringLiteral("registry"), m.link.isEmpty() ? QJsonValue() : QJsonValue(m.link)}}},
        {QStringLiteral("notice_id"), double(notice.noticeId)},
    };
    // what changed inside, per platform, once analysed: history --json's shape
    if (!notice.rebuild.packages.isEmpty()) {
        QJsonObject packages;
        for (auto it = notice.rebuild.packages.begin(); it != notice.rebuild.packages.end(); ++it)
            packages.insert(it.key(), packageAnalysisJson(*it));
        m.payload.insert(QStringLiteral("packages"), packages);
    }
    return m;
}

ChannelMessage digestMessage(const QList<ChannelMessage> &messages, qint64 periodStart, qint64 periodEnd)
{
    ChannelMessage m;
    m.key = messages.isEmpty() ? 0 : messages.first().key;
    m.event = QStringLiteral("digest");
    QStringList references;
    for (const ChannelMessage &one : messages) {
        const QString familiar = familiarOf(one.reference);
        if (!references.contains(familiar))
            references.append(familiar);
    }
    m.title = QStringLiteral("%1 rollout notice%2 since %3: %4")
                  .arg(messages.size())
                  .arg(messages.size() == 1 ? QString() : QStringLiteral("s"))
                  .arg(isoUtc(periodStart), references.join(QStringLiteral(", ")));
    QStringList text, markdown, html;
    QJsonArray notices;
    for (const ChannelMessage &one : messages) {
        text.append(QStringLiteral("- ") + one.title);
        markdown.append(one.link.isEmpty() ? QStringLiteral("- ") + one.title
                                           : QStringLiteral("- [%1](%2)").arg(one.title, one.link));
        html.append(QStringLiteral("<li>%1</li>").arg(one.title.toHtmlEscaped()));
        notices.append(one.payload);
    }
    m.text = text.join(u'\n');
    m.markdown = markdown.join(u'\n');
    m.html = QStringLiteral("<p><b>%1</b></p><ul>%2</ul>").arg(m.title.toHtmlEscaped(), html.join(QString()));
    m.payload = QJsonObject{{QStringLiteral("event"), m.event},
                            {QStringLiteral("title"), m.title},
                            {QStringLiteral("period_start"), isoUtc(periodStart)},
                            {QStringLiteral("period_end"), isoUtc(periodEnd)},
                            {QStringLiteral("notices"), notices}};
    return m;
}

ChannelMessage staleMessage(const QList<RunningStatus> &workloads, qint64 key)
{
    ChannelMessage m;
    m.key = key;
    m.event = QStringLiteral("stale");
    const RunningStatus first = workloads.value(0);
    m.reference = first.reference;
    const QString familiar = familiarOf(first.reference);
    if (auto ref = ImageReference::parse(first.reference); ref && ref->hasTag())
        m.link = registryPage(ref->registry(), ref->repository(), ref->tag());
    m.title = workloads.size() == 1
                  ? QStringLiteral("1 workload runs an old build of %1").arg(familiar)
                  : QStringLiteral("%1 workloads run an old build of %2").arg(workloads.size()).arg(familiar);

    QStringList lines;
    QStringList markdown;
    QStringList html;
    QJsonArray array;
    for (const RunningStatus &s : workloads) {
        const Workload &w = s.workload;
        const QString where =
            w.source == WorkloadSourceKind::Kubernetes
                ? QStringLiteral("%1 %2 %3").arg(workloadSourceName(w.source), w.host, w.namespace_)
                : QStringLiteral("%1 %2").arg(workloadSourceName(w.source), w.host);
        QStringList facts;
        if (s.build > 0)
            facts.append(QStringLiteral("build %1 of %2").arg(s.build).arg(s.builds));
        else if (s.match == RunningMatchKind::OlderThanHistory)
            facts.append(QStringLiteral("a build older than the recorded history"));
        if (!s.runningDigest.isEmpty())
            facts.append(shortDigest(s.runningDigest));
        if (s.rebuildsBehind)
            facts.append(*s.rebuildsBehind == 1
                             ? QStringLiteral("1 rebuild behind")
                             : QStringLiteral("%1 rebuilds behind").arg(*s.rebuildsBehind));
        if (s.newerSince)
            facts.append(QStringLiteral("newer since %1").arg(isoUtc(*s.newerSince)));
        QString line = QStringLiteral("%1 (%2): %3").arg(w.name, where, facts.join(QStringLiteral(", ")));
        if (!s.newerChanges.isEmpty())
            line += QStringLiteral(" — newer: %1").arg(s.newerChanges);
        lines.append(line);
        markdown.append(QStringLiteral("- **%1** (%2): %3")
                            .arg(w.name, where, line.mid(line.indexOf(QStringLiteral("): ")) + 3)));
        html.append(QStringLiteral("<li><b>%1</b> (%2): %3</li>")
                        .arg(htmlEscaped(w.name), htmlEscaped(where),
                             htmlEscaped(line.mid(line.indexOf(QStringLiteral("): ")) + 3))));
        array.append(runningJson(s));
    }
    if (!first.currentDigest.isEmpty())
        lines.append(QStringLiteral("Current: %1").arg(shortDigest(first.currentDigest)));
    m.text = lines.join(u'\n');
    m.markdown = markdown.join(u'\n');
    if (!first.currentDigest.isEmpty())
        m.markdown += QStringLiteral("\n**Current:** %1").arg(shortDigest(first.currentDigest));
    m.html = QStringLiteral("<p><b>%1</b></p><ul>%2</ul>").arg(htmlEscaped(m.title), html.join(QString()));
    if (!m.link.isEmpty()) {
        m.text += QStringLiteral("\n") + m.link;
        m.markdown += QStringLiteral("\n[%1](%2)").arg(familiar, m.link);
        m.html +=
            QStringLiteral("<p><a href=\"%1\">%2</a></p>").arg(htmlEscaped(m.link), htmlEscaped(familiar));
    }
    m.payload = QJsonObject{
        {QStringLiteral("event"), m.event},
        {QStringLiteral("title"), m.title},
        {QStringLiteral("reference"), first.reference},
        {QStringLiteral("familiar"), familiar},
        {QStringLiteral("current_digest"),
         first.currentDigest.isEmpty() ? QJsonValue() : QJsonValue(first.currentDigest)},
        {QStringLiteral("workloads"), array},
        {QStringLiteral("links"),
         QJsonObject{{QStringLiteral("registry"), m.link.isEmpty() ? QJsonValue() : QJsonValue(m.link)}}},
    };
    return m;
}

ChannelMessage testMessage(const QString &channelName, qint64 now)
{
    ChannelMessage m;
    m.key = now;
    m.event = QStringLiteral("test");
    m.title = QStringLiteral("Rebuild Radar test message for channel %1").arg(channelName);
    m.text = QStringLiteral("If you read this, the channel works. Sent %1.").arg(isoUtc(now));
    m.markdown = m.text;
    m.html = QStringLiteral("<p>%1</p>").arg(m.text.toHtmlEscaped());
    m.payload = QJsonObject{{QStringLiteral("event"), m.event},
                            {QStringLiteral("title"), m.title},
                            {QStringLiteral("sent_at"), isoUtc(now)}};
    return m;
}

} // namespace RebuildRadar
