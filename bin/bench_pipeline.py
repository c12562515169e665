#!/usr/bin/env python3
"""The driver behind `make bench-pipeline` (bin/bench-pipeline builds the entries and starts the stack first).

After BENCH_WARMUP untimed entries (4) have gone through, a backlog of real speech recordings is submitted at once by a few users, each within its tier's per-minute limit
(and all of them within the per-IP one: they share 127.0.0.1); every job is followed to its note by a long poll.
Progress every 5 s. At the end: audio hours per hour from the first upload to the last note; CPU seconds per
audio second of each service process, Redis and PostgreSQL (from /proc/<pid>/stat: the process's own time and
its reaped children's, e.g. ingestion's ffmpeg runs; PostgreSQL's live backends are added); upload -> note p50/p95
per entry length. Writes the figures as `key=value` lines to $BENCH_OUT for bin/bench-pipeline. stdlib only.

Usage: bench_pipeline.py ENTRY... (each a 16 kHz WAV or any accepted format; its length is read from the answer)
"""
import http.client, json, math, os, re, subprocess, sys, threading, time, uuid

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


def tokens_for(users):
    """Tokens as `make token` makes them: signed with the dev key pair the services read."""
    return {u: subprocess.check_output(["bin/daybook-run", "token", u], text=True).strip() for u in users}


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
    cpu0, threads0, t_start = cpu_seconds(), thread_cpu(), time.monotonic()
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
    cpu1, threads1 = cpu_seconds(), thread_cpu()
    report(entries, cpu0, cpu1, t_start, threads_by_kind(threads0, threads1))


def threads_by_kind(before, after):
    """Each JVM's CPU seconds over the run by thread kind, largest first."""
    out = {}
    for name in JVMS:
        kinds = {}
        for (tid, kind), s in after.get(name, {}).items():
            kinds[kind] = kinds.get(kind, 0) + s - before.get(name, {}).get((tid, kind), 0)
        out[name] = sorted(kinds.items(), key=lambda kv: -kv[1])
    return out


def report(entries, cpu0, cpu1, t_start, threads):
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


if __name__ == "__main__":
    main()
