#!/usr/bin/env bash
# Makes sure `docker compose` (the Compose v2 plugin generation, whose releases are numbered 5.x
# since 2.40) works beside Debian's docker-compose 1.29, so the tests can run the integration
# with both. Real build machines (CodeBuild) have the plugin; Debian 12 packages none and no
# download site can be reached here, so the plugin is built from its Go module with the
# machine's Go toolchain and installed where the Docker CLI looks for plugins.
#
#   COMPOSE_V2_VERSION  the module version to build; default v5.6.0
#
# Idempotent: a working plugin is left alone without touching the network. Needs Go 1.26.8 or
# newer, the version the module's go.mod names (a cold build takes about 2 minutes on 2 cores).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=${COMPOSE_V2_VERSION:-v5.6.0}
MODULE=github.com/docker/compose/v5

if docker compose version >/dev/null 2>&1; then
  log "docker compose is installed: $(docker compose version 2>/dev/null | head -1)."
  exit 0
fi

# The official Go tarball's place, for shells whose PATH does not name it.
[[ -x /usr/local/go/bin/go ]] && PATH=$PATH:/usr/local/go/bin
command -v go >/dev/null 2>&1 \
  || die "Go 1.26.8 or newer is needed to build the docker compose plugin $VERSION; install Go."
if [[ $(id -u) -eq 0 ]]; then
  PLUGINS=/usr/local/lib/docker/cli-plugins
else
  PLUGINS=$HOME/.docker/cli-plugins
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "Building the docker compose plugin $VERSION from the Go module $MODULE with $(go version)."
# `go install module@version` refuses a module whose go.mod has exclude directives, as this
# one's does; building inside a copy of the module keeps its go.mod and go.sum in force.
source_dir=$(cd "$work" && go mod download -json "$MODULE@$VERSION" 2>"$work/go.log" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || true
if [[ -z $source_dir || ! -d $source_dir ]]; then
  cat "$work/go.log" >&2
  die "failed to download the Go module $MODULE@$VERSION."
fi
cp -r "$source_dir" "$work/src"
chmod -R u+w "$work/src"
(cd "$work/src" && go build -trimpath \
  -ldflags "-s -w -X $MODULE/internal.Version=$VERSION" -o "$work/docker-compose" ./cmd) \
  >"$work/build.log" 2>&1 \
  || { tail -n 20 "$work/build.log" >&2; die "failed to build the docker compose plugin $VERSION."; }

mkdir -p "$PLUGINS"
install -m 0755 "$work/docker-compose" "$PLUGINS/docker-compose"
docker compose version >/dev/null 2>&1 \
  || die "the docker compose plugin was installed into $PLUGINS but 'docker compose version' fails."
log "Installed $(docker compose version | head -1) into $PLUGINS."
