#!/usr/bin/env bash
# Runs the anchor workloads W1-W6 for jasyncio (code the processor generated from
# benchmarks/.../anchors/Workloads.java) and for the peers in ../shared/anchors (Kotlin runBlocking
# on one thread; NIO.2 with one I/O thread for W6), interleaved, each workload in a fresh JDK 17
# JVM with -Xmx4g, and prints the side-by-side table with ratios (> 1: jasyncio better).
#
# Usage: benchmarks/anchors/compare.sh [anchors-dir]   (after: mvn -q -B -DskipTests -pl benchmarks -am package)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
anchors_src="${1:-$root/../shared/anchors}"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$anchors_src" "$work/anchors"
(cd "$work/anchors" && ./run_all.sh build > "$work/build.log" 2>&1)
KCP="$work/anchors/kotlin/target/classes:$(cat "$work/anchors/kotlin/target/cp.txt")"
JCP="$root/benchmarks/target/benchmarks.jar"
out="$work/lines.txt"
: > "$out"
run() { # tag, then the command; keeps the measurement lines, tagged
  local tag=$1; shift
  "$@" 2>/dev/null | grep -E '^W[0-9]' | sed "s/^/$tag|/" | tee -a "$out"
}
NI="-XX:CompileCommand=quiet -XX:CompileCommand=dontinline"
for w in w1 w2 w3 w4 w5 w6; do
  run jasyncio "$J17/java" -Xmx4g -cp "$JCP" io.jasyncio.benchmarks.anchors.AnchorBench "$w"
  if [ "$w" = w6 ]; then
    run peer "$J17/java" -Xmx4g -cp "$work/anchors/build/cf" CfBench w6
  else
    run peer "$J17/java" -Xmx4g -Dmode=st -cp "$KCP" KBenchKt "$w"
  fi
  if [ "$w" = w3 ]; then
    run jasyncio-ni "$J17/java" -Xmx4g $NI,'io.jasyncio.benchmarks.anchors.AsyncWorkloads$child$coro::$now' \
        -cp "$JCP" io.jasyncio.benchmarks.anchors.AnchorBench w3
    run peer-ni "$J17/java" -Xmx4g $NI,'KBenchKt::child*' -Dmode=st -cp "$KCP" KBenchKt w3
  fi
done
echo
echo "| workload | jasyncio | peer | ratio (>1 = jasyncio better) |"
echo "|---|---|---|---|"
awk -F'|' '
  function first(line) { sub(/^[^:]*: [^=]*=/, "", line); sub(/ .*/, "", line); return line + 0 }
  $2 ~ /^W1 / { v[$1 "1"] = first($2) }
  $2 ~ /^W2 / { v[$1 "2"] = first($2) }
  $2 ~ /^W3 await-chain \(child with/ { v[$1 "3"] = first($2) }
  $2 ~ /^W4 / { v[$1 "4"] = first($2) }
  $2 ~ /^W5 / { v[$1 "5"] = first($2) }
  $2 ~ /^W6 / { v[$1 "6"] = first($2) }
  function row(name, j, p, higherBetter, unit) {
    if (j == "" || p == "") { printf "| %s | %s | %s | - |\n", name, j, p; return }
    printf "| %s, %s | %s | %s | %.2fx |\n", name, unit, j, p, higherBetter ? j / p : p / j
  }
  END {
    row("W1 spawn 1M tasks that yield once", v["jasyncio1"], v["peer1"], 0, "ns/task")
    row("W2 1M messages through Queue(1) / Channel(1)", v["jasyncio2"], v["peer2"], 1, "msgs/s")
    row("W3 s += await(child(i)), child completes at once", v["jasyncio3"], v["peer3"], 0, "ns/await")
    row("W3, child not inlined (dontinline)", v["jasyncio-ni3"], v["peer-ni3"], 0, "ns/await")
    row("W4 bytes per task suspended on one event (100k)", v["jasyncio4"], v["peer4"], 0, "B/task")
    row("W5 1M tasks sleeping 0-100 ms, overhead beyond 100 ms", v["jasyncio5"], v["peer5"], 0, "ms")
    row("W6 echo 100 conns x 2000 x 64 B (peer: NIO.2, 1 I/O thread)", v["jasyncio6"], v["peer6"], 1, "round trips/s")
  }' "$out"
