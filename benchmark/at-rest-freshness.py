#!/usr/bin/env python3
"""Freshness at rest: single feedback posts to a branch of their own on an otherwise idle local stack, GAP seconds
apart; for each, the time from its 202 to the first `metric` event of that branch on reporting's live stream
(GET /api/v1/live?branchId=...). ./platform bench measures freshness under load, where scoring's punctuation never
pauses; this measures the quiet case (docs/benchmarks.md, 2026-12-06).

    PLATFORM_DATA_DIR=<the running stack's> python3 benchmark/at-rest-freshness.py [POSTS=20] [GAP_SECONDS=2]

Standard library only; mints an ADMIN token with ./platform token.
"""
import datetime, os, statistics, subprocess, sys, threading, time, urllib.request, uuid

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
gap = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
token = subprocess.run([root + '/platform', 'token', '--role', 'ADMIN'], capture_output=True, text=True, cwd=root,
                       check=True).stdout.strip().splitlines()[-1]
branch = 'REST-' + uuid.uuid4().hex[:8]
events = []
def listen():
    req = urllib.request.Request('http://localhost:8084/api/v1/live?branchId=' + branch, headers={'Authorization': 'Bearer ' + token, 'Accept': 'text/event-stream'})
    with urllib.request.urlopen(req, timeout=600) as r:
        for line in r:
            if line.startswith(b'event:') and b'metric' in line:
                events.append(time.monotonic())
threading.Thread(target=listen, daemon=True).start()
time.sleep(2)
body = '{"branchId":"%s","occurredAt":"%s","channel":"COUNTER","csat":4,"nps":9,"ces":2}'
out = []
for i in range(n):
    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z'
    req = urllib.request.Request('http://localhost:8081/api/v1/feedback', data=(body % (branch, now)).encode(), method='POST', headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req) as r:
        assert r.status // 100 == 2, r.status
    accepted = time.monotonic()
    deadline = accepted + 10
    while time.monotonic() < deadline and not any(e >= accepted for e in events):
        time.sleep(0.005)
    seen = [e for e in events if e >= accepted]
    out.append((seen[0] - accepted) * 1000 if seen else None)
    time.sleep(gap)
ok = sorted(x for x in out if x is not None)
print('posts %d, seen %d; ms: p50 %.0f, min %.0f, max %.0f, mean %.0f' % (n, len(ok), statistics.median(ok), ok[0], ok[-1], statistics.mean(ok)))
print(' '.join('%.0f' % x if x is not None else '-' for x in out))
