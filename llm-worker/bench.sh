#!/usr/bin/env bash
# Runs the router benchmark (docs/benchmarks-llm.md): builds, then runs RouterBenchmark on the test classpath,
# with this checkout's shared classes ahead of any shared jar in ~/.m2.
# Usage: llm-worker/bench.sh [notesInFlight]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl llm-worker -am test-compile
./mvnw -q -pl llm-worker -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
deps=$(tr ':' '\n' < llm-worker/target/bench.cp | grep -v '/dev/daybook/shared/' | paste -sd:)
exec "${JAVA_HOME:-/usr}/bin/java" -Xmx2g \
  -cp "shared/target/classes:shared/target/test-classes:llm-worker/target/classes:llm-worker/target/test-classes:$deps" \
  dev.daybook.llm.bench.RouterBenchmark "$@"
