#include "scan/PinScanner.h"

#include "reference/ImageReference.h"
#include "registry/RegistryClient.h"
#include "store/HistoryStore.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

namespace RebuildRadar {

struct ResolvedTag
{
    std::optional<TagState> state;
    Error error;
};

namespace {
bool skipped(const QString &relative)
{
    const QStringList parts = relative.split(u'/');
    return parts.contains(QStringLiteral(".git")) || parts.contains(QStringLiteral("node_modules"));
}
} // namespace

PinScanner::PinScanner(RegistryClient &client, HistoryStore *history, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_history(history)
    , m_clock(clock)
{}

Result<QStringList> PinScanner::listFiles(const QString &rootAsGiven)
{
    const QFileInfo info(rootAsGiven);
    if (!info.isDir())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a folder").arg(rootAsGiven));
    // Resolved once: QDirIterator yields paths that start with a relative root, and making those
    // relative to QDir(root) again doubled it ("proj/proj/Dockerfile"), so nothing was ever read.
    const QString root = info.absoluteFilePath();
    QStringList files;
    const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
    if (!git.isEmpty()) {
        QProcess p;
        p.start(git, {QStringLiteral("-C"), root, QStringLiteral("ls-files"), QStringLiteral("-z"),
                      QStringLiteral("-co"), QStringLiteral("--exclude-standard")});
        if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
            for (const QByteArray &name : p.readAllStandardOutput().split('\0')) {
                if (!name.isEmpty() && !skipped(QString::fromUtf8(name)))
                    files.append(QString::fromUtf8(name));
            }
            files.sort();
            return files;
        }
    }
    const QDir base(root);
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = base.relativeFilePath(it.next());
        if (!skipped(relative))
            files.append(relative);
    }
    files.sort();
    return files;
}

Result<QList<PinResult>> PinScanner::find(const QString &root)
{
    auto files = listFiles(root);
    if (!files)
        return files.error();
    QList<PinResult> results;
    const QDir base(root);
    for (const QString &relative : *files) {
        const FileKind kind = fileKindOf(relative);
        if (kind == FileKind::None)
            continue;
        QFile file(base.filePath(relative));
        QString notRead;
        if (file.size() > kMaxFileSize)
            notRead = QStringLiteral("not read: larger than %1 MiB").arg(kMaxFileSize / (1024 * 1024));
        else if (!file.open(QIODevice::ReadOnly))
            notRead = QStringLiteral("not read: %1").arg(file.errorString());
        if (!notRead.isEmpty()) {
            // Said, not skipped silently: a scan that read nothing must not pass for "all current".
            PinResult r;
            r.file = relative;
            r.status = PinStatus::Unresolved;
            r.error = notRead;
            r.fileSkipped = true;
            results.append(r);
            continue;
        }
        const QByteArray content = file.readAll();
        const QList<FoundReference> found =
            kind == FileKind::Dockerfile ? findInDockerfile(content) : findInYaml(content, relative);
        for (const FoundReference &f : found) {
            PinResult r;
            r.file = relative;
            r.found = f;
            if (f.templated) {
                r.status = PinStatus::Unresolved;
                r.error = QStringLiteral("the image name is built from variables (%1)").arg(f.text);
                r.reference = f.text;
                results.append(r);
                continue;
            }
            auto ref = ImageReference::parse(f.text);
            if (!ref) {
                r.status = PinStatus::Unresolved;
                r.error = ref.error().message;
                r.reference = f.text;
                results.append(r);
                continue;
            }
            r.reference = ref->canonical();
            r.pinnedDigest = ref->digest();
            if (!ref->hasTag()) {
                r.status = PinStatus::Unresolved;
                r.error = QStringLiteral("pinned by digest without a tag: nothing to compare with");
                results.append(r);
                continue;
            }
            r.tagReference = ref->tagReference();
            results.append(r);
        }
    }
    return results;
}

void PinScanner::scan(const QString &root, QObject *context, Callback callback)
{
    auto found = find(root);
    if (!found) {
        callback(found.error());
        return;
    }
    resolve(std::move(found).value(), context, std::move(callback));
}

void PinScanner::resolve(QList<PinResult> found, QObject *context, Callback callback)
{
    auto results = std::make_shared<QList<PinResult>>(std::move(found));
    // One request per distinct tag, however many files name it.
    QStringList tags;
    for (const PinResult &r : *results) {
        if (!r.tagReference.isEmpty() && !tags.contains(r.tagReference))
            tags.append(r.tagReference);
    }
    auto resolved = std::make_shared<QMap<QString, ResolvedTag>>();
    auto remaining = std::make_shared<int>(int(tags.size()));
    QPointer<QObject> guard(context);
    auto finishAll = [this, results, resolved, callback, guard] {
        if (!guard)
            return;
        for (PinResult &r : *results) {
            if (!r.tagReference.isEmpty())
                classify(r, resolved->value(r.tagReference));
            else if (r.status.isEmpty())
                r.status = PinStatus::Unresolved;
        }
        callback(*results);
    };
    if (tags.isEmpty()) {
        finishAll();
        return;
    }
    for (const QString &tag : tags) {
        ResolveHints hints;
        hints.digestsOnly = true;
        m_client.resolve(
            ImageReference::parse(tag).value(), hints, this,
            [tag, resolved, remaining, finishAll](Result<TagState> state) {
                (*resolved)[tag] = state ? ResolvedTag{*state, {}} : ResolvedTag{std::nullopt, state.error()};
                if (--*remaining == 0)
                    finishAll();
            });
    }
}

void PinScanner::classify(PinResult &r, const ResolvedTag &resolved)
{
    if (!resolved.state) {
        r.status = PinStatus::Unresolved;
        r.error = resolved.error.message;
        r.checkFailed = true;
        return;
    }
    const TagState &state = *resolved.state;
    r.currentDigest = state.digest;
    if (r.pinnedDigest.isEmpty()) {
        r.status = PinStatus::Unpinned;
        return;
    }
    if (r.pinnedDigest == state.digest) {
        r.status = PinStatus::Current;
        return;
    }
    for (const PlatformImage &p : state.platforms) {
        if (p.digest == r.pinnedDigest) {
            r.status = PinStatus::Current; // pinned to a platform's manifest, which is still current
            return;
        }
    }
    r.status = PinStatus::Stale;
    r.replacement = state.digest;
    if (!m_history)
        return;
    auto tag = m_history->tag(r.tagReference);
    if (!tag || !tag->has_value())
        return;
    auto history = m_history->history((*tag)->id);
    if (!history)
        return;
    for (const Span &span : history->spans) {
        QString platform;
        for (auto it = span.platforms.begin(); it != span.platforms.end(); ++it) {
            if (it->digest == r.pinnedDigest)
                platform = it.key();
        }
        if (span.digest != r.pinnedDigest && platform.isEmpty())
            continue;
        r.pinnedAgeMs = m_clock.nowMs() - span.firstSeen;
        r.rebuildsSince =
            int(std::count_if(history->rebuilds.begin(), history->rebuilds.end(),
                              [&](const Rebuild &rb) { return rb.detectedAt > span.firstSeen; }));
        // A pin on a platform's manifest stays a pin on that platform's manifest.
        if (!platform.isEmpty() && state.platforms.contains(platform))
            r.replacement = state.platforms.value(platform).digest;
        break;
    }
}

QList<FileUpdate> PinScanner::plan(const QString &root, const QList<PinResult> &results, bool pin)
{
    // Edits per file, applied from the end so earlier offsets stay valid.
    QMap<QString, QList<std::tuple<qsizetype, qsizetype, QByteArray>>> edits;
    for (const PinResult &r : results) {
        if (r.status == PinStatus::Stale && !r.replacement.isEmpty()) {
            if (r.found.helmMap) {
                if (r.found.digestOffset >= 0)
                    edits[r.file].append(
                        {r.found.digestOffset, r.found.digestText.toUtf8().size(), r.replacement.toUtf8()});
                continue;
            }
            const QByteArray written = r.found.text.toUtf8();
            const qsizetype at = written.indexOf('@');
            if (at < 0)
                continue;
            edits[r.file].append({r.found.offset + at + 1, written.size() - at - 1, r.replacement.toUtf8()});
        } else if (pin && r.status == PinStatus::Unpinned && !r.found.helmMap && !r.currentDigest.isEmpty()) {
            edits[r.file].append(
                {r.found.offset + r.found.text.toUtf8().size(), 0, '@' + r.currentDigest.toUtf8()});
        }
    }
    QList<FileUpdate> updates;
    const QDir base(root);
    for (auto it = edits.begin(); it != edits.end(); ++it) {
        QFile file(base.filePath(it.key()));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        FileUpdate update{it.key(), file.readAll(), {}};
        update.after = update.before;
        auto list = it.value();
        std::sort(list.begin(), list.end(),
                  [](const auto &a, const auto &b) { return std::get<0>(a) > std::get<0>(b); });
        for (const auto &[offset, length, text] : list)
            update.after.replace(offset, length, text);
        if (update.after != update.before)
            updates.append(update);
    }
    return updates;
}

Status PinScanner::apply(const QString &root, const QList<FileUpdate> &updates)
{
    const QDir base(root);
    for (const FileUpdate &u : updates) {
        QFile current(base.filePath(u.file));
        if (!current.open(QIODevice::ReadOnly) || current.readAll() != u.before)
            return makeError(
                ErrorCode::Io,
                QStringLiteral("%1 changed since it was scanned; nothing more was written").arg(u.file));
        current.close();
        // Atomic per file, and keeps the file's permissions.
        QSaveFile out(base.filePath(u.file));
        if (!out.open(QIODevice::WriteOnly) || out.write(u.after) != u.after.size() || !out.commit())
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot write %1: %2").arg(u.file, out.errorString()));
    }
    return Ok{};
}

QString PinScanner::unifiedDiff(const FileUpdate &u)
{
    const QList<QByteArray> a = u.before.split('\n');
    const QList<QByteArray> b = u.after.split('\n');
    QString out = QStringLiteral("--- a/%1\n+++ b/%1\n").arg(u.file);
    // Rewrites never add or remove lines, so lines pair up one to one.
    const qsizetype n = std::min(a.size(), b.size());
    qsizetype i = 0;
    while (i < n) {
        if (a[i] == b[i]) {
            ++i;
            continue;
        }
        qsizetype start = std::max<qsizetype>(0, i - 3);
        qsizetype end = i;
        // extend the hunk over changes closer than 7 lines
        for (qsizetype j = i; j < n; ++j) {
            if (a[j] != b[j])
                end = j;
            else if (j - end > 6)
                break;
        }
        const qsizetype stop = std::min(n, end + 4);
        out += QStringLiteral("@@ -%1,%2 +%1,%2 @@\n").arg(start + 1).arg(stop - start);
        for (qsizetype k = start; k < stop; ++k) {
            if (a[k] == b[k]) {
                out += u' ' + QString::fromUtf8(a[k]) + u'\n';
            } else {
                out += u'-' + QString::fromUtf8(a[k]) + u'\n';
                out += u'+' + QString::fromUtf8(b[k]) + u'\n';
            }
        }
        i = stop;
    }
    return out;
}

} // namespace RebuildRadar
