#!/usr/bin/env bash
# Async generators and async for-each loops (jasyncio, code the processor generated from
# benchmarks/.../Generators.java) beside Kotlin's flow { emit } / collect (flow/KFlowBench.kt, built
# with the Kotlin anchor of ../shared/anchors), interleaved, each in a fresh JDK 17 JVM:
#   F1: 10M elements that are ready; F2: 1M elements, each after one trip through the event loop.
# Usage: benchmarks/anchors/flow-compare.sh [anchors-dir]   (after: mvn -q -B -DskipTests -pl benchmarks -am package)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
anchors_src="${1:-$root/../shared/anchors}"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$anchors_src" "$work/anchors"
cp "$root/benchmarks/anchors/flow/KFlowBench.kt" "$work/anchors/kotlin/src/main/kotlin/"
(cd "$work/anchors" && ./run_all.sh build > "$work/build.log" 2>&1) || { cat "$work/build.log"; exit 1; }
KCP="$work/anchors/kotlin/target/classes:$(cat "$work/anchors/kotlin/target/cp.txt")"
JCP="$root/benchmarks/target/benchmarks.jar"
for f in f1 f2; do
  "$J17/java" -Xmx4g -cp "$JCP" io.jasyncio.benchmarks.anchors.AnchorBench "$f" 2>/dev/null | grep -E '^F[0-9]' | sed 's/^/jasyncio | /'
  "$J17/java" -Xmx4g -cp "$KCP" KFlowBench "$f" 2>/dev/null | grep -E '^F[0-9]' | sed 's/^/kotlin   | /'
done
