#!/usr/bin/env bash
# check.sh lints every Cypher text kg ships or sends with Neo4j's own
# front end (see lint.mjs): the canned queries (queries/*.cypher) and every
# statement of the Neo4j loader, dumped by cypherdump exactly as sent. It
# first proves the linter still reports errors on a known-bad file.
#
# Usage: bash tools/cypherlint/check.sh   (from anywhere; needs node and go)
# It also lints the golden cypher-shell script of `kg export --format cypher`.
# Exit status: 0 when everything passes, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if [ ! -d node_modules/@neo4j-cypher/language-support ]; then
  echo "cypherlint: installing the pinned linter (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0
summary=()

# 0. Dump the loader's statements and kg's closed label and type sets.
if ! (cd "$root" && go run ./tools/cypherlint/cypherdump "$tmp/dump"); then
  echo "cypherlint: FAILED: could not dump the loader's statements"
  exit 1
fi

# 1. The linter must still catch a syntax error and a semantic error.
if node lint.mjs --schema "$tmp/dump/schema.json" --expect-errors testdata/bad.cypher > "$tmp/bad.out"; then
  summary+=("known-bad file: errors reported as expected")
else
  status=1
  summary+=("known-bad file: FAILED (the linter no longer reports known errors)")
fi
cat "$tmp/bad.out"

# 2. The loader's statements, exactly as sent.
if node lint.mjs --schema "$tmp/dump/schema.json" "$tmp/dump/loader" > "$tmp/loader.out"; then :; else status=1; fi
grep -v '^cypherlint:' "$tmp/loader.out" || true
summary+=("loader statements: $(grep '^cypherlint:' "$tmp/loader.out" | sed 's/^cypherlint: //')")

# 3. The canned queries, and the queries behind kg serve's API.
shopt -s nullglob
queries=("$root"/queries/*.cypher "$root"/internal/serve/queries/*.cypher)
if [ ${#queries[@]} -eq 0 ]; then
  status=1
  summary+=("canned queries: FAILED (no queries/*.cypher found)")
else
  if node lint.mjs --schema "$tmp/dump/schema.json" "${queries[@]}" > "$tmp/queries.out"; then :; else status=1; fi
  grep -v '^cypherlint:' "$tmp/queries.out" || true
  summary+=("canned queries: $(grep '^cypherlint:' "$tmp/queries.out" | sed 's/^cypherlint: //')")
fi

# 4. The cypher-shell scripts `kg export` writes: graph.cypher and, for neo4j-admin,
# after-import.cypher (their golden outputs, one full of hostile text, as the writer
# produced them).
scripts=("$root"/graph/export/testdata/golden/*.cypher "$root"/graph/export/testdata/golden/neo4j-admin/*.cypher)
if [ ${#scripts[@]} -eq 0 ]; then
  status=1
  summary+=("export scripts: FAILED (no graph/export/testdata/golden/*.cypher)")
else
  if node lint.mjs --schema "$tmp/dump/schema.json" --cypher-shell "${scripts[@]}" > "$tmp/export.out"; then :; else status=1; fi
  grep -v '^cypherlint:' "$tmp/export.out" || true
  summary+=("export scripts: $(grep '^cypherlint:' "$tmp/export.out" | sed 's/^cypherlint: //')")
fi

# Totals over every linted file, the known-bad one included.
passed=0
failed=0
for f in "$tmp"/*.out; do
  line="$(grep '^cypherlint:' "$f" || true)"
  p="$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$line")"
  x="$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${x:-1}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi

echo "== cypherlint summary =="
for s in "${summary[@]}"; do echo "  $s"; done
echo "cypherlint: $passed passed, $failed failed"
exit $status
