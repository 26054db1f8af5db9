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
reports=gateway/target/surefire-reports
rm -f "$figures" "$reports"/TEST-io.mcphub.gateway.reliability.*.xml
status=0
# -DskipITs: the shaded-jar integration test is not part of the campaign
mvn -B -q -pl gateway -am verify -DskipITs -Dcampaign.scale="$scale" \
  -Dtest='io.mcphub.gateway.reliability.**' -Dsurefire.failIfNoSpecifiedTests=false || status=$?
# every scenario (test method) of the suite records one row; a scenario that failed before recording has none
scenarios=$(cat "$reports"/TEST-io.mcphub.gateway.reliability.*.xml 2>/dev/null | grep -c '<testcase ' || true)
recorded=0
if [ -s "$figures" ]; then
  recorded=$(wc -l < "$figures")
fi
if [ "$recorded" -eq 0 ]; then
  if [ "$status" -ne 0 ]; then
    echo "reliability campaign: no figures were recorded: the build or the suite failed (mvn exit $status)" >&2
  else
    echo "reliability campaign: no figures were recorded: no scenario ran ($scenarios tests found in io.mcphub.gateway.reliability)" >&2
  fi
  exit 1
fi
printf '\n%-62s %10s %9s %6s\n' scenario tried failures lost
awk -F'\t' '{ printf "%-62s %10d %9d %6d\n", $1, $2, $3, $4 }' "$figures"
if [ "$recorded" -lt "$scenarios" ]; then
  echo "reliability campaign: $scenarios scenarios ran but only $recorded recorded figures: the missing ones failed before recording" >&2
  [ "$status" -ne 0 ] || status=1
fi
if [ "$status" -ne 0 ]; then
  echo "reliability campaign: FAILED (exit $status): see the test output above and $reports" >&2
fi
exit "$status"
