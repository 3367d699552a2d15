// apk-tools' version order (src/version.c): a version is read as tokens — numbers separated by dots,
// one lowercase letter after the last number, suffixes `_alpha _beta _pre _rc` (before the release)
// and `_cvs _svn _git _hg _p` (after it), each with an optional number, then `-rN`. Tokens are
// compared pairwise; when one version runs out first, the kind of the other's next token decides.
// This follows apk-tools 2.x token for token, quirks included: a dot component of leading zeros is
// read as its own token, so a bare "1.0" sorts below "1.0_rc1" (with a release, "1.0_rc1-r0" <
// "1.0-r0" as expected; installed versions always carry one).
#include "packages/ApkVersion.h"

#include <array>
#include <limits>
#include <optional>
#include <utility>

namespace RebuildRadar {

namespace {

// The order of these kinds matters: when two versions agree up to where one has a different kind of
// token next, the lower kind is the *greater* version (END is highest, so "1.0" < "1.0.1").
enum Token
{
    Invalid = -1,
    DigitOrZero, // a number after '.', whose leading zeros count (1.01 < 1.1)
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    RevisionNumber,
    End,
};

constexpr std::array<QStringView, 4> kPreSuffixes{u"alpha", u"beta", u"pre", u"rc"};
constexpr std::array<QStringView, 5> kPostSuffixes{u"cvs", u"svn", u"git", u"hg", u"p"};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isLower(QChar c)
{
    return c >= u'a' && c <= u'z';
}

class Tokenizer
{
public:
    explicit Tokenizer(QStringView s)
        : m_rest(s)
    {}

    Token type = Digit;

    // The value of the token of kind `type` at the front; advances to the next token's kind.
    qint64 take()
    {
        if (m_rest.isEmpty()) {
            type = End;
            return 0;
        }
        qsizetype i = 0;
        qint64 value = 0;
        Token next = Invalid;
        switch (type) {
        case DigitOrZero:
            if (m_rest[0] == u'0') {
                // Leading zeros weigh less the more there are; the digits after them are a new number.
                while (i < m_rest.size() && m_rest[i] == u'0')
                    ++i;
                next = Digit;
                value = -i;
                break;
            }
            [[fallthrough]];
        case Digit:
        case SuffixNumber:
        case RevisionNumber:
            while (i < m_rest.size() && isDigit(m_rest[i])) {
                // Saturate instead of overflowing; apk's own int would wrap.
                if (value < std::numeric_limits<qint64>::max() / 10)
                    value = value * 10 + (m_rest[i].unicode() - u'0');
                ++i;
            }
            break;
        case Letter:
            value = m_rest[i++].unicode();
            break;
        case Suffix: {
            const auto matched = matchSuffix();
            if (!matched) {
                type = Invalid;
                return -1;
            }
            value = matched->first;
            i = matched->second;
            break;
        }
        default:
            type = Invalid;
            return -1;
        }
        m_rest = m_rest.mid(i);
        if (m_rest.isEmpty())
            type = End;
        else if (next != Invalid)
            type = next;
        else
            advance();
        return value;
    }

private:
    // Pre-release suffixes get negative values (alpha lowest), post-release ones non-negative.
    std::optional<std::pair<qint64, qsizetype>> matchSuffix() const
    {
        for (size_t v = 0; v < kPreSuffixes.size(); ++v) {
            if (m_rest.startsWith(kPreSuffixes[v]))
                return std::pair{qint64(v) - qint64(kPreSuffixes.size()), kPreSuffixes[v].size()};
        }
        for (size_t v = 0; v < kPostSuffixes.size(); ++v) {
            if (m_rest.startsWith(kPostSuffixes[v]))
                return std::pair{qint64(v), kPostSuffixes[v].size()};
        }
        return std::nullopt;
    }

    // apk's next_token: decides the kind of what follows, consuming a separator if there is one.
    void advance()
    {
        Token n = Invalid;
        const QChar c = m_rest[0];
        if ((type == Digit || type == DigitOrZero) && isLower(c)) {
            n = Letter;
        } else if (type == Letter && isDigit(c)) {
            n = Digit;
        } else if (type == Suffix && isDigit(c)) {
            n = SuffixNumber;
        } else {
            if (c == u'.') {
                n = DigitOrZero;
            } else if (c == u'_') {
                n = Suffix;
            } else if (c == u'-') {
                if (m_rest.size() > 1 && m_rest[1] == u'r') {
                    n = RevisionNumber;
                    m_rest = m_rest.mid(1);
                }
            }
            m_rest = m_rest.mid(1);
        }
        // Tokens only move forward (number, letter, suffix, revision); going back is malformed,
        // except a new number after a number or letter, and a new suffix after a suffix number.
        if (n < type) {
            if (!((n == DigitOrZero && type == Digit) || (n == Suffix && type == SuffixNumber) ||
                  (n == Digit && type == Letter)))
                n = Invalid;
        }
        type = n;
    }

    QStringView m_rest;
};

} // namespace

int compareApkVersions(QStringView a, QStringView b)
{
    Tokenizer ta(a.trimmed());
    Tokenizer tb(b.trimmed());
    qint64 av = 0;
    qint64 bv = 0;
    while (ta.type == tb.type && ta.type != End && ta.type != Invalid && av == bv) {
        av = ta.take();
        bv = tb.take();
    }
    if (av != bv)
        return av < bv ? -1 : 1;
    if (ta.type == tb.type)
        return 0;
    // Equal so far and one has more: more is greater, unless what follows is a pre-release suffix.
    if (ta.type == Suffix) {
        Tokenizer peek = ta;
        if (peek.take() < 0)
            return -1;
    }
    if (tb.type == Suffix) {
        Tokenizer peek = tb;
        if (peek.take() < 0)
            return 1;
    }
    if (ta.type > tb.type)
        return -1;
    if (tb.type > ta.type)
        return 1;
    return 0;
}

} // namespace RebuildRadar
