#!/usr/bin/env bash
# How long a rolling deploy of each service spends in load-balancer mechanics, read from the
# synthesized templates: health-check interval x healthy threshold (a new task proving itself)
# plus the deregistration delay (an old task draining). Printed beside the AWS defaults,
# 30 s x 5 + 300 s = 450 s. The target is 60 s or less per service.
#
#   bench/alb-rollout.sh [TEMPLATE_DIR]
#
# Without TEMPLATE_DIR the app is synthesized first (no AWS credentials needed). Exits 1 if a
# service is over the target.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_SECONDS=60

if [[ $# -ge 1 ]]; then
  OUT=$1
else
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  printf 'Synthesizing the app into %s.\n' "$OUT" >&2
  (cd "$ROOT" && CDK_OUTDIR=$OUT JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=true \
    delivery/mvnw -q -f delivery/pom.xml -pl infra -am -P cdk-synth \
    -Dmaven.test.skip=true -Dspotless.check.skip=true package >&2)
fi

python3 - "$OUT" "$TARGET_SECONDS" <<'PY'
import glob, json, sys

out, target = sys.argv[1], int(sys.argv[2])
DEFAULT = 30 * 5 + 300
rows, over = [], 0
for path in sorted(glob.glob(f"{out}/*.template.json")):
    resources = json.load(open(path))["Resources"]
    for service in (r for r in resources.values() if r["Type"] == "AWS::ECS::Service"):
        props = service["Properties"]
        for binding in props.get("LoadBalancers", []):
            group = resources[binding["TargetGroupArn"]["Ref"]]["Properties"]
            interval = group.get("HealthCheckIntervalSeconds", 30)
            healthy = group.get("HealthyThresholdCount", 5)
            attributes = {a["Key"]: a["Value"] for a in group.get("TargetGroupAttributes", [])}
            drain = int(attributes.get("deregistration_delay.timeout_seconds", 300))
            total = interval * healthy + drain
            over += total > target
            rows.append((props["ServiceName"], interval, healthy, drain, total))

if not rows:
    sys.exit(f"no ECS service with a load balancer found in {out}")
print(f"{'service':<30} {'interval':>8} {'healthy':>7} {'drain':>5} {'total':>6} "
      f"{'default':>7} {'ratio':>6}")
for name, interval, healthy, drain, total in rows:
    print(f"{name:<30} {interval:>7}s {healthy:>7} {drain:>4}s {total:>5}s {DEFAULT:>6}s "
          f"{total / DEFAULT:>6.2f}")
verdict = "all within" if not over else f"{over} over"
print(f"{len(rows)} services; {verdict} the {target} s target.")
sys.exit(1 if over else 0)
PY
