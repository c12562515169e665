#!/usr/bin/env bash
# GET /v1/jobs/{id} at 64 concurrent connections on loopback (wrk), with Redis commands per request.
# Usage: job-status-api/src/test/bench/run-benchmark.sh [duration_s]   (needs: apt-get install -y wrk)
# BENCH_JFR=<folder>: instead of measuring, record a JFR profile of each endpoint there (jfr view hot-methods ...)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -pl job-status-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/job-status-api/target/bench-classpath.txt" -Dmdep.includeScope=test
cd job-status-api
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" ${BENCH_JFR:+-Dbench.jfr=$BENCH_JFR} -cp "$CP" dev.daybook.status.bench.StatusBenchmark "${1:-20}"
