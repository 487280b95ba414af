#!/usr/bin/env bash
# Provisions this machine to run the whole delivery flow locally: a Docker engine, a loopback
# registry standing in for ECR, and the base images the Dockerfiles build on. Safe to rerun;
# each step does nothing when its part already runs. The last line (stdout) says what runs.
set -euo pipefail
SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$SCRIPTS/lib.sh"

"$SCRIPTS/ensure-docker.sh"
"$SCRIPTS/ensure-registry.sh"
"$SCRIPTS/base-images.sh" "$@"
# The browser journey drives Debian's headless Chromium (the build Playwright runs headless tests
# with, twice as fast here as the full browser); Playwright never downloads a browser here.
ensure_command chromium-headless-shell chromium-headless-shell

engine=$(docker version --format '{{.Server.Version}}')
# shellcheck disable=SC1091
source "$REPO_ROOT/.delivery/base-images.env"
registry=127.0.0.1:${DELIVERY_REGISTRY_PORT:-5000}
printf 'Ready: Docker engine %s on /var/run/docker.sock, registry on %s, base images %s and %s, %s.\n' \
  "$engine" "$registry" "$NODE_IMAGE" "$NGINX_IMAGE" "$(chromium-headless-shell --version 2>/dev/null | head -1)"
