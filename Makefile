# Daybook — the commands people type. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A JDK >= 21: $JAVA_HOME if it fits, else the newest under /usr/lib/jvm (bin/find-jdk explains a miss).
JAVA_HOME := $(shell bin/find-jdk)
ifeq ($(JAVA_HOME),)
$(error No JDK >= 21 found (see the message above). Install one, or set JAVA_HOME)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

MVN := ./mvnw -B -ntp
USER ?= alice
ROLE ?=

.PHONY: chaos load soak import backfill bench-storage images push compose-test trace-test rules-test help build test bench bench-queue bench-ingestion bench-transcription bench-status bench-events bench-llm bench-upload-to-note bench-pipeline bench-pipeline-steady bench-notes bench-punctuation bench-record bench-search note models run stop status token compose-check synth clean

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## compile and package every module (skips tests)
	$(MVN) -q -DskipTests package

test: ## every module's tests (real redis-server, audio, HTTP, Chromium), alert rules, then the whole stack through the diary page, and one job's spans as one trace
	bin/ensure-test-deps
	bin/test-daybook-run
	$(MAKE) --no-print-directory rules-test
	DAYBOOK_REQUIRE_BROWSER=1 $(MVN) package
	bin/stack-e2e
	bin/trace-e2e

trace-test: build ## a stack of its own exporting OTLP to a local receiver: one job's upload, transcribe and summarize spans arrive as one trace
	bin/trace-e2e

rules-test: ## check the Prometheus rules and run their unit tests (promtool, from Debian's prometheus package)
	@command -v promtool >/dev/null || bin/ensure-test-deps
	promtool check rules deploy/observability/prometheus/daybook.rules.yml
	cd deploy/observability/prometheus && promtool test rules tests/*.test.yml
	@# The compose config names the rules by their path inside the container; check it against the real file.
	sed 's#/etc/prometheus/#$(CURDIR)/deploy/observability/prometheus/#' deploy/observability/prometheus/prometheus.yml \
	  > $${TMPDIR:-/tmp}/daybook-prometheus.yml && promtool check config $${TMPDIR:-/tmp}/daybook-prometheus.yml
	bin/check-metric-names

bench: bench-queue bench-ingestion bench-transcription bench-llm bench-status bench-events bench-storage bench-notes bench-punctuation bench-upload-to-note bench-pipeline bench-record bench-search ## every benchmark (results: docs/benchmarks.md)

bench-queue: ## no-op jobs through the full queue lifecycle vs. redis-benchmark XADD and BullMQ 5 (npm) in the same run: both warmed first, three alternating rounds, median ratio (BENCH_ARGS=warmup=0: cold)
	cd shared/src/test/bench/bullmq && (test -d node_modules || npm ci --no-audit --no-fund --loglevel=error)
	$(MVN) -q -pl shared -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
	java -cp shared/target/classes:shared/target/test-classes:$$(cat shared/target/bench.classpath) \
	  dev.daybook.shared.bench.QueueBenchmark $(BENCH_ARGS)

bench-storage: ## 1 MB artifacts tiered/s and MB/s, local -> local and local -> GCS fake, vs. a raw file copy
	$(MVN) -q -pl shared -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
	java -cp shared/target/classes:shared/target/test-classes:$$(cat shared/target/bench.classpath) \
	  dev.daybook.shared.bench.StorageBenchmark $(BENCH_ARGS)

bench-ingestion: ## uploads/s, p50/p95 and CPU per upload of a 1-minute recording (WAV, MP3, AAC/m4a, Opus/webm) at 32 clients, each vs bare ffmpeg decodes of the same file in the same run
	ingestion-api/bench.sh 320 32 60 wav
	for c in mp3 m4a webm; do BENCH_NO_BUILD=1 ingestion-api/bench.sh 320 32 60 $$c || exit 1; done

bench-transcription: ## WER on LibriVox and the diary entries, real-time factor per stream and in aggregate, the remote engine's overhead per one-minute entry, what Whisper's words add and how many windows its pause cuts take
	bin/ensure-test-deps audio
	$(MVN) -q -pl transcription-worker -am -Pbench -DskipTests test

bench-status: ## GET /v1/jobs/{id} p50/p95 and requests/s at 64 clients (wrk), Redis round trips per request
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	job-status-api/src/test/bench/run-benchmark.sh 20

bench-upload-to-note: build ## upload -> note p50/p95 for a 1-minute entry, on a second stack on non-default ports (18080-18083, Redis 16390)
	bin/bench-upload-to-note $(or $(ENTRIES),10)

bench-pipeline: build ## a backlog of 1-, 5- and 20-minute speech entries from 4 users (BENCH_FORMAT=wav|mp3|m4a|webm), upload -> note on a second stack (18080-18083, Redis 16390): audio hours per hour vs bare Vosk on the same recordings, CPU s per audio s per process and JVM thread kind, Redis calls per entry, p50/p95 per length
	bin/bench-pipeline

bench-pipeline-steady: build ## 1-minute entries arriving at a steady rate rising in steps (12, 16, ... audio hours per hour, 2 min each) until upload -> note p95 passes twice their length, on a second stack: the sustainable rate per core (BENCH_STEADY_MINUTES, BENCH_RATE_*)
	BENCH_MODE=steady bin/bench-pipeline

bench-record: ## the recorder's events/s vs a bare batched INSERT ... ON CONFLICT of the same rows; listing and expired single-read p95 at 10,000 entries (BENCH_ARGS)
	$(MVN) -q -pl job-status-api -am -DskipTests test-compile dependency:build-classpath \
	  -Dmdep.outputFile=$(CURDIR)/job-status-api/target/bench.classpath -Dmdep.includeScope=test
	java -cp job-status-api/target/test-classes:job-status-api/target/classes:$$(cat job-status-api/target/bench.classpath) \
	  dev.daybook.status.record.RecordBenchmark $(BENCH_ARGS)

bench-search: ## search at 10,000 entries of one user: p95 of a search (fts, semantic, fused) and of a filtered listing, recall@5 and MRR of each mode on search/queries.json (BENCH_ARGS)
	$(MVN) -q -pl job-status-api -am -DskipTests test-compile dependency:build-classpath \
	  -Dmdep.outputFile=$(CURDIR)/job-status-api/target/bench.classpath -Dmdep.includeScope=test
	java -cp job-status-api/target/test-classes:job-status-api/target/classes:$$(cat job-status-api/target/bench.classpath) \
	  dev.daybook.status.search.SearchBenchmark $(BENCH_ARGS)

bench-events: ## partial transcript latency, XADD -> SSE client, p50/p95 at 16 and 64 clients vs. a bare XREAD
	job-status-api/src/test/bench/run-events-benchmark.sh 16 400 10
	job-status-api/src/test/bench/run-events-benchmark.sh 64 1000 5

bench-llm: ## LLM router overhead and notes/s, 1,000 notes in flight against fakes answering after 1 s
	llm-worker/bench.sh

chaos: build ## kill workers and Redis under a few hundred entries on free ports; asserts none lost (CHAOS_ENTRIES, CHAOS_MINUTES)
	bin/chaos

load: build ## many users submitting within their limits while others poll / follow SSE; per-endpoint req/s, p50/p95 (LOAD_USERS, LOAD_MINUTES, LOAD_RATE)
	bin/load

soak: build ## steady load for MINUTES (30): Redis memory, heap, open files sampled; asserts each Redis structure within its bound
	MINUTES=$(or $(MINUTES),30) bin/soak

bench-notes: ## note quality: precision/recall/F1 per field on the labelled diary set, local generator and provider path
	llm-worker/run-main.sh dev.daybook.llm.bench.NotesBenchmark $(BENCH_ARGS)

bench-punctuation: ## sentence breaks and capitals restored in recogniser text, precision/recall on the labelled set
	$(MVN) -q -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
	java -Ddaybook.testdata=$$PWD/testdata -cp shared/target/classes:shared/target/test-classes:$$(cat shared/target/bench.classpath) \
	  dev.daybook.shared.transcript.PunctuationBenchmark $(BENCH_ARGS)

note: ## print the note JSON the configured writer produces: make note FILE=transcript.txt (or transcript.json)
	@test -n "$(FILE)" || (echo "usage: make note FILE=transcript.txt" >&2; exit 2)
	@llm-worker/run-main.sh dev.daybook.llm.summarize.NoteCommand "$(abspath $(FILE))" 2>&1 | grep -v -E '^(WARNING|SLF4J)'

models: ## download a Whisper model (ggml, published SHA-1 checked) into the model cache: make models MODEL=base.en
	@test -n "$(MODEL)" || (echo "usage: make models MODEL=base.en (tiny, base, small, medium, large-v3, … and .en)" >&2; exit 2)
	$(MVN) -q -pl transcription-worker -am compile
	java -cp transcription-worker/target/classes dev.daybook.transcription.whisper.DownloadWhisperModel $(MODEL) $(MODEL_CACHE)

run: build ## start the whole system locally (offline defaults) and send a diary entry through it
	bin/daybook-run start
	bin/daybook-run demo

stop: ## stop what `make run` started
	bin/daybook-run stop

status: ## show what `make run` started
	bin/daybook-run status

import: ## recordings of a folder or gs://bucket/prefix as jobs of one user: make import DIR=path USER=name, into the stack make run started (DAYBOOK_REDIS_URL, DAYBOOK_STORAGE_*, DAYBOOK_DB_URL); the run is listed on the operations page
	@test -n "$(DIR)" || (echo "usage: make import DIR=path USER=name" && exit 2)
	$(MVN) -q -pl job-status-api -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/import.classpath
	@# Into the stack `make run` started: its Redis (6390), storage (.daybook/storage) and PostgreSQL (5490, whose
	@# JobRepository records the run), unless told otherwise.
	DAYBOOK_DB_URL=$${DAYBOOK_DB_URL:-jdbc:postgresql://127.0.0.1:$${DAYBOOK_PG_PORT:-5490}/daybook} \
	DAYBOOK_REDIS_URL=$${DAYBOOK_REDIS_URL:-redis://127.0.0.1:$${DAYBOOK_REDIS_PORT:-6390}} \
	DAYBOOK_STORAGE_ROOT=$${DAYBOOK_STORAGE_ROOT:-$(CURDIR)/$${DAYBOOK_HOME:-.daybook}/storage} \
	java -cp job-status-api/target/classes:$$(cat job-status-api/target/import.classpath) \
	  dev.daybook.status.batch.ImportCommand "$(DIR)" "$(USER)"

backfill: ## copy every job record Redis holds into PostgreSQL: a `backfill` batch run on the running stack (`make run`), waited for
	@test -n "$$(ls ingestion-api/target/ingestion-api-*.jar 2>/dev/null)" || $(MVN) -q -DskipTests -pl ingestion-api -am package
	@bin/batch-run backfill "http://127.0.0.1:$${DAYBOOK_STATUS_PORT:-8081}" "$$(bin/daybook-run token admin admin)"

token: ## print a dev token the local stack accepts: make token USER=alice [ROLE=admin]
	@test -n "$$(ls ingestion-api/target/ingestion-api-*.jar 2>/dev/null)" || $(MVN) -q -DskipTests -pl ingestion-api -am package
	@bin/daybook-run token $(USER) $(ROLE)

compose-check: ## validate docker-compose.yml (every profile) with docker compose or docker-compose, installed if missing
	bin/compose-check

images: ## build the four images with podman on local base images (mmdebstrap Debian + this machine's JDK)
	bin/images

push: ## tag and push the images make images built to DAYBOOK_IMAGE_REGISTRY as DAYBOOK_IMAGE_TAG (podman or docker: DAYBOOK_CONTAINER_TOOL; log in to the registry first, see docs/deploy.md)
	bin/push

compose-test: ## the compose stack under podman-compose on ports 18080-18083: a diary entry in, its note out, torn down
	bin/compose-test

synth: ## synthesize the GKE Terraform (CDKTF) into terraform/cdktf.out; needs DAYBOOK_GCP_PROJECT, DAYBOOK_DOMAIN, DAYBOOK_AUTHORIZED_NETWORKS, DAYBOOK_JWT_ISSUER, DAYBOOK_JWKS_URI, DAYBOOK_WHISPER_MODEL (+ DAYBOOK_WHISPER_MODEL_SHA256 with the GPU worker); optional settings: docs/deploy.md
	cd terraform && CDKTF_OUTDIR=$$PWD/cdktf.out ../mvnw -q -f ../pom.xml -pl terraform compile exec:java

clean: ## remove build output (keeps .daybook/ data and keys)
	$(MVN) -q clean
