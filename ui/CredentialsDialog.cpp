#include "CredentialsDialog.h"

#include "credentials/KeychainSource.h"
#include "reference/ImageReference.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace RebuildRadar {

CredentialsDialog::CredentialsDialog(QWidget *parent)
    : QDialog(parent)
    , m_registry(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_status(new QLabel(this))
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
    connect(m_save, &QPushButton::clicked, this, [this] { save(false); });
    connect(remove, &QPushButton::clicked, this, [this] { save(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
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
        emit saved(name);
    });
}

} // namespace RebuildRadar
