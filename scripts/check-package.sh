#!/usr/bin/env bash
# Builds the .deb from a build folder, inspects it, unpacks it into a temporary root and runs the
# installed binaries; validates the desktop and AppStream files. Called by the test suite.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

desktop-file-validate "$source_dir/packaging/io.github.rebuildradar.RebuildRadar.desktop"
appstreamcli validate --no-net --pedantic "$source_dir/packaging/io.github.rebuildradar.RebuildRadar.metainfo.xml" \
  || appstreamcli validate --no-net "$source_dir/packaging/io.github.rebuildradar.RebuildRadar.metainfo.xml"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/rebuildradar_*.deb)
contents=$(dpkg-deb -c "$deb")
info=$(dpkg-deb -I "$deb")
for path in ./usr/bin/rebuildradar ./usr/bin/rebuildradar-cli \
            ./usr/share/applications/io.github.rebuildradar.RebuildRadar.desktop \
            ./usr/share/metainfo/io.github.rebuildradar.RebuildRadar.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.rebuildradar.RebuildRadar.svg \
            ./usr/share/icons/hicolor/16x16/apps/io.github.rebuildradar.RebuildRadar.png \
            ./usr/share/icons/hicolor/256x256/apps/io.github.rebuildradar.RebuildRadar.png \
            ./usr/lib/systemd/user/rebuildradar-daemon.service \
            ./usr/share/bash-completion/completions/rebuildradar-cli \
            ./usr/share/man/man1/rebuildradar-cli.1; do
  grep -q " $path\$" <<<"$contents" || { echo "missing in the package: $path"; exit 1; }
done
depends=$(grep -i '^ Depends:' <<<"$info")
for dep in libqt6core6 libqt6widgets6 libqt6sql6-sqlite libqt6keychain1; do
  grep -q "$dep" <<<"$depends" || { echo "the package does not depend on $dep: $depends"; exit 1; }
done
if grep -q -- '-dev' <<<"$depends"; then echo "the package depends on -dev packages: $depends"; exit 1; fi

dpkg -x "$deb" "$work/root"
"$work/root/usr/bin/rebuildradar-cli" --version | grep -qE '^rebuildradar-cli [0-9]+\.[0-9]+\.[0-9]+$'
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" "$work/root/usr/bin/rebuildradar" --version | grep -qE '[0-9]+\.[0-9]+\.[0-9]+'
grep -q "ExecStart=/usr/bin/rebuildradar-cli daemon" "$work/root/usr/lib/systemd/user/rebuildradar-daemon.service"
echo "package ok: $(basename "$deb")"
