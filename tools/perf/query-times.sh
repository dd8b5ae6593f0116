#!/usr/bin/env bash
# Times every canned query end to end (a new kg process each run, best of
# 5) on a store, with parameters that suit a store built by
# `kg generate --n 100000 --seed 1` (docs/PERFORMANCE.md):
#
#   tools/perf/query-times.sh ./kg big.db
set -euo pipefail
kg=${1:?usage: query-times.sh KG-BINARY STORE}
store=${2:?usage: query-times.sh KG-BINARY STORE}

time_query() {
  local best=999999 out
  out=$(mktemp)
  for _ in 1 2 3 4 5; do
    local s e ms
    s=$(date +%s%N)
    "$kg" query --store "$store" "$@" >"$out"
    e=$(date +%s%N)
    ms=$(((e - s) / 1000000))
    ((ms < best)) && best=$ms
  done
  local rows
  rows=$(($(wc -l <"$out") - 1)) # a header line, then a row per line
  printf '| %s | %s | %s | %s ms |\n' "$1" "${*:2}" "$rows" "$best"
  rm -f "$out"
}

echo '| query | parameters | rows | best of 5 |'
echo '|---|---|---|---|'
time_query partners -p city=Hanoi
time_query partners -p city=Toulouse
time_query city-events -p city=Hanoi
time_query edge-articles -p rel=partner-of -p source=Hanoi -p target=Toulouse
time_query event-counts -p event=conference
time_query met -p person=nguyen
time_query neighbours -p entity=Vietnam
time_query neighbours -p entity=Hanoi
time_query participants -p event=conference
time_query path -p source=Vietnam -p 'target=Jean-Luc Adam'
time_query path -p source=Hanoi -p target=Toulouse
time_query roles -p person=nguyen
time_query roles-in -p place=Hanoi
time_query top-cities -p limit=10

best=999999
for _ in 1 2 3 4 5; do
  s=$(date +%s%N)
  "$kg" partners Hanoi --store "$store" >/dev/null
  e=$(date +%s%N)
  ms=$(((e - s) / 1000000))
  ((ms < best)) && best=$ms
done
echo "kg partners Hanoi: best of 5 $best ms"
