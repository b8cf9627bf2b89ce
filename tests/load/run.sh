#!/usr/bin/env bash
# Short load test of POST /api/v1/assess on loopback with wrk (Debian package `wrk`).
# Usage: tests/load/run.sh [seconds] [connections]. Prints wrk's report and one summary line.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-32}
cargo build --release --locked -q
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
./target/release/kader serve --addr "127.0.0.1:$port" > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
body=$(mktemp)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/frameworks" > /dev/null && break; sleep 0.1; done
curl -sf -X POST "http://127.0.0.1:$port/api/v1/answers/parse" --data-binary @examples/interventions/gezinsbehandeling-samen-sterk.toml > "$body"
curl -sf -X POST -H 'content-type: application/json' "http://127.0.0.1:$port/api/v1/assess?on=2026-11-28" --data-binary @"$body" | grep -q '"proven-effective"'
KADER_LOAD_BODY="$body" wrk -t2 -c"$conns" -d"${secs}s" --latency -s tests/load/assess.lua "http://127.0.0.1:$port/api/v1/assess?on=2026-11-28"
