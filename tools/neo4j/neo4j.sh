#!/usr/bin/env bash
# A local Neo4j 5.26 LTS Community server for kg's tests and for analysts:
# the Community server's own jars, resolved from Maven Central with Maven
# (tools/neo4j/pom.xml, versions pinned), run with Java 17 or 21.
#
#   tools/neo4j/neo4j.sh start    start it (or reuse the running one), wait
#                                 until it answers, print export lines:
#                                 eval "$(tools/neo4j/neo4j.sh start)"
#   tools/neo4j/neo4j.sh stop     stop the server this script started
#   tools/neo4j/neo4j.sh status   say whether it runs, and where
#   tools/neo4j/neo4j.sh env      print the export lines of the running one
#   tools/neo4j/neo4j.sh admin …  neo4j-admin (e.g. database import full …);
#                                 the server must be stopped for imports;
#                                 also $KG_NEO4J_HOME/bin/neo4j-admin, so that
#                                 NEO4J_HOME=.neo4j sh export/import.sh works
#
# Everything lives under $KG_NEO4J_HOME (default: .neo4j/ at the project's
# root, ignored by git): conf/neo4j.conf, data/, logs/, run/ (pid file),
# password (generated on first start, mode 600); the jars in .neo4j/lib
# ($KG_NEO4J_LIB), shared by every home.
#
# Settings (environment): KG_NEO4J_BOLT_PORT, KG_NEO4J_HTTP_PORT (default
# 7687 and 7474 when free, else a free port), KG_NEO4J_HEAP (default 1g),
# KG_NEO4J_PAGECACHE (default 512m), KG_NEO4J_TIMEOUT (seconds to wait for
# the server, default 120), KG_NEO4J_WATCH_PID (stop the server when that
# process ends: for tests), JAVA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${KG_NEO4J_HOME:-$root/.neo4j}"
lib="${KG_NEO4J_LIB:-$root/.neo4j/lib}"
heap="${KG_NEO4J_HEAP:-1g}"
pagecache="${KG_NEO4J_PAGECACHE:-512m}"
timeout="${KG_NEO4J_TIMEOUT:-120}"
database=neo4j
user=neo4j

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# find_java sets java to a Java 17 or 21 (what Neo4j 5.26 supports).
find_java() {
  local c v
  # KG_NEO4J_JAVA_SEARCH: where to look besides JAVA_HOME and PATH
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
    ${KG_NEO4J_JAVA_SEARCH-/usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/java-21-openjdk-amd64/bin/java} \
    "$(command -v java 2>/dev/null || true)"; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$("$c" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
    if [ "$v" = 17 ] || [ "$v" = 21 ]; then
      java="$c"
      return 0
    fi
  done
  die "Java 17 or 21 is needed to run Neo4j 5.26 (none found; JAVA_HOME=${JAVA_HOME:-unset}): install it, e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME"
}

# fetch_jars copies the server's jars from Maven Central into lib/, once per
# version of pom.xml.
fetch_jars() {
  local stamp
  stamp="$(sha256sum "$here/pom.xml" | cut -c1-16)"
  if [ -f "$lib/.stamp" ] && [ "$(cat "$lib/.stamp")" = "$stamp" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 ||
    die "Maven is needed once to fetch Neo4j's jars from Maven Central (mvn not found): install it, e.g. apt-get install maven"
  say "fetching Neo4j $(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$here/pom.xml") from Maven Central into $lib"
  mkdir -p "$(dirname "$lib")"
  rm -rf "$lib.new"
  if ! JAVA_HOME="$(dirname "$(dirname "$java")")" mvn -B -q -f "$here/pom.xml" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.new" >"$lib.log" 2>&1; then
    tail -20 "$lib.log" >&2
    die "Maven could not fetch Neo4j's jars (log: $lib.log)"
  fi
  rm -rf "$lib"
  mv "$lib.new" "$lib"
  echo "$stamp" >"$lib/.stamp"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port prints $1 if nothing listens there, else a free port.
free_port() {
  local p="$1" i
  if port_free "$p"; then echo "$p"; return; fi
  for i in $(seq 1 200); do
    p=$((20000 + (RANDOM % 30000)))
    if port_free "$p"; then echo "$p"; return; fi
  done
  die "no free port found"
}

pid_alive() {
  local pid
  [ -f "$home/run/kg-neo4j.pid" ] || return 1
  pid="$(cat "$home/run/kg-neo4j.pid")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    # the pid is ours only if that process runs Neo4j from this home
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--home-dir=$home "
}

conf_get() { sed -n "s/^$1=//p" "$home/conf/neo4j.conf" 2>/dev/null | tail -1; }

# answers: the database runs a query over HTTP with the password.
answers() {
  local http="$1" pw
  pw="$(cat "$home/password")"
  curl -s -m 5 -u "$user:$pw" -H 'Content-Type: application/json' \
    -d '{"statements":[{"statement":"RETURN 1"}]}' \
    "http://127.0.0.1:$http/db/$database/tx/commit" 2>/dev/null | grep -q '"errors":\[\]' &&
    ! port_free "$(conf_get server.bolt.listen_address | sed 's/.*://')"
}

print_env() {
  local bolt
  bolt="$(conf_get server.bolt.listen_address)"
  printf 'export NEO4J_URI=bolt://%s NEO4J_USERNAME=%s NEO4J_PASSWORD=%s NEO4J_DATABASE=%s\n' \
    "$bolt" "$user" "$(cat "$home/password")" "$database"
  printf 'export KG_NEO4J_BROWSER_URL=http://%s/browser/  # Neo4j Browser, same user and password\n' "$(conf_get server.http.listen_address)"
}

write_conf() {
  local bolt="$1" http="$2"
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run" "$home/import" "$home/plugins" "$home/bin"
  # $NEO4J_HOME/bin/neo4j-admin, for scripts such as kg export's import.sh
  printf '#!/bin/sh\nKG_NEO4J_HOME="%s" exec "%s" admin "$@"\n' "$home" "$here/neo4j.sh" >"$home/bin/neo4j-admin"
  chmod +x "$home/bin/neo4j-admin"
  cat >"$home/conf/neo4j.conf" <<EOF
# Written by tools/neo4j/neo4j.sh start; rewritten at every start.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$bolt
server.http.listen_address=127.0.0.1:$http
server.http.advertised_address=127.0.0.1:$http
server.bolt.advertised_address=127.0.0.1:$bolt
server.https.enabled=false
dbms.security.auth_enabled=true
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.run=$home/run
server.directories.import=$home/import
server.directories.plugins=$home/plugins
# A 2-core machine shared with the tests: a small heap and page cache.
server.memory.heap.initial_size=$heap
server.memory.heap.max_size=$heap
server.memory.pagecache.size=$pagecache
dbms.memory.transaction.total.max=512m
server.threads.worker_count=8
db.tx_log.rotation.retention_policy=2 files
dbms.usage_report.enabled=false
EOF
}

cmd_start() {
  find_java
  mkdir -p "$home"
  if pid_alive; then
    local http
    http="$(conf_get server.http.listen_address)"
    if answers "${http##*:}"; then
      say "already running (pid $(cat "$home/run/kg-neo4j.pid"))"
      print_env
      return 0
    fi
  fi
  command -v curl >/dev/null 2>&1 || die "curl is needed to check that Neo4j answers: apt-get install curl"
  fetch_jars
  local bolt http
  bolt="$(free_port "${KG_NEO4J_BOLT_PORT:-7687}")"
  http="$(free_port "${KG_NEO4J_HTTP_PORT:-7474}")"
  [ "$http" != "$bolt" ] || http="$(free_port $((bolt + 1)))"
  write_conf "$bolt" "$http"
  export NEO4J_HOME="$home" NEO4J_CONF="$home/conf"
  if [ ! -f "$home/password" ] || [ ! -d "$home/data/databases/system" ]; then
    # A new database, or one whose data was deleted to start afresh: set
    # the password before the first start (the one kept, else a new one),
    # or Neo4j starts with its default password and refuses ours.
    if [ -f "$home/password" ]; then
      cp "$home/password" "$home/password.new"
    else
      rm -rf "$home/data"
      (umask 077 && od -An -N12 -tx1 /dev/urandom | tr -d ' \n' | sed 's/^/kg-/' >"$home/password.new")
    fi
    mkdir -p "$home/data"
    "$java" -cp "$lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$(cat "$home/password.new")" >"$home/logs/set-password.log" 2>&1 ||
      { cat "$home/logs/set-password.log" >&2; die "could not set the initial password"; }
    mv "$home/password.new" "$home/password"
  fi
  say "starting Neo4j (bolt 127.0.0.1:$bolt, http 127.0.0.1:$http, heap $heap, page cache $pagecache, data $home/data)"
  (
    cd "$home"
    exec nohup "$java" -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
      -XX:+UnlockDiagnosticVMOptions -XX:-OmitStackTraceInFastThrow -Djdk.tls.ephemeralDHKeySize=2048 \
      -Dfile.encoding=UTF-8 -cp "$lib/*" org.neo4j.server.CommunityEntryPoint \
      --home-dir="$home" --config-dir="$home/conf" </dev/null >"$home/logs/console.log" 2>&1
  ) &
  echo $! >"$home/run/kg-neo4j.pid"
  if [ -n "${KG_NEO4J_WATCH_PID:-}" ]; then
    # Tests: stop the server when the process that asked for it is gone,
    # even if it could not stop it (killed, timed out).
    local server=$!
    (
      trap "" HUP # like the server (nohup), outlive the shell that started it
      while kill -0 "$KG_NEO4J_WATCH_PID" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 2; done
      kill "$server" 2>/dev/null
    ) </dev/null >/dev/null 2>&1 &
  fi
  local waited=0
  until answers "$http"; do
    if ! pid_alive; then
      tail -30 "$home/logs/console.log" "$home/logs/neo4j.log" 2>/dev/null >&2 || true
      rm -f "$home/run/kg-neo4j.pid"
      die "Neo4j exited while starting (logs: $home/logs)"
    fi
    if [ "$waited" -ge "$timeout" ]; then
      tail -30 "$home/logs/neo4j.log" 2>/dev/null >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      die "Neo4j did not answer within $timeout s (logs: $home/logs); stopped it"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "Neo4j answers after ${waited} s (pid $(cat "$home/run/kg-neo4j.pid"))"
  print_env
}

cmd_stop() {
  if ! pid_alive; then
    rm -f "$home/run/kg-neo4j.pid"
    say "not running (no server started from $home)"
    return 0
  fi
  local pid i
  pid="$(cat "$home/run/kg-neo4j.pid")"
  kill "$pid"
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "Neo4j (pid $pid) did not stop within 60 s: killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$home/run/kg-neo4j.pid"
  say "stopped (pid $pid)"
}

cmd_status() {
  if pid_alive; then
    local http
    http="$(conf_get server.http.listen_address)"
    if answers "${http##*:}"; then
      say "running (pid $(cat "$home/run/kg-neo4j.pid")), bolt $(conf_get server.bolt.listen_address), Browser http://$http/browser/"
    else
      say "started (pid $(cat "$home/run/kg-neo4j.pid")) but not answering yet"
      return 1
    fi
  else
    say "not running"
    return 3
  fi
}

cmd_admin() {
  find_java
  fetch_jars
  [ -f "$home/conf/neo4j.conf" ] || write_conf 7687 7474
  NEO4J_HOME="$home" NEO4J_CONF="$home/conf" exec "$java" -Xmx"$heap" -cp "$lib/*" org.neo4j.cli.AdminTool "$@"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env)
  pid_alive || die "not running: run $0 start"
  print_env
  ;;
admin)
  shift
  cmd_admin "$@"
  ;;
*)
  echo "usage: $0 start|stop|status|env|admin ARGS…" >&2
  exit 2
  ;;
esac
