#!/usr/bin/env bash
# load.sh: load-test the editors' web app on loopback with wrk.
#
# Serves a copy of a campaign (default: the bundled examples/tiktok-2024),
# signs in as an editor, makes an API token, then runs wrk at 100
# connections against a force page (with the session cookie) and the
# figures API (with the token), and prints each one's p99 latency. The
# target is a p99 under 50 ms.
#
#   bench/load.sh [CAMPAIGN_DIR] [FORCE]
#
# Environment: DURATION (default 15s), CONNECTIONS (100), THREADS (2),
# PORT (18080). Needs wrk (Debian: apt-get install wrk) and curl. Only
# ever talks to 127.0.0.1.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
campaign=${1:-$root/examples/tiktok-2024}
force=${2:-dorset}
duration=${DURATION:-15s}
conns=${CONNECTIONS:-100}
threads=${THREADS:-2}
port=${PORT:-18080}
base=http://127.0.0.1:$port

for tool in wrk curl go; do
	command -v "$tool" >/dev/null || { echo "load.sh: $tool is not installed" >&2; exit 2; }
done

work=$(mktemp -d)
server=
cleanup() {
	if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "building foiwire..."
(cd "$root" && go build -o "$work/foiwire" ./cmd/foiwire)
cp -r "$campaign" "$work/campaign"
rm -rf "$work/campaign/out" "$work/campaign"/foiwire.db*
pass=load-test-password-$$
printf '%s\n' "$pass" | "$work/foiwire" user add loadtest --role editor --password-stdin --dir "$work/campaign" >/dev/null
token=$("$work/foiwire" user token loadtest --label load.sh --dir "$work/campaign")

"$work/foiwire" serve "$work/campaign" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
	curl -fs -o /dev/null "$base/login" && break
	sleep 0.1
done

# Sign in as a browser would: the form's token, its cookie, then the session.
curl -fs -D "$work/h1" -o "$work/login.html" "$base/login"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
logincookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' "$work/h1" | head -1)
curl -s -D "$work/h2" -o /dev/null -H "Cookie: $logincookie" \
	--data-urlencode "name=loadtest" --data-urlencode "password=$pass" \
	--data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$base/login"
session=$(sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-foiwire_session=[^;]*\).*/\1/p' "$work/h2" | head -1)
[ -n "$session" ] || { echo "load.sh: could not sign in" >&2; cat "$work/h2" >&2; exit 1; }

check() { # URL HEADER: fail unless the request succeeds
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "$2" "$1")
	[ "$code" = 200 ] || { echo "load.sh: $1 answered $code" >&2; exit 1; }
}
check "$base/forces/$force" "Cookie: $session"
check "$base/api/v1/figures?authority=$force" "Authorization: Bearer $token"

run() { # NAME URL HEADER
	echo
	echo "== $1: $2 ($conns connections, $duration)"
	wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "$3" "$2" | tee "$work/wrk.out"
	p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
	echo "p99 $1: $p99"
	echo "$1 $p99" >>"$work/p99"
}
run "force page" "$base/forces/$force" "Cookie: $session"
run "figures API" "$base/api/v1/figures?authority=$force" "Authorization: Bearer $token"

echo
echo "Summary (target: p99 under 50ms):"
cat "$work/p99"
