#!/usr/bin/env bash
# The reliability campaign: runs the reliability suite (gateway/src/test/java/io/mcphub/gateway/reliability)
# with every scenario's count multiplied by SCALE, against the hub in-process on loopback with real
# upstream processes, and prints what was tried, what failed and what was lost or misrouted.
#
#   scripts/reliability-campaign.sh [SCALE]     (default 10; 1 is the ordinary test run's size)
#
# Every scenario is bounded in count and time and talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-10}"
case "$scale" in ''|*[!0-9]*) echo "usage: $0 [SCALE]  (a whole number, default 10)" >&2; exit 2 ;; esac
figures=gateway/target/reliability-campaign.tsv
rm -f "$figures"
status=0
mvn -B -q -pl gateway -am verify -Dcampaign.scale="$scale" \
  -Dtest='io.mcphub.gateway.reliability.**' -Dsurefire.failIfNoSpecifiedTests=false || status=$?
if [ ! -s "$figures" ]; then
  echo "no figures were recorded (the suite did not run; exit $status)" >&2
  exit 1
fi
printf '\n%-62s %10s %9s %6s\n' scenario tried failures lost
awk -F'\t' '{ printf "%-62s %10d %9d %6d\n", $1, $2, $3, $4 }' "$figures"
exit "$status"
