#include "reference/ImageReference.h"

#include <QHostAddress>

#include <algorithm>
#include <cctype>

namespace RebuildRadar {
namespace {

const QString kDockerHub = QStringLiteral("docker.io");
constexpr qsizetype kMaxTagLength = 128;
constexpr qsizetype kMaxPathLength = 255;

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}
bool isAlnum(QChar c)
{
    return isLowerAlnum(c) || (c >= u'A' && c <= u'Z');
}
bool isWordChar(QChar c)
{
    return isAlnum(c) || c == u'_';
}
bool isHexLower(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

Error invalid(const QString &text, qsizetype position, const QString &what)
{
    return makeError(
        ErrorCode::InvalidInput,
        QStringLiteral("invalid reference \"%1\" at position %2: %3").arg(text).arg(position + 1).arg(what));
}

// Returns the offset of the first offending character, or -1 when `component` is a valid path
// component: [a-z0-9]+ ((. | _ | __ | -+) [a-z0-9]+)*
qsizetype invalidPathComponentAt(QStringView component)
{
    if (component.isEmpty())
        return 0;
    qsizetype i = 0;
    const qsizetype n = component.size();
    while (i < n) {
        if (!isLowerAlnum(component[i]))
            return i;
        while (i < n && isLowerAlnum(component[i]))
            ++i;
        if (i == n)
            return -1;
        // separator
        const qsizetype sepStart = i;
        if (component[i] == u'.') {
            ++i;
        } else if (component[i] == u'_') {
            ++i;
            if (i < n && component[i] == u'_')
                ++i;
        } else if (component[i] == u'-') {
            while (i < n && component[i] == u'-')
                ++i;
        } else {
            return i;
        }
        if (i == n)
            return sepStart;
    }
    return -1;
}

// Domain: dot-separated labels of letters/digits/inner hyphens, or [ipv6]; then an optional :port.
// Returns an error message, or an empty string when valid.
QString checkDomain(QStringView domain, qsizetype *badAt)
{
    qsizetype i = 0;
    const qsizetype n = domain.size();
    if (n == 0) {
        *badAt = 0;
        return QStringLiteral("empty registry");
    }
    if (domain[0] == u'[') {
        const qsizetype close = domain.indexOf(u']');
        if (close < 0) {
            *badAt = 0;
            return QStringLiteral("unterminated IPv6 address in registry");
        }
        const QStringView inner = domain.sliced(1, close - 1);
        // distribution's grammar: `\[(?:[a-fA-F0-9:]+)\]` — no zone (%eth0), no dotted IPv4 tail
        const bool hexAndColons = std::all_of(inner.begin(), inner.end(), [](QChar c) {
            return c == u':' || (c.unicode() < 128 && std::isxdigit(c.unicode()));
        });
        QHostAddress address;
        if (inner.isEmpty() || !hexAndColons || !address.setAddress(inner.toString()) ||
            address.protocol() != QAbstractSocket::IPv6Protocol) {
            *badAt = 1;
            return QStringLiteral("invalid IPv6 address in registry");
        }
        i = close + 1;
    } else {
        while (true) {
            const qsizetype labelStart = i;
            while (i < n && (isAlnum(domain[i]) || domain[i] == u'-'))
                ++i;
            if (i == labelStart) {
                *badAt = i;
                return QStringLiteral("registry name has an empty or invalid label");
            }
            if (domain[labelStart] == u'-' || domain[i - 1] == u'-') {
                *badAt = domain[labelStart] == u'-' ? labelStart : i - 1;
                return QStringLiteral("a registry label cannot start or end with '-'");
            }
            if (i < n && domain[i] == u'.') {
                ++i;
                continue;
            }
            break;
        }
    }
    if (i < n && domain[i] == u':') {
        const qsizetype portStart = ++i;
        while (i < n && domain[i].isDigit() && domain[i].unicode() < 128)
            ++i;
        if (i == portStart || domain.sliced(portStart, i - portStart).toInt() > 65535) {
            *badAt = portStart;
            return QStringLiteral("invalid port in registry");
        }
    }
    if (i != n) {
        *badAt = i;
        return QStringLiteral("unexpected character '%1' in registry").arg(domain[i]);
    }
    return {};
}

} // namespace

bool isValidDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    if (colon <= 0)
        return false;
    const QStringView algorithm = QStringView(digest).first(colon);
    const QStringView hex = QStringView(digest).sliced(colon + 1);
    // algorithm: [A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*
    bool expectLetter = true;
    for (QChar c : algorithm) {
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
        if (expectLetter) {
            if (!letter)
                return false;
            expectLetter = false;
        } else if (c == u'-' || c == u'_' || c == u'+' || c == u'.') {
            expectLetter = true;
        } else if (!isAlnum(c)) {
            return false;
        }
    }
    if (expectLetter || hex.size() < 32)
        return false;
    if (algorithm == u"sha256" && hex.size() != 64)
        return false;
    if (algorithm == u"sha512" && hex.size() != 128)
        return false;
    return std::all_of(hex.begin(), hex.end(), isHexLower);
}

QString shortDigest(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return colon < 0 ? digest : digest.mid(colon + 1, 12);
}

QString familiarOf(const QString &reference)
{
    auto ref = ImageReference::parse(reference);
    return ref ? ref->familiar() : reference;
}

Result<QString> normalizeRegistryHost(const QString &text)
{
    qsizetype badAt = 0;
    const QString problem = checkDomain(text, &badAt);
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid registry \"%1\" at position %2: %3")
                                                      .arg(text)
                                                      .arg(badAt + 1)
                                                      .arg(problem));
    if (text == u"index.docker.io" || text == u"registry-1.docker.io")
        return kDockerHub;
    return text;
}

Result<ImageReference> ImageReference::parse(const QString &text)
{
    if (text.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("invalid reference: empty"));
    if (text.size() == 64 && std::all_of(text.begin(), text.end(), isHexLower))
        return invalid(text, 0,
                       QStringLiteral("a 64-character hexadecimal string is an image ID, not a name"));
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isSpace() || text[i].unicode() > 127)
            return invalid(text, i, QStringLiteral("unexpected character"));
    }

    ImageReference ref;
    QStringView rest(text);

    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        const QString digest = rest.sliced(at + 1).toString();
        if (!isValidDigest(digest))
            return invalid(
                text, at + 1,
                QStringLiteral(
                    "invalid digest (expected algorithm:hex, e.g. sha256: and 64 lowercase hex digits)"));
        ref.m_digest = digest;
        rest = rest.first(at);
    }

    const qsizetype lastSlash = rest.lastIndexOf(u'/');
    const qsizetype tagColon = rest.lastIndexOf(u':');
    if (tagColon > lastSlash) {
        const QStringView tag = rest.sliced(tagColon + 1);
        if (tag.isEmpty())
            return invalid(text, tagColon + 1, QStringLiteral("empty tag"));
        if (tag.size() > kMaxTagLength)
            return invalid(text, tagColon + 1, QStringLiteral("tag longer than 128 characters"));
        if (!isWordChar(tag[0]))
            return invalid(text, tagColon + 1,
                           QStringLiteral("a tag must start with a letter, digit or '_'"));
        for (qsizetype i = 1; i < tag.size(); ++i) {
            if (!isWordChar(tag[i]) && tag[i] != u'.' && tag[i] != u'-')
                return invalid(text, tagColon + 1 + i,
                               QStringLiteral("invalid character '%1' in tag").arg(tag[i]));
        }
        ref.m_tag = tag.toString();
        rest = rest.first(tagColon);
    }
    if (rest.isEmpty())
        return invalid(text, 0, QStringLiteral("empty name"));

    // Docker's rule: the first component names a registry only if it looks like a host.
    qsizetype pathOffset = 0;
    const qsizetype firstSlash = rest.indexOf(u'/');
    const QStringView first = firstSlash < 0 ? rest : rest.first(firstSlash);
    const bool firstIsRegistry =
        firstSlash >= 0 && (first.contains(u'.') || first.contains(u':') || first == u"localhost" ||
                            first.toString().toLower() != first);
    if (firstIsRegistry) {
        qsizetype badAt = 0;
        const QString problem = checkDomain(first, &badAt);
        if (!problem.isEmpty())
            return invalid(text, badAt, problem);
        ref.m_registry = first.toString();
        pathOffset = firstSlash + 1;
    } else {
        ref.m_registry = kDockerHub;
    }
    if (ref.m_registry == u"index.docker.io")
        ref.m_registry = kDockerHub;

    const QStringView path = rest.sliced(pathOffset);
    if (path.isEmpty())
        return invalid(text, pathOffset, QStringLiteral("empty repository"));
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (path[i] >= u'A' && path[i] <= u'Z')
            return invalid(text, pathOffset + i, QStringLiteral("repository name must be lowercase"));
    }
    qsizetype componentStart = 0;
    while (componentStart <= path.size()) {
        qsizetype end = path.indexOf(u'/', componentStart);
        if (end < 0)
            end = path.size();
        const qsizetype bad = invalidPathComponentAt(path.sliced(componentStart, end - componentStart));
        if (bad >= 0)
            return invalid(text, pathOffset + componentStart + bad,
                           end == componentStart
                               ? QStringLiteral("empty path component")
                               : QStringLiteral("invalid path component (lowercase letters and "
                                                "digits, separated by '.', '_', '__' or '-')"));
        componentStart = end + 1;
    }
    ref.m_repository = path.toString();
    if (ref.m_registry == kDockerHub && !ref.m_repository.contains(u'/'))
        ref.m_repository.prepend(QStringLiteral("library/"));
    if (ref.m_repository.size() > kMaxPathLength)
        return invalid(text, pathOffset, QStringLiteral("repository path longer than 255 characters"));

    if (ref.m_tag.isEmpty() && ref.m_digest.isEmpty())
        ref.m_tag = QStringLiteral("latest");
    return ref;
}

QString ImageReference::name() const
{
    return m_registry + u'/' + m_repository;
}

QString ImageReference::tagReference() const
{
    return m_tag.isEmpty() ? name() : name() + u':' + m_tag;
}

QString ImageReference::canonical() const
{
    return m_digest.isEmpty() ? tagReference() : tagReference() + u'@' + m_digest;
}

QString ImageReference::familiar() const
{
    QString out;
    if (m_registry == kDockerHub) {
        const bool official =
            m_repository.startsWith(QStringLiteral("library/")) && m_repository.count(u'/') == 1;
        out = official ? m_repository.mid(8) : m_repository;
    } else {
        out = name();
    }
    if (!m_tag.isEmpty())
        out += u':' + m_tag;
    if (!m_digest.isEmpty())
        out += u'@' + m_digest;
    return out;
}

QString ImageReference::connectHost() const
{
    return m_registry == kDockerHub ? QStringLiteral("registry-1.docker.io") : m_registry;
}

namespace {
QString hostOf(const QString &registry)
{
    if (registry.startsWith(u'['))
        return registry.left(registry.indexOf(u']') + 1);
    const qsizetype colon = registry.indexOf(u':');
    return colon < 0 ? registry : registry.left(colon);
}
} // namespace

QString ImageReference::hostName() const
{
    return hostOf(m_registry);
}

bool ImageReference::isLoopbackRegistry(const QString &registry)
{
    QString host = hostOf(registry);
    if (host == u"localhost")
        return true;
    if (host.startsWith(u'['))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

ImageReference ImageReference::withTag(const QString &tag) const
{
    ImageReference copy = *this;
    copy.m_tag = tag;
    return copy;
}

ImageReference ImageReference::withDigest(const QString &digest) const
{
    ImageReference copy = *this;
    copy.m_digest = digest;
    return copy;
}

} // namespace RebuildRadar
