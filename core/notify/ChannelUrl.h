#pragma once

// Channel URLs, in the convention users know from Apprise, Diun and WUD: which kind a URL is (a
// generic webhook, or Slack, Teams and Discord webhooks recognised by host; ntfy, Gotify, Matrix, e-mail
// by scheme), whether it is allowed (plain HTTP or SMTP without TLS only to loopback or a host the user
// marked insecure), and how it is shown with every secret masked. Pure; no I/O.

#include "common/Result.h"

#include <QString>
#include <QUrl>

namespace RebuildRadar {

enum class ChannelKind
{
    Webhook,
    Slack,
    Teams,
    Discord,
    Ntfy,
    Gotify,
    Matrix,
    Email,
};
QString channelKindName(ChannelKind kind);
std::optional<ChannelKind> channelKindFromName(const QString &name);

struct ChannelTarget
{
    ChannelKind kind = ChannelKind::Webhook;
    QUrl url;            // as given: it may hold secrets
    QString masked;      // for people, the database and logs
    QString defaultName; // a name for the channel when none is given
    bool tls = true;     // HTTPS, or SMTP with TLS (SMTPS or required STARTTLS)
};

bool isLoopbackHost(const QString &host);

// Parses and checks a channel URL; `insecure` allows plain transport to a host that is not loopback.
Result<ChannelTarget> parseChannelUrl(const QString &text, bool insecure);

} // namespace RebuildRadar
