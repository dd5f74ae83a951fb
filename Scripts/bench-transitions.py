#!/usr/bin/env python3
"""Concurrent case transitions for Scripts/bench-web.sh (standard library only).

  prepare  open N cases through the CLI and advance them to `consulted` (as the CLI's administrator)
  fire     sign in to the web registry and send one POST /api/cases/:id/advance per case and copy,
           all at once (a barrier releases every request together, one connection each)
  verify   read every case's audit timeline through the CLI (`diming cases show ID --json`) and
           count, per target state, the cases that reached it exactly once, never (lost) or twice (doubled)

Only 127.0.0.1 is contacted. Each step prints one summary line that bench-web.sh shows.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

# Characters for synthetic specific names (专名): common, in the 通用规范汉字表 level 1, no banned words.
CHARS = "安宁康乐丰泰和顺兴旺福祥瑞嘉新春晓阳光明青松柏杏桃梨枣禾稻麦泉溪湖岭坡园林"


def synthetic_names():
    for a in CHARS:
        for b in CHARS:
            if a != b:
                yield a + b + "路"


def cli(diming, db, *args):
    env = dict(os.environ, DIMING_DB=db)  # DIMING_ACTOR, if set, must name an account
    done = subprocess.run([diming, *args], env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def cli_json(diming, db, *args):
    code, out, err = cli(diming, db, *args, "--json")
    if code != 0:
        raise RuntimeError(f"diming {' '.join(args)}: {err.strip() or out.strip()}")
    return json.loads(out)


# MARK: prepare

def prepare(args):
    started = time.monotonic()
    unnamed = cli_json(args.diming, args.db, "roads", "list", "--unnamed")
    everything = cli_json(args.diming, args.db, "roads", "list")
    named = [r for r in everything if r.get("name")]
    # The reviewer's county first, then the others: one open case per road, so a county of the
    # generator (about 50 unnamed roads) cannot hold 500 cases on its own.
    first = args.county[:6] if args.county else ""
    unnamed.sort(key=lambda r: (not r["id"].startswith(first), r["id"]))
    plan = [(r["id"], None) for r in unnamed]
    plan += [(r["id"], r["name"]) for r in named]   # renaming cases once the unnamed roads run out
    if len(plan) < args.count:
        sys.exit(f"only {len(plan)} roads for {args.count} cases")
    plan = plan[:args.count]
    names = synthetic_names()
    lock = threading.Lock()

    def next_name():
        with lock:
            return next(names)

    def open_case(item):
        road, current = item
        kind = ["--kind", "naming"]
        if current:
            # The imported name becomes the standard name, so the case can be a renaming.
            code, out, err = cli(args.diming, args.db, "names", "add", "--road", road, "--force", current)
            if code != 0:
                raise RuntimeError(f"names add {road} {current}: {err.strip()}")
            kind = ["--kind", "renaming"]
        for _ in range(20):
            name = next_name()
            code, out, err = cli(args.diming, args.db, "cases", "create", "--road", road, "--name", name,
                                 "--applicant", "村民委员会", "--reason", "方便出行", "--meaning", "以沿线村庄命名",
                                 *kind, "--json")
            if code == 0:
                break
        else:
            raise RuntimeError(f"no name passed the rules for {road}: {err.strip()}")
        case = json.loads(out)["id"]
        code, out, err = cli(args.diming, args.db, "cases", "advance", case, "--to", "consulted",
                             "--consultation-scope", "沿线村民代表")
        if code != 0:
            raise RuntimeError(f"advance {case} to consulted: {err.strip()}")
        return case

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        cases = list(pool.map(open_case, plan))
    with open(args.out, "w") as f:
        f.write("\n".join(cases) + "\n")
    counties = len({c[:6] for c in cases})
    in_county = sum(c.startswith(first) for c in cases) if first else 0
    renamings = sum(1 for _, current in plan if current)
    print(f"PREPARE cases={len(cases)} counties={counties} in_reviewer_county={in_county} renamings={renamings} "
          f"seconds={time.monotonic() - started:.1f}")


# MARK: fire

def sign_in(host, port, username, password):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("POST", "/api/session", body=json.dumps({"username": username, "password": password}),
                 headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        sys.exit(f"sign-in of {username}: HTTP {response.status} {body}")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    conn.close()
    return cookie, body["csrf"]


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def fire(args):
    url = urllib.parse.urlsplit(args.base)
    host, port = url.hostname, url.port
    if host != "127.0.0.1":
        sys.exit("loopback only")
    cookie, csrf = sign_in(host, port, args.user, args.password)
    cases = [line.strip() for line in open(args.ids) if line.strip()]
    jobs = [case for case in cases for _ in range(args.copies)]
    barrier = threading.Barrier(len(jobs) + 1)
    body = json.dumps({"to": args.to})
    headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf}

    def one(case):
        conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
        barrier.wait()
        start = time.monotonic()
        try:
            conn.request("POST", f"/api/cases/{case}/advance", body=body, headers=headers)
            response = conn.getresponse()
            text = response.read()
            status = response.status
            state = json.loads(text).get("state") if status == 200 else None
            code = None if status == 200 else (json.loads(text).get("error", {}).get("code") if text.startswith(b"{") else None)
        except Exception as error:  # a transport failure is a lost request
            status, state, code = 0, None, type(error).__name__
        finally:
            conn.close()
        return case, status, state, code, start, time.monotonic()

    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        futures = [pool.submit(one, case) for case in jobs]
        barrier.wait()
        released = time.monotonic()
        results = [f.result() for f in futures]
    elapsed = max(r[5] for r in results) - released
    ok = [r for r in results if r[1] == 200 and r[2] == args.to]
    per_case = {}
    for r in ok:
        per_case[r[0]] = per_case.get(r[0], 0) + 1
    statuses = {}
    for r in results:
        key = str(r[1]) + (f"/{r[3]}" if r[3] else "")
        statuses[key] = statuses.get(key, 0) + 1
    latencies = [(r[5] - r[4]) * 1000 for r in results]
    with open(args.out, "w") as f:
        json.dump([{"case": r[0], "status": r[1], "state": r[2], "code": r[3]} for r in results], f)
    # Each case must be moved by exactly one request: with copies > 1 the others must be refused.
    wins_once = sum(1 for c in cases if per_case.get(c, 0) == 1)
    print(f"FIRE to={args.to} cases={len(cases)} requests={len(jobs)} moved={len(ok)} cases_moved_once={wins_once} "
          f"cases_moved_twice={sum(1 for n in per_case.values() if n > 1)} statuses={json.dumps(statuses, separators=(',', ':'))} "
          f"seconds={elapsed:.3f} transitions_per_s={len(ok) / elapsed:.1f} p50_ms={percentile(latencies, 50):.1f} "
          f"p99_ms={percentile(latencies, 99):.1f} max_ms={max(latencies):.1f}")


# MARK: verify

def verify(args):
    started = time.monotonic()
    cases = [line.strip() for line in open(args.ids) if line.strip()]
    targets = args.states.split(",")

    def timeline(case):
        return case, cli_json(args.diming, args.db, "cases", "show", case)

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        details = list(pool.map(timeline, cases))
    for target in targets:
        counts = [sum(1 for e in d["timeline"] if e["action"] == "case.advanced" and e.get("to") == target) for _, d in details]
        once, lost, doubled = counts.count(1), counts.count(0), sum(1 for n in counts if n > 1)
        print(f"VERIFY to={target} cases={len(cases)} once={once} lost={lost} doubled={doubled}")
    final = {}
    for _, d in details:
        final[d["namingCase"]["state"]] = final.get(d["namingCase"]["state"], 0) + 1
    print(f"VERIFY final_states={json.dumps(final, separators=(',', ':'))} seconds={time.monotonic() - started:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--diming", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--county", help="open cases in this county first (the reviewer's)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--out", required=True)
    p.set_defaults(run=prepare)
    f = sub.add_parser("fire")
    f.add_argument("--base", required=True)
    f.add_argument("--user", required=True)
    f.add_argument("--password", default=os.environ.get("DIMING_PASSWORD"))
    f.add_argument("--ids", required=True)
    f.add_argument("--to", required=True)
    f.add_argument("--copies", type=int, default=1, help="requests per case (2: a double submit; one must be refused)")
    f.add_argument("--timeout", type=float, default=120)
    f.add_argument("--out", required=True)
    f.set_defaults(run=fire)
    v = sub.add_parser("verify")
    v.add_argument("--diming", required=True)
    v.add_argument("--db", required=True)
    v.add_argument("--ids", required=True)
    v.add_argument("--states", required=True, help="comma-separated target states, each to be reached exactly once")
    v.add_argument("--jobs", type=int, default=2)
    v.set_defaults(run=verify)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
