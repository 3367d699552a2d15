#!/usr/bin/env bash
# Installs every Debian 12 package Rebuild Radar needs to build, run and test.
# Idempotent: when everything is present it only checks and returns.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates clang-format
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libqt6svg6-dev
  qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql postgresql-15
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  googletest libgtest-dev libgmock-dev
  docker-registry apache2-utils xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  poppler-utils curl appstream desktop-file-utils file dpkg-dev
  clang-14 libclang-rt-14-dev
  openssl nghttp2-server python3 util-linux
  libcurl4-openssl-dev zlib1g-dev libzstd-dev zstd
  docker.io busybox-static podman python3-aiosmtpd
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# kubectl for `running --kubernetes` and its test: Debian's kubernetes-client only where no kubectl is
# on PATH (a kubectl from another package, e.g. google-cloud-sdk's, owns the same file).
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
