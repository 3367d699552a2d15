#include "Attention.h"

#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace RebuildRadar {

AttentionSummary AttentionSummary::of(const QList<WatchedTag> &tags)
{
    AttentionSummary summary;
    for (const WatchedTag &t : tags) {
        summary.rebuilt += t.needsAttention() ? 1 : 0;
        summary.rollouts += t.rolloutTotal > 0 ? 1 : 0;
    }
    return summary;
}

QString AttentionSummary::text() const
{
    QStringList parts;
    if (rebuilt > 0)
        parts.append(QCoreApplication::translate("Attention", "%n image(s) rebuilt", nullptr, rebuilt));
    if (rollouts > 0)
        parts.append(
            QCoreApplication::translate("Attention", "%n rollout(s) in progress", nullptr, rollouts));
    return parts.join(QStringLiteral(", "));
}

QIcon badgedIcon(const QIcon &icon, int count)
{
    if (count <= 0)
        return icon;
    QIcon badged;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = icon.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(Qt::transparent);
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        // lower right, over half the icon: readable in a 16 px tray
        const qreal diameter = size * 0.62;
        const QRectF badge(size - diameter, size - diameter, diameter, diameter);
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 16.0)));
        painter.setBrush(QColor(0xd3, 0x2f, 0x2f));
        painter.drawEllipse(badge.adjusted(0.5, 0.5, -0.5, -0.5));
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(6, int(diameter * (count > 9 ? 0.5 : 0.7))));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
        painter.end();
        badged.addPixmap(pixmap);
    }
    return badged;
}

} // namespace RebuildRadar
