#!/usr/bin/env bash
# Makes sure an OCI registry (Debian's docker-registry, distribution 2.8) answers on loopback.
# It stands in for ECR here: pushes, tags, digests and deletes are real.
#
#   DELIVERY_REGISTRY_PORT  port on 127.0.0.1 (default 5000); tests point it at a dead port
#                           to exercise "registry down".
#
# The Debian package ships a systemd unit; there is no systemd here, so the binary runs
# detached with its own config, storage and log. Docker allows plain-HTTP pushes to
# 127.0.0.0/8 without any insecure-registries setting.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${DELIVERY_REGISTRY_PORT:-5000}
if [[ ! $PORT =~ ^[0-9]{1,5}$ ]] || ((10#$PORT < 1 || 10#$PORT > 65535)); then
  die "DELIVERY_REGISTRY_PORT must be a TCP port number (1-65535), not '$PORT'."
fi
PORT=$((10#$PORT))

# One registry per port, each with its own config, storage, log and pid file, so a second
# port never touches the first one's images.
ADDRESS=127.0.0.1:$PORT
REGISTRY_DIR=/var/lib/bluemed-registry/$PORT
CONFIG=$REGISTRY_DIR/config.yml
DATA=$REGISTRY_DIR/data
REGISTRY_LOG=/var/log/bluemed-registry-$PORT.log
PIDFILE=/var/run/bluemed-registry-$PORT.pid
START_TIMEOUT=30

# A registry answers GET /v2/ with this header; anything else on the port is not ours to use.
registry_answers() {
  curl -fsS -o /dev/null -D - --max-time 2 "http://$ADDRESS/v2/" 2>/dev/null \
    | grep -qi '^docker-distribution-api-version: *registry/2.0'
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

write_config() {
  mkdir -p "$DATA"
  cat >"$CONFIG" <<YAML
# Written by scripts/ensure-registry.sh; rewritten on every start.
version: 0.1
log:
  level: info
  fields:
    service: bluemed-registry
storage:
  filesystem:
    rootdirectory: $DATA
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $ADDRESS
  headers:
    X-Content-Type-Options: [nosniff]
YAML
}

# Push the probe image once to prove the engine accepts this registry, then remove every trace
# of it so tests see an empty catalog.
verify_push() {
  local ref=$ADDRESS/bluemed-probe:latest digest
  ensure_probe_image
  docker tag "$PROBE_IMAGE" "$ref"
  if ! docker push "$ref" >/dev/null 2>&1; then
    docker rmi "$ref" >/dev/null 2>&1 || true
    die "the registry at $ADDRESS answers, but docker could not push $ref to it."
  fi
  digest=$(curl -fsS -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$ADDRESS/v2/bluemed-probe/manifests/latest" \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" {print $2}')
  if [[ -n $digest ]]; then
    curl -fsS -X DELETE -o /dev/null "http://$ADDRESS/v2/bluemed-probe/manifests/$digest"
  fi
  docker rmi "$ref" >/dev/null 2>&1 || true
  rm -rf "$DATA/docker/registry/v2/repositories/bluemed-probe"
}

registry_answers && exit 0
require_root

if port_in_use; then
  die "port $PORT on 127.0.0.1 is taken by something that is not a registry;" \
    "set DELIVERY_REGISTRY_PORT to a free port."
fi

ensure_command docker-registry docker-registry
ensure_command curl curl
docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first."

if [[ -s $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  log "Stopping the registry (pid $(cat "$PIDFILE")): it runs but does not answer on $ADDRESS."
  kill "$(cat "$PIDFILE")" || true
  sleep 1
fi

write_config
log "Starting the registry on $ADDRESS (data: $DATA, log: $REGISTRY_LOG)."
start_detached "$REGISTRY_LOG" docker-registry serve "$CONFIG"
echo $! >"$PIDFILE"

if ! wait_until "$START_TIMEOUT" "the registry on $ADDRESS" registry_answers; then
  log "Last lines of $REGISTRY_LOG:"
  tail -n 20 "$REGISTRY_LOG" >&2 || true
  die "the registry did not answer on http://$ADDRESS/v2/ within ${START_TIMEOUT} s."
fi

verify_push
log "Registry is running on $ADDRESS and accepts pushes."
