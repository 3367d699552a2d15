#pragma once

// The desktop's page for notification channels: the same list, add, remove and test as
// `rebuildradar-cli notify`, done by the engine on its thread (the URL, a secret, goes to the keychain
// or the user's 0600 file there; this page only ever sees it masked once added).

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace RebuildRadar {

class EngineHost;
struct ChannelRow;

class ChannelsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChannelsDialog(EngineHost &engine, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *status() const { return m_status; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *nameEdit() const { return m_name; }
    void add();
    void removeSelected();
    void testSelected();

private:
    void showChannels(const QList<RebuildRadar::ChannelRow> &rows);
    QString selectedName() const;

    EngineHost &m_engine;
    QTableWidget *m_table;
    QLineEdit *m_url;
    QLineEdit *m_name;
    QLineEdit *m_tags;
    QLineEdit *m_platforms;
    QLineEdit *m_batch;
    QCheckBox *m_started;
    QCheckBox *m_complete;
    QCheckBox *m_closed;
    QCheckBox *m_stale; // workloads a rebuild left behind: chosen explicitly, as on the command line
    QCheckBox *m_insecure;
    QLabel *m_status;
};

} // namespace RebuildRadar
