#!/usr/bin/env bash
# TLS handshakes per second and bulk throughput: jasyncio (TlsBench, one loop, JDK 17) beside
# SSLSocket on virtual threads (VirtualThreadTls.java, JDK 25), with one EC P-256 certificate made
# here by keytool. Each prints 4 rounds; the first is warm-up.
#
# Usage: benchmarks/http/tls-compare.sh   (after: mvn -q -B -DskipTests -pl benchmarks -am package)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
J17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin}
J25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$J17/keytool" -genkeypair -alias localhost -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext SAN=dns:localhost -validity 2 -keystore "$work/localhost.p12" -storetype PKCS12 \
  -storepass changeit -keypass changeit > /dev/null 2>&1
"$J17/java" -Xmx2g -cp "$root/benchmarks/target/benchmarks.jar" io.jasyncio.benchmarks.echo.TlsBench "$work/localhost.p12"
echo "(the same on JDK 25)"
"$J25/java" -Xmx2g -cp "$root/benchmarks/target/benchmarks.jar" io.jasyncio.benchmarks.echo.TlsBench "$work/localhost.p12"
"$J25/java" -Xmx2g "$root/benchmarks/http/VirtualThreadTls.java" "$work/localhost.p12"
