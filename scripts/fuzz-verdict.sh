#!/usr/bin/env bash
# The verdict on a schemathesis run: its exit status, except for one kind of error that is
# schemathesis's own. Now and then Hypothesis, drawing a request body, reports "Inconsistent results:
# An example failed on the first run but now succeeds" (a FlakyFailure inside its generator, before any
# request is sent); schemathesis counts it as a "Runtime Error" and exits 1. A run whose only errors
# are those and which has no failure passes, saying so. Any failure, any other error, fails.
# Usage: scripts/fuzz-verdict.sh STATUS LOG
set -euo pipefail
status=$1 log=$2
[ "$status" -eq 0 ] && exit 0
summary=$(grep -E '^=+ .* in [0-9.]+s =+$' "$log" | tail -1 || true)
errors=$(grep -c '^Runtime Error$' "$log" || true)
generator=$(grep -c '^Inconsistent results: An example failed on the first run' "$log" || true)
if [ -n "$summary" ] && [[ "$summary" != *failure* ]] && [ "$errors" -gt 0 ] && [ "$errors" -eq "$generator" ] \
    && [ "$(grep -cE ' error(s)?,' <<<"$summary")" -eq 1 ] && [[ "$summary" == *" $errors error"* ]]; then
  echo "fuzz: no failure; $errors error(s) inside schemathesis's own request generator (Hypothesis FlakyFailure) not counted" >&2
  exit 0
fi
exit "$status"
