#!/usr/bin/env python3
"""The driver behind `make bench-pipeline` (bin/bench-pipeline builds the entries and starts the stack first).

After BENCH_WARMUP untimed entries (4) have gone through, a backlog of real speech recordings is submitted at
once by a few users, each within its tier's per-minute limit (and all of them within the per-IP one: they share
127.0.0.1); every job is followed to its note by a long poll. Progress every 5 s. At the end: audio hours per hour
from the first upload to the last note; CPU seconds per audio second of each service process, Redis and
PostgreSQL (from /proc/<pid>/stat: the process's own time and its reaped children's, e.g. ingestion's ffmpeg runs;
PostgreSQL's live backends are added), and each JVM's by thread kind (JIT, GC, the decoder's); upload -> note
p50/p95 per entry length. Writes the figures as `key=value` lines to $BENCH_OUT for bin/bench-pipeline. stdlib only.

With --steady, the second mode: entries of one length arrive at a steady rate rising in steps until upload -> note
p95 passes twice the entry's length; it reports the last rate that held per core (see steady()).

Usage: bench_pipeline.py ENTRY...            the backlog (each a 16 kHz WAV or any accepted format; its length is
                                             read from the answer)
       bench_pipeline.py --steady ENTRY...   arrivals at a steady rate rising in steps (see steady() below)
"""
import http.client, json, math, os, re, subprocess, sys, threading, time, uuid
from concurrent.futures import ThreadPoolExecutor

env = os.environ
HOME = env["DAYBOOK_HOME"]
ING, ST = int(env["DAYBOOK_INGESTION_PORT"]), int(env["DAYBOOK_STATUS_PORT"])
USERS = int(env.get("BENCH_USERS", "4"))
USER_LIMIT = int(env.get("BENCH_USER_LIMIT_PER_MIN", "10"))  # the standard tier's shortest window
IP_LIMIT = int(env.get("BENCH_IP_LIMIT_PER_MIN", "60"))
WARMUP = int(env.get("BENCH_WARMUP", "4"))  # untimed entries first (the first ones of the backlog, once more)
TIMEOUT_S = float(env.get("BENCH_TIMEOUT_MINUTES", "60")) * 60
PROCESSES = ["ingestion-api", "job-status-api", "transcription-worker", "llm-worker", "redis", "postgres"]
TICK = os.sysconf("SC_CLK_TCK")


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, math.ceil(p * len(xs)) - 1))] if xs else float("nan")


def stat(pid):
    """(ppid, own + reaped children's CPU seconds) of a live process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), sum(int(x) for x in fields[11:15]) / TICK  # utime stime cutime cstime


def cpu_seconds():
    """CPU seconds so far of each of the stack's processes; PostgreSQL's with its live backends'."""
    out, children = {}, {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid, s = stat(d)
                children.setdefault(ppid, []).append(s)
            except (OSError, ValueError):
                pass
    for name in PROCESSES:
        try:
            pid = int(open(os.path.join(HOME, "run", name + ".pid")).read().strip())
            out[name] = stat(pid)[1] + (sum(children.get(pid, [])) if name == "postgres" else 0)
        except (OSError, ValueError):
            out[name] = float("nan")
    return out


JVMS = ["ingestion-api", "job-status-api", "transcription-worker", "llm-worker"]


def thread_group(comm):
    """A JVM thread's kind from its (15-character) name: numbered siblings count as one."""
    comm = re.sub(r"[#-]?\d+$", "", comm.strip())
    for prefix, kind in (("C1 CompilerThre", "JIT"), ("C2 CompilerThre", "JIT"), ("GC Thread", "GC"), ("G1 ", "GC"),
                         ("VM Thread", "VM")):
        if comm.startswith(prefix):
            return kind
    return comm


def thread_cpu():
    """CPU seconds so far of each JVM's live threads, by thread kind (threads that ended are left out)."""
    out = {}
    for name in JVMS:
        groups = out.setdefault(name, {})
        try:
            pid = int(open(os.path.join(HOME, "run", name + ".pid")).read().strip())
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    raw = f.read()
                comm = raw[raw.index("(") + 1:raw.rindex(")")]
                fields = raw.rsplit(")", 1)[1].split()
                groups[(tid, thread_group(comm))] = (int(fields[11]) + int(fields[12])) / TICK
        except (OSError, ValueError):
            pass
    return out


def redis_commands():
    """Redis's INFO commandstats: calls and microseconds of its one thread so far, by command."""
    out = subprocess.run(["redis-cli", "-p", env["DAYBOOK_REDIS_PORT"], "INFO", "commandstats"],
                         capture_output=True, text=True).stdout
    stats = {}
    for line in out.splitlines():
        if line.startswith("cmdstat_"):
            name, fields = line[len("cmdstat_"):].split(":", 1)
            f = dict(kv.split("=") for kv in fields.split(","))
            stats[name] = (int(f["calls"]), int(f["usec"]))
    return stats


def tokens_for(users):
    """Tokens as `make token` makes them: signed with the dev key pair the services read (a JVM each: four at once)."""
    def token(u):
        return subprocess.check_output(["bin/daybook-run", "token", u], text=True).strip()
    with ThreadPoolExecutor(4) as pool:
        return dict(zip(users, pool.map(token, users)))


def call(port, method, path, token, body=None, headers=None, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body, headers={"Authorization": "Bearer " + token, **(headers or {})})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def multipart(path):
    boundary = "bench-" + uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="audio"; filename="{os.path.basename(path)}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode()
    with open(path, "rb") as f:
        return head + f.read() + f"\r\n--{boundary}--\r\n".encode(), "multipart/form-data; boundary=" + boundary


class Entry:
    def __init__(self, path, user):
        self.path, self.user = path, user
        self.id = self.audio_s = self.t0 = self.t_note = None
        self.status = "waiting"


def submit_and_follow(entry, token, done):
    try:
        follow(entry, token)
    except (OSError, http.client.HTTPException, ValueError, KeyError) as e:
        entry.status = f"error: {e!r}"
    finally:
        done.release()


def follow(entry, token):
    body, ctype = multipart(entry.path)
    entry.t0 = time.monotonic()
    status, data = call(ING, "POST", "/v1/jobs", token, body, {"Content-Type": ctype}, timeout=600)
    if status != 202:
        entry.status = f"refused {status}: {json.loads(data).get('code') if data[:1] == b'{' else data[:80]!r}"
        return
    answer = json.loads(data)
    entry.id, entry.audio_s, entry.status = answer["id"], answer["audio"]["duration_s"], "queued"
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        status, data = call(ST, "GET", f"/v1/jobs/{entry.id}?wait=30", token, timeout=60)
        if status == 200:
            entry.status = json.loads(data)["status"]
            if entry.status in ("completed", "failed", "cancelled", "deleted"):
                break
        else:
            time.sleep(1)
    if entry.status == "completed":
        status, _ = call(ST, "GET", f"/v1/jobs/{entry.id}/note", token)
        entry.t_note = time.monotonic() if status == 200 else None


def user_loop(entries, token, done):
    """One user's uploads, back to back, each followed on its own thread; paced to the user's per-minute limit."""
    for i, e in enumerate(entries):
        if i and i % USER_LIMIT == 0:
            time.sleep(61)
        threading.Thread(target=submit_and_follow, args=(e, token, done), daemon=True).start()
        while e.status == "waiting":
            time.sleep(0.01)


def warm_up(paths):
    """Untimed entries through the whole stack first, as the baseline decodes one recording before it is timed:
    what is measured is the stack at work, not its JVMs compiling their hot paths for the first time."""
    if not paths:
        return
    token = tokens_for(["bench-warmup"])["bench-warmup"]
    entries = [Entry(p, "bench-warmup") for p in paths]
    done = threading.Semaphore(0)
    for e in entries:
        threading.Thread(target=submit_and_follow, args=(e, token, done), daemon=True).start()
    for _ in entries:
        done.acquire()
    failed = [e.status for e in entries if not e.t_note]
    if failed:
        sys.exit(f"bench-pipeline: warm-up entries did not complete: {failed}")
    print(f"  warmed up with {len(entries)} untimed entries", flush=True)


def main():
    paths = sys.argv[1:]
    warm = paths[:WARMUP]
    if len(paths) + len(warm) > IP_LIMIT:
        sys.exit(f"bench-pipeline: {len(paths)} entries and {len(warm)} warm-up ones exceed the per-IP limit of "
                 f"{IP_LIMIT} a minute")
    warm_up(warm)
    users = [f"bench-{i}" for i in range(USERS)]
    tokens = tokens_for(users)
    entries = [Entry(p, users[i % USERS]) for i, p in enumerate(paths)]
    done = threading.Semaphore(0)
    cpu0, threads0, redis0, t_start = cpu_seconds(), thread_cpu(), redis_commands(), time.monotonic()
    for u in users:
        threading.Thread(target=user_loop, args=([e for e in entries if e.user == u], tokens[u], done), daemon=True).start()
    finished = 0
    while finished < len(entries):
        if done.acquire(timeout=5):
            finished += 1
            continue
        states = {}
        for e in entries:
            states[e.status] = states.get(e.status, 0) + 1
        audio_done = sum(e.audio_s for e in entries if e.t_note) / 60
        print(f"  {time.monotonic() - t_start:6.0f} s: {finished}/{len(entries)} ended, {audio_done:.1f} audio min "
              f"turned into notes; " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())), flush=True)
    cpu1, threads1, redis1 = cpu_seconds(), thread_cpu(), redis_commands()
    report(entries, cpu0, cpu1, t_start, threads_by_kind(threads0, threads1), redis_by_command(redis0, redis1))


def redis_by_command(before, after):
    """Redis's calls and busy microseconds over the run by command, busiest first."""
    rows = [(name, calls - before.get(name, (0, 0))[0], usec - before.get(name, (0, 0))[1])
            for name, (calls, usec) in after.items()]
    return sorted((r for r in rows if r[1] > 0), key=lambda r: -r[2])


def threads_by_kind(before, after):
    """Each JVM's CPU seconds over the run by thread kind, largest first."""
    out = {}
    for name in JVMS:
        kinds = {}
        for (tid, kind), s in after.get(name, {}).items():
            kinds[kind] = kinds.get(kind, 0) + s - before.get(name, {}).get((tid, kind), 0)
        out[name] = sorted(kinds.items(), key=lambda kv: -kv[1])
    return out


def report(entries, cpu0, cpu1, t_start, threads, redis):
    noted = [e for e in entries if e.t_note]
    failed = [e for e in entries if not e.t_note]
    audio = sum(e.audio_s for e in noted)
    span = max(e.t_note for e in noted) - min(e.t0 for e in entries) if noted else float("nan")
    lines = [f"entries={len(entries)} noted={len(noted)} audio_s={audio:.1f} span_s={span:.1f}",
             f"audio_hours_per_hour={audio / span:.2f}"]
    for name in PROCESSES:
        lines.append(f"cpu_per_audio_s.{name}={(cpu1[name] - cpu0[name]) / audio:.4f}")
    for name in JVMS:  # where in each JVM: its own threads (JIT, GC, the decoder's) per audio second, largest five
        lines.append(f"threads.{name} " + " ".join(f"{k.replace(' ', '_')}={s / audio:.4f}" for k, s in threads[name][:6]))
    # Redis has one thread for every replica of every service: what it spends per entry is a limit of scale
    n = max(1, len(noted))
    lines.append(f"redis_per_entry calls={sum(r[1] for r in redis) / n:.0f} usec={sum(r[2] for r in redis) / n:.0f} "
                 "busiest " + " ".join(f"{name}={calls / n:.0f}/{usec / n:.0f}us" for name, calls, usec in redis[:8]))
    lines.append(f"cpu_per_audio_s.total={sum(cpu1[n] - cpu0[n] for n in PROCESSES) / audio:.4f}")
    for length in sorted({round(e.audio_s / 60) for e in noted}):
        ms = [1000 * (e.t_note - e.t0) for e in noted if round(e.audio_s / 60) == length]
        lines.append(f"upload_to_note_ms.{length}min n={len(ms)} p50={pct(ms, .5):.0f} p95={pct(ms, .95):.0f}")
    for e in failed:
        lines.append(f"not_noted {e.path}: {e.status}")
    print("\n".join(lines))
    with open(env.get("BENCH_OUT", os.path.join(HOME, "pipeline.txt")), "w") as f:
        f.write("\n".join(lines) + "\n")
    if failed:
        sys.exit(1)



# ---------------------------------------------------------------------------------------------------------------
# The second mode, `--steady` (`BENCH_MODE=steady bin/bench-pipeline`, `make bench-pipeline-steady`): steady() below.

STEADY_LIMITS_FILE = "ingestion-api/src/main/resources/application.yml"
WINDOW_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def configured_limits():
    """(per-IP, standard tier) admission limits as ingestion-api's application.yml sets them: {window s: uploads}."""
    try:
        text = open(STEADY_LIMITS_FILE).read()
    except OSError:
        text = ""

    def parse(key, default):
        m = re.search(rf"^\s*{key}:\s*\[([^\]]*)\]", text, re.M)
        specs = m.group(1).split(",") if m else default
        out = {}
        for spec in specs:
            n, w = spec.strip().split("/")
            out[int(w[:-1] or 1) * WINDOW_S[w[-1]]] = int(n)
        return out

    return parse("per-ip", ["60/1m", "1000/1h", "10000/1d"]), parse("standard", ["10/1m", "100/1h", "500/1d"])


class Step:
    def __init__(self, index, rate, uploads):
        self.index, self.rate, self.uploads = index, rate, uploads  # rate: audio hours per hour
        self.entries = []
        self.t_start = self.t_end = None
        self.cpu = self.threads = None  # (at start, at end)
        self.verdict = self.reason = self.decided_at = None  # verdict: "held" | "not held" | "rate limited"


def plan_steps(length, step_s, ip_limits, say):
    """The ramp's steps, cut before the first one the per-IP limits would refuse."""
    start, step = float(env.get("BENCH_RATE_START", "12")), float(env.get("BENCH_RATE_STEP", "4"))
    top = float(env.get("BENCH_RATE_MAX", "80"))
    steps, total, rate = [], 0, start
    while rate <= top + 1e-9:
        per_min = 60 * rate / length
        uploads = math.ceil(step_s * rate / length - 1e-9)
        if per_min > ip_limits.get(60, math.inf):
            say(f"steady: the ramp ends at {steps[-1].rate if steps else 0:g} audio hours per hour: {rate:g} needs "
                f"{per_min:.0f} uploads a minute from one address, over the per-IP limit of {ip_limits[60]} "
                f"(longer entries, BENCH_STEADY_MINUTES, reach higher rates)")
            return steps, "ip_limit"
        # a run is shorter than the longer windows: all its uploads fall into one of them
        over = [w for w, n in ip_limits.items() if w > 60 and total + uploads > n]
        if over:
            say(f"steady: the ramp ends at {steps[-1].rate if steps else 0:g} audio hours per hour: its "
                f"{total + uploads} uploads would pass the per-IP limit of {ip_limits[min(over)]} per {min(over)} s")
            return steps, "ip_limit"
        total += uploads
        steps.append(Step(len(steps) + 1, rate, uploads))
        rate += step
    return steps, "rate_max"


def users_needed(steps, length, user_limits):
    """Enough users that round-robin arrivals keep each within every window of its tier (a margin on the minute's,
    for timing jitter: the limiter's windows are fixed intervals)."""
    per_min = max(60 * s.rate / length for s in steps)
    total = sum(s.uploads for s in steps)
    by_minute = per_min / max(1, user_limits.get(60, 10) - 2)
    by_longer = max([total / (0.9 * n) for w, n in user_limits.items() if w > 60] or [0])
    return max(1, math.ceil(by_minute), math.ceil(by_longer))


def schedule(steps, paths, users, tokens, length, step_s, stop, done):
    """Submits each step's arrivals evenly spaced (each followed on its own thread) until the ramp ends or stops."""
    n = 0
    for step in steps:
        step.t_start = time.monotonic()
        step.cpu, step.threads = [cpu_seconds()], [thread_cpu()]
        interval = length / step.rate
        for j in range(step.uploads):
            if stop.wait(max(0.0, step.t_start + j * interval - time.monotonic())):
                return
            e = Entry(paths[n % len(paths)], users[n % len(users)])
            n += 1
            step.entries.append(e)
            threading.Thread(target=submit_and_follow, args=(e, tokens[e.user], done), daemon=True).start()
        if stop.wait(max(0.0, step.t_start + step_s - time.monotonic())):
            return
        step.cpu.append(cpu_seconds())
        step.threads.append(thread_cpu())
        step.t_end = time.monotonic()


def latencies(step, now):
    """Upload -> note of each entry of the step that has started its upload: the final one, else its age so far."""
    return [(e.t_note or now) - e.t0 for e in step.entries if e.t0 is not None]


def judge(step, length, now):
    """Decides a step when it can be decided: held, not held, rate limited; None while it cannot yet."""
    if any(e.status.startswith("refused 429") for e in step.entries):
        return "rate limited", "an upload was refused 429 (an earlier run's uploads in the same window?)"
    bad = [e for e in step.entries if e.status.startswith(("refused", "error", "failed", "cancelled", "deleted"))]
    if bad:
        return "not held", f"{len(bad)} entries did not get their note ({bad[0].status})"
    # p95 is the ceil(0.95 n)-th smallest: once more than n - that are past 2 L, it is past 2 L for good
    late = sum(1 for x in latencies(step, now) if x > 2 * length)
    if late > step.uploads - math.ceil(0.95 * step.uploads):
        return "not held", f"{late} of {step.uploads} entries past 2 x {length:.0f} s: p95 > {2 * length:.0f} s"
    if step.t_end is None:
        return None
    if all(e.t_note for e in step.entries):
        return growing(step, length) or ("held", None)
    if now > step.t_end + 4 * length:
        waiting = sum(1 for e in step.entries if not e.t_note)
        return "not held", f"{waiting} of {len(step.entries)} entries without a note {4 * length:.0f} s after the step ended"
    return None


def growing(step, length):
    """Not held when the queue grew over the step, though its p95 stayed under 2 L: a rate a little above what the
    stack sustains takes longer than a step to push waits past 2 L, but its last entries already wait longer than
    its first. Held steps' last quarter waits at most L/2 longer (median) than their first."""
    waits = [e.t_note - e.t0 for e in sorted(step.entries, key=lambda e: e.t0)]
    q = max(1, len(waits) // 4)
    first, last = pct(waits[:q], .5), pct(waits[-q:], .5)
    if last - first > length / 2:
        return "not held", (f"the queue grew: the step's last entries waited {last:.0f} s (median), its first "
                            f"{first:.0f} s")
    return None


def progress(steps, t0, now):
    entries = [e for s in steps for e in s.entries]
    accepted = [e for e in entries if e.id]
    noted = sum(1 for e in entries if e.t_note)
    ended = sum(1 for e in accepted if e.status in ("completed", "failed", "cancelled", "deleted"))
    current = next((s for s in steps if s.t_start is not None and s.t_end is None), None)
    watched = next((s for s in steps if s.t_start is not None and s.verdict is None), None)
    lat = latencies(watched, now) if watched else []
    where = f"step {current.index} at {current.rate:g} audio h/h" if current else "arrivals over"
    print(f"  {now - t0:6.0f} s: {where}, {len(entries)} submitted, {noted} noted, "
          f"{len(accepted) - ended} in queue; step {watched.index if watched else '-'} p95 so far "
          f"{pct(lat, .95) if lat else 0:.1f} s (of {len(lat)})", flush=True)


def steady(paths):
    """Arrivals at a steady rate, rising in steps, until the pipeline stops keeping up.

    Entries of one length L (BENCH_STEADY_SECONDS, from the script) arrive evenly spaced at a rate in audio hours
    per hour: BENCH_RATE_START (12), rising by BENCH_RATE_STEP (4) every BENCH_STEP_SECONDS (120), up to
    BENCH_RATE_MAX (80). The entries are reused round-robin; the arrivals are spread over enough standard-tier users
    that each stays within its tier's limits, and the ramp ends before a step would pass the per-IP limits (every
    user shares 127.0.0.1); both as ingestion-api's application.yml sets them. A step holds when all its entries
    got their note, upload -> note p95 <= 2 L, and the queue did not grow over the step (its last quarter's median
    wait at most L/2 above its first quarter's: a rate a little above what the stack sustains takes longer than a
    step to push p95 past 2 L). It fails as soon as that can no longer be (too many of its entries
    older than 2 L, or one failed), or when its stragglers are not all noted 4 L after the step ended. The ramp
    stops at the first step that does not hold: the queue is then growing. The last rate that held, per core, is
    the sustainable rate capacity planning needs; with it, CPU s per audio s of the stack at that step.
    """
    if not paths:
        sys.exit("steady: no entries (BENCH_STEADY_ENTRIES)")
    length, step_s = float(env["BENCH_STEADY_SECONDS"]), float(env.get("BENCH_STEP_SECONDS", "120"))
    ip_limits, user_limits = configured_limits()
    steps, end = plan_steps(length, step_s, ip_limits, print)
    if not steps:
        sys.exit("steady: no step fits the per-IP limit; lower BENCH_RATE_START or lengthen the entries")
    warm_up(paths[:WARMUP])  # as the backlog mode: the first step measures the stack at work, not its JIT
    stamp = time.strftime("%H%M%S")  # fresh users each run: an earlier run's uploads count in the daily window
    users = [f"steady-{stamp}-{i}" for i in range(users_needed(steps, length, user_limits))]
    tokens = tokens_for(users)
    machine = {"cores": os.cpu_count(), "nproc": subprocess.check_output(["nproc"], text=True).strip(),
               "load_start": ",".join(f"{x:.2f}" for x in os.getloadavg())}
    print(f"steady: {length:.0f} s entries, {len(steps)} steps of {step_s:.0f} s at "
          f"{', '.join(f'{s.rate:g}' for s in steps)} audio hours per hour, {len(users)} users; cores "
          f"{machine['cores']} (nproc {machine['nproc']}), load average {machine['load_start']}", flush=True)
    stop, done = threading.Event(), threading.Semaphore(0)
    t0 = time.monotonic()
    threading.Thread(target=schedule, args=(steps, paths, users, tokens, length, step_s, stop, done),
                     daemon=True).start()
    last_progress = t0
    while True:
        now = time.monotonic()
        for s in steps:
            if s.verdict is None and s.t_start is not None:
                decided = judge(s, length, now)
                if decided is None:
                    break
                (s.verdict, s.reason), s.decided_at = decided, now
                print(f"  step {s.index} at {s.rate:g} audio h/h: {s.verdict}" + (f" ({s.reason})" if s.reason else ""),
                      flush=True)
                if s.verdict != "held":
                    stop.set()
                    break
        if stop.is_set() or all(s.verdict for s in steps):
            break
        if now - last_progress >= 5:
            progress(steps, t0, now)
            last_progress = now
        time.sleep(0.5)
    machine["load_end"] = ",".join(f"{x:.2f}" for x in os.getloadavg())
    failed = next((s for s in steps if s.verdict and s.verdict != "held"), None)
    if failed:
        end = "pipeline" if failed.verdict == "not held" else "rate_limited"
    steady_report(steps, length, step_s, len(users), machine, failed, end)


def step_figures(step, length):
    """Submitted, noted, p50/p95 (s), CPU s per audio s of the stack over the step, cores busy. An entry without its
    note when the step was decided counts at its age then, so a step that did not hold has lower bounds."""
    noted = [e for e in step.entries if e.t_note]
    lat = latencies(step, step.decided_at or time.monotonic())
    figures = {"submitted": len(step.entries), "noted": len(noted), "p50_s": pct(lat, .5), "p95_s": pct(lat, .95)}
    if step.t_end is not None:
        cpu = sum(step.cpu[1][n] - step.cpu[0][n] for n in PROCESSES)
        audio = sum(e.audio_s or length for e in step.entries)
        figures.update(cpu_per_audio_s=cpu / audio, cores_busy=cpu / (step.t_end - step.t_start))
    return figures


def steady_report(steps, length, step_s, users, machine, failed, stopped_by):
    started = [s for s in steps if s.t_start is not None]
    held = [s for s in started if s.verdict == "held"]
    lines = [f"mode=steady entry_s={length:.0f} step_s={step_s:.0f} users={users} cores={machine['cores']} "
             f"nproc={machine['nproc']} load_start={machine['load_start']} load_end={machine['load_end']}"]
    print(f"\n{'step':>4} {'audio h/h':>9} {'submitted':>9} {'noted':>5} {'p50 s':>8} {'p95 s':>8} "
          f"{'CPU s/audio s':>13} {'cores busy':>10}  verdict")
    for s in started:
        f = step_figures(s, length)
        cpu, busy = f.get("cpu_per_audio_s", math.nan), f.get("cores_busy", math.nan)
        at_least = ">=" if f["noted"] < f["submitted"] else ""  # unfinished entries counted at their age
        print(f"{s.index:>4} {s.rate:>9g} {f['submitted']:>9} {f['noted']:>5} {at_least + format(f['p50_s'], '.1f'):>8} "
              f"{at_least + format(f['p95_s'], '.1f'):>8} "
              f"{cpu:>13.4f} {busy:>10.2f}  {s.verdict or 'undecided'}" + (f": {s.reason}" if s.reason else ""))
        lines.append(f"step.{s.index} rate={s.rate:g} submitted={f['submitted']} noted={f['noted']} "
                     f"unfinished={f['submitted'] - f['noted']} p50_ms={1000 * f['p50_s']:.0f} "
                     f"p95_ms={1000 * f['p95_s']:.0f} cpu_per_audio_s={cpu:.4f} "
                     f"cores_busy={busy:.2f} verdict={(s.verdict or 'undecided').replace(' ', '_')}")
    last = held[-1] if held else None
    rate = last.rate if last else 0.0
    per_core = rate / machine["cores"]
    lines.append(f"sustainable_audio_hours_per_hour={rate:g} per_core={per_core:.2f} stopped_by={stopped_by}")
    print(f"\nsteady: load average {machine['load_start']} at the start, {machine['load_end']} at the end")
    if last:
        f = step_figures(last, length)
        lines.append(f"cpu_per_audio_s.at_sustainable={f['cpu_per_audio_s']:.4f}")
        threads = threads_by_kind(last.threads[0], last.threads[1])
        audio = sum(e.audio_s or length for e in last.entries)
        for name in JVMS:
            lines.append(f"threads.{name} " + " ".join(f"{k.replace(' ', '_')}={v / audio:.4f}"
                                                          for k, v in threads[name][:6]))
        print(f"steady: sustainable {rate:g} audio hours per hour (the last step that held) on {machine['cores']} "
              f"cores = {per_core:.2f} audio hours per hour per core; CPU s per audio s at that step "
              f"{f['cpu_per_audio_s']:.4f}, {f['cores_busy']:.2f} cores busy")
    else:
        print(f"steady: not even the first step ({steps[0].rate:g} audio h/h) held: lower BENCH_RATE_START")
    print({"pipeline": f"steady: stopped by the pipeline at step {failed.index if failed else '-'}: {failed and failed.reason}",
           "rate_max": "steady: every step held up to BENCH_RATE_MAX: the sustainable rate is at least this",
           "ip_limit": "steady: every step held up to the per-IP limit: the sustainable rate is at least this",
           "rate_limited": "steady: stopped by the rate limiter, not the pipeline: at least this"}[stopped_by])
    lines += compare_with_other_runs(rate)
    with open(env.get("BENCH_OUT", os.path.join(HOME, "steady.txt")), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    if not last:
        sys.exit(1)


def read_figures(path):
    """key=value figures of an earlier run's file, with its age in minutes; None when there is none."""
    try:
        text, age = open(path).read(), (time.time() - os.path.getmtime(path)) / 60
    except OSError:
        return None
    return dict(kv.split("=", 1) for kv in text.split() if "=" in kv), age


def compare_with_other_runs(rate):
    """The sustainable rate against the backlog mode's and bare Vosk's, where earlier runs left their figures."""
    lines = []
    backlog = read_figures(os.path.join(HOME, "pipeline.txt"))
    if backlog and rate:
        figures, age = backlog
        other = float(figures["audio_hours_per_hour"])
        print(f"steady: the backlog mode's {other:.2f} audio hours per hour ({age:.0f} min ago, "
              f"{HOME}/pipeline.txt): steady / backlog {rate / other:.2f}")
        lines.append(f"ratio_to_backlog={rate / other:.2f}")
    baseline = read_figures(os.path.join(HOME, "baseline.txt"))
    if baseline and rate:
        figures, age = baseline
        bare = float(figures["audio_s"]) / float(figures["wall_s"])
        print(f"steady: bare Vosk's {bare:.2f} audio hours per hour ({age:.0f} min ago): steady / bare {rate / bare:.2f}")
        lines.append(f"ratio_to_bare_vosk={rate / bare:.2f}")
    return lines

if __name__ == "__main__":
    if sys.argv[1:2] == ["--steady"]:
        steady(sys.argv[2:])
    else:
        main()
