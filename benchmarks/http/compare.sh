#!/usr/bin/env bash
# wrk against the keep-alive HTTP/1.1 server on jasyncio protocols (HttpServerMain, JDK 17) and
# the same server on virtual threads (VirtualThreadHttpServer.java, JDK 25), one at a time, same
# wrk settings; prints requests/s and the 99th percentile latency of each.
#
# Usage: benchmarks/http/compare.sh   (after: mvn -q -B -DskipTests -pl benchmarks -am package;
#        apt-get install wrk)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin}
WRK="wrk -t2 -c${CONNECTIONS:-100} -d${SECONDS_PER_RUN:-10}s --latency"
run() { # name, port, server command...
  local name=$1 port=$2; shift 2
  "$@" > /dev/null 2>&1 &
  local pid=$!
  sleep 3
  $WRK -d5s "http://127.0.0.1:$port/" > /dev/null # warm-up (the JIT)
  local out
  out=$($WRK "http://127.0.0.1:$port/")
  kill $pid; wait $pid 2>/dev/null || true
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "| $name | $rps | $p99 |"
}
echo "| server | requests/s | p99 latency |"
echo "|---|---|---|"
run "jasyncio protocol, one loop (JDK 17)" 18080 \
  "$J17/java" -Xmx1g -cp "$root/benchmarks/target/benchmarks.jar" io.jasyncio.benchmarks.echo.HttpServerMain 18080
run "virtual threads (JDK 25)" 18081 \
  "$J25/java" -Xmx1g "$root/benchmarks/http/VirtualThreadHttpServer.java" 18081
