#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace RebuildRadar {

// An image reference as written in a file, with where it stands so it can be rewritten in place.
struct FoundReference
{
    int line = 0;           // 1-based
    qsizetype offset = 0;   // byte offset of `text` in the file
    QString text;           // as written (without quotes)
    QString kind;           // dockerfile|compose|kubernetes|helm|workflow
    bool templated = false; // ARG/env/template substitution: cannot be resolved
    // Helm-style maps (repository/tag/digest keys): the parts, and where a digest value stands.
    bool helmMap = false;
    qsizetype digestOffset = -1;
    QString digestText;
};

enum class FileKind
{
    None,
    Dockerfile,
    Yaml,
};

// Decides by name (and path: workflows) how a file is read; None for everything else.
FileKind fileKindOf(const QString &relativePath);

// Pure finders over a file's bytes.
QList<FoundReference> findInDockerfile(const QByteArray &content);
QList<FoundReference> findInYaml(const QByteArray &content, const QString &relativePath);

} // namespace RebuildRadar
