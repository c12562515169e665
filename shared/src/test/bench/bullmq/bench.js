// BullMQ 5, the peer of Daybook's queue in `make bench-queue`: the same shape as QueueBenchmark — no-op jobs,
// 8 producers adding bulks of 50, one worker process with concurrency 512, enqueue and work at once — on the
// same redis-server, then every job's outcome is checked. Job records are kept (removeOnComplete: false), as
// Daybook keeps its job hashes. Usage: node bench.js <redis port> [jobs=100000] [producers=8] [batch=50]
// [concurrency=512] [warmup=0]. With warmup > 0, that many jobs go through first, untimed, on another queue in the
// same two processes, so V8 has compiled what it runs (QueueBenchmark warms the JVM the same way). Prints one
// line `bullmq jobs_per_s=… verified=…` that QueueBenchmark reads.
'use strict';
const { fork } = require('node:child_process');
const { Queue, Worker } = require('bullmq');

const [port, jobs = 100000, producers = 8, batch = 50, concurrency = 512, warmup = 0] =
    process.argv.slice(2).map(Number);
const connection = { host: '127.0.0.1', port };
const QUEUE = 'bench';

if (process.env.BENCH_ROLE === 'worker') {
  // The worker process: one Worker per round; counts its completions and reports when all are done.
  let worker = null;
  process.on('message', async (m) => {
    if (m.start) {
      let done = 0;
      worker = new Worker(m.start, async (job) => job.data.i, { connection, concurrency, autorun: false });
      worker.on('completed', () => {
        if (++done === m.jobs) {
          process.send({ done });
        }
      });
      worker.on('failed', (job, err) => process.send({ failed: job && job.id, message: err.message }));
      await worker.waitUntilReady();
      process.send({ ready: true });
      worker.run();
    } else if (m === 'close') {
      await worker.close();
      process.send({ closed: true });
    } else if (m === 'stop') {
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
  const worker = fork(__filename, process.argv.slice(2), { env: { ...process.env, BENCH_ROLE: 'worker' } });
  worker.on('exit', (code) => {
    if (code !== 0) {
      console.error(`worker exited with ${code}`);
      process.exit(1);
    }
  });
  if (warmup > 0) {
    const w = await round(worker, 'warmup', warmup);
    console.log(`bullmq warm-up: ${warmup} jobs in ${w.seconds.toFixed(2)} s, untimed`);
    await w.admin.obliterate({ force: true });
    await Promise.all([w.admin, ...w.queues].map((q) => q.close()));
    if (process.env.BENCH_HANDSHAKE === '1') {
      // QueueBenchmark resets Redis's statistics here, so they count the timed jobs only; it answers with a line
      console.log('bullmq warm-up done');
      await new Promise((resolve) => process.stdin.once('data', resolve));
      process.stdin.pause();
    }
  }
  const r = await round(worker, QUEUE, jobs);
  const verified = await verify(r.admin, jobs);
  worker.send('stop');
  console.log(`bullmq ${require('bullmq/package.json').version}: ${jobs} no-op jobs, ${producers} producers `
      + `(bulks of ${batch}), 1 worker process x ${concurrency}; enqueue finished at ${r.enqueuedAt.toFixed(2)} s`);
  console.log(`bullmq jobs_per_s=${(jobs / r.seconds).toFixed(0)} seconds=${r.seconds.toFixed(2)} verified=${verified}`);
  await Promise.all([r.admin, ...r.queues].map((q) => q.close()));
  if (verified !== jobs) {
    throw new Error(`only ${verified} of ${jobs} jobs completed with their return value`);
  }
}

/** One round on queue `name`: the child's Worker started, `count` jobs added by the producers, all completed. */
async function round(worker, name, count) {
  const admin = new Queue(name, { connection });
  await admin.obliterate({ force: true }).catch(() => {});
  const next = (key) => new Promise((resolve, reject) => {
    const on = (m) => {
      if (m.failed) {
        worker.off('message', on);
        reject(new Error(`job ${m.failed} failed: ${m.message}`));
      } else if (m[key]) {
        worker.off('message', on);
        resolve();
      }
    };
    worker.on('message', on);
  });
  const ready = next('ready');
  worker.send({ start: name, jobs: count });
  await ready;
  const finished = next('done');

  const queues = Array.from({ length: producers }, () => new Queue(name, { connection }));
  const t0 = process.hrtime.bigint();
  let enqueuedAt = 0;
  await Promise.all(queues.map(async (q, p) => {
    const from = Math.floor((p * count) / producers);
    const to = Math.floor(((p + 1) * count) / producers);
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
  const closed = next('closed');
  worker.send('close');
  await closed;
  return { admin, queues, seconds, enqueuedAt };
}

// Every job: state completed and the handler's return value stored, read in pipelined pages of 1,000.
async function verify(queue, count) {
  let ok = 0;
  for (let i = 0; i < count; i += 1000) {
    const page = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) {
      page.push(queue.getJob(`b${j}`).then((job) => job && job.finishedOn > 0 && !job.failedReason
          && job.returnvalue === j));
    }
    ok += (await Promise.all(page)).filter(Boolean).length;
  }
  return ok;
}
