// rpmvercmp splits both strings into runs of ASCII digits or ASCII letters, skipping every other
// character as a separator; runs are compared pairwise (numbers by value, letters by byte order, a
// number beats letters). '~' sorts before anything, even the end of the string ("1.0~rc1" < "1.0");
// '^' sorts after the end of the string but before any further run ("1.0" < "1.0^git1" < "1.0.1").
#include "packages/RpmVersion.h"

namespace RebuildRadar {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

int sign(int v)
{
    return v < 0 ? -1 : (v > 0 ? 1 : 0);
}

} // namespace

int rpmvercmp(QStringView a, QStringView b)
{
    if (a == b)
        return 0;
    qsizetype i = 0;
    qsizetype j = 0;
    const auto at = [](QStringView s, qsizetype k) { return k < s.size() ? s[k] : QChar(); };
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !isDigit(a[i]) && !isAlpha(a[i]) && a[i] != u'~' && a[i] != u'^')
            ++i;
        while (j < b.size() && !isDigit(b[j]) && !isAlpha(b[j]) && b[j] != u'~' && b[j] != u'^')
            ++j;

        if (at(a, i) == u'~' || at(b, j) == u'~') {
            if (at(a, i) != u'~')
                return 1;
            if (at(b, j) != u'~')
                return -1;
            ++i;
            ++j;
            continue;
        }
        if (at(a, i) == u'^' || at(b, j) == u'^') {
            if (i == a.size())
                return -1;
            if (j == b.size())
                return 1;
            if (a[i] != u'^')
                return 1;
            if (b[j] != u'^')
                return -1;
            ++i;
            ++j;
            continue;
        }
        if (i == a.size() || j == b.size())
            break;

        const bool numeric = isDigit(a[i]);
        const auto inRun = [numeric](QChar c) { return numeric ? isDigit(c) : isAlpha(c); };
        qsizetype endA = i;
        while (endA < a.size() && inRun(a[endA]))
            ++endA;
        qsizetype endB = j;
        while (endB < b.size() && inRun(b[endB]))
            ++endB;
        // a's run is never empty; an empty run in b means the kinds differ, and numbers win.
        if (endB == j)
            return numeric ? 1 : -1;
        QStringView runA = a.sliced(i, endA - i);
        QStringView runB = b.sliced(j, endB - j);
        if (numeric) {
            while (!runA.isEmpty() && runA.front() == u'0')
                runA = runA.sliced(1);
            while (!runB.isEmpty() && runB.front() == u'0')
                runB = runB.sliced(1);
            if (runA.size() != runB.size())
                return runA.size() > runB.size() ? 1 : -1;
        }
        if (const int c = runA.compare(runB); c != 0)
            return sign(c);
        i = endA;
        j = endB;
    }
    if (i == a.size() && j == b.size())
        return 0;
    return i < a.size() ? 1 : -1;
}

namespace {

struct Evr
{
    QStringView epoch;
    QStringView version;
    QStringView release;
};

Evr splitEvr(QStringView s)
{
    Evr evr;
    qsizetype colon = 0;
    while (colon < s.size() && isDigit(s[colon]))
        ++colon;
    if (colon < s.size() && s[colon] == u':') {
        evr.epoch = s.left(colon);
        s = s.sliced(colon + 1);
    }
    const qsizetype dash = s.lastIndexOf(u'-');
    evr.version = dash >= 0 ? s.left(dash) : s;
    evr.release = dash >= 0 ? s.sliced(dash + 1) : QStringView();
    return evr;
}

// Epochs are digits only; compared as numbers of any length.
int compareEpochs(QStringView a, QStringView b)
{
    while (!a.isEmpty() && a.front() == u'0')
        a = a.sliced(1);
    while (!b.isEmpty() && b.front() == u'0')
        b = b.sliced(1);
    if (a.size() != b.size())
        return a.size() > b.size() ? 1 : -1;
    return sign(a.compare(b));
}

} // namespace

int compareRpmVersions(QStringView a, QStringView b)
{
    const Evr x = splitEvr(a);
    const Evr y = splitEvr(b);
    if (const int c = compareEpochs(x.epoch, y.epoch); c != 0)
        return c;
    if (const int c = rpmvercmp(x.version, y.version); c != 0)
        return c;
    return rpmvercmp(x.release, y.release);
}

} // namespace RebuildRadar
