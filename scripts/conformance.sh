#!/usr/bin/env bash
# Agreement with the Kubernetes API server (npm run conformance).
#
# Installs kubectl-validate (pinned) with `go install` into .cache/ (gitignored; later runs reuse
# the binary), then runs scripts/conformance.ts, which synthesizes apps, generates manifests,
# checks each with kubectl-validate and with `cdk8s-aigw-auth lint`, and writes
# docs/conformance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# The newest release tag the Go module proxy serves (`go list -m -versions sigs.k8s.io/kubectl-validate`).
KUBECTL_VALIDATE_VERSION=v0.0.4

CACHE="$PWD/.cache/conformance"
BIN_DIR="$CACHE/kubectl-validate-$KUBECTL_VALIDATE_VERSION"
BINARY="$BIN_DIR/kubectl-validate"

if [[ ! -x "$BINARY" ]]; then
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<EOF
conformance: Go is not installed, and it is needed once to build kubectl-validate:
  go install sigs.k8s.io/kubectl-validate@$KUBECTL_VALIDATE_VERSION
Install Go 1.22 or newer (https://go.dev/doc/install, or apt-get install golang-go) and run again;
the binary is then kept in $BIN_DIR.
EOF
    exit 3
  fi
  echo "conformance: installing sigs.k8s.io/kubectl-validate@$KUBECTL_VALIDATE_VERSION with $(go version | cut -d' ' -f3) (once; kept in .cache/)"
  mkdir -p "$BIN_DIR"
  rm -rf "$BIN_DIR.tmp"
  # Everything Go writes stays under .cache/. GOTOOLCHAIN=local: build with the Go that is here
  # instead of downloading the toolchain the module asks for.
  GOPATH="$CACHE/go" \
    GOMODCACHE="$CACHE/go/pkg/mod" \
    GOCACHE="$CACHE/go/build" \
    GOBIN="$BIN_DIR.tmp" \
    GOTOOLCHAIN=local \
    GOFLAGS=-modcacherw \
    go install "sigs.k8s.io/kubectl-validate@$KUBECTL_VALIDATE_VERSION"
  mv "$BIN_DIR.tmp/kubectl-validate" "$BINARY"
  rmdir "$BIN_DIR.tmp"
fi

export KUBECTL_VALIDATE="$BINARY" KUBECTL_VALIDATE_VERSION
# scripts/ is type-checked with the tests (npm test runs tsc -p scripts/tsconfig.json).
exec npx ts-node --transpile-only --project scripts/tsconfig.json scripts/conformance.ts "$@"
