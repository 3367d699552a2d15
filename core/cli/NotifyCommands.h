#pragma once

// `notify add|list|remove|test`: the notification channels, as URLs (core/notify/ChannelUrl). The URL,
// which holds the channel's secrets, goes to the keychain or the user's 0600 secrets file; the database
// keeps it masked, and so does every line this prints.

#include "cli/CliContext.h"
#include "notify/ChannelSender.h"

#include <QNetworkAccessManager>

#include <memory>

namespace RebuildRadar {

class NotifyAddCommand : public Command
{
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

class NotifyListCommand : public Command
{
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

class NotifyRemoveCommand : public Command
{
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;
};

class NotifyTestCommand : public Command
{
public:
    using Command::Command;
    ~NotifyTestCommand() override;
    void run(const ParsedArgs &args) override;

private:
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ChannelSender> m_sender;
};

} // namespace RebuildRadar
