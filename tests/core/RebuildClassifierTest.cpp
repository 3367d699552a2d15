#include "history/RebuildClassifier.h"
#include "registry/ManifestParser.h"

#include <gtest/gtest.h>

#include <QDateTime>

using namespace RebuildRadar;

namespace {

const QString A = QStringLiteral("sha256:") + QString(64, u'a');
const QString B = QStringLiteral("sha256:") + QString(64, u'b');

QString d(char c)
{
    return QStringLiteral("sha256:") + QString(64, QLatin1Char(c));
}

PlatformImage image(char digest, QMap<QString, QString> annotations = {})
{
    return PlatformImage{d(digest), std::move(annotations)};
}

QList<CauseKind> kinds(const Rebuild &r)
{
    QList<CauseKind> out;
    for (const Cause &c : r.causes)
        out.append(c.kind);
    return out;
}

} // namespace

TEST(RebuildClassifier, BaseImageDigestChangedOnOnePlatform)
{
    ClassifierInput in;
    in.before =
        Snapshot{A,
                 MediaType::OciIndex,
                 {},
                 {{QStringLiteral("linux/amd64"),
                   image('1', {{Annotation::BaseName, QStringLiteral("debian:bookworm-slim")},
                               {Annotation::BaseDigest, d('7')}})},
                  {QStringLiteral("linux/arm64/v8"), image('2', {{Annotation::BaseDigest, d('8')}})}}};
    in.after = in.before;
    in.after.digest = B;
    in.after.platforms[QStringLiteral("linux/amd64")] =
        image('3', {{Annotation::BaseName, QStringLiteral("debian:bookworm-slim")},
                    {Annotation::BaseDigest, d('9')}});
    const Rebuild r = classifyRebuild(in);
    EXPECT_EQ(r.platformsChanged, QStringList{QStringLiteral("linux/amd64")});
    EXPECT_TRUE(r.platformsAdded.isEmpty());
    EXPECT_EQ(kinds(r), QList<CauseKind>{CauseKind::BaseImage});
    EXPECT_TRUE(r.causes[0].detail.contains(QStringLiteral("debian:bookworm-slim")))
        << r.causes[0].detail.toStdString();
}

TEST(RebuildClassifier, BaseNameComparedNormalized)
{
    ClassifierInput in;
    in.before = Snapshot{A,
                         {},
                         {},
                         {{QStringLiteral("linux/amd64"),
                           image('1', {{Annotation::BaseName, QStringLiteral("debian:bookworm")}})}}};
    in.after = Snapshot{
        B,
        {},
        {},
        {{QStringLiteral("linux/amd64"),
          image('2', {{Annotation::BaseName, QStringLiteral("docker.io/library/debian:bookworm")}})}}};
    EXPECT_FALSE(classifyRebuild(in).hasCause(CauseKind::BaseImage));
    in.after.platforms[QStringLiteral("linux/amd64")].annotations[Annotation::BaseName] =
        QStringLiteral("debian:trixie");
    EXPECT_TRUE(classifyRebuild(in).hasCause(CauseKind::BaseImage));
}

TEST(RebuildClassifier, RevisionAndVersion)
{
    ClassifierInput in;
    in.before = Snapshot{
        A,
        {},
        {},
        {{QStringLiteral("linux/amd64"), image('1', {{Annotation::Revision, QStringLiteral("aaa")},
                                                     {Annotation::Version, QStringLiteral("3.13.8")}})}}};
    in.after = Snapshot{
        B,
        {},
        {},
        {{QStringLiteral("linux/amd64"), image('2', {{Annotation::Revision, QStringLiteral("bbb")},
                                                     {Annotation::Version, QStringLiteral("3.13.8")}})}}};
    EXPECT_EQ(kinds(classifyRebuild(in)), QList<CauseKind>{CauseKind::Revision});
    in.after.platforms[QStringLiteral("linux/amd64")].annotations[Annotation::Version] =
        QStringLiteral("3.13.9");
    const Rebuild r = classifyRebuild(in);
    EXPECT_EQ(kinds(r), (QList<CauseKind>{CauseKind::Version, CauseKind::Revision}));
    EXPECT_TRUE(r.causes[0].detail.contains(QStringLiteral("3.13.9")));
}

TEST(RebuildClassifier, VersionMoveToASiblingTag)
{
    ClassifierInput in;
    in.before = Snapshot{A, {}, {}, {{QStringLiteral("linux/amd64"), image('1')}}};
    in.after = Snapshot{B, {}, {}, {{QStringLiteral("linux/amd64"), image('2')}}};
    in.movedFromTag = QStringLiteral("3.13.8");
    in.movedToTag = QStringLiteral("3.13.9");
    const Rebuild r = classifyRebuild(in);
    ASSERT_TRUE(r.hasCause(CauseKind::Version));
    EXPECT_TRUE(r.causes[0].detail.contains(QStringLiteral("3.13.8")));
    EXPECT_FALSE(r.hasCause(CauseKind::Unknown));
}

TEST(RebuildClassifier, PlatformsAddedAndRemoved)
{
    ClassifierInput in;
    in.before =
        Snapshot{A,
                 {},
                 {},
                 {{QStringLiteral("linux/amd64"), image('1')}, {QStringLiteral("linux/s390x"), image('2')}}};
    in.after = Snapshot{
        B,
        {},
        {},
        {{QStringLiteral("linux/amd64"), image('1')}, {QStringLiteral("linux/riscv64"), image('3')}}};
    const Rebuild r = classifyRebuild(in);
    EXPECT_EQ(r.platformsAdded, QStringList{QStringLiteral("linux/riscv64")});
    EXPECT_EQ(r.platformsRemoved, QStringList{QStringLiteral("linux/s390x")});
    EXPECT_TRUE(r.platformsChanged.isEmpty());
    EXPECT_EQ(kinds(r), QList<CauseKind>{CauseKind::Platforms});
}

TEST(RebuildClassifier, CreatedOnlyAndUnknown)
{
    ClassifierInput in;
    in.before = Snapshot{A,
                         {},
                         {},
                         {{QStringLiteral("linux/amd64"),
                           image('1', {{Annotation::Created, QStringLiteral("2026-01-01T00:00:00Z")}})}}};
    in.after =
        Snapshot{B,
                 {},
                 {},
                 {{QStringLiteral("linux/amd64"),
                   image('2', {{Annotation::ConfigCreated, QStringLiteral("2026-01-05T00:00:00Z")}})}}};
    EXPECT_EQ(kinds(classifyRebuild(in)), QList<CauseKind>{CauseKind::Created});

    in.after.platforms[QStringLiteral("linux/amd64")].annotations.clear();
    EXPECT_EQ(kinds(classifyRebuild(in)), QList<CauseKind>{CauseKind::Unknown});
}

TEST(RebuildClassifier, IndexOnlyWhenNoPlatformChanged)
{
    ClassifierInput in;
    in.before = Snapshot{A, {}, {}, {{QStringLiteral("linux/amd64"), image('1')}}};
    in.after = Snapshot{B, {}, {}, {{QStringLiteral("linux/amd64"), image('1')}}};
    const Rebuild r = classifyRebuild(in);
    EXPECT_EQ(kinds(r), QList<CauseKind>{CauseKind::IndexOnly});
    EXPECT_TRUE(r.platformsChanged.isEmpty());
}

TEST(RebuildClassifier, RevertIsSaid)
{
    ClassifierInput in;
    in.before = Snapshot{A, {}, {}, {{QStringLiteral("linux/amd64"), image('1')}}};
    in.after = Snapshot{B, {}, {}, {{QStringLiteral("linux/amd64"), image('2')}}};
    in.revertOfFirstSeen = 1767225600000; // 2026-01-01
    const Rebuild r = classifyRebuild(in);
    ASSERT_TRUE(r.hasCause(CauseKind::Revert));
    EXPECT_FALSE(r.hasCause(CauseKind::Unknown));
    EXPECT_TRUE(r.causes.last().detail.contains(QStringLiteral("2026-01-01T00:00:00Z")));
}

TEST(RebuildClassifier, TouchesUserPlatforms)
{
    Rebuild r;
    r.platformsChanged = {QStringLiteral("linux/arm64/v8")};
    EXPECT_TRUE(r.touches({}));
    EXPECT_TRUE(r.touches({QStringLiteral("linux/arm64/v8")}));
    EXPECT_FALSE(r.touches({QStringLiteral("linux/amd64")}));
}

TEST(Rebuild, PlatformsTouchedAreChangedAddedAndRemoved)
{
    Rebuild r;
    EXPECT_TRUE(r.platformsTouched().isEmpty()); // index only
    r.platformsChanged = {QStringLiteral("linux/amd64")};
    r.platformsAdded = {QStringLiteral("linux/riscv64")};
    r.platformsRemoved = {QStringLiteral("linux/s390x"), QStringLiteral("linux/ppc64le")};
    EXPECT_EQ(r.platformsTouched(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/riscv64"),
                           QStringLiteral("linux/s390x"), QStringLiteral("linux/ppc64le")}));
}

TEST(RebuildClassifier, BuiltAtIsTheNewestDeclaredTime)
{
    Snapshot s{A,
               {},
               {},
               {{QStringLiteral("linux/amd64"),
                 image('1', {{Annotation::Created, QStringLiteral("2026-01-01T00:00:00Z")}})},
                {QStringLiteral("linux/arm64"),
                 image('2', {{Annotation::ConfigCreated, QStringLiteral("2026-01-02T00:00:00Z")}})}}};
    ASSERT_TRUE(builtAt(s).has_value());
    EXPECT_EQ(*builtAt(s), QDateTime(QDate(2026, 1, 2), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    EXPECT_FALSE(builtAt(Snapshot{}).has_value());
}

TEST(Span, ASpanEndsWhenTheNextDigestWasSeenAndTheCurrentOneLastsUntilNow)
{
    QList<Span> spans(2);
    spans[0].firstSeen = 100;
    spans[0].lastSeen = 150; // its last poll, before the next digest was seen at 200
    spans[1].firstSeen = 200;
    spans[1].lastSeen = 300;
    EXPECT_EQ(spanEnd(spans, 0, 1000), 200);
    EXPECT_EQ(spanEnd(spans, 1, 1000), 1000);
    EXPECT_EQ(spanEnd(spans, 1, 250), 300); // never before its own last sighting
}
