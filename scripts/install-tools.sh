#!/usr/bin/env bash
# Installs the third-party tools godrift's optional renderers use, into <repo>/.tools/bin
# (nothing is put on PATH). Writes: .tools/bin/kustomize and, through install-helm.sh, .tools/bin/helm.
#
# godrift finds kustomize through GODRIFT_KUSTOMIZE (path of the binary) or PATH; tests also look
# in .tools/bin. Run: scripts/install-tools.sh   (needs Go >= 1.22 and the Go module proxy).
set -euo pipefail

# Pinned: a tag on the Go module proxy (`go list -m -versions sigs.k8s.io/kustomize/kustomize/v5`
# → … v5.8.1 v5.8.2 v5.8.3). v5.8.3's go.mod says `go 1.27.0`, so it needs a Go 1.27 toolchain;
# v5.8.2 (`go 1.26.0`) builds with Go 1.26. Override with KUSTOMIZE_VERSION=v5.x.y.
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-v5.8.2}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.tools/bin"
mkdir -p "${bin_dir}"

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: go is not on PATH; install Go first (https://go.dev/dl/)" >&2
  exit 2
fi

echo "install-tools: kustomize ${KUSTOMIZE_VERSION} → ${bin_dir}/kustomize"
GOBIN="${bin_dir}" GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
  go install "sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}"

"${bin_dir}/kustomize" version

bash "${repo_root}/scripts/install-helm.sh"
