// apk's installed database (apk-v2 "index" format, apk-package(5)): one record per package, records
// separated by blank lines, each line a one-letter key, a colon and the value — P: name, V: version,
// o: origin (the APKBUILD that built it, i.e. the source package). File lines (F:, R:, Z:, a:, M:)
// sit inside the same record and are ignored.
#include "packages/ApkInstalled.h"

namespace RebuildRadar {

namespace {

struct Record
{
    QString name;
    QString version;
    QString origin;
};

void finish(Record &r, PackageSet &out)
{
    if (!r.name.isEmpty() && !r.version.isEmpty())
        out.insert(r.name, InstalledPackage{r.name, r.version, r.origin.isEmpty() ? r.name : r.origin,
                                            Ecosystem::Alpine});
    r = Record{};
}

} // namespace

PackageSet parseApkInstalled(const QByteArray &data)
{
    PackageSet out;
    Record current;
    for (QByteArray line : data.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            finish(current, out);
            continue;
        }
        // Keys are exactly one character; a longer prefix is not a field of this format.
        if (line.size() < 2 || line[1] != ':')
            continue;
        const QString value = QString::fromUtf8(line.mid(2).trimmed());
        switch (line[0]) {
        case 'P':
            current.name = value;
            break;
        case 'V':
            current.version = value;
            break;
        case 'o':
            current.origin = value;
            break;
        default:
            break;
        }
    }
    finish(current, out);
    return out;
}

} // namespace RebuildRadar
