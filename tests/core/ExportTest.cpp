// Every report format from a store with known history.
#include "TempStore.h"
#include "common/Duration.h"
#include "common/Time.h"
#include "export/Exporter.h"
#include "export/JsonShapes.h"
#include "export/PdfReportWriter.h"
#include "export/ReportText.h"
#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"
#include "store/PackageResults.h"

#include "registry/Backfill.h"
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace RebuildRadar;
using namespace RebuildRadar::Test;

namespace {

const qint64 kDay = 86400 * 1000;
const qint64 kStart = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

Observation seen(qint64 tagId, qint64 at, const char *digestSeed, const char *amd, const char *arm,
                 QMap<QString, QString> annotations = {})
{
    TagState s;
    s.digest = sha256Digest(digestSeed);
    s.mediaType = MediaType::OciIndex;
    s.detailed = true;
    s.platforms = {{QStringLiteral("linux/amd64"), PlatformImage{sha256Digest(amd), annotations}},
                   {QStringLiteral("linux/arm64"), PlatformImage{sha256Digest(arm), annotations}}};
    return Observation{tagId, at, TagStatus::Ok, {}, s};
}

// python:3.13 rebuilt on days 10, 14 and 30 (gaps 4 and 16 days); alpine:3 on day 5, and an
// index-only change on day 6.
struct Known
{
    Known()
    {
        python = db.watch(QStringLiteral("python:3.13"));
        alpine = db.watch(QStringLiteral("alpine:3"));
        auto base = [](const char *d) {
            return QMap<QString, QString>{{Annotation::BaseDigest, QString::fromLatin1(d)}};
        };
        EXPECT_TRUE(db.store
                        ->record({seen(python, kStart, "p1", "a1", "b1", base("sha256:1")),
                                  seen(alpine, kStart, "x1", "xa", "xb")},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(
            db.store->record({seen(alpine, kStart + 5 * kDay, "x2", "xa2", "xb")}, classifyRebuild).ok());
        EXPECT_TRUE(db.store->record({seen(alpine, kStart + 6 * kDay, "x3", "xa2", "xb")}, classifyRebuild)
                        .ok()); // index only
        EXPECT_TRUE(db.store
                        ->record({seen(python, kStart + 10 * kDay, "p2", "a2", "b2", base("sha256:2"))},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(db.store
                        ->record({seen(python, kStart + 14 * kDay, "p3", "a3", "b3", base("sha256:3"))},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(db.store
                        ->record({seen(python, kStart + 30 * kDay, "p4", "a4", "b4", base("sha256:4"))},
                                 classifyRebuild)
                        .ok());
        EXPECT_TRUE(db.store
                        ->record({seen(python, kStart + 40 * kDay, "p4", "a4", "b4", base("sha256:4"))},
                                 classifyRebuild)
                        .ok());
    }
    QByteArray exportAs(const QString &format, ReportOptions report = {}, QStringList refs = {})
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ExportOptions options{exportFormatFromString(format).value(), refs, report};
        const Status ok = Exporter::write(*db.store, options, buffer, kStart + 40 * kDay);
        EXPECT_TRUE(ok.ok()) << (ok ? "" : ok.error().message.toStdString());
        return buffer.data();
    }
    TempStore db;
    qint64 python = 0;
    qint64 alpine = 0;
};

// The text of a PDF as poppler's pdftotext reads it (installed by scripts/install-deps.sh).
QString pdfText(const QByteArray &pdf)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("r.pdf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), file.fileName(), QStringLiteral("-")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        ADD_FAILURE() << "pdftotext failed: " << p.readAllStandardError().toStdString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

TEST(Report, FiguresPerTag)
{
    Known k;
    auto history = k.db.store->history(k.python);
    const ReportTag t = reportTag(*history, {}, kStart + 40 * kDay);
    EXPECT_EQ(t.rebuilds, 3);
    EXPECT_EQ(t.silentRebuilds, 3);
    EXPECT_EQ(*t.medianGapMs, 10 * kDay); // (4 + 16) / 2
    EXPECT_EQ(*t.longestGapMs, 16 * kDay);
    EXPECT_EQ(t.currentDigest, sha256Digest("p4"));
    EXPECT_EQ(*t.currentAgeMs, 10 * kDay);

    // ending the period earlier: the digest current then, and its age then
    ReportOptions until;
    until.until = kStart + 20 * kDay;
    const ReportTag earlier =
        reportTag(*k.db.store->history(k.python, {}, until.until), until, kStart + 40 * kDay);
    EXPECT_EQ(earlier.rebuilds, 2);
    EXPECT_EQ(earlier.currentDigest, sha256Digest("p3"));
    EXPECT_EQ(*earlier.currentAgeMs, 6 * kDay);

    ReportOptions noIndexOnly;
    noIndexOnly.includeIndexOnly = false;
    EXPECT_EQ(reportTag(*k.db.store->history(k.alpine), noIndexOnly, kStart + 40 * kDay).rebuilds, 1);
    EXPECT_EQ(reportTag(*k.db.store->history(k.alpine), {}, kStart + 40 * kDay).rebuilds, 2);
    EXPECT_EQ(humanDuration(3 * kDay + 4 * 3600 * 1000), QStringLiteral("3 d 4 h"));
}

TEST(Report, CsvParsesBack)
{
    Known k;
    const QByteArray csv = k.exportAs(QStringLiteral("csv"));
    const QList<QByteArray> lines = csv.split('\n');
    ASSERT_EQ(lines.first().trimmed(), "reference,digest,first_seen,last_seen,platforms,causes");
    int pythonRows = 0;
    for (const QByteArray &line : lines.mid(1)) {
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> f = line.trimmed().split(',');
        ASSERT_EQ(f.size(), 6) << line.toStdString();
        if (f[0] != "docker.io/library/python:3.13")
            continue;
        ++pythonRows;
        EXPECT_TRUE(f[4].contains("linux/amd64=sha256:"));
        EXPECT_TRUE(f[4].contains(";linux/arm64=sha256:"));
    }
    EXPECT_EQ(pythonRows, 4);
    EXPECT_TRUE(csv.contains("docker.io/library/python:3.13," + sha256Digest("p2").toUtf8() +
                             ",2026-03-11T00:00:00Z,2026-03-11T00:00:00Z"));
    EXPECT_TRUE(csv.contains(",base-image\r\n"));
    // a period keeps the spans overlapping it
    ReportOptions period;
    period.since = kStart + 12 * kDay;
    period.until = kStart + 20 * kDay;
    const QByteArray part =
        k.exportAs(QStringLiteral("csv"), period, {QStringLiteral("docker.io/library/python:3.13")});
    EXPECT_EQ(part.trimmed().split('\n').size(), 1 + 2); // p2 (until day 14) and p3
}

TEST(Report, JsonIsAnArrayOfHistories)
{
    Known k;
    const QJsonArray array = QJsonDocument::fromJson(k.exportAs(QStringLiteral("json"))).array();
    ASSERT_EQ(array.size(), 2);
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        EXPECT_TRUE(o.contains(QStringLiteral("reference")));
        EXPECT_TRUE(o[QStringLiteral("digests")].isArray());
        EXPECT_TRUE(o[QStringLiteral("rebuilds")].isArray());
    }
}

TEST(Report, Markdown)
{
    Known k;
    const QString md = QString::fromUtf8(k.exportAs(QStringLiteral("md")));
    EXPECT_TRUE(md.startsWith(QStringLiteral("# Rebuild Radar report")));
    EXPECT_TRUE(md.contains(QStringLiteral("| python:3.13 | 3 | 3 | 0 | 10 d 0 h | 16 d 0 h | 10 d 0 h |")))
        << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("## alpine:3")));
    EXPECT_TRUE(md.contains(QStringLiteral("index-only")));
    EXPECT_TRUE(md.contains(QStringLiteral("2026-03-31T00:00:00Z")));
}

TEST(Report, HtmlIsSelfContainedWithSvgTimelines)
{
    Known k;
    const QByteArray html = k.exportAs(QStringLiteral("html"));
    QXmlStreamReader xml(html);
    int svgs = 0;
    int tables = 0;
    QStringList headings;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QString name = xml.name().toString();
        if (name == u"svg")
            ++svgs;
        if (name == u"table")
            ++tables;
        if (name == u"h2")
            headings.append(xml.readElementText());
        EXPECT_NE(name, QStringLiteral("script"));
        EXPECT_NE(name, QStringLiteral("link"));
        EXPECT_NE(name, QStringLiteral("img"));
        for (const QXmlStreamAttribute &a : xml.attributes()) {
            if (a.name() == u"src" || a.name() == u"href") {
                EXPECT_TRUE(a.value().startsWith(u'#')) << a.value().toString().toStdString();
            }
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_EQ(svgs, 2);
    EXPECT_GE(tables, 3);
    EXPECT_EQ(headings, (QStringList{QStringLiteral("alpine:3"), QStringLiteral("python:3.13")}));
    EXPECT_FALSE(html.contains("url("));
    EXPECT_FALSE(html.contains("@import"));
}

TEST(Report, PdfTextNamesEachTagDigestAndDate)
{
    Known k;
    const QByteArray pdf = k.exportAs(QStringLiteral("pdf"));
    ASSERT_TRUE(pdf.startsWith("%PDF-1.4"));
    const QString text = pdfText(pdf);
    EXPECT_TRUE(text.contains(QStringLiteral("Rebuild Radar report")));
    EXPECT_TRUE(text.contains(QStringLiteral("Tags: 2")));
    EXPECT_TRUE(text.contains(QStringLiteral("python:3.13")));
    EXPECT_TRUE(text.contains(QStringLiteral("alpine:3")));
    EXPECT_TRUE(text.contains(sha256Digest("p4")));
    for (const char *date : {"2026-03-11", "2026-03-15", "2026-03-31", "2026-03-06"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(date))) << date;
    EXPECT_TRUE(text.contains(QStringLiteral("Page 1")));
    EXPECT_TRUE(text.contains(QStringLiteral("Page 2")));
    EXPECT_TRUE(text.contains(QStringLiteral("base-image")));
}

TEST(Report, LongReportsPaginate)
{
    TempStore db;
    for (int i = 0; i < 60; ++i) {
        const qint64 id = db.watch(QStringLiteral("ghcr.io/org/app%1:1").arg(i));
        ASSERT_TRUE(db.store
                        ->record(
                            {
                                seen(id, kStart, "a", "b", "c"),
                            },
                            classifyRebuild)
                        .ok());
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(
        Exporter::write(*db.store, ExportOptions{ExportFormat::Pdf, {}, {}}, buffer, kStart + kDay).ok());
    const int pages = int(buffer.data().count("/Type /Page "));
    EXPECT_GE(pages, 5);
}

TEST(Report, UnknownFormatAndTagAreRefused)
{
    Known k;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EXPECT_FALSE(exportFormatFromString(QStringLiteral("xls")).ok()); // refused before anything is read
    EXPECT_FALSE(Exporter::write(
                     *k.db.store,
                     ExportOptions{ExportFormat::Markdown, {QStringLiteral("docker.io/library/nope:1")}, {}},
                     buffer, 0)
                     .ok());
    EXPECT_EQ(buffer.size(), 0);
}

namespace {
// python:3.13-slim on amd64, arm64 and riscv64: amd64 rebuilt a day after the first check, arm64 an
// hour later; riscv64 is left to each test.
struct RolloutOnThreePlatforms
{
    RolloutOnThreePlatforms()
    {
        EXPECT_TRUE(db.store->record({observe(kStart, "i0")}, classifyRebuild).ok());
        current[platforms[0]] = "a1";
        EXPECT_TRUE(db.store->record({observe(kStart + kDay, "i1")}, classifyRebuild).ok());
        current[platforms[1]] = "b1";
        EXPECT_TRUE(db.store->record({observe(kStart + kDay + 3600000, "i2")}, classifyRebuild).ok());
    }
    Observation observe(qint64 at, const QByteArray &index) const
    {
        TagState s;
        s.digest = sha256Digest(index);
        s.detailed = true;
        for (auto it = current.begin(); it != current.end(); ++it)
            s.platforms.insert(it.key(), PlatformImage{sha256Digest(it.value()), {}});
        return Observation{id, at, TagStatus::Ok, {}, s};
    }
    TempStore db;
    const qint64 id = db.watch(QStringLiteral("python:3.13-slim"));
    const QStringList platforms{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8"),
                                QStringLiteral("linux/riscv64")};
    QMap<QString, QByteArray> current{{platforms[0], "a0"}, {platforms[1], "b0"}, {platforms[2], "c0"}};
};
} // namespace

TEST(Report, AMultiDayRolloutCountsOnce)
{
    RolloutOnThreePlatforms f;
    auto &db = f.db;
    f.current[f.platforms[2]] = "c1";
    ASSERT_TRUE(db.store->record({f.observe(kStart + 3 * kDay, "i3")}, classifyRebuild).ok());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(
        Exporter::write(*db.store, ExportOptions{ExportFormat::Markdown, {}, {}}, buffer, kStart + 4 * kDay)
            .ok());
    const QString md = QString::fromUtf8(buffer.data());
    EXPECT_TRUE(md.contains(QStringLiteral("| python:3.13-slim | 1 | 1 | 0 |"))) << md.toStdString();
    EXPECT_TRUE(md.contains(
        QStringLiteral("on all %n platform(s) after 2 d 0 h, linux/riscv64 came last, %n digest change(s)")
            .replace(QStringLiteral("%n"), QStringLiteral("3"))))
        << md.toStdString();
    // with the catalogues (as both programs install them): English, German and French plural forms
    for (const auto &[language, expected] :
         {std::pair{"en", "on all 3 platforms after 2 d 0 h, linux/riscv64 came last, 3 digest changes"},
          std::pair{"de",
                    "auf allen 3 Plattformen nach 2 T 0 h, linux/riscv64 kam zuletzt, 3 Digest-Wechsel"},
          std::pair{"fr", "sur les 3 plateformes après 2 j 0 h, linux/riscv64 est arrivée en dernier, 3 "
                          "changements de digest"}}) {
        QTranslator translator;
        ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/rebuildradar_") + QLatin1String(language)));
        QCoreApplication::installTranslator(&translator);
        QBuffer translated;
        translated.open(QIODevice::WriteOnly);
        ASSERT_TRUE(Exporter::write(*db.store, ExportOptions{ExportFormat::Markdown, {}, {}}, translated,
                                    kStart + 4 * kDay)
                        .ok());
        QCoreApplication::removeTranslator(&translator);
        EXPECT_TRUE(QString::fromUtf8(translated.data()).contains(QString::fromUtf8(expected)))
            << language << "\n"
            << translated.data().toStdString();
    }
    // and the history JSON groups the three digest changes into one rollout
    QBuffer json;
    json.open(QIODevice::WriteOnly);
    ASSERT_TRUE(
        Exporter::write(*db.store, ExportOptions{ExportFormat::Json, {}, {}}, json, kStart + 4 * kDay).ok());
    const QJsonObject h = QJsonDocument::fromJson(json.data()).array()[0].toObject();
    const QJsonArray rollouts = h[QStringLiteral("rollouts")].toArray();
    ASSERT_EQ(rollouts.size(), 1);
    EXPECT_EQ(rollouts[0].toObject()[QStringLiteral("completed_at")].toString(),
              QStringLiteral("2026-03-04T00:00:00Z"));
    EXPECT_EQ(rollouts[0].toObject()[QStringLiteral("platforms_done")].toArray().size(), 3);
    EXPECT_TRUE(rollouts[0].toObject()[QStringLiteral("platforms_pending")].toArray().isEmpty());
    for (const QJsonValue &r : h[QStringLiteral("rebuilds")].toArray())
        EXPECT_EQ(r.toObject()[QStringLiteral("rollout")].toInt(), 1);
}

TEST(Report, ARolloutThatMissedAPlatformIsClosedNotInProgress)
{
    RolloutOnThreePlatforms f;
    auto &db = f.db;
    auto report = [&](const char *format) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        EXPECT_TRUE(Exporter::write(
                        *db.store,
                        ExportOptions{exportFormatFromString(QString::fromLatin1(format)).value(), {}, {}},
                        buffer, kStart + 6 * kDay)
                        .ok());
        return buffer.data();
    };
    // last seen inside the window (it ends three days after the first step): riscv64 may still come
    EXPECT_TRUE(QString::fromUtf8(report("md")).contains(QStringLiteral("in progress: 2 of 3 platforms")));
    // seen a day after the window, riscv64 still not rebuilt
    ASSERT_TRUE(db.store->record({f.observe(kStart + 5 * kDay, "i2")}, classifyRebuild).ok());
    const QString md = QString::fromUtf8(report("md"));
    EXPECT_TRUE(md.contains(
        QStringLiteral("closed 2026-03-05T00:00:00Z on 2 of 3 platforms, not rebuilt: linux/riscv64")))
        << md.toStdString();
    EXPECT_FALSE(md.contains(QStringLiteral("in progress")));
    const QJsonObject rollout = QJsonDocument::fromJson(report("json"))
                                    .array()[0]
                                    .toObject()[QStringLiteral("rollouts")]
                                    .toArray()[0]
                                    .toObject();
    EXPECT_EQ(rollout[QStringLiteral("closed_at")].toString(), QStringLiteral("2026-03-05T00:00:00Z"));
    EXPECT_TRUE(rollout[QStringLiteral("completed_at")].isNull());
    EXPECT_EQ(rollout[QStringLiteral("platforms_pending")].toArray(), QJsonArray{f.platforms[2]});
}

TEST(Report, UpstreamTimesLagAndAliasesInEveryReadableFormat)
{
    Known k;
    // Upstream pushed python's day-30 digest six hours before we saw it; python:3 shares its digest.
    const qint64 pushed = kStart + 30 * kDay - 6 * 3600 * 1000;
    ASSERT_TRUE(k.db.store->setPushTimes(k.python, sha256Digest("p4"), PushTimes{pushed, {}}).ok());
    const qint64 alias = k.db.watch(QStringLiteral("python:3"));
    ASSERT_TRUE(
        k.db.store->record({seen(alias, kStart + 40 * kDay, "p4", "a4", "b4")}, classifyRebuild).ok());
    ReportOptions python;
    const QStringList only{QStringLiteral("docker.io/library/python:3.13")};

    const QString md = QString::fromUtf8(k.exportAs(QStringLiteral("md"), python, only));
    EXPECT_TRUE(
        md.contains(QStringLiteral("| pushed 2026-03-30T18:00:00Z | 2026-03-31T00:00:00Z | 6 h 0 min |")))
        << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("Same digest as: 3"))) << md.toStdString();
    // a rebuild whose digest says nothing of its upstream time has no lag
    EXPECT_TRUE(md.contains(QStringLiteral("| - | 2026-03-11T00:00:00Z | - |"))) << md.toStdString();

    const QString html = QString::fromUtf8(k.exportAs(QStringLiteral("html"), python, only));
    EXPECT_TRUE(
        html.contains(QStringLiteral("<td>pushed 2026-03-30T18:00:00Z</td><td>2026-03-31T00:00:00Z</td>"
                                     "<td>6 h 0 min</td>")))
        << html.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("Same digest as: 3")));
    EXPECT_TRUE(html.contains(QStringLiteral("pushed 2026-03-30T18:00:00Z, lag 6 h 0 min</title>")));

    const QString pdf = pdfText(k.exportAs(QStringLiteral("pdf"), python, only));
    // a row of the tag's table: detected, upstream, lag
    EXPECT_TRUE(pdf.contains(QRegularExpression(
        QStringLiteral("2026-03-31T00:00:00Z\\s+pushed 2026-03-30T18:00:00Z\\s+6 h 0 min"))))
        << pdf.toStdString();
    EXPECT_TRUE(pdf.contains(QStringLiteral("Same digest as: 3")));

    const QJsonArray json = QJsonDocument::fromJson(k.exportAs(QStringLiteral("json"), python, only)).array();
    ASSERT_EQ(json.size(), 1);
    EXPECT_EQ(json[0].toObject()[QStringLiteral("aliases")].toArray(), QJsonArray{QStringLiteral("3")});
    EXPECT_EQ(json[0].toObject()[QStringLiteral("rebuilds")].toArray().last().toObject()[QStringLiteral(
                  "lag_seconds")],
              QJsonValue(6 * 3600));
}

TEST(ExportFormat, TheContractsNamesRoundTripThroughTheEnum)
{
    // The names docs/CLI.md gives --format, in its order.
    const QStringList names{QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("md"),
                            QStringLiteral("html"), QStringLiteral("pdf")};
    EXPECT_EQ(Exporter::formats(), names);
    QList<ExportFormat> parsed;
    for (const QString &name : names) {
        const Result<ExportFormat> format = exportFormatFromString(name);
        ASSERT_TRUE(format.ok()) << name.toStdString();
        EXPECT_EQ(toString(*format), name);
        parsed.append(*format);
    }
    EXPECT_EQ(parsed, (QList<ExportFormat>{ExportFormat::Csv, ExportFormat::Json, ExportFormat::Markdown,
                                           ExportFormat::Html, ExportFormat::Pdf}));

    for (const char *bad : {"xls", "PDF", "", "markdown"}) {
        const Result<ExportFormat> format = exportFormatFromString(QString::fromLatin1(bad));
        ASSERT_FALSE(format.ok()) << bad;
        EXPECT_EQ(format.error().code, ErrorCode::InvalidInput);
        EXPECT_TRUE(format.error().message.contains(QStringLiteral("csv, json, md, html, pdf")));
    }

    EXPECT_FALSE(isTextFormat(ExportFormat::Pdf));
    EXPECT_TRUE(isTextFormat(ExportFormat::Markdown));
}

TEST(JsonShapes, CausesAreKindAndDetailObjects)
{
    const QList<Cause> causes{{CauseKind::Version, QStringLiteral("3.13.0 -> 3.13.1")},
                              {CauseKind::IndexOnly, QString()}};
    const QByteArray expected =
        R"([{"detail":"3.13.0 -> 3.13.1","kind":"version"},{"detail":"","kind":"index-only"}])";
    EXPECT_EQ(QJsonDocument(causesJson(causes)).toJson(QJsonDocument::Compact), expected);
    Rebuild r;
    r.causes = causes;
    EXPECT_EQ(rebuildJson(r)[QStringLiteral("causes")].toArray(), causesJson(causes));
}

namespace {
struct stat statOf(const QString &path)
{
    struct stat st = {};
    EXPECT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0) << path.toStdString();
    return st;
}
} // namespace

TEST(ExportFile, AFifoIsWrittenToAndStaysAFifo)
{
    Known k;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.fifo"));
    const QByteArray name = QFile::encodeName(path);
    ASSERT_EQ(::mkfifo(name.constData(), 0600), 0);
    // Held open read-write (Linux lets a FIFO be opened so without blocking) while the reader opens its
    // end, so neither that open nor the export's blocks; the reader sees EOF only once this is closed
    // too, so if the export never opens the FIFO the test fails instead of hanging.
    const int holder = ::open(name.constData(), O_RDWR);
    ASSERT_GE(holder, 0);
    const int readEnd = ::open(name.constData(), O_RDONLY);
    ASSERT_GE(readEnd, 0);
    QByteArray received;
    std::thread reader([&] {
        char chunk[4096];
        ssize_t n = 0;
        while ((n = ::read(readEnd, chunk, sizeof chunk)) > 0)
            received.append(chunk, n);
        ::close(readEnd);
    });
    ExportOptions md{ExportFormat::Markdown, {}, {}};
    const Status written = Exporter::writeFile(*k.db.store, md, path, kStart + 40 * kDay);
    ::close(holder);
    reader.join();
    ASSERT_TRUE(written.ok()) << written.error().message.toStdString();

    EXPECT_TRUE(S_ISFIFO(statOf(path).st_mode));
    EXPECT_TRUE(received.startsWith("# Rebuild Radar report")) << received.left(200).toStdString();
    EXPECT_TRUE(received.contains("## python:3.13"));
    EXPECT_EQ(received, k.exportAs(QStringLiteral("md"))); // all of it, as a buffer gets it
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::System | QDir::Hidden),
              QStringList{QStringLiteral("report.fifo")}); // no temporary file left beside it
}

TEST(ExportFile, AFullDeviceFailsTheExportAndStaysADevice)
{
    const QString full = QStringLiteral("/dev/full");
    struct stat before = {};
    if (::stat("/dev/full", &before) != 0 || !S_ISCHR(before.st_mode))
        GTEST_SKIP() << "no /dev/full here";
    Known k;
    const Status written = Exporter::writeFile(*k.db.store, ExportOptions{ExportFormat::Markdown, {}, {}},
                                               full, kStart + 40 * kDay);
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, ErrorCode::Io);
    EXPECT_TRUE(written.error().message.contains(QStringLiteral("No space left")))
        << written.error().message.toStdString();
    const struct stat after = statOf(full);
    EXPECT_TRUE(S_ISCHR(after.st_mode));
    EXPECT_EQ(after.st_rdev, before.st_rdev);
}

TEST(ExportFile, ARegularFileIsReplacedWhole)
{
    Known k;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.md"));
    {
        QFile old(path);
        ASSERT_TRUE(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x')); // longer than the report: nothing of it may remain
    }
    ASSERT_TRUE(Exporter::writeFile(*k.db.store, ExportOptions{ExportFormat::Markdown, {}, {}}, path,
                                    kStart + 40 * kDay)
                    .ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), k.exportAs(QStringLiteral("md")));
    EXPECT_TRUE(S_ISREG(statOf(path).st_mode));
    // a failing export leaves the old file alone
    EXPECT_FALSE(Exporter::writeFile(
                     *k.db.store,
                     ExportOptions{ExportFormat::Markdown, {QStringLiteral("docker.io/library/nope:1")}, {}},
                     path, 0)
                     .ok());
    file.close();
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), k.exportAs(QStringLiteral("md")));
}

namespace {
// A tag whose registry put markup, table pipes, backticks and a terminal escape into a platform name and
// into the version annotation (which the version cause quotes).
struct HostileRegistry
{
    HostileRegistry()
    {
        EXPECT_TRUE(
            db.store->record({observe(kStart, "i1", "a1", QStringLiteral("1.0"))}, classifyRebuild).ok());
        EXPECT_TRUE(db.store->record({observe(kStart + kDay, "i2", "a2", hostile)}, classifyRebuild).ok());
    }
    Observation observe(qint64 at, const char *index, const char *image, const QString &version) const
    {
        TagState s;
        s.digest = sha256Digest(index);
        s.mediaType = MediaType::OciIndex;
        s.detailed = true;
        s.annotations = {{Annotation::Version, version}};
        s.platforms = {{platform, PlatformImage{sha256Digest(image), {{Annotation::Version, version}}}}};
        return Observation{id, at, TagStatus::Ok, {}, s};
    }
    QByteArray exportAs(const char *format)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        EXPECT_TRUE(Exporter::write(
                        *db.store,
                        ExportOptions{exportFormatFromString(QString::fromLatin1(format)).value(), {}, {}},
                        buffer, kStart + 2 * kDay)
                        .ok());
        return buffer.data();
    }
    const QString hostile = QStringLiteral("2.0<script>alert(1)</script>|`x`\x1b[31mred\u009b0m");
    const QString platform = QStringLiteral("linux/amd64|<script>x</script>`\x1b]0;owned\x07");
    TempStore db;
    const qint64 id = db.watch(QStringLiteral("ghcr.io/org/app:1"));
};

// The `|` of a line that GitHub would split cells at: those not escaped by a backslash.
int unescapedPipes(const QString &line)
{
    int pipes = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == u'\\')
            ++i;
        else if (line[i] == u'|')
            ++pipes;
    }
    return pipes;
}
} // namespace

TEST(Report, MarkdownEscapesWhatRegistriesWrote)
{
    HostileRegistry f;
    const QString md = QString::fromUtf8(f.exportAs("md"));
    for (const QChar c : md) {
        const char16_t u = c.unicode();
        EXPECT_FALSE((u < 0x20 && u != u'\n') || (u >= 0x7f && u <= 0x9f)) << "control " << int(u);
    }
    EXPECT_FALSE(md.contains(QStringLiteral("<script>")));
    int tableRows = 0;
    for (const QString &line : md.split(u'\n')) {
        if (!line.startsWith(u'|'))
            continue;
        ++tableRows;
        EXPECT_EQ(unescapedPipes(line), 8) << line.toStdString(); // seven cells in every table
    }
    EXPECT_EQ(tableRows, 2 + 1 + 2 + 1); // summary head and row, rebuilds head and row
    // still there to read, as text
    EXPECT_TRUE(md.contains(QStringLiteral("linux/amd64\\|\\<script\\>x\\</script\\>\\`")))
        << md.toStdString();
    EXPECT_TRUE(
        md.contains(QStringLiteral("2.0\\<script\\>alert(1)\\</script\\>\\|\\`x\\`\uFFFD\\[31mred\uFFFD0m")))
        << md.toStdString();
}

TEST(Report, HtmlEscapesWhatRegistriesWrote)
{
    HostileRegistry f;
    const QByteArray html = f.exportAs("html");
    EXPECT_FALSE(html.toLower().contains("<script"));
    EXPECT_FALSE(html.contains('\x1b'));
    EXPECT_FALSE(html.contains('\x07'));
    // well-formed (XML refuses raw control characters) and with no element the registry named
    QXmlStreamReader xml(html);
    QStringList texts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            EXPECT_NE(xml.name().toString(), QStringLiteral("script"));
        }
        if (xml.isCharacters())
            texts.append(xml.text().toString());
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    const QString text = texts.join(QString());
    EXPECT_TRUE(text.contains(QStringLiteral("linux/amd64|<script>x</script>`"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("2.0<script>alert(1)</script>|`x`\uFFFD[31mred\uFFFD0m")));
}

TEST(Report, WhatChangedInsideEachAnalysedRebuildInEveryFormat)
{
    Known k;
    auto history = k.db.store->history(k.python);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->rebuilds.size(), 3);
    const Rebuild &day14 = history->rebuilds.at(1);
    PackageAnalysis a;
    a.platform = QStringLiteral("linux/amd64");
    a.diff.changed.append(PackageChange{QStringLiteral("libssl3"), QStringLiteral("3.0.15-1"),
                                        QStringLiteral("3.0.17-1"), QStringLiteral("openssl"),
                                        Ecosystem::Debian, VersionDirection::Upgrade});
    a.fixes = QList<SecurityFix>{{QStringLiteral("CVE-2025-9230"), QStringLiteral("openssl")}};
    PackageResults results(*k.db.db, [&k] { return k.db.clock.nowMs(); });
    ASSERT_TRUE(results.saveAnalysis(day14.id, a).ok());
    PackageAnalysis arm = a;
    arm.platform = QStringLiteral("linux/arm64");
    ASSERT_TRUE(results.saveAnalysis(day14.id, arm).ok());
    const QString expected = QStringLiteral(
        "2026-03-15T00:00:00Z, build 2 → 3: openssl 3.0.15-1 → 3.0.17-1 (fixes CVE-2025-9230)");
    const QStringList only{QStringLiteral("docker.io/library/python:3.13")};

    const QString md = QString::fromUtf8(k.exportAs(QStringLiteral("md"), {}, only));
    EXPECT_TRUE(md.contains(QStringLiteral("What changed inside:"))) << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("- ") + markdownText(expected))) << md.toStdString();
    // the rebuilds not analysed say nothing
    EXPECT_EQ(md.count(QStringLiteral(", build ")), 1) << md.toStdString();

    const QString html = QString::fromUtf8(k.exportAs(QStringLiteral("html"), {}, only));
    EXPECT_TRUE(html.contains(QStringLiteral("<li>") + htmlText(expected) + QStringLiteral("</li>")))
        << html.toStdString();

    const QString pdf = pdfText(k.exportAs(QStringLiteral("pdf"), {}, only));
    EXPECT_TRUE(pdf.contains(QStringLiteral("What changed inside:")) &&
                pdf.contains(QStringLiteral("openssl 3.0.15-1 -> 3.0.17-1 (fixes CVE-2025-9230)")))
        << pdf.toStdString();

    const QJsonArray json = QJsonDocument::fromJson(k.exportAs(QStringLiteral("json"), {}, only)).array();
    const QJsonObject rebuild = json[0].toObject()[QStringLiteral("rebuilds")].toArray().at(1).toObject();
    EXPECT_EQ(rebuild[QStringLiteral("packages")].toObject().keys(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
}

// Build numbers where the readable reports name a digest: "build 3 → build 4", the current one too.
TEST(Report, BuildNumbersInEveryReadableFormat)
{
    Known k;
    const QString p3 = shortDigest(sha256Digest("p3"));
    const QString p4 = shortDigest(sha256Digest("p4"));
    const QString md = QString::fromUtf8(k.exportAs(QStringLiteral("md")));
    EXPECT_TRUE(md.contains(QStringLiteral("| build 3 `%1` | build 4 `%2` |").arg(p3, p4)))
        << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("Current digest build 4 `%1`").arg(sha256Digest("p4"))))
        << md.toStdString();
    const QString html = QString::fromUtf8(k.exportAs(QStringLiteral("html")));
    EXPECT_TRUE(html.contains(
        QStringLiteral("<td>build 3 <code>%1</code></td><td>build 4 <code>%2</code></td>").arg(p3, p4)))
        << html.toStdString();
    const QString pdf = pdfText(k.exportAs(QStringLiteral("pdf")));
    EXPECT_TRUE(pdf.contains(QStringLiteral("build 3 -> build 4"))) << pdf.toStdString();
    EXPECT_TRUE(pdf.contains(QStringLiteral("build 4 ") + sha256Digest("p4")))
        << pdf.toStdString(); // appendix
}

// The PDF opens with the summary table, then per tag a table of its rebuilds (detection, upstream,
// lag, builds, causes) with whole timestamps, and ends with the digests in an appendix.
TEST(Report, PdfSummaryFirstTablesPerTagDigestsInAnAppendix)
{
    Known k;
    const QString text = pdfText(k.exportAs(QStringLiteral("pdf")));
    const QStringList pages = text.split(u'\f');
    ASSERT_GE(pages.size(), 2);
    EXPECT_TRUE(pages[0].contains(QStringLiteral("Rollouts"))) << pages[0].toStdString();
    EXPECT_TRUE(pages[0].contains(QStringLiteral("Median gap")));
    const qsizetype summaryRow =
        pages[0].indexOf(QRegularExpression(QStringLiteral("python:3\\.13\\s+3\\s+3\\s+0")));
    EXPECT_GE(summaryRow, 0) << pages[0].toStdString();
    const qsizetype table = text.indexOf(QStringLiteral("Detected"));
    const qsizetype appendix = text.indexOf(QStringLiteral("Appendix: digests"));
    ASSERT_GE(table, 0);
    ASSERT_GT(appendix, table);
    EXPECT_GT(text.indexOf(sha256Digest("p4"), appendix), appendix); // the digests come last
    for (const char *time : {"2026-03-11T00:00:00Z", "2026-03-15T00:00:00Z", "2026-03-31T00:00:00Z"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(time))) << time; // never cut in two
    EXPECT_TRUE(text.contains(QStringLiteral("build 3 -> build 4")));
    EXPECT_EQ(PdfReportWriter::wrap(QStringLiteral("pushed 2026-03-11T00:00:00Z"), 100, 7.5),
              (QStringList{QStringLiteral("pushed"), QStringLiteral("2026-03-11T00:00:00Z")}));
}

// The HTML timeline is scaled to the data, not to the period: a history that began late in a long
// period fills the line, and a short one is labelled with times of day.
TEST(Report, HtmlTimelineIsScaledToTheData)
{
    Known k;
    ReportOptions period;
    period.since = kStart - 90 * kDay; // python's history covers the last 40 days of 130
    const QString html = QString::fromUtf8(k.exportAs(QStringLiteral("html"), period));
    const QRegularExpression firstSpan(QStringLiteral("fill=\"#eee\"/><rect x=\"([0-9.]+)\""));
    const QRegularExpressionMatch match = firstSpan.match(html);
    ASSERT_TRUE(match.hasMatch()) << html.toStdString();
    EXPECT_LT(match.captured(1).toDouble(), 80.0); // near the left end (20), not at 546
}

TEST(Report, PdfGainsARunningSectionLikeMarkdownAndHtml)
{
    Known k;
    RunningStatus web;
    web.workload.name = QStringLiteral("webfront");
    web.workload.host = QStringLiteral("unix:///var/run/docker.sock");
    web.match = RunningMatchKind::Build;
    web.reference = QStringLiteral("docker.io/library/python:3.13");
    web.build = 2;
    web.builds = 4;
    web.stale = true;
    web.rebuildsBehind = 2;
    web.newerSince = kStart + 14 * kDay;
    web.runningSince = kStart + 10 * kDay;
    ExportOptions options{ExportFormat::Pdf, {}, {}};
    options.running = QList<RunningStatus>{web};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ASSERT_TRUE(Exporter::write(*k.db.store, options, buffer, kStart + 40 * kDay).ok());
    const QString text = pdfText(buffer.data());
    const qsizetype section = text.indexOf(QStringLiteral("Running"));
    ASSERT_GE(section, 0) << text.toStdString();
    const qsizetype row = text.indexOf(QStringLiteral("webfront"), section);
    ASSERT_GT(row, section) << text.toStdString();
    EXPECT_GT(text.indexOf(QStringLiteral("2 of 4"), row), row);
    EXPECT_GT(text.indexOf(QStringLiteral("2026-03-15"), row), row);   // the newer build's date
    EXPECT_LT(row, text.indexOf(QStringLiteral("Appendix: digests"))); // before the appendix
    // No source configured: no section.
    QBuffer plain;
    plain.open(QIODevice::WriteOnly);
    ASSERT_TRUE(
        Exporter::write(*k.db.store, ExportOptions{ExportFormat::Pdf, {}, {}}, plain, kStart + 40 * kDay)
            .ok());
    EXPECT_FALSE(pdfText(plain.data()).contains(QStringLiteral("webfront")));
}
