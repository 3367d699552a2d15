#include "DetailsPane.h"

#include "common/Duration.h"
#include "history/PackageText.h"
#include "history/Rollouts.h"
#include "reference/ImageReference.h"

#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace RebuildRadar {

namespace {
QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString buildOrDigest(const TagHistory &history, const QString &digest)
{
    for (const Span &span : history.spans) {
        if (span.digest == digest && span.build > 0)
            return DetailsPane::tr("build %1").arg(span.build);
    }
    return shortDigest(digest);
}
} // namespace

QString causeSentence(const Cause &cause)
{
    QString meaning;
    switch (cause.kind) {
    case CauseKind::Version:
        meaning = DetailsPane::tr("A new version, not a silent rebuild");
        break;
    case CauseKind::BaseImage:
        meaning = DetailsPane::tr("Rebuilt on a changed base image");
        break;
    case CauseKind::Revision:
        meaning = DetailsPane::tr("Built from another source revision");
        break;
    case CauseKind::Platforms:
        meaning = DetailsPane::tr("Platforms were added or removed");
        break;
    case CauseKind::Created:
        meaning = DetailsPane::tr("Rebuilt with nothing else declared changed");
        break;
    case CauseKind::IndexOnly:
        meaning = DetailsPane::tr("Only the index changed (attestations, say); no image did");
        break;
    case CauseKind::Revert:
        meaning = DetailsPane::tr("Back to an earlier digest");
        break;
    case CauseKind::Unknown:
        meaning = DetailsPane::tr("Nothing the image declares explains the change");
        break;
    }
    if (cause.detail.isEmpty() || meaning.compare(cause.detail, Qt::CaseInsensitive) == 0)
        return meaning + u'.';
    return DetailsPane::tr("%1: %2.").arg(meaning, cause.detail);
}

QList<DetailRow> detailRows(const TagHistory &history)
{
    QList<DetailRow> rows;
    const WatchedTag &tag = history.tag;
    if (!tag.currentDigest.isEmpty()) {
        const QString build =
            tag.currentBuild > 0
                ? DetailsPane::tr("build %1 · %2").arg(tag.currentBuild).arg(shortDigest(tag.currentDigest))
                : shortDigest(tag.currentDigest);
        rows.append({QStringLiteral("build"), DetailsPane::tr("Current:"), build, tag.currentDigest});
    }
    if (history.rebuilds.isEmpty()) {
        rows.append({QStringLiteral("rebuild"),
                     DetailsPane::tr("Last rebuild:"),
                     DetailsPane::tr("none recorded yet"),
                     {}});
        return rows;
    }
    const Rebuild &last = history.rebuilds.last();
    rows.append(
        {QStringLiteral("rebuild"), DetailsPane::tr("Last rebuild:"),
         DetailsPane::tr("%1 → %2").arg(buildOrDigest(history, last.from), buildOrDigest(history, last.to)),
         DetailsPane::tr("%1 → %2").arg(last.from, last.to)});
    QStringList causes;
    for (const Cause &c : last.causes)
        causes.append(causeSentence(c));
    rows.append({QStringLiteral("cause"), DetailsPane::tr("Why:"), causes.join(u'\n'), {}});
    QStringList upstream;
    if (const Span *span = spanOfRebuild(history, last)) {
        if (span->builtAt)
            upstream.append(DetailsPane::tr("built %1").arg(when(*span->builtAt)));
        if (span->pushedAt)
            upstream.append(DetailsPane::tr("pushed %1").arg(when(*span->pushedAt)));
    }
    rows.append({QStringLiteral("upstream"), DetailsPane::tr("Upstream:"),
                 upstream.isEmpty() ? DetailsPane::tr("not known (the registry does not say)")
                                    : upstream.join(QStringLiteral(" · ")),
                 DetailsPane::tr("When upstream built the image and pushed it to the registry")});
    rows.append({QStringLiteral("detected"), DetailsPane::tr("Detected:"), when(last.detectedAt),
                 DetailsPane::tr("When Rebuild Radar saw the new digest")});
    if (const auto lag = detectionLagMs(history, last))
        rows.append({QStringLiteral("lag"),
                     DetailsPane::tr("Lag:"),
                     DetailsPane::tr("%1 after upstream").arg(humanDuration(*lag)),
                     {}});
    // what changed inside, once analysed (absent until then: the analysis runs in the background)
    if (const QString changed = rebuildPackageSummary(last); !changed.isEmpty())
        rows.append(
            {QStringLiteral("packages"), DetailsPane::tr("Inside:"), changed,
             DetailsPane::tr("Packages changed by this rebuild and the security fixes they bring, from "
                             "the image's SBOM or its package database")});
    const QStringList platforms = last.platformsTouched();
    rows.append({QStringLiteral("platforms"),
                 DetailsPane::tr("Platforms:"),
                 platforms.isEmpty() ? DetailsPane::tr("no platform's image changed")
                                     : platforms.join(QStringLiteral(", ")),
                 {}});
    return rows;
}

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_acknowledge(new QPushButton(tr("A&cknowledge"), this))
{
    m_acknowledge->setObjectName(QStringLiteral("acknowledge"));
    m_acknowledge->setToolTip(
        tr("Mark this image's rebuilds as seen: it is no longer shown as needing attention, and its "
           "rollouts are not announced again"));
    m_acknowledge->setEnabled(false);
    connect(m_acknowledge, &QPushButton::clicked, this, &DetailsPane::acknowledgeRequested);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addStretch(1);
    layout->addLayout(buttons);
}

void DetailsPane::setHistory(const TagHistory &history)
{
    m_rows = detailRows(history);
    m_acknowledge->setEnabled(history.tag.needsAttention());
    m_acknowledge->setText(history.tag.needsAttention() ? tr("A&cknowledge") : tr("A&cknowledged"));
    rebuildLayout();
}

void DetailsPane::clear()
{
    m_rows.clear();
    m_acknowledge->setEnabled(false);
    rebuildLayout();
}

void DetailsPane::addRow(const DetailRow &row)
{
    m_rows.append(row);
    rebuildLayout();
}

QString DetailsPane::text(const QString &key) const
{
    for (const DetailRow &row : m_rows) {
        if (row.key == key)
            return row.text;
    }
    return {};
}

void DetailsPane::rebuildLayout()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    for (const DetailRow &row : std::as_const(m_rows)) {
        auto *value = new QLabel(row.text);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setToolTip(row.toolTip);
        value->setObjectName(row.key);
        m_form->addRow(row.label, value);
    }
}

} // namespace RebuildRadar
