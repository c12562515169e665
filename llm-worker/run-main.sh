#!/usr/bin/env bash
# Runs a main class of llm-worker (main or test sources) after building it, with this checkout's shared classes
# ahead of any shared jar in ~/.m2. Used by `make note` and `make bench-notes`.
# Usage: llm-worker/run-main.sh <class> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -pl llm-worker -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.cp >/dev/null
deps=$(tr ':' '\n' < llm-worker/target/bench.cp | grep -v '/dev/daybook/shared/' | paste -sd:)
exec "${JAVA_HOME:-/usr}/bin/java" -Ddaybook.testdata="$PWD/testdata" \
  -cp "shared/target/classes:shared/target/test-classes:llm-worker/target/classes:llm-worker/target/test-classes:$deps" "$@"
