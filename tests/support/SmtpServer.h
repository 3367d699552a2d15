#pragma once

// The real SMTP server the mail tests send to (tests/support/smtp_server.py on Debian's aiosmtpd),
// started once per test binary on free loopback ports: a plain listener and one that requires STARTTLS
// (with a self-signed loopback certificate) and the login mailer / s3cret-pw. Messages are stored as
// files the tests read back.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace RebuildRadar::Test {

struct StoredMail
{
    QByteArray raw;   // the message as received
    QJsonObject meta; // "from", "to", "tls", "login"
};

class SmtpServer
{
public:
    // The one server of this test binary, started on first use; null when it could not start.
    static SmtpServer *instance();

    quint16 plainPort() const { return m_plainPort; }
    quint16 tlsPort() const { return m_tlsPort; }
    QString certificate() const { return m_certificate; }
    // Every message stored so far, oldest first.
    QList<StoredMail> messages() const;
    void clear();

private:
    SmtpServer() = default;
    bool start();
    quint16 m_plainPort = 0;
    quint16 m_tlsPort = 0;
    QString m_dir;
    QString m_certificate;
};

} // namespace RebuildRadar::Test
