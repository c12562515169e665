#!/usr/bin/env bash
# Ingestion benchmark: uploads/s and p50/p95 for a 1-minute recording at 32 concurrent clients on loopback, against
# bare ffmpeg decodes of the same file in the same run (the ratio is the figure).
# Usage (from the repo root): ingestion-api/bench.sh [requests] [clients] [audio seconds] [wav|mp3|m4a|webm] [warm-up uploads, default requests/2]
# Large-upload heap check: BENCH_JAVA_OPTS=-Xmx96m ingestion-api/bench.sh 1 1 7200   (a 230 MB WAV)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(bin/find-jdk)}"
# the ffmpeg shipped in org.bytedeco:ffmpeg (the baseline, and non-WAV uploads) links libpulse
ldconfig -p | grep -q libpulse.so.0 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpulse0 >/dev/null; }
# BENCH_NO_BUILD=1: the classes are fresh (make bench-ingestion builds once for its four containers)
[ "${BENCH_NO_BUILD:-}" = 1 ] || ./mvnw -q -pl ingestion-api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="ingestion-api/target/test-classes:ingestion-api/target/classes:shared/target/test-classes:shared/target/classes"
CP="$CP:$(cat ingestion-api/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Ddaybook.testdata=testdata -cp "$CP" \
  dev.daybook.ingestion.bench.IngestionBenchmark "${1:-320}" "${2:-32}" "${3:-60}" "${4:-wav}" ${5:+"$5"}
