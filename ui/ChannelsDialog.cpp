#include "ChannelsDialog.h"

#include "EngineHost.h"
#include "common/Time.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RebuildRadar {

ChannelsDialog::ChannelsDialog(EngineHost &engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_table(new QTableWidget(0, 4, this))
    , m_url(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_platforms(new QLineEdit(this))
    , m_batch(new QLineEdit(this))
    , m_started(new QCheckBox(tr("started"), this))
    , m_complete(new QCheckBox(tr("complete"), this))
    , m_closed(new QCheckBox(tr("closed"), this))
    , m_stale(new QCheckBox(tr("stale (workloads left on an old build)"), this))
    , m_insecure(new QCheckBox(tr("Allow plain HTTP or mail without TLS to this host"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Notification channels"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Kind"), tr("URL"), tr("Last delivery")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_url->setPlaceholderText(QStringLiteral("ntfys://ntfy.sh/topic, https://hooks.slack.com/services/…, "
                                             "smtps://user:password@host?from=…&to=…"));
    m_url->setEchoMode(QLineEdit::PasswordEchoOnEdit); // it may hold a token
    m_tags->setPlaceholderText(QStringLiteral("python:3\\..*"));
    m_platforms->setPlaceholderText(QStringLiteral("linux/amd64,linux/arm64"));
    m_batch->setPlaceholderText(QStringLiteral("1h"));
    for (QCheckBox *box : {m_started, m_complete, m_closed})
        box->setChecked(true);
    m_status->setWordWrap(true);

    auto *events = new QHBoxLayout;
    events->addWidget(m_started);
    events->addWidget(m_complete);
    events->addWidget(m_closed);
    events->addWidget(m_stale);
    events->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Tags (regular expression):"), m_tags);
    form->addRow(tr("&Platforms:"), m_platforms);
    form->addRow(tr("Events:"), events);
    form->addRow(tr("&Digest every:"), m_batch);
    form->addRow(QString(), m_insecure);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *addButton = buttons->addButton(tr("&Add"), QDialogButtonBox::ActionRole);
    auto *removeButton = buttons->addButton(tr("&Remove"), QDialogButtonBox::DestructiveRole);
    auto *testButton = buttons->addButton(tr("Send &test"), QDialogButtonBox::ActionRole);
    connect(addButton, &QPushButton::clicked, this, &ChannelsDialog::add);
    connect(removeButton, &QPushButton::clicked, this, &ChannelsDialog::removeSelected);
    connect(testButton, &QPushButton::clicked, this, &ChannelsDialog::testSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(m_engine.engine(), &WatchEngine::channelsListed, this, &ChannelsDialog::showChannels);
    connect(m_engine.engine(), &WatchEngine::channelOperationDone, this,
            [this](bool ok, const QString &message) {
                m_status->setText(message);
                if (ok)
                    m_url->clear(); // the secret leaves the window as soon as it is kept
            });
    m_engine.call([e = m_engine.engine()] { e->listChannels(); });
}

void ChannelsDialog::showChannels(const QList<ChannelRow> &rows)
{
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const ChannelRow &row = rows[i];
        QString last = tr("never");
        if (!row.state.lastOk && !row.state.lastError.isEmpty())
            last = tr("failed: %1").arg(row.state.lastError);
        else if (row.state.lastAt)
            last = tr("delivered %1").arg(isoUtc(*row.state.lastAt));
        if (row.state.pending > 0)
            last += tr(" (%n waiting)", nullptr, row.state.pending);
        const QStringList cells{row.channel.name, row.channel.kind, row.channel.maskedUrl, last};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
}

QString ChannelsDialog::selectedName() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    return items.isEmpty() ? QString() : m_table->item(items.first()->row(), 0)->text();
}

void ChannelsDialog::add()
{
    ChannelRequest request;
    request.url = m_url->text().trimmed();
    request.name = m_name->text().trimmed();
    request.insecure = m_insecure->isChecked();
    if (!m_tags->text().trimmed().isEmpty())
        request.tags = m_tags->text().trimmed();
    request.platforms = m_platforms->text().trimmed();
    request.batch = m_batch->text().trimmed();
    QStringList events;
    if (m_started->isChecked())
        events.append(QStringLiteral("started"));
    if (m_complete->isChecked())
        events.append(QStringLiteral("complete"));
    if (m_closed->isChecked())
        events.append(QStringLiteral("closed"));
    if (m_stale->isChecked())
        events.append(QStringLiteral("stale"));
    request.events = events.join(u',');
    m_engine.call([e = m_engine.engine(), request] { e->addChannel(request); });
}

void ChannelsDialog::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty()) {
        m_status->setText(tr("Select a channel first."));
        return;
    }
    m_engine.call([e = m_engine.engine(), name] { e->removeChannel(name); });
}

void ChannelsDialog::testSelected()
{
    const QString name = selectedName();
    if (name.isEmpty()) {
        m_status->setText(tr("Select a channel first."));
        return;
    }
    m_status->setText(tr("Sending a test message to %1…").arg(name));
    m_engine.call([e = m_engine.engine(), name] { e->testChannel(name); });
}

} // namespace RebuildRadar
