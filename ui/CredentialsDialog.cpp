#include "CredentialsDialog.h"

#include "credentials/KeychainSource.h"
#include "reference/ImageReference.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace RebuildRadar {

CredentialsDialog::CredentialsDialog(QWidget *parent)
    : QDialog(parent)
    , m_registry(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_saved(new QListWidget(this))
{
    setWindowTitle(tr("Registry login"));
    m_registry->setPlaceholderText(QStringLiteral("docker.io, ghcr.io, registry.example.com:5000"));
    m_password->setEchoMode(QLineEdit::Password);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Registry:"), m_registry);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password or token:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save in keychain"), QDialogButtonBox::AcceptRole);
    auto *remove = buttons->addButton(tr("&Forget"), QDialogButtonBox::DestructiveRole);
    // Enter saves; forgetting a login is never what Enter does
    m_save->setObjectName(QStringLiteral("save"));
    m_save->setDefault(true);
    remove->setObjectName(QStringLiteral("forget"));
    remove->setAutoDefault(false);
    for (QPushButton *b : buttons->findChildren<QPushButton *>())
        b->setAutoDefault(b == m_save);
    auto *test = buttons->addButton(tr("&Test login"), QDialogButtonBox::ActionRole);
    test->setObjectName(QStringLiteral("testLogin"));
    test->setAutoDefault(false);
    test->setToolTip(tr("Check a watched image of the registry with the login it has now"));
    connect(test, &QPushButton::clicked, this, [this] {
        auto registry = normalizeRegistryHost(m_registry->text().trimmed());
        if (!registry) {
            m_status->setText(registry.error().message);
            return;
        }
        m_status->setText(tr("Testing the login for %1…").arg(*registry));
        emit testRequested(*registry);
    });
    m_saved->setObjectName(QStringLiteral("savedLogins"));
    m_saved->setToolTip(tr("Registries with a login saved here; pick one to change or forget it"));
    m_saved->setMaximumHeight(90);
    connect(m_saved, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            m_registry->setText(name);
    });
    listSaved();
    connect(m_save, &QPushButton::clicked, this, [this] { save(false); });
    connect(remove, &QPushButton::clicked, this, [this] { save(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *savedLabel = new QLabel(tr("Saved &logins:"), this);
    savedLabel->setBuddy(m_saved);
    layout->addWidget(savedLabel);
    layout->addWidget(m_saved);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
}

void CredentialsDialog::showTestResult(bool ok, const QString &message)
{
    m_status->setText(ok ? message : tr("The login did not work: %1").arg(message));
}

QStringList CredentialsDialog::savedRegistries()
{
    return QSettings().value(QStringLiteral("credentials/registries")).toStringList();
}

void CredentialsDialog::listSaved()
{
    const QSignalBlocker quiet(m_saved);
    m_saved->clear();
    m_saved->addItems(savedRegistries());
    if (m_saved->count() == 0)
        m_saved->addItem(tr("(none saved from Rebuild Radar yet; docker login ones are used too)"));
    m_saved->item(0)->setFlags(
        m_saved->count() == 1 && savedRegistries().isEmpty() ? Qt::NoItemFlags : m_saved->item(0)->flags());
}

void CredentialsDialog::setRegistry(const QString &registry)
{
    m_registry->setText(registry);
}

QString CredentialsDialog::statusText() const
{
    return m_status->text();
}

void CredentialsDialog::save(bool remove)
{
    auto registry = normalizeRegistryHost(m_registry->text().trimmed());
    if (!registry) {
        m_status->setText(registry.error().message);
        return;
    }
    if (!remove && (m_username->text().isEmpty() || m_password->text().isEmpty())) {
        m_status->setText(tr("Enter a username and a password or token."));
        return;
    }
    m_status->setText(tr("Saving…"));
    m_save->setEnabled(false);
    const Credential credential = remove ? Credential{} : Credential{m_username->text(), m_password->text()};
    const QString name = *registry;
    KeychainSource::store(name, credential, this, [this, name, remove](Status status) {
        m_save->setEnabled(true);
        if (!status) {
            m_status->setText(
                tr("Not saved: %1. Rebuild Radar keeps logins only in the OS keychain (Secret Service, "
                   "KWallet); start one, or use docker login.")
                    .arg(status.error().message));
            return;
        }
        m_password->clear();
        m_status->setText(remove ? tr("Forgot the login for %1.").arg(name)
                                 : tr("Saved the login for %1 in the keychain.").arg(name));
        QStringList names = savedRegistries();
        names.removeAll(name);
        if (!remove)
            names.append(name);
        names.sort();
        QSettings().setValue(QStringLiteral("credentials/registries"), names);
        listSaved();
        // focus back in the form, not on the next button (Forget)
        m_registry->setFocus();
        emit saved(name);
    });
}

} // namespace RebuildRadar
