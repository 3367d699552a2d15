#include "ErrorText.h"

#include <QCoreApplication>

namespace RebuildRadar {

namespace {
QString lead(ErrorCode code)
{
    const char *context = "RebuildRadar::ErrorText";
    switch (code) {
    case ErrorCode::InvalidInput:
        return QCoreApplication::translate(context, "Invalid input");
    case ErrorCode::Network:
        return QCoreApplication::translate(context, "Network");
    case ErrorCode::NotFound:
        return QCoreApplication::translate(context, "Not found");
    case ErrorCode::AuthFailed:
        return QCoreApplication::translate(context, "Login refused");
    case ErrorCode::RateLimited:
        return QCoreApplication::translate(context, "Rate limited");
    case ErrorCode::Protocol:
        return QCoreApplication::translate(context, "Unexpected answer");
    case ErrorCode::DigestMismatch:
        return QCoreApplication::translate(context, "Digest mismatch");
    case ErrorCode::TooLarge:
        return QCoreApplication::translate(context, "Too large");
    case ErrorCode::Database:
        return QCoreApplication::translate(context, "History database");
    case ErrorCode::Io:
        return QCoreApplication::translate(context, "Disk");
    case ErrorCode::Cancelled:
        return QCoreApplication::translate(context, "Cancelled");
    case ErrorCode::Timeout:
        return QCoreApplication::translate(context, "Timed out");
    default:
        break;
    }
    return QCoreApplication::translate(context, "Error");
}
} // namespace

QString errorText(const Error &error)
{
    return error.message.isEmpty() ? lead(error.code)
                                   : lead(error.code) + QStringLiteral(": ") + error.message;
}

} // namespace RebuildRadar
