#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace RebuildRadar {

// One challenge of a WWW-Authenticate header (RFC 7235): a scheme and its parameters.
struct AuthChallenge
{
    QString scheme;                // lowercased: "bearer", "basic", …
    QMap<QString, QString> params; // names lowercased, values unquoted
    QString param(const QString &name) const { return params.value(name); }
};

// Parses every challenge in the given header values. Names are case-insensitive, values quoted or
// bare, several challenges may share a header. Never fails: unparseable pieces are skipped.
QList<AuthChallenge> parseWwwAuthenticate(const QList<QByteArray> &headerValues);

} // namespace RebuildRadar
