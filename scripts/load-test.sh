#!/usr/bin/env bash
# Load test of `kroniek serve` on loopback with wrk (Debian: apt-get install wrk).
#
# 1. Builds the release binary (or uses $KRONIEK_BIN) and fills a store: the
#    demo corpus data/demo/articles.jsonl through the full pipeline, or with
#    LOAD_SYNTH_DOCS=N a `kroniek synth` store of N documents and 10 N events
#    (or an existing store: LOAD_STORE=DIR).
# 2. Starts `kroniek serve --token ...` on a free loopback port.
# 3. Good run: a mix of pages and API URLs (ids taken from the store). A short
#    ramp (LOAD_RAMP_SECONDS, default 10, per connection count in
#    LOAD_CONNECTIONS, default "4 16 64") picks the connection count with the
#    highest rate and no error; then LOAD_SECONDS (default 60) at that count.
#    Every response that is not 2xx counts as an error, as do socket errors.
# 4. Malformed run (LOAD_BAD_SECONDS, default 30, same connection count): bad
#    parameters, overlong URLs and query strings, path traversal, invalid
#    UTF-8 percent-encodings, wrong methods, oversize bodies, missing and wrong
#    tokens, mixed with good requests. Any 5xx fails the run.
# Prints one RESULT line per run (requests, req/s, p50/p99 ms, status classes,
# socket errors); exit code 1 when the good run had an error or the malformed
# run a 5xx.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${LOAD_SECONDS:-60}
bad_seconds=${LOAD_BAD_SECONDS:-30}
ramp_seconds=${LOAD_RAMP_SECONDS:-10}
connections=${LOAD_CONNECTIONS:-"4 16 64"}
threads=${LOAD_THREADS:-2}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kroniek-load.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${KRONIEK_BIN:-}" ]; then
    bin=$KRONIEK_BIN
else
    cargo build --release -q -p kroniek
    bin=${CARGO_TARGET_DIR:-target}/release/kroniek
fi

if [ -n "${LOAD_STORE:-}" ]; then
    store=$LOAD_STORE
elif [ -n "${LOAD_SYNTH_DOCS:-}" ]; then
    store=$work/store
    echo "synth store: $LOAD_SYNTH_DOCS documents, $((LOAD_SYNTH_DOCS * 10)) events"
    "$bin" --store "$store" synth --docs "$LOAD_SYNTH_DOCS" --events "$((LOAD_SYNTH_DOCS * 10))" >/dev/null
else
    store=$work/store
    echo "store: data/demo/articles.jsonl through the full pipeline"
    "$bin" --store "$store" ingest data/demo/articles.jsonl >/dev/null 2>&1
fi

token=load-$RANDOM$RANDOM
KRONIEK_TOKEN=$token "$bin" --store "$store" serve --addr 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
base=
for _ in $(seq 1 300); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.1
done
[ -n "$base" ] || { echo "server did not start" >&2; exit 2; }
echo "server: $base (pid $server_pid)"
auth="Authorization: Bearer $token"

# Ids from the store for the URL mix.
curl -sf -H "$auth" "$base/api/v1/documents?limit=20" >"$work/docs.json"
curl -sf -H "$auth" "$base/api/v1/actors?limit=20" >"$work/actors.json"
curl -sf -H "$auth" "$base/api/v1/events?limit=200" >"$work/events.json"
python3 - "$work" "$token" <<'EOF'
import json, sys, urllib.parse
work, token = sys.argv[1], sys.argv[2]
q = lambda s: urllib.parse.quote(s, safe="")
docs = [d["id"] for d in json.load(open(f"{work}/docs.json"))["items"]][:10]
actors = json.load(open(f"{work}/actors.json"))["items"]
acts = [a.get("id") or a.get("code") for a in actors if a.get("id") or a.get("code")]
# Stores without mentions (synth) list no actors: take codes from events.
for e in json.load(open(f"{work}/events.json"))["items"]:
    for side in (e.get("source"), e.get("target")):
        code = (side or {}).get("code")
        if code and code not in acts:
            acts.append(code)
acts = acts[:10]
pairs = list(zip(acts, acts[1:]))[:5]
good = ["/", "/network", "/search?q=minister", "/search?q=kabinet+OR+premier",
        "/assets/app.css", "/assets/app.js",
        "/api/v1/stats", "/api/v1/documents?limit=20", "/api/v1/actors",
        "/api/v1/events?limit=50", "/api/v1/events?limit=20&offset=20&from=2020",
        "/api/v1/network", "/api/v1/search?q=minister", "/api/v1/search?q=akkoord&from=2020-01-01"]
good += [f"/doc/{q(d)}" for d in docs] + [f"/api/v1/documents/{q(d)}" for d in docs[:5]]
good += [f"/actor/{q(a)}" for a in acts] + [f"/api/v1/actors/{q(a)}" for a in acts[:5]]
good += [f"/dyad/{q(a)}/{q(b)}" for a, b in pairs]
good += [f"/api/v1/timeline?a={q(a)}&b={q(b)}&by=month" for a, b in pairs]
good += [f"/api/v1/events?actor={q(a)}&limit=20" for a in acts[:3]]
auth = {"Authorization": f"Bearer {token}"}
big = "x" * (1 << 20)
bad = [
    # bad parameters
    ("GET", "/api/v1/documents?limit=-1", auth, None),
    ("GET", "/api/v1/documents?limit=abc&offset=1e9", auth, None),
    ("GET", "/api/v1/events?offset=99999999999999999999999", auth, None),
    ("GET", "/api/v1/events?from=2020-13-45&to=yesterday", auth, None),
    ("GET", "/api/v1/events?category=DROP%20TABLE%20events;--&actor=%27%20OR%201=1--", auth, None),
    ("GET", "/api/v1/timeline?a=&b=&by=fortnight", auth, None),
    ("GET", "/api/v1/timeline", auth, None),
    ("GET", "/api/v1/network?from=0000&to=99999", auth, None),
    ("GET", "/api/v1/search?q=%22%22%22%20NEAR(%20OR%20-%20*&lang=%27", auth, None),
    ("GET", "/api/v1/search?q=" + "a%20OR%20" * 500, auth, None),
    ("GET", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E&from=%22%3E%3Cimg", auth, None),
    ("GET", "/dyad/A/B?by=century&from=x", auth, None),
    ("GET", "/api/v1/events?limit=1&limit=2&directed=perhaps&include_negated=2", auth, None),
    # overlong URLs and huge query strings
    ("GET", "/doc/" + "a" * 8000, auth, None),
    ("GET", "/api/v1/documents/" + "%41" * 4000, auth, None),
    ("GET", "/search?q=" + "woord+" * 6000, auth, None),
    ("GET", "/api/v1/events?" + "&".join(f"p{i}={i}" for i in range(3000)), auth, None),
    # path traversal
    ("GET", "/assets/../../../../etc/passwd", auth, None),
    ("GET", "/assets/%2e%2e/%2e%2e/etc/passwd", auth, None),
    ("GET", "/doc/..%2F..%2F..%2Fetc%2Fpasswd", auth, None),
    ("GET", "/api/v1/documents/..%2f..%2fkroniek.db", auth, None),
    ("GET", "/%2e%2e/%2e%2e/kroniek.db", auth, None),
    ("GET", "/assets/app.css%00.js", auth, None),
    # invalid UTF-8 percent-encodings
    ("GET", "/doc/%FF%FE%C3%28", auth, None),
    ("GET", "/actor/%80%80", auth, None),
    ("GET", "/api/v1/search?q=%C3%28%FF", auth, None),
    ("GET", "/api/v1/documents/%ED%A0%80", auth, None),
    ("GET", "/search?q=%E2%82", auth, None),
    ("GET", "/api/v1/events?actor=%F0%9F%98", auth, None),
    # wrong methods and oversize bodies
    ("POST", "/api/v1/documents", {**auth, "Content-Type": "application/json"}, '{"id":"x","text":"y"}'),
    ("DELETE", "/api/v1/documents/x", auth, None),
    ("PUT", "/", auth, "x"),
    ("PATCH", "/api/v1/stats", auth, None),
    ("OPTIONS", "/api/v1/stats", auth, None),
    ("POST", "/search", {**auth, "Content-Type": "application/x-www-form-urlencoded"}, big),
    ("GET", "/api/v1/stats", {**auth, "Content-Type": "application/json"}, big),
    # missing and wrong tokens
    ("GET", "/api/v1/stats", {}, None),
    ("GET", "/", {"Authorization": "Bearer wrong"}, None),
    ("GET", "/api/v1/documents", {"Authorization": "Basic " + "Zm9vOmJhcg=="}, None),
    ("GET", "/api/v1/documents?token=wrong", {}, None),
    ("GET", "/?token=" + "t" * 5000, {}, None),
    ("GET", "/network", {"Cookie": "kroniek_token=wrong; kroniek_token=" + "z" * 3000}, None),
    ("GET", "/api/v1/stats", {"Authorization": "Bearer " + token + "x"}, None),
]
bad += [("GET", u, auth, None) for u in good[:10]]

def lua_str(s):
    return "[==[" + s + "]==]"

def write(name, requests):
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("reqs = {\n")
        for method, path, headers, body in requests:
            hs = ", ".join(f"[ {lua_str(k)} ] = {lua_str(v)}" for k, v in headers.items())
            b = "nil" if body is None else lua_str(body)
            f.write(f"  {{{lua_str(method)}, {lua_str(path)}, {{{hs}}}, {b}}},\n")
        f.write("}\n")
        f.write(open(f"{work}/common.lua").read())

common = r'''
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  c1, c2, c3, c4, c5 = 0, 0, 0, 0, 0
  n = id % #reqs
  built = {}
  for i, r in ipairs(reqs) do
    built[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
end
function request()
  n = n % #built + 1
  return built[n]
end
function response(status, headers, body)
  local k = math.floor(status / 100)
  if k == 1 then c1 = c1 + 1 elseif k == 2 then c2 = c2 + 1
  elseif k == 3 then c3 = c3 + 1 elseif k == 4 then c4 = c4 + 1 else c5 = c5 + 1 end
end
function done(summary, latency, requests)
  local s = {0, 0, 0, 0, 0}
  for _, t in ipairs(threads) do
    for k = 1, 5 do s[k] = s[k] + (t:get("c" .. k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f " ..
    "1xx=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    s[1], s[2], s[3], s[4], s[5], e.connect, e.read, e.write, e.timeout))
end
'''
open(f"{work}/common.lua", "w").write(common)
write("good", [("GET", u, auth, None) for u in good])
write("bad", bad)
print(f"URL mix: {len(good)} good URLs, {len(bad)} malformed or hostile requests")
EOF

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
run_wrk() { # script connections seconds
    local c=$2 t=$threads
    [ "$c" -lt "$t" ] && t=$c
    wrk -t"$t" -c"$c" -d"$3"s --timeout 10s -s "$work/$1.lua" "$base" | grep '^RESULT'
}
clean() { # a RESULT line without any error
    local line=$1 sum=0
    for k in 1xx 3xx 4xx 5xx connect read write timeout; do
        sum=$((sum + $(field "$k" "$line")))
    done
    [ "$sum" -eq 0 ]
}

# Warm every URL once, so the ramp compares steady states.
wrk -t1 -c1 -d2s -s "$work/good.lua" "$base" >/dev/null

best_c=
best_rps=0
for c in $connections; do
    line=$(run_wrk good "$c" "$ramp_seconds")
    echo "ramp c=$c: $line"
    rps=$(field rps "$line")
    if clean "$line" && [ "${rps%.*}" -gt "$best_rps" ]; then
        best_rps=${rps%.*}
        best_c=$c
    fi
done
[ -n "$best_c" ] || { echo "FAIL: every ramp step had errors" >&2; exit 1; }

# CPU seconds (user + sys) the server has used so far.
server_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}

status=0
echo "good run: wrk -t$threads -c$best_c -d${seconds}s (mixed pages and API, $(date -u +%FT%TZ))"
cpu0=$(server_cpu)
good=$(run_wrk good "$best_c" "$seconds")
cpu1=$(server_cpu)
echo "$good server_cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.1f", b - a }')"
clean "$good" || { echo "FAIL: errors in the good run" >&2; status=1; }

echo "malformed run: wrk -t$threads -c$best_c -d${bad_seconds}s"
bad=$(run_wrk bad "$best_c" "$bad_seconds")
echo "$bad"
[ "$(field 5xx "$bad")" -eq 0 ] || { echo "FAIL: 5xx answers in the malformed run" >&2; status=1; }
kill -0 "$server_pid" 2>/dev/null || { echo "FAIL: the server died" >&2; status=1; }
curl -sf -H "$auth" "$base/api/v1/stats" >/dev/null || { echo "FAIL: the server no longer answers" >&2; status=1; }
exit $status
