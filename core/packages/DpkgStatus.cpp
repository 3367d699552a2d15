// The deb822 stanzas of dpkg's database (deb822(5), dpkg-query(1)): "Field: value" lines, field names
// case-insensitive, continuation lines starting with a space or tab, stanzas separated by blank lines.
// Only Package, Version, Source and Status matter here; continuations (Description, Conffiles) are
// skipped.
#include "packages/DpkgStatus.h"

#include <QList>

namespace RebuildRadar {

namespace {

struct Stanza
{
    QString package;
    QString version;
    QString source;
    QString status;
    bool hasStatus = false;
};

bool isBlank(const QByteArray &line)
{
    return line.trimmed().isEmpty();
}

// dpkg's Status is "want flag status". What is on disk is the third word: a held package
// ("hold ok installed") is as installed as "install ok installed"; "deinstall ok config-files",
// "install ok half-configured" or a reinstreq flag mean the files are not (all) there.
bool statusSaysInstalled(const QString &status)
{
    const QList<QStringView> words = QStringView(status).split(u' ', Qt::SkipEmptyParts);
    return words.size() == 3 && words[1] == u"ok" && words[2] == u"installed";
}

// "glibc (2.36-9)" names source glibc at another version than the binary's; only the name is kept.
QString sourceName(const QString &source)
{
    const qsizetype paren = source.indexOf(u'(');
    return (paren >= 0 ? source.left(paren) : source).trimmed();
}

void finish(Stanza &s, PackageSet &out)
{
    // status.d files written by distroless and rules_distroless carry no Status: their presence is
    // the installation.
    const bool installed = !s.hasStatus || statusSaysInstalled(s.status);
    if (installed && !s.package.isEmpty() && !s.version.isEmpty()) {
        const QString source = sourceName(s.source);
        out.insert(s.package, InstalledPackage{s.package, s.version, source.isEmpty() ? s.package : source,
                                               Ecosystem::Debian});
    }
    s = Stanza{};
}

} // namespace

PackageSet parseDpkgStatus(const QByteArray &data)
{
    PackageSet out;
    Stanza current;
    for (QByteArray line : data.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (isBlank(line)) {
            finish(current, out);
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t')
            continue; // a continuation of a multi-line field none of ours are
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a field; dpkg would refuse the file, we keep what we can
        const QString name = QString::fromUtf8(line.left(colon).trimmed()).toLower();
        const QString value = QString::fromUtf8(line.mid(colon + 1).trimmed());
        if (name == u"package")
            current.package = value;
        else if (name == u"version")
            current.version = value;
        else if (name == u"source")
            current.source = value;
        else if (name == u"status") {
            current.status = value;
            current.hasStatus = true;
        }
    }
    finish(current, out);
    return out;
}

} // namespace RebuildRadar
