#pragma once

// SBOMs as BuildKit attaches them, for tests that push images with attestations: an in-toto statement
// whose predicate is an SPDX 2.3 document listing packages by their purls.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace RebuildRadar::Test {

inline QByteArray spdxStatement(const QStringList &purls)
{
    QJsonArray packages{QJsonObject{{QStringLiteral("name"), QStringLiteral("/")},
                                    {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-root")}}};
    int n = 0;
    for (const QString &purl : purls) {
        packages.append(QJsonObject{
            {QStringLiteral("name"), purl.section(u'/', -1).section(u'@', 0, 0)},
            {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-Package-%1").arg(++n)},
            {QStringLiteral("versionInfo"), purl.section(u'@', 1).section(u'?', 0, 0)},
            {QStringLiteral("externalRefs"),
             QJsonArray{QJsonObject{{QStringLiteral("referenceCategory"), QStringLiteral("PACKAGE-MANAGER")},
                                    {QStringLiteral("referenceType"), QStringLiteral("purl")},
                                    {QStringLiteral("referenceLocator"), purl}}}}});
    }
    const QJsonObject document{{QStringLiteral("spdxVersion"), QStringLiteral("SPDX-2.3")},
                               {QStringLiteral("name"), QStringLiteral("sbom")},
                               {QStringLiteral("packages"), packages}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v0.1")},
                           {QStringLiteral("predicateType"), QStringLiteral("https://spdx.dev/Document")},
                           {QStringLiteral("subject"), QJsonArray{}},
                           {QStringLiteral("predicate"), document}})
        .toJson(QJsonDocument::Compact);
}

} // namespace RebuildRadar::Test
