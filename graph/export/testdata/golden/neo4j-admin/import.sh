#!/bin/sh
# Imports kg's export into the database "neo4j" of a STOPPED Neo4j 5, replacing it.
# Run from this directory; set NEO4J_HOME or put neo4j-admin on PATH.
set -e
cd "$(dirname "$0")"
"${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin" database import full neo4j \
  --overwrite-destination=true --multiline-fields=true --array-delimiter=U+001F \
  --nodes=nodes_Article.csv \
  --nodes=nodes_City.csv \
  --nodes=nodes_Event.csv \
  --nodes=nodes_Quantity.csv \
  --relationships=rels_MENTIONS.csv \
  --relationships=rels_PARTNER_OF.csv \
  --relationships=rels_QUANTIFIES.csv \
  "$@"
