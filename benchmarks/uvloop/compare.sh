#!/usr/bin/env bash
# uvloop's echo benchmark (examples/bench of MagicStack/uvloop): its client, echoclient.py, against
# uvloop's and asyncio's servers (echoserver.py, run with Debian's python3 and python3-uvloop) and
# jasyncio's (EchoServerMain), in streams and protocol modes, 1, 10 and 100 KiB messages, one
# server at a time, all on 127.0.0.1. Prints requests/s per server and size.
#
# Usage: benchmarks/uvloop/compare.sh UVLOOP_BENCH_DIR   (after: mvn -q -B -DskipTests -pl benchmarks -am package;
#        apt-get install python3-uvloop; UVLOOP_BENCH_DIR holds echoclient.py and echoserver.py)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$1"
PY=/usr/bin/python3
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin}
JCP="$root/benchmarks/target/benchmarks.jar"
port=25000
declare -A nums=([1000]=100000 [10240]=50000 [102400]=10000)
servers=(
  "uvloop-streams|$PY $bench/echoserver.py --uvloop --streams --addr 127.0.0.1:PORT"
  "uvloop-proto|$PY $bench/echoserver.py --uvloop --proto --addr 127.0.0.1:PORT"
  "asyncio-streams|$PY $bench/echoserver.py --streams --addr 127.0.0.1:PORT"
  "asyncio-proto|$PY $bench/echoserver.py --proto --addr 127.0.0.1:PORT"
  "jasyncio-streams|$J17/java -Xmx1g -cp $JCP io.jasyncio.benchmarks.echo.EchoServerMain --streams PORT"
  "jasyncio-proto|$J17/java -Xmx1g -cp $JCP io.jasyncio.benchmarks.echo.EchoServerMain --proto PORT"
  "jasyncio-buffered|$J17/java -Xmx1g -cp $JCP io.jasyncio.benchmarks.echo.EchoServerMain --buffered PORT"
)
printf "| server | 1 KiB req/s | 10 KiB req/s | 100 KiB req/s |\n|---|---|---|---|\n"
for entry in "${servers[@]}"; do
  name=${entry%%|*}
  port=$((port + 1))
  cmd=${entry#*|}
  cmd=${cmd//PORT/$port}
  $cmd > /dev/null 2>&1 &
  pid=$!
  sleep 3
  row="| $name |"
  for size in 1000 10240 102400; do
    # one warm-up pass (the JIT; uvloop has none to do), then the measured one
    $PY "$bench/echoclient.py" --msize $size --num $((nums[$size] / 5)) --addr 127.0.0.1:$port > /dev/null 2>&1
    out=$($PY "$bench/echoclient.py" --msize $size --num ${nums[$size]} --addr 127.0.0.1:$port 2>&1 | grep " in " | tail -1)
    total=$(echo "$out" | awk '{print $1}')
    secs=$(echo "$out" | awk '{print $3}')
    row="$row $(awk -v t="$total" -v s="$secs" 'BEGIN { printf "%.0f", t / s }') |"
  done
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  echo "$row"
done
