// BullMQ 5, the peer of Daybook's queue in `make bench-queue`: the same shape as QueueBenchmark — no-op jobs,
// 8 producers adding bulks of 50, one worker process with concurrency 512, enqueue and work at once — on the
// same redis-server, then every job's outcome is checked. Job records are kept (removeOnComplete: false), as
// Daybook keeps its job hashes. Usage: node bench.js <redis port> [jobs=100000] [producers=8] [batch=50]
// [concurrency=512]. Prints one line `bullmq jobs_per_s=… verified=…` that QueueBenchmark reads.
'use strict';
const { fork } = require('node:child_process');
const { Queue, Worker } = require('bullmq');

const [port, jobs = 100000, producers = 8, batch = 50, concurrency = 512] = process.argv.slice(2).map(Number);
const connection = { host: '127.0.0.1', port };
const QUEUE = 'bench';

if (process.env.BENCH_ROLE === 'worker') {
  // The worker process: counts completions and reports when all are done.
  let done = 0;
  const worker = new Worker(QUEUE, async (job) => job.data.i, { connection, concurrency, autorun: false });
  worker.on('completed', () => {
    if (++done === jobs) {
      process.send({ done });
    }
  });
  worker.on('failed', (job, err) => process.send({ failed: job && job.id, message: err.message }));
  worker.waitUntilReady().then(() => {
    process.send({ ready: true });
    worker.run();
  });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await worker.close();
      process.exit(0);
    }
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

async function main() {
  const admin = new Queue(QUEUE, { connection });
  await admin.obliterate({ force: true }).catch(() => {});
  const worker = fork(__filename, process.argv.slice(2), { env: { ...process.env, BENCH_ROLE: 'worker' } });
  const finished = new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.done) resolve();
      if (m.failed) reject(new Error(`job ${m.failed} failed: ${m.message}`));
    });
    worker.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  await new Promise((resolve) => worker.once('message', (m) => m.ready && resolve()));

  const queues = Array.from({ length: producers }, () => new Queue(QUEUE, { connection }));
  const t0 = process.hrtime.bigint();
  let enqueuedAt = 0;
  await Promise.all(queues.map(async (q, p) => {
    const from = Math.floor((p * jobs) / producers);
    const to = Math.floor(((p + 1) * jobs) / producers);
    for (let i = from; i < to; i += batch) {
      const bulk = [];
      for (let j = i; j < Math.min(to, i + batch); j++) {
        bulk.push({ name: 'noop', data: { i: j }, opts: { jobId: `b${j}`, removeOnComplete: false } });
      }
      await q.addBulk(bulk);
    }
  })).then(() => { enqueuedAt = Number(process.hrtime.bigint() - t0) / 1e9; });
  await finished;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const verified = await verify(admin);
  worker.send('stop');
  console.log(`bullmq ${require('bullmq/package.json').version}: ${jobs} no-op jobs, ${producers} producers `
      + `(bulks of ${batch}), 1 worker process x ${concurrency}; enqueue finished at ${enqueuedAt.toFixed(2)} s`);
  console.log(`bullmq jobs_per_s=${(jobs / seconds).toFixed(0)} seconds=${seconds.toFixed(2)} verified=${verified}`);
  await Promise.all([admin, ...queues].map((q) => q.close()));
  if (verified !== jobs) {
    throw new Error(`only ${verified} of ${jobs} jobs completed with their return value`);
  }
}

// Every job: state completed and the handler's return value stored, read in pipelined pages of 1,000.
async function verify(queue) {
  let ok = 0;
  for (let i = 0; i < jobs; i += 1000) {
    const page = [];
    for (let j = i; j < Math.min(jobs, i + 1000); j++) {
      page.push(queue.getJob(`b${j}`).then((job) => job && job.finishedOn > 0 && !job.failedReason
          && job.returnvalue === j));
    }
    ok += (await Promise.all(page)).filter(Boolean).length;
  }
  return ok;
}
