// The package-analysis tests' builders (AnalysisFixtures.h).
#include "AnalysisFixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

namespace RebuildRadar::Test {

LocalRegistry &sharedRegistry()
{
    static LocalRegistry registry;
    return registry;
}

QByteArray runTool(const QString &program, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    EXPECT_EQ(p.exitCode(), 0) << program.toStdString() << p.readAllStandardError().toStdString();
    return p.readAllStandardOutput();
}

QByteArray makeTar(const QMap<QString, QByteArray> &files, const QString &format)
{
    QTemporaryDir dir;
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString path = dir.filePath(it.key());
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(it.value());
    }
    return runTool(QStringLiteral("tar"),
                   {QStringLiteral("--format=") + format, QStringLiteral("--sort=name"),
                    QStringLiteral("--owner=0"), QStringLiteral("--group=0"),
                    QStringLiteral("--numeric-owner"), QStringLiteral("--mtime=@0"), QStringLiteral("-C"),
                    dir.path(), QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral(".")});
}

QByteArray gzip(const QByteArray &data)
{
    return runTool(QStringLiteral("gzip"), {QStringLiteral("-c"), QStringLiteral("-n")}, data);
}

QByteArray zstd(const QByteArray &data)
{
    return runTool(QStringLiteral("zstd"), {QStringLiteral("-c"), QStringLiteral("-q")}, data);
}

QByteArray noise(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(random.bounded(256));
    return out;
}

QByteArray dpkgStatus(const QList<Pkg> &packages)
{
    QByteArray out;
    for (const Pkg &p : packages) {
        out += "Package: " + p.name + "\nStatus: install ok installed\nPriority: optional\n";
        if (!p.source.isEmpty())
            out += "Source: " + p.source + "\n";
        out += "Version: " + p.version + "\nDescription: test package\n second line\n\n";
    }
    return out;
}

QByteArray apkInstalled(const QList<Pkg> &packages)
{
    QByteArray out;
    for (const Pkg &p : packages)
        out += "C:Q1abc=\nP:" + p.name + "\nV:" + p.version +
               "\nA:x86_64\no:" + (p.source.isEmpty() ? p.name : p.source) + "\n\n";
    return out;
}

QByteArray spdxStatement(const QStringList &purls)
{
    QJsonArray packages{QJsonObject{{QStringLiteral("name"), QStringLiteral("/")},
                                    {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-root")}}};
    int n = 0;
    for (const QString &purl : purls) {
        packages.append(QJsonObject{
            {QStringLiteral("name"), purl.section(u'/', -1).section(u'@', 0, 0)},
            {QStringLiteral("SPDXID"), QStringLiteral("SPDXRef-Package-%1").arg(++n)},
            {QStringLiteral("versionInfo"), purl.section(u'@', 1).section(u'?', 0, 0)},
            {QStringLiteral("externalRefs"),
             QJsonArray{QJsonObject{{QStringLiteral("referenceCategory"), QStringLiteral("PACKAGE-MANAGER")},
                                    {QStringLiteral("referenceType"), QStringLiteral("purl")},
                                    {QStringLiteral("referenceLocator"), purl}}}}});
    }
    const QJsonObject document{{QStringLiteral("spdxVersion"), QStringLiteral("SPDX-2.3")},
                               {QStringLiteral("name"), QStringLiteral("sbom")},
                               {QStringLiteral("packages"), packages}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("_type"), QStringLiteral("https://in-toto.io/Statement/v0.1")},
                           {QStringLiteral("predicateType"), QStringLiteral("https://spdx.dev/Document")},
                           {QStringLiteral("subject"), QJsonArray{}},
                           {QStringLiteral("predicate"), document}})
        .toJson(QJsonDocument::Compact);
}

} // namespace RebuildRadar::Test
