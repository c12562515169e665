#!/usr/bin/env bash
# Partial transcript latency: XADD of a partial_transcript event -> SSE client, p50/p95 at several clients.
# Usage: job-status-api/src/test/bench/run-events-benchmark.sh [clients] [events] [interval-ms]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
export JAVA_HOME=${JAVA_HOME:-$(bin/find-jdk)}
./mvnw -q -pl job-status-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/job-status-api/target/bench-classpath.txt" -Dmdep.includeScope=test
cd job-status-api
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$CP" dev.daybook.status.bench.EventsBenchmark "${1:-16}" "${2:-400}" "${3:-10}"
