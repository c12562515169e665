#!/usr/bin/env python3
"""The load driver behind `make load` and `make soak` (started by bin/load, which brings up the stack).

Users submit diary entries within their rate limits; every accepted job is followed to its end by a long poll
(GET /v1/jobs/{id}?wait=20 with If-None-Match) or by its event stream (SSE, resumed with Last-Event-ID),
alternately; meanwhile readers poll jobs (GET /v1/jobs/{id}) at a steady pace. Bounded in count and time, loopback
only, a progress line every 10 s. At the end: a table per endpoint (requests, req/s, p50, p95, errors by
status), upload -> note p50/p95, and an exit status that says whether every accepted job completed.

With LOAD_SAMPLE_SECONDS > 0 (the soak) it also samples Redis memory, each bounded Redis structure, each
service's JVM heap (/actuator/prometheus) and open files (/proc/<pid>/fd) into a CSV under the run's home, and
asserts the bounds at the end (see docs/reliability.md, "Soak"). stdlib only.
"""
import csv, http.client, json, math, os, random, re, socket, subprocess, sys, threading, time, uuid

env = os.environ
USERS = int(env.get("LOAD_USERS", "16"))
MINUTES = float(env.get("LOAD_MINUTES", "3"))
RATE = float(env.get("LOAD_RATE", "6"))              # entries per minute, all users together
READERS = int(env.get("LOAD_READERS", "8"))          # threads polling GET /v1/jobs/{id}
READ_INTERVAL = float(env.get("LOAD_READ_INTERVAL", "1"))
DRAIN_MINUTES = float(env.get("LOAD_DRAIN_MINUTES", str(max(3.0, MINUTES))))
MAX_JOBS = int(env.get("LOAD_MAX_JOBS", "2000"))      # the count bound, whatever the rate and minutes
SAMPLE = float(env.get("LOAD_SAMPLE_SECONDS", "0"))
WEBHOOK_SHARE = float(env.get("LOAD_WEBHOOK_SHARE", "0"))  # share of entries with a callback_url that refuses
USER_LIMIT = int(env.get("LOAD_USER_LIMIT_PER_MIN", "10"))  # the standard tier's shortest window
IP_LIMIT = int(env.get("LOAD_IP_LIMIT_PER_MIN", "60"))      # per-IP, and all users share 127.0.0.1
HOME = env["DAYBOOK_HOME"]
ING, ST = int(env["DAYBOOK_INGESTION_PORT"]), int(env["DAYBOOK_STATUS_PORT"])
REDIS_PORT = env["DAYBOOK_REDIS_PORT"]
FILES = ["testdata/diary/entry1.wav", "testdata/diary/entry1.ogg", "testdata/diary/entry2.webm", "testdata/diary/entry1.mp3"]
TERMINAL = {"completed", "failed", "cancelled", "deleted"}
NS = "{daybook}:"


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, math.ceil(p * len(xs)) - 1))]


class Stats:
    """Per endpoint: latencies (ms) of answered requests and counts by status ('conn' for no answer)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.lat, self.codes = {}, {}

    def add(self, ep, status, ms):
        with self.lock:
            self.lat.setdefault(ep, []).append(ms)
            c = self.codes.setdefault(ep, {})
            c[status] = c.get(status, 0) + 1

    def total(self):
        with self.lock:
            return sum(len(v) for v in self.lat.values())


stats = Stats()
stop_readers = threading.Event()


def request(ep, port, method, path, token, body=None, headers=None, timeout=60, ok=(200,)):
    """One HTTP request on a fresh loopback connection; returns (status, headers, body) or (None, ...)."""
    h = {"Authorization": "Bearer " + token, **(headers or {})}
    t0 = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        stats.add(ep, r.status, (time.monotonic() - t0) * 1000)
        return r.status, r, data
    except (OSError, http.client.HTTPException):
        stats.add(ep, "conn", (time.monotonic() - t0) * 1000)
        return None, None, b""


def tokens_for(users):
    jar = subprocess.check_output("ls ingestion-api/target/ingestion-api-*.jar | grep -v -e -tests -e original | head -1",
                                  shell=True, text=True).strip()
    java = os.path.join(env.get("JAVA_HOME", ""), "bin", "java") if env.get("JAVA_HOME") else "java"
    out = {}
    for u in users:  # DevTokens signs with the run's key pair, under the home
        out[u] = subprocess.check_output([java, "-cp", os.path.abspath(jar), "-Dloader.main=dev.daybook.shared.auth.DevTokens",
                                          "org.springframework.boot.loader.launch.PropertiesLauncher", u],
                                         cwd=HOME, text=True).strip()
    return out


class Job:
    def __init__(self, user, jid, t0, via):
        self.user, self.id, self.t0, self.via = user, jid, t0, via
        self.status, self.note_ms = None, None


jobs, jobs_lock = [], threading.Lock()
refused = {"429": 0, "503": 0, "other": 0}


def follow_poll(job, token):
    etag, deadline = None, time.monotonic() + DRAIN_MINUTES * 60 + MINUTES * 60
    while time.monotonic() < deadline:
        status, r, data = request("GET /v1/jobs/{id}?wait=20", ST, "GET", f"/v1/jobs/{job.id}?wait=20", token,
                                  headers={"If-None-Match": etag} if etag else None, timeout=40, ok=(200, 304))
        if status == 200:
            etag = r.getheader("ETag")
            s = json.loads(data)["status"]
            if s in TERMINAL:
                return s
        elif status != 304:
            time.sleep(1)
    return None


def follow_sse(job, token):
    """Reads the job's event stream until a final event; reconnects after its last event id if cut."""
    last_id, deadline = None, time.monotonic() + DRAIN_MINUTES * 60 + MINUTES * 60
    while time.monotonic() < deadline:
        h = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
        if last_id:
            h["Last-Event-ID"] = last_id
        t0 = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", ST, timeout=60)
            c.request("GET", f"/v1/jobs/{job.id}/events", headers=h)
            r = c.getresponse()
            if r.status != 200:
                r.read()
                stats.add("GET /v1/jobs/{id}/events (first event)", r.status, (time.monotonic() - t0) * 1000)
                time.sleep(1)
                continue
            first, etype, data = True, None, []
            while True:
                line = r.fp.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line.startswith("id:"):
                    last_id = line[3:].strip()
                elif line.startswith("event:"):
                    etype = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())
                elif line == "" and etype is not None:
                    if first:  # the time to the snapshot: what a page waits before it shows anything
                        stats.add("GET /v1/jobs/{id}/events (first event)", 200, (time.monotonic() - t0) * 1000)
                        first = False
                    s = None
                    try:
                        d = json.loads("\n".join(data))
                        s = d.get("status") if isinstance(d, dict) else None
                    except ValueError:
                        pass
                    if etype in TERMINAL or s in TERMINAL:
                        c.close()
                        return etype if etype in TERMINAL else s
                    etype, data = None, []
            c.close()
        except (OSError, http.client.HTTPException):
            stats.add("GET /v1/jobs/{id}/events (first event)", "conn", (time.monotonic() - t0) * 1000)
            time.sleep(1)
    return None


def run_job(job, token):
    end = follow_poll(job, token) if job.via == "poll" else follow_sse(job, token)
    job.status = end
    if end == "completed":
        status, _, _ = request("GET /v1/jobs/{id}/note", ST, "GET", f"/v1/jobs/{job.id}/note", token)
        if status == 200:
            job.note_ms = (time.monotonic() - job.t0) * 1000


def multipart(path, callback):
    b = uuid.uuid4().hex
    parts = []
    if callback:
        parts.append(f"--{b}\r\nContent-Disposition: form-data; name=\"callback_url\"\r\n\r\n{callback}\r\n".encode())
    parts.append(f"--{b}\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"{os.path.basename(path)}\"\r\n\r\n".encode()
                 + open(path, "rb").read() + f"\r\n--{b}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={b}"


def submitter(tokens, refuse_port, followers):
    """Submits RATE entries a minute, users in turn, for MINUTES (and at most MAX_JOBS)."""
    users = list(tokens)
    end, n = time.monotonic() + MINUTES * 60, 0
    next_at = time.monotonic()
    while time.monotonic() < end and n < MAX_JOBS:
        user = users[n % len(users)]
        cb = f"http://127.0.0.1:{refuse_port}/hook" if refuse_port and random.random() < WEBHOOK_SHARE else None
        body, ctype = multipart(random.choice(FILES), cb)
        t0 = time.monotonic()
        status, r, data = request("POST /v1/jobs", ING, "POST", "/v1/jobs", tokens[user], body=body,
                                  headers={"Content-Type": ctype, "Idempotency-Key": f"load-{n}"})
        if status in (200, 201, 202):
            job = Job(user, json.loads(data)["id"], t0, "poll" if n % 2 == 0 else "sse")
            with jobs_lock:
                jobs.append(job)
            t = threading.Thread(target=run_job, args=(job, tokens[user]), daemon=True)
            t.start()
            followers.append(t)
        else:
            refused["429" if status == 429 else "503" if status == 503 else "other"] += 1
        n += 1
        next_at += 60.0 / RATE
        time.sleep(max(0.0, next_at - time.monotonic()))


def reader(tokens):
    """GET /v1/jobs/{id} of a random job of the reader's user, every READ_INTERVAL seconds."""
    while not stop_readers.is_set():
        with jobs_lock:
            pick = random.choice(jobs) if jobs else None
        if pick:
            request("GET /v1/jobs/{id}", ST, "GET", f"/v1/jobs/{pick.id}", tokens[pick.user])
        stop_readers.wait(READ_INTERVAL)


def refusing_receiver():
    """A webhook receiver that refuses for good (410): each delivery goes straight to the webhook dead letters."""
    import http.server

    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(410)
            self.end_headers()

        def log_message(self, *a):
            pass
    s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=s.serve_forever, daemon=True).start()
    return s.server_address[1]


# ---- the soak's sampler ---------------------------------------------------------------------------------

def redis(*args):
    return subprocess.check_output(["redis-cli", "-p", REDIS_PORT, "--raw", *args], text=True).strip()


def scan(pattern):
    return [k for k in subprocess.check_output(["redis-cli", "-p", REDIS_PORT, "--scan", "--pattern", pattern],
                                               text=True).split("\n") if k]


def ttls(keys):
    """TTLs of keys in one redis-cli call (a pipe), -1 for a key without expiry."""
    if not keys:
        return []
    out = subprocess.run(["redis-cli", "-p", REDIS_PORT], input="".join(f'TTL "{k}"\n' for k in keys),
                         capture_output=True, text=True).stdout.split()
    return [int(x) for x in out if re.fullmatch(r"-?\d+", x)]


SERVICES = ["ingestion-api", "job-status-api", "transcription-worker", "llm-worker"]
SVC_PORTS = {"ingestion-api": ING, "job-status-api": ST, "transcription-worker": int(env["DAYBOOK_TRANSCRIPTION_PORT"]),
             "llm-worker": int(env["DAYBOOK_LLM_PORT"])}


def heap(port):
    """(heap used, live data after the last major GC) in bytes, from Micrometer's JVM metrics; -1 if none."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/actuator/prometheus")
        text = c.getresponse().read().decode()
        c.close()
    except (OSError, http.client.HTTPException):
        return -1, -1
    used = sum(float(m.group(1)) for m in re.finditer(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)', text, re.M))
    live = re.search(r"^jvm_gc_live_data_size_bytes(?:\{[^}]*\})? (\S+)", text, re.M)
    return int(used), int(float(live.group(1))) if live else -1


def fds(name):
    try:
        pid = open(os.path.join(HOME, "run", f"{name}.pid")).read().strip()
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


def postgres(sql):
    """One value from the stack's PostgreSQL (psql; -1 when there is none to ask)."""
    try:
        out = subprocess.check_output(["psql", "-h", "127.0.0.1", "-p", env.get("DAYBOOK_PG_PORT", "5490"), "-U", "daybook",
                                       "daybook", "-tAc", sql], text=True, stderr=subprocess.DEVNULL, timeout=30)
        return int(out.strip() or 0)
    except (OSError, subprocess.SubprocessError, ValueError):
        return -1


def sample(t0):
    info = dict(l.split(":", 1) for l in redis("INFO", "memory").splitlines() if ":" in l)
    rl = scan(NS + "ratelimit:*")
    rl_ttl = ttls(rl)
    delivered = [k for k in scan(NS + "delivery:*") if not k.endswith(":errors")]
    idem = scan(NS + "idem*")
    with jobs_lock:
        acc, done = len(jobs), sum(1 for j in jobs if j.status == "completed")
    row = {"t_s": round(time.monotonic() - t0), "utc": time.strftime("%H:%M:%S", time.gmtime()),
           "load1": os.getloadavg()[0], "accepted": acc, "completed": done,
           "redis_used_memory": int(info["used_memory"]), "redis_fds": fds("redis"),
           "events_xlen": int(redis("XLEN", NS + "job-events") or 0),
           "dead_letters": int(redis("ZCARD", NS + "dead") or 0),
           "webhook_dead": int(redis("ZCARD", NS + "deliveries:dead") or 0),
           "webhook_due": int(redis("ZCARD", NS + "deliveries:due") or 0),
           "delivery_records": len(delivered),
           "ratelimit_keys": len(rl), "ratelimit_no_ttl": sum(1 for x in rl_ttl if x == -1),
           "ratelimit_max_ttl_s": max(rl_ttl, default=0),
           "idempotency_keys": len(idem), "idempotency_max_ttl_s": max(ttls(idem), default=0),
           # the diary's record: entries recorded and what they take (table, indexes, TOAST)
           "postgres_entries": postgres("SELECT count(*) FROM entries"),
           "postgres_entries_bytes": postgres("SELECT pg_total_relation_size('entries')")}
    for s in SERVICES:
        row[f"{s}_heap"] = heap(SVC_PORTS[s])[0]
    # The heap a service really holds on to is what is left after a full collection: ask each JVM for one
    # (jcmd GC.run, all four at once), then read the heap again. Without it, a 1 GB heap that only ever runs
    # young collections shows a sawtooth that says nothing about a leak.
    jcmd = os.path.join(env["JAVA_HOME"], "bin", "jcmd") if env.get("JAVA_HOME") else "jcmd"
    gcs = []
    for s in SERVICES:
        try:
            pid = open(os.path.join(HOME, "run", f"{s}.pid")).read().strip()
            gcs.append(subprocess.Popen([jcmd, pid, "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        except OSError:
            pass
    for g in gcs:
        try:
            g.wait(timeout=60)
        except subprocess.TimeoutExpired:
            g.kill()
    for s in SERVICES:
        row[f"{s}_heap_after_gc"] = heap(SVC_PORTS[s])[0]
        row[f"{s}_fds"] = fds(s)
    return row


def sampler(t0, rows, done):
    path = os.path.join(HOME, "soak.csv")
    with open(path, "w", newline="") as f:
        w = None
        while not done.is_set():
            try:
                row = sample(t0)
            except (subprocess.CalledProcessError, KeyError, ValueError) as e:
                print(f"  sample failed: {e}", flush=True)
                done.wait(SAMPLE)
                continue
            rows.append(row)
            if w is None:
                w = csv.DictWriter(f, fieldnames=list(row))
                w.writeheader()
            w.writerow(row)
            f.flush()
            done.wait(SAMPLE)
    print(f"soak: samples in {path}", flush=True)


def judge_soak(rows):
    """The bounds, from the configuration bin/load passed the services, and no growth without bound."""
    bounds = json.loads(env.get("LOAD_BOUNDS", "{}"))
    ok = True
    print("\nsoak: first / last / max of each sample")
    for k in rows[0]:
        if k in ("t_s", "utc"):
            continue
        xs = [r[k] for r in rows]
        print(f"  {k:32} {xs[0]:>14} {xs[-1]:>14} {max(xs):>14}")
    for k, bound in bounds.items():
        m = max(r[k] for r in rows)
        verdict = "ok" if m <= bound else "OVER"
        ok &= m <= bound
        print(f"soak: {k} max {m} <= bound {bound}: {verdict}")
    if any(r["ratelimit_no_ttl"] for r in rows):
        print("soak: a rate-limit key without an expiry: OVER")
        ok = False
    # No growth without bound: the last third's max may exceed the middle third's by the margin and no more. A
    # leak grows through the run, so its last third tops the middle one by about the growth of a third; a bounded
    # quantity has levelled off by then and only GC timing and bursts move its max. Redis memory also holds the
    # job records until PostgreSQL has them and daybook.queue.finished-retention has passed (make soak sets it
    # to minutes), so it is judged per accepted job: flat once the first records expire.
    n = len(rows) // 3
    if n < 2:
        print("soak: too few samples to judge growth (run longer)")
        return False
    mid, last = rows[n:2 * n], rows[2 * n:]
    margin = float(env.get("SOAK_MARGIN", "0.10"))
    checks = [(f"{s}_heap_after_gc", 16 << 20) for s in SERVICES] + [(f"{s}_fds", 16) for s in SERVICES] + [("redis_fds", 16)]
    for k, slack in checks:
        a, b = max(r[k] for r in mid), max(r[k] for r in last)
        good = b <= a * (1 + margin) + slack
        ok &= good
        print(f"soak: {k} last third max {b} vs middle third max {a} (+{margin:.0%} +{slack}): {'ok' if good else 'GROWS'}")
    # Redis: what each new job adds (used_memory over accepted jobs across the third). Once the bounded
    # structures are full, only the job records grow, by the same amount per job; a leak adds more per job.
    def per_job(rs):
        return (rs[-1]["redis_used_memory"] - rs[0]["redis_used_memory"]) / max(1, rs[-1]["accepted"] - rs[0]["accepted"])
    a, b = per_job(rows[n:2 * n + 1]), per_job(rows[2 * n:])
    good = b <= a * (1 + margin) + 1024
    ok &= good
    print(f"soak: redis used_memory added per accepted job, last third {b:.0f} B vs middle third {a:.0f} B "
          f"(+{margin:.0%} +1 KiB): {'ok' if good else 'GROWS'}")
    first, final = rows[0], rows[-1]
    if final["postgres_entries"] > first["postgres_entries"] >= 0:
        grown = (final["postgres_entries_bytes"] - first["postgres_entries_bytes"]) / (final["postgres_entries"] - first["postgres_entries"])
        print(f"soak: postgres grows {grown:.0f} B per recorded entry ({final['postgres_entries']} entries, "
              f"{final['postgres_entries_bytes'] / 1024:.0f} KiB in all)")
    return ok


def recorder_delay():
    """The recorder's delay (job event -> commit in PostgreSQL) from job-status-api's histogram: (events, p95 upper
    bound in s, max in s); None when it cannot be read. The p95 is the smallest bucket bound holding 95 % of events."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", ST, timeout=10)
        c.request("GET", "/actuator/prometheus")
        text = c.getresponse().read().decode()
        c.close()
    except (OSError, http.client.HTTPException):
        return None
    buckets = sorted((float("inf") if m.group(1) == "+Inf" else float(m.group(1)), float(m.group(2))) for m in
                     re.finditer(r'^daybook_recorder_delay_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\S+)', text, re.M))
    peak = re.search(r"^daybook_recorder_delay_seconds_max(?:\{[^}]*\})? (\S+)", text, re.M)
    if not buckets or buckets[-1][1] == 0:
        return None
    total = buckets[-1][1]
    p95 = next(le for le, n in buckets if n >= 0.95 * total)
    return int(total), p95, float(peak.group(1)) if peak else float("nan")


def report(wall):
    """The table per endpoint, upload -> note, and whether every accepted job completed."""
    print(f"\nload: {USERS} users, {RATE}/min for {MINUTES} min, {READERS} readers every {READ_INTERVAL} s; "
          f"{wall:.0f} s in all; load average {' '.join('%.2f' % x for x in os.getloadavg())}")
    print(f"{'endpoint':42} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}  by status")
    for ep in sorted(stats.lat):
        lat, codes = stats.lat[ep], stats.codes[ep]
        by = " ".join(f"{k}:{v}" for k, v in sorted(codes.items(), key=lambda kv: str(kv[0])))
        print(f"{ep:42} {len(lat):>8} {len(lat) / wall:>7.2f} {pct(lat, .5):>8.0f} {pct(lat, .95):>8.0f}  {by}")
    notes = [j.note_ms for j in jobs if j.note_ms is not None]
    print(f"upload -> note: {len(notes)} notes, p50 {pct(notes, .5) / 1000:.1f} s, p95 {pct(notes, .95) / 1000:.1f} s")
    print(f"submissions refused: {refused}")
    rec = recorder_delay()
    print("recorder: delay not exposed" if rec is None else
          f"recorder: {rec[0]} events recorded, event -> commit p95 <= {rec[1]:.3f} s, max {rec[2]:.3f} s (goal p95 < 1 s)")
    unfinished = [j.id for j in jobs if j.status != "completed"]
    ok = not unfinished and jobs and sum(refused.values()) == 0
    print(f"load: {len(jobs)} accepted, {len(jobs) - len(unfinished)} completed, {len(unfinished)} not completed"
          + (f" (e.g. {unfinished[:3]})" if unfinished else "") + (": ok" if ok else ": FAILED"))
    return ok


def register_receiver(tokens, url):
    """A callback_url must be a webhook endpoint of its user: each load user registers the receiver once."""
    for user, token in tokens.items():
        status, _, data = request("POST /v1/webhooks", ST, "POST", "/v1/webhooks", token,
                                  body=json.dumps({"url": url}), headers={"Content-Type": "application/json"})
        if status != 201:
            sys.exit(f"load: could not register {url} for {user}: {status} {data[:200]!r}")


def main():
    if RATE / USERS > USER_LIMIT or RATE > IP_LIMIT:
        sys.exit(f"load: {RATE}/min over {USERS} users is beyond the limits ({USER_LIMIT}/min a user, {IP_LIMIT}/min "
                 "from one address): the load is meant to stay within them")
    tokens = tokens_for([f"load-{i}" for i in range(USERS)])
    refuse_port = refusing_receiver() if WEBHOOK_SHARE > 0 else None
    if refuse_port:
        register_receiver(tokens, f"http://127.0.0.1:{refuse_port}/hook")
    t0 = time.monotonic()
    rows, sampling_done = [], threading.Event()
    if SAMPLE > 0:
        threading.Thread(target=sampler, args=(t0, rows, sampling_done), daemon=True).start()
    followers = []
    readers = [threading.Thread(target=reader, args=(tokens,), daemon=True) for _ in range(READERS)]
    for r in readers:
        r.start()
    sub = threading.Thread(target=submitter, args=(tokens, refuse_port, followers), daemon=True)
    sub.start()
    deadline = t0 + (MINUTES + DRAIN_MINUTES) * 60
    while time.monotonic() < deadline:
        with jobs_lock:
            acc = len(jobs)
            done = sum(1 for j in jobs if j.status is not None)
            comp = sum(1 for j in jobs if j.status == "completed")
        print(f"  {time.monotonic() - t0:6.0f} s  load {os.getloadavg()[0]:5.2f}  accepted {acc}  completed {comp}  "
              f"ended {done}  in flight {acc - done}  requests {stats.total()}", flush=True)
        if not sub.is_alive() and done == acc:
            break
        time.sleep(10)
    stop_readers.set()
    sampling_done.set()
    wall = time.monotonic() - t0

    ok = report(wall)
    if SAMPLE > 0:
        time.sleep(0.5)
        ok = judge_soak(rows) and ok if rows else False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
