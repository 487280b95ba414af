#!/usr/bin/env bash
# Build avoidance and parallel builds of `delivery local`, measured in one go on a fresh clone
# of this checkout (so the work tree and its node_modules stay untouched):
#   1. a cold run as on a fresh machine (--no-cache: no image reuse, no Docker layer cache; an
#   empty npm cache of the benchmark's own; the base images and the CLI's build are there), 2. a
#   second run with no change, 3. a run after changing only frontend/. Prints the ratios the
#   README reports; exits non-zero if a target is missed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/bluemed-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

bash "$root/scripts/setup.sh" >&2
git clone -q "$root" "$work/repo"
mkdir -p "$work/repo/.delivery"
cp "$root/.delivery/base-images.env" "$work/repo/.delivery/"
cd "$work/repo"
export DELIVERY_SKIP_SETUP=1
# Every npm on the host (the components' npm ci, the journey's Playwright) starts from nothing.
export npm_config_cache="$work/npm-cache"

run() { # name, args... -> seconds on stdout
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  bin/delivery local "$@" > "$work/$name.out" 2> "$work/$name.err" || {
    echo "bench: run '$name' failed; its output:" >&2; tail -30 "$work/$name.err" >&2; exit 1; }
  end=$(date +%s.%N)
  cp .delivery/out/summary.json "$work/$name.json"
  echo "$end - $start" | bc
}

# The CLI is built once before timing, so no run pays for compiling it.
bin/delivery --version > /dev/null

cold=$(run cold --no-cache)
warm=$(run warm)
# Unique content: an edit seen by an earlier benchmark would find that run's image and reuse it.
echo "bench: a change to frontend/ only, $(date +%s%N)" > frontend/public/bench.txt
git add frontend/public/bench.txt
git -c user.name=bench -c user.email=bench@example.org commit -qm "bench: touch frontend"
front=$(run frontend-only)

reused() { # summary, component -> true/false
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(next(i["reused"] for i in d["images"] if i["component"]==sys.argv[2]))' "$1" "$2"
}
stage() { # summary, stage -> seconds
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(next(s["seconds"] for s in d["stages"] if s["name"]==sys.argv[2]))' "$1" "$2"
}
component_sum() { # summary -> sum of per-component build step seconds
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]));
print(sum(s["seconds"] for s in d["buildSteps"]))' "$1"
}

build_wall=$(stage "$work/cold.json" build)
build_sum=$(component_sum "$work/cold.json")
ratio_warm=$(echo "scale=3; $warm / $cold" | bc)
ratio_parallel=$(echo "scale=3; $build_wall / $build_sum" | bc)

printf 'cold run (no reuse, no cache)  %6.1f s\n' "$cold"
printf 'second run, no change          %6.1f s   ratio %.2f (target <= 0.25)\n' "$warm" "$ratio_warm"
printf 'frontend-only change           %6.1f s   backend reused: %s, frontend reused: %s\n' \
  "$front" "$(reused "$work/frontend-only.json" backend)" \
  "$(reused "$work/frontend-only.json" frontend)"
printf 'build stage wall / sum of both %6.1f s / %.1f s   ratio %.2f (target < 1)\n' \
  "$build_wall" "$build_sum" "$ratio_parallel"

ok=1
[ "$(echo "$ratio_warm <= 0.25" | bc)" = 1 ] || { echo "bench: reuse target missed" >&2; ok=0; }
[ "$(reused "$work/frontend-only.json" backend)" = True ] || { echo "bench: backend rebuilt" >&2; ok=0; }
[ "$(reused "$work/frontend-only.json" frontend)" = False ] || { echo "bench: frontend reused" >&2; ok=0; }
[ "$(echo "$ratio_parallel < 1" | bc)" = 1 ] || { echo "bench: builds not parallel" >&2; ok=0; }
[ "$ok" = 1 ]
