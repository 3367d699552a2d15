#pragma once

// `diff REF [OLD_DIGEST [NEW_DIGEST]] [--platform P] [--json]`: which packages changed between two
// images of a tag (default: its last recorded rebuild; with only OLD, OLD against the tag's current
// digest; with both, no database is needed), through PackageAnalyzer.

#include "cli/CliContext.h"
#include "packages/PackageAnalysis.h"

namespace RebuildRadar {

class ImageReference;

class DiffCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(RebuildRadar::Cli)
public:
    using Command::Command;
    void run(const ParsedArgs &args) override;

private:
    void analyse(const ImageReference &ref, const QString &from, const QString &to, const QString &platform);
    void print(const ImageReference &ref, const QString &from, const QString &to,
               const PackageAnalysis &analysis);
    bool m_json = false;
};

} // namespace RebuildRadar
