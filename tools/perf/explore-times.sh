#!/usr/bin/env bash
# Times kg search, show, why and timeline end to end (a new kg process each
# run: best and median of 5 of the wall time, and the median CPU time,
# user + system, which a shared machine's load inflates less) on a store,
# with names that suit a store built by `kg generate --n 100000 --seed 1`
# (docs/PERFORMANCE.md). Goals (issue 15): search < 100 ms, show < 200 ms,
# why < 500 ms. It prints the load average before and after: say it with
# the numbers.
#
#   tools/perf/explore-times.sh ./kg big.db
set -euo pipefail
kg=${1:?usage: explore-times.sh KG-BINARY STORE}
store=${2:?usage: explore-times.sh KG-BINARY STORE}

time_cmd() {
  local out cpu times=() cpus=()
  out=$(mktemp)
  cpu=$(mktemp)
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s%N)
    /usr/bin/time -o "$cpu" -f '%U %S' "$kg" "$@" --store "$store" >"$out" 2>/dev/null || true
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
    cpus+=($(awk '{printf "%d", ($1 + $2) * 1000}' "$cpu"))
  done
  local sorted csorted
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  csorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
  printf '| `kg %s` | %s | %s ms | %s ms | %s ms |\n' "$*" "$(wc -l <"$out")" "${sorted[0]}" "${sorted[2]}" "${csorted[2]}"
  rm -f "$out" "$cpu"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo
echo '| command | lines out | best of 5 | median | CPU median |'
echo '|---|---|---|---|---|'
time_cmd search Hanoi
time_cmd search hanio
time_cmd search nguyen --type person
time_cmd search a --country France
time_cmd show Hanoi
time_cmd show Vietnam
time_cmd show Toulouse
time_cmd show 'Jean-Luc Adam'
time_cmd why Toulouse Seoul
time_cmd why Vietnam 'Jean-Luc Adam'
time_cmd why 'Jean-Luc Adam' Hanoi
time_cmd timeline Hanoi --since 2020
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
