#!/usr/bin/env bash
# Installs Helm 3 into <repo>/.tools/bin (nothing is put on PATH). Writes: .tools/bin/helm.
#
# godrift's Helm extractor renders charts with `helm template` when it finds a helm binary through
# GODRIFT_HELM (path of the binary) or PATH; its tests also look in .tools/bin. Without helm the
# extractor falls back to static resolution of values files and templates.
# Run: scripts/install-helm.sh   (needs Go >= 1.24 and the Go module proxy; the build takes a few
# minutes and about 1 GB of module cache).
set -euo pipefail

# Pinned: a tag that exists on the Go module proxy
# (`go list -m -versions helm.sh/helm/v3` → … v3.21.4 v3.22.0).
HELM_VERSION="${HELM_VERSION:-v3.22.0}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.tools/bin"
mkdir -p "${bin_dir}"

if ! command -v go >/dev/null 2>&1; then
  echo "install-helm: go is not on PATH; install Go first (https://go.dev/dl/)" >&2
  exit 2
fi

echo "install-helm: helm ${HELM_VERSION} → ${bin_dir}/helm"
GOBIN="${bin_dir}" GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
  go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"

"${bin_dir}/helm" version --short
