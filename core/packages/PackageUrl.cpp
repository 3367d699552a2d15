// The purl grammar: `pkg:type/namespace/name@version?qualifiers#subpath`. Parsed from the right as the
// spec says (subpath, then qualifiers, then version at the last '@'), so an '@' or '/' inside an
// encoded component cannot be mistaken for a separator; each component is percent-decoded after
// splitting.
#include "packages/PackageUrl.h"

#include <QByteArray>
#include <QUrl>

namespace RebuildRadar {

namespace {

QString decode(QStringView s)
{
    return QUrl::fromPercentEncoding(s.toUtf8());
}

} // namespace

Result<PackageUrl> parsePackageUrl(QStringView text)
{
    text = text.trimmed();
    if (!text.startsWith(u"pkg:", Qt::CaseInsensitive))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("not a package URL"));
    QStringView rest = text.mid(4);
    PackageUrl purl;

    if (const qsizetype hash = rest.indexOf(u'#'); hash >= 0) {
        purl.subpath = decode(rest.mid(hash + 1));
        rest = rest.left(hash);
    }
    if (const qsizetype question = rest.indexOf(u'?'); question >= 0) {
        for (QStringView pair : rest.mid(question + 1).split(u'&', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                continue;
            const QString value = decode(pair.mid(eq + 1));
            if (!value.isEmpty())
                purl.qualifiers.insert(pair.left(eq).toString().toLower(), value);
        }
        rest = rest.left(question);
    }
    // The spec lets readers tolerate "pkg://type/…".
    while (rest.startsWith(u'/'))
        rest = rest.mid(1);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    if (const qsizetype at = rest.lastIndexOf(u'@'); at >= 0) {
        purl.version = decode(rest.mid(at + 1));
        rest = rest.left(at);
    }
    const qsizetype firstSlash = rest.indexOf(u'/');
    if (firstSlash <= 0)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("package URL has no type and name"));
    purl.type = rest.left(firstSlash).toString().toLower();
    rest = rest.mid(firstSlash + 1);
    const qsizetype lastSlash = rest.lastIndexOf(u'/');
    purl.name = decode(lastSlash >= 0 ? rest.mid(lastSlash + 1) : rest);
    if (lastSlash >= 0)
        purl.namespace_ = decode(rest.left(lastSlash));
    if (purl.name.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("package URL has no name"));
    return purl;
}

} // namespace RebuildRadar
