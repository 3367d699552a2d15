// dpkg's version order: [epoch:]upstream[-revision]. Epochs compare as numbers; upstream and revision
// each by verrevcmp (lib/dpkg/version.c), alternating non-digit runs (character by character, '~'
// lowest, then end of string, then letters, then everything else) and digit runs (as numbers).
#include "packages/DpkgVersion.h"

namespace RebuildRadar {

namespace {

struct DpkgParts
{
    QStringView epoch;
    QStringView upstream;
    QStringView revision;
};

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

DpkgParts split(QStringView version)
{
    DpkgParts parts;
    // The epoch ends at the first colon; the revision starts after the *last* hyphen, because
    // upstream versions may contain hyphens themselves (policy §5.6.12).
    const qsizetype colon = version.indexOf(u':');
    if (colon >= 0) {
        parts.epoch = version.left(colon);
        version = version.mid(colon + 1);
    }
    const qsizetype hyphen = version.lastIndexOf(u'-');
    if (hyphen >= 0) {
        parts.upstream = version.left(hyphen);
        parts.revision = version.mid(hyphen + 1);
    } else {
        parts.upstream = version;
    }
    return parts;
}

// A character's weight in a non-digit run; 0 stands for "end of the run", which digits also end.
int order(QStringView s, qsizetype i)
{
    if (i >= s.size())
        return 0;
    const QChar c = s[i];
    if (isAsciiDigit(c))
        return 0;
    if (isAsciiLetter(c))
        return c.unicode();
    if (c == u'~')
        return -1;
    return c.unicode() + 256;
}

int sign(int v)
{
    return (v > 0) - (v < 0);
}

// verrevcmp: digit runs are compared as numbers without converting them, so arbitrarily long runs
// cannot overflow.
int verrevcmp(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() || j < b.size()) {
        while ((i < a.size() && !isAsciiDigit(a[i])) || (j < b.size() && !isAsciiDigit(b[j]))) {
            const int ac = order(a, i);
            const int bc = order(b, j);
            if (ac != bc)
                return sign(ac - bc);
            ++i;
            ++j;
        }
        while (i < a.size() && a[i] == u'0')
            ++i;
        while (j < b.size() && b[j] == u'0')
            ++j;
        int firstDiff = 0;
        while (i < a.size() && j < b.size() && isAsciiDigit(a[i]) && isAsciiDigit(b[j])) {
            if (firstDiff == 0)
                firstDiff = a[i].unicode() - b[j].unicode();
            ++i;
            ++j;
        }
        if (i < a.size() && isAsciiDigit(a[i]))
            return 1;
        if (j < b.size() && isAsciiDigit(b[j]))
            return -1;
        if (firstDiff != 0)
            return sign(firstDiff);
    }
    return 0;
}

// Epochs are unsigned integers; compared as digit strings so a huge epoch cannot overflow. Anything
// that is not a number counts as 0, as a missing epoch does.
int compareEpochs(QStringView a, QStringView b)
{
    auto digits = [](QStringView e) {
        for (QChar c : e) {
            if (!isAsciiDigit(c))
                return QStringView();
        }
        while (!e.isEmpty() && e.front() == u'0')
            e = e.mid(1);
        return e;
    };
    const QStringView da = digits(a);
    const QStringView db = digits(b);
    if (da.size() != db.size())
        return da.size() < db.size() ? -1 : 1;
    return sign(da.compare(db));
}

} // namespace

int compareDpkgVersions(QStringView a, QStringView b)
{
    const DpkgParts pa = split(a.trimmed());
    const DpkgParts pb = split(b.trimmed());
    if (const int c = compareEpochs(pa.epoch, pb.epoch))
        return c;
    if (const int c = verrevcmp(pa.upstream, pb.upstream))
        return c;
    // A missing revision compares as "0": verrevcmp skips leading zeros, so "" equals "0".
    return verrevcmp(pa.revision, pb.revision);
}

} // namespace RebuildRadar
