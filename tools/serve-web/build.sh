#!/usr/bin/env bash
# Rebuilds kg serve's committed front-end assets from node_modules (npm ci
# first): the libraries' browser builds into internal/serve/web/vendor, the
# world outline, their licences, and internal/serve/coords.tsv. The result
# is committed, so `go build` needs no npm; CI runs this and checks that git
# sees no change (`build.sh --check`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=../../internal/serve/web/vendor
rm -rf "$out" && mkdir -p "$out"
cp node_modules/cytoscape/dist/cytoscape.min.js "$out/"
cp node_modules/d3-array/dist/d3-array.min.js "$out/"
cp node_modules/d3-geo/dist/d3-geo.min.js "$out/"
cp node_modules/topojson-client/dist/topojson-client.min.js "$out/"
cp node_modules/world-atlas/countries-110m.json "$out/"
{
  echo "# Third-party files in this folder (copied by tools/serve-web/build.sh from npm; versions pinned in tools/serve-web/package-lock.json)"
  echo
  for p in cytoscape d3-array d3-geo topojson-client world-atlas; do
    v=$(node -p "require('./node_modules/$p/package.json').version")
    l=$(node -p "require('./node_modules/$p/package.json').license")
    echo "## $p $v ($l)"
    echo
    sed 's/^/    /' node_modules/$p/LICENSE
    echo
  done
  echo "world-atlas's countries-110m.json is derived from Natural Earth (public domain)."
} > "$out/LICENSES.md"
node coords.mjs > ../../internal/serve/coords.tsv
if [ "${1:-}" = "--check" ]; then
  if [ -n "$(git status --porcelain -- ../../internal/serve/web/vendor ../../internal/serve/coords.tsv)" ]; then
    git status --porcelain -- ../../internal/serve/web/vendor ../../internal/serve/coords.tsv >&2
    echo "internal/serve's committed assets differ from a rebuild (tools/serve-web/build.sh): commit the rebuild" >&2
    exit 1
  fi
fi
