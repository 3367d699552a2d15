#pragma once

#include <QDialog>

class QListWidget;

class QLabel;
class QLineEdit;
class QPushButton;

namespace RebuildRadar {

// A registry login, saved only in the OS keychain. With no keychain service the dialog says so and
// saves nothing: there is no plain-text fallback.
class CredentialsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CredentialsDialog(QWidget *parent = nullptr);
    void setRegistry(const QString &registry);
    QString statusText() const;
    // The registries with a login saved from here (names only, kept in the settings; the secrets stay
    // in the keychain).
    static QStringList savedRegistries();
    QListWidget *savedList() const { return m_saved; }

    // The answer to testRequested.
    void showTestResult(bool ok, const QString &message);

signals:
    void saved(const QString &registry);
    // "Test login": the engine tries the registry's login on a watched image of it.
    void testRequested(const QString &registry);

private:
    void save(bool remove);

    QLineEdit *m_registry;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_status;
    QPushButton *m_save;
    QListWidget *m_saved;
    void listSaved();
};

} // namespace RebuildRadar
