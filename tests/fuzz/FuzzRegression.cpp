// Replays every file of tests/fuzz/corpus/<target>/ through its fuzz target: the seeds, and each input
// that ever crashed a target (saved there as a regression test).
#include <QDir>
#include <QFile>

#include <gtest/gtest.h>

namespace RebuildRadar::Fuzz {
void reference(const QByteArray &);
void auth(const QByteArray &);
void manifest(const QByteArray &);
void authFile(const QByteArray &);
void dockerfile(const QByteArray &);
void yaml(const QByteArray &);
void dpkgStatus(const QByteArray &);
void apkInstalled(const QByteArray &);
void rpmHeader(const QByteArray &);
void spdx(const QByteArray &);
void secdb(const QByteArray &);
void osvBatch(const QByteArray &);
void layer(const QByteArray &);
} // namespace RebuildRadar::Fuzz

namespace {
int replay(const char *target, void (*run)(const QByteArray &))
{
    const QDir dir(QStringLiteral(REBUILDRADAR_FUZZ_CORPUS "/") + QString::fromLatin1(target));
    int count = 0;
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        run(f.readAll());
        ++count;
    }
    return count;
}
} // namespace

TEST(FuzzCorpus, Reference)
{
    EXPECT_GT(replay("reference", RebuildRadar::Fuzz::reference), 0);
}
TEST(FuzzCorpus, WwwAuthenticate)
{
    EXPECT_GT(replay("auth", RebuildRadar::Fuzz::auth), 0);
}
TEST(FuzzCorpus, Manifest)
{
    EXPECT_GT(replay("manifest", RebuildRadar::Fuzz::manifest), 0);
}
TEST(FuzzCorpus, AuthFile)
{
    EXPECT_GT(replay("authfile", RebuildRadar::Fuzz::authFile), 0);
}
TEST(FuzzCorpus, Dockerfile)
{
    EXPECT_GT(replay("dockerfile", RebuildRadar::Fuzz::dockerfile), 0);
}
TEST(FuzzCorpus, Yaml)
{
    EXPECT_GT(replay("yaml", RebuildRadar::Fuzz::yaml), 0);
}
TEST(FuzzCorpus, DpkgStatus)
{
    EXPECT_GT(replay("dpkgstatus", RebuildRadar::Fuzz::dpkgStatus), 0);
}
TEST(FuzzCorpus, ApkInstalled)
{
    EXPECT_GT(replay("apkinstalled", RebuildRadar::Fuzz::apkInstalled), 0);
}
TEST(FuzzCorpus, RpmHeader)
{
    EXPECT_GT(replay("rpmheader", RebuildRadar::Fuzz::rpmHeader), 0);
}
TEST(FuzzCorpus, Spdx)
{
    EXPECT_GT(replay("spdx", RebuildRadar::Fuzz::spdx), 0);
}
TEST(FuzzCorpus, Secdb)
{
    EXPECT_GT(replay("secdb", RebuildRadar::Fuzz::secdb), 0);
}
TEST(FuzzCorpus, OsvBatch)
{
    EXPECT_GT(replay("osvbatch", RebuildRadar::Fuzz::osvBatch), 0);
}
TEST(FuzzCorpus, Layer)
{
    EXPECT_GT(replay("layer", RebuildRadar::Fuzz::layer), 0);
}
