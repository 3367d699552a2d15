#include "scan/Finders.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace RebuildRadar {

FileKind fileKindOf(const QString &relativePath)
{
    const QString name = QFileInfo(relativePath).fileName();
    const QString lower = name.toLower();
    if (lower == u"dockerfile" || lower == u"containerfile" ||
        lower.startsWith(QStringLiteral("dockerfile.")) ||
        lower.startsWith(QStringLiteral("containerfile.")) || lower.endsWith(QStringLiteral(".dockerfile")) ||
        lower.endsWith(QStringLiteral(".containerfile")))
        return FileKind::Dockerfile;
    if (lower.endsWith(QStringLiteral(".yaml")) || lower.endsWith(QStringLiteral(".yml")))
        return FileKind::Yaml;
    return FileKind::None;
}

namespace {

FoundReference reference(int line, qsizetype offset, const QString &text, const QString &kind)
{
    FoundReference r;
    r.line = line;
    r.offset = offset;
    r.text = text;
    r.kind = kind;
    r.templated = text.contains(u'$') || text.contains(QStringLiteral("{{"));
    return r;
}

// Where `token`, matched after `prefix` in the line's text, stands in the line's bytes. Lines need not
// be valid UTF-8 (Latin-1 comments exist), so the decoded prefix's length cannot be trusted; -1 when the
// token's bytes are not there.
qsizetype byteOffsetIn(const QByteArray &line, const QString &prefix, const QString &token)
{
    const QByteArray prefixBytes = prefix.toUtf8();
    const QByteArray tokenBytes = token.toUtf8();
    const qsizetype at = line.startsWith(prefixBytes) ? prefixBytes.size() : line.indexOf(tokenBytes);
    return at >= 0 && line.mid(at, tokenBytes.size()) == tokenBytes ? at : -1;
}

struct Line
{
    int number;
    qsizetype offset; // of the line's first byte
    QByteArray text;  // without the line ending
};

QList<Line> splitLines(const QByteArray &content)
{
    QList<Line> lines;
    qsizetype start = 0;
    int number = 1;
    while (start <= content.size()) {
        qsizetype end = content.indexOf('\n', start);
        const bool last = end < 0;
        if (last)
            end = content.size();
        QByteArray text = content.mid(start, end - start);
        if (text.endsWith('\r'))
            text.chop(1);
        if (!(last && text.isEmpty()))
            lines.append({number, start, text});
        if (last)
            break;
        start = end + 1;
        ++number;
    }
    return lines;
}

bool isTemplated(const QString &text)
{
    return text.contains(u'$') || text.contains(QStringLiteral("{{"));
}

} // namespace

QList<FoundReference> findInDockerfile(const QByteArray &content)
{
    QList<FoundReference> out;
    QSet<QString> stages;
    const QList<Line> lines = splitLines(content);
    // Instructions may continue over lines ending in a backslash; FROM and COPY are short enough that
    // only their first line matters for the image, but a continued line must not be read as a new one.
    bool continued = false;
    static const QRegularExpression from(
        QStringLiteral("^\\s*FROM\\s+((?:--\\S+\\s+)*)(\\S+)(?:\\s+AS\\s+(\\S+))?"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression copyFrom(QStringLiteral("^\\s*COPY\\s.*?--from=(\"?)([^\\s\"]+)\\1"),
                                             QRegularExpression::CaseInsensitiveOption);
    for (const Line &line : lines) {
        const QString text = QString::fromUtf8(line.text);
        const bool wasContinued = continued;
        continued = text.trimmed().endsWith(u'\\');
        if (wasContinued || text.trimmed().startsWith(u'#'))
            continue;
        if (auto m = from.match(text); m.hasMatch()) {
            const QString image = m.captured(2);
            if (!m.captured(3).isEmpty())
                stages.insert(m.captured(3).toLower());
            if (image.toLower() == u"scratch" || stages.contains(image.toLower()))
                continue;
            if (const qsizetype at = byteOffsetIn(line.text, text.left(m.capturedStart(2)), image); at >= 0)
                out.append(reference(line.number, line.offset + at, image, QStringLiteral("dockerfile")));
            continue;
        }
        if (auto m = copyFrom.match(text); m.hasMatch()) {
            const QString image = m.captured(2);
            bool isNumber = false;
            image.toInt(&isNumber);
            if (isNumber || stages.contains(image.toLower()))
                continue;
            if (const qsizetype at = byteOffsetIn(line.text, text.left(m.capturedStart(2)), image); at >= 0)
                out.append(reference(line.number, line.offset + at, image, QStringLiteral("dockerfile")));
        }
    }
    return out;
}

QList<FoundReference> findInYaml(const QByteArray &content, const QString &relativePath)
{
    QList<FoundReference> out;
    const QString lowerPath = relativePath.toLower();
    const bool workflow = lowerPath.contains(QStringLiteral(".github/workflows/"));
    const QString base = QFileInfo(lowerPath).fileName();
    const QString kind = workflow
                             ? QStringLiteral("workflow")
                             : (base.contains(QStringLiteral("compose"))    ? QStringLiteral("compose")
                                : base.startsWith(QStringLiteral("values")) ? QStringLiteral("helm")
                                                                            : QStringLiteral("kubernetes"));
    // key: value, with an optional list dash, anchor, quotes and trailing comment
    // key: value, with an optional list dash, anchor, quotes (which may hold spaces) and comment
    static const QRegularExpression keyValue(QStringLiteral(
        "^(\\s*(?:-\\s+)?)(image|container|repository|tag|digest|registry|uses)\\s*:\\s*(?:&\\S+\\s+)?"
        "(?:\"([^\"]*)\"|'([^']*)'|([^'\"#\\s]*))\\s*(?:#.*)?$"));
    const QList<Line> lines = splitLines(content);
    struct HelmMap
    {
        int indent = -1;
        FoundReference ref;
        QString registry, repository, tag, digest;
        qsizetype digestOffset = -1;
        int line = 0;
    };
    std::optional<HelmMap> map;
    auto closeMap = [&]() {
        if (map && !map->repository.isEmpty()) {
            FoundReference r;
            r.line = map->line;
            r.kind = QStringLiteral("helm");
            r.helmMap = true;
            QString text = map->registry.isEmpty() ? map->repository : map->registry + u'/' + map->repository;
            if (!map->tag.isEmpty())
                text += u':' + map->tag;
            if (!map->digest.isEmpty())
                text += u'@' + map->digest;
            r.text = text;
            r.offset = -1;
            r.templated = isTemplated(text);
            r.digestOffset = map->digestOffset;
            r.digestText = map->digest;
            out.append(r);
        }
        map.reset();
    };
    for (const Line &line : lines) {
        const QString text = QString::fromUtf8(line.text);
        if (text.trimmed().isEmpty() || text.trimmed().startsWith(u'#'))
            continue;
        const int indent =
            int(text.size() - QString(text).remove(QRegularExpression(QStringLiteral("^\\s+"))).size());
        if (map && indent <= map->indent)
            closeMap();
        const auto m = keyValue.match(text);
        if (!m.hasMatch())
            continue;
        const QString key = m.captured(2);
        const int group = m.capturedStart(3) >= 0 ? 3 : m.capturedStart(4) >= 0 ? 4 : 5;
        QString value = m.captured(group);
        const qsizetype inLine = byteOffsetIn(line.text, text.left(m.capturedStart(group)), value);
        if (inLine < 0)
            continue;
        const qsizetype valueOffset = line.offset + inLine;
        if (map && (key == u"repository" || key == u"tag" || key == u"digest" || key == u"registry")) {
            if (key == u"repository") {
                map->repository = value;
                map->line = line.number;
            } else if (key == u"tag") {
                map->tag = value;
            } else if (key == u"registry") {
                map->registry = value;
            } else {
                map->digest = value;
                map->digestOffset = valueOffset;
            }
            continue;
        }
        if (key == u"image" && value.isEmpty()) {
            map = HelmMap{int(m.captured(1).size()), {}, {}, {}, {}, {}, -1, line.number};
            continue;
        }
        if (value.isEmpty() || value.startsWith(u'*'))
            continue; // a map, a list, or an alias (the anchor's line is reported)
        if (key == u"uses") {
            if (!value.startsWith(QStringLiteral("docker://")))
                continue;
            out.append(reference(line.number, valueOffset + 9, value.mid(9), kind));
            continue;
        }
        if (key == u"image" || (key == u"container" && workflow))
            out.append(reference(line.number, valueOffset, value, kind));
    }
    closeMap();
    return out;
}

} // namespace RebuildRadar
