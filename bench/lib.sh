# Sourced by bench/hot-path, bench/bulk and bench/latency (from the repository's root): picks a JDK,
# builds the jar if missing, starts the embedded default as bench/run does (stopped on exit) and
# reads the hub's CPU time and delivery counters. BENCH_PROFILE=production starts the hub on the
# production profile instead, its broker, database, Redis and APNs peer outside it (bench/production.sh).
. .ci/java-home.sh
[ -f target/notification-hub.jar ] || mvn -B -q package -DskipTests
KEY=dev-secret-key
case ${BENCH_PROFILE:-} in
    "") ;;
    production) . bench/production.sh ;;
    *) echo "BENCH_PROFILE: production, or unset for the embedded default" >&2; exit 2 ;;
esac

# ports_free <port>...: exits unless every port is free (a hub or broker left running would answer
# in place of this run's)
ports_free() {
    local p
    for p in "$@"; do
        ! (: <> /dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo "port $p is in use" >&2; exit 1; }
    done
}

# start_hub <port> <kafka port> [hub args...]: sets hub (its pid), base and data; waits until ready
start_hub() {
    local port=$1 kafka_port=$2 started deadline=$((SECONDS + 300)); shift 2
    local hub_env=() hub_args=(--notify.embedded-kafka.port=$kafka_port)
    ports_free $port $kafka_port
    data=$(mktemp -d)
    base=http://127.0.0.1:$port
    trap stop_hub EXIT
    [ -z "${BENCH_PROFILE:-}" ] || start_production $kafka_port  # sets hub_env and hub_args
    # a fixed heap, as the kustomize manifests give the hub (docs/performance.md, "A fixed heap")
    env "${hub_env[@]}" java -Xms2g -Xmx2g ${HUB_JAVA_OPTS:-} -jar target/notification-hub.jar --server.port=$port \
         "${hub_args[@]}" --notify.data-dir="$data" "$@" > "$data/hub.log" 2>&1 &
    hub=$!
    started=$(date +%s%N)
    until curl -sf $base/actuator/health/readiness >/dev/null; do
        if ! kill -0 $hub 2>/dev/null || [ $SECONDS -gt $deadline ]; then tail -50 "$data/hub.log"; exit 1; fi
        sleep 0.2
    done
    echo "hub ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (pid $hub, $(nproc) cores${BENCH_PROFILE:+, $BENCH_PROFILE profile})"
    ready_lines=$(wc -l < "$data/hub.log")
}

# on exit: the hub's delivery counts and what it logged at WARN or ERROR between ready and now
# (counted by logger and message); stops it (SIGKILL after 60 s). BENCH_HUB_LOG=<file> keeps its log.
stop_hub() {
    set +e
    local log="$data/hub.log" rss lines
    if [ -n "${hub:-}" ]; then
        echo "deliveries by status (whole run): $(statuses)"
        rss=$(ps -o rss= -p $hub)
        lines=$(tail -n +$(( ${ready_lines:-0} + 1 )) "$log" | grep -E ' (ERROR|WARN) [0-9]+ ---')
        stop_process $hub
        echo "hub RSS: $(( ${rss:-0} / 1024 )) MiB; since ready it logged" \
             "$(grep -c ' ERROR ' <<< "$lines") ERROR and $(grep -c ' WARN ' <<< "$lines") WARN lines"
        [ -z "$lines" ] || sed -E 's/^.* (ERROR|WARN) [0-9]+ --- \[[^]]*\] \[[^]]*\] /\1 /; s/ +/ /g' <<< "$lines" \
            | cut -c1-160 | sort | uniq -c | sort -rn | head -5
        [ -z "${BENCH_HUB_LOG:-}" ] || cp "$log" "$BENCH_HUB_LOG"
    fi
    [ -z "${BENCH_PROFILE:-}" ] || stop_production
    rm -rf "$data"
}

# stop_process <pid>: SIGTERM, then SIGKILL if it is still running 60 s later
stop_process() {
    kill $1 2>/dev/null
    for _ in $(seq 300); do kill -0 $1 2>/dev/null || break; sleep 0.2; done
    kill -9 $1 2>/dev/null; wait $1 2>/dev/null
}

# request <method> <path> <json without spaces>: one authorized request as a curl config block
request() {
    printf 'next\nurl = "%s%s"\nrequest = %s\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
           "$base" "$2" "$1" "$KEY"
    printf 'data = %s\noutput = /dev/null\nwrite-out = "%%{http_code}\\n"\n' "$3"
}

# requests [status regex=2..]: runs the request blocks on stdin in one curl, 8 at a time; exits
# unless every answer matched
requests() {
    local codes
    codes=$(tail -n +2 | curl -s --no-progress-meter --parallel --parallel-max 8 -K - | sort | uniq -c)
    ! grep -qv " ${1:-2..}\$" <<< "$codes" || { echo "answers (count, status): $codes" >&2; exit 1; }
}

# create_users <prefix> <count>: users <prefix>-1 ... <prefix>-<count>, each with one iOS device whose
# token is the user's number in 64 hex digits
create_users() {
    local i token
    for i in $(seq $2); do request PUT /api/v1/users/$1-$i '{}'; done | requests
    for i in $(seq $2); do
        printf -v token %064x $i
        request POST /api/v1/users/$1-$i/devices "{\"platform\":\"ios\",\"token\":\"$token\"}"
    done | requests
}

# cpu [pid=hub]: a process's CPU seconds so far (utime + stime; fields 14 and 15 of /proc/<pid>/stat)
cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' /proc/${1:-$hub}/stat
}

# jit_cpu [pid=hub]: CPU seconds so far of the JVM's JIT compiler threads (part of cpu's). On two
# cores the hub's JIT keeps compiling for minutes (docs/performance.md, "The JIT on two cores"):
# printed beside a figure, it says how much of it was warm-up rather than the work itself.
jit_cpu() {
    local task comm stats=()
    for task in /proc/${1:-$hub}/task/*; do
        read -r comm < $task/comm 2>/dev/null || continue
        case $comm in "C1 CompilerThre"*|"C2 CompilerThre"*) stats+=($task/stat) ;; esac
    done
    [ ${#stats[@]} -gt 0 ] || { echo 0; return; }
    cat "${stats[@]}" 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13 }
        END { printf "%.2f\n", t / hz }'
}

# thread_cpu [pid=hub]: CPU seconds so far of the hub's threads, one "name<TAB>seconds" line per
# kind of thread: the name as the kernel keeps it (its first 15 characters) with numbers dropped,
# so that the virtual threads' carriers (ForkJoinPool-1-worker-N) or the broker's request handlers
# add up
thread_cpu() {
    cat /proc/${1:-$hub}/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{
        name = $0; sub(/^[^(]*\(/, "", name); sub(/\) [^)]*$/, "", name); sub(/[-#]?[0-9]+$/, "", name); gsub(/-[0-9]+-/, "-", name)
        rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); t[name] += f[12] + f[13] }
        END { for (n in t) printf "%s\t%.2f\n", n, t[n] / hz }'
}

# thread_cpu_since <thread_cpu at a window's start> <at its end>: the kinds of thread that took the
# most of the hub's CPU over it, each with its share: where a figure's CPU went, with no profiler
thread_cpu_since() {
    awk -F'\t' 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 0) { t[$1] = d; s += d } }
        END { for (n in t) printf "%.4f\t%s\n", t[n] / s, n }' <(echo "$1") <(echo "$2") |
        sort -rn | head -8 | awk -F'\t' '{ printf "%s%s %.0f %%", (NR > 1 ? ", " : ""), $2, $1 * 100 }'
}

# side_cpu: CPU seconds so far of each process the hub works with outside its own (sides: "name=pid
# ...", set on the production profile), as "name=seconds ..."; empty on the embedded default
side_cpu() {
    local side
    for side in ${sides:-}; do printf '%s=%s ' ${side%=*} $(cpu ${side#*=}); done
}

# side_cpu_since <side_cpu at a window's start> <at its end>: "; broker CPU 1.20 s, ..." over it
side_cpu_since() {
    awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " ")
        for (i = 1; i <= n; i++) { split(x[i], s, "="); split(y[i], e, "=")
            printf "%s %s CPU %.2f s", (i > 1 ? "," : ";"), s[1], e[2] - s[2] } }'
}

# metrics: the one family of the hub's Prometheus page that sent and statuses read. The whole page
# (some 1,400 series), polled every 0.2 s, was 2 % of perf's samples of the hub in bench/bulk's
# rounds. Outside the embedded default the actuator asks for a key.
metrics() { curl -sf -H "Authorization: Bearer $KEY" "$base/actuator/prometheus?includedNames=notify_deliveries"; }

# sent: deliveries SENT so far (the sum of notify_deliveries_total over its status="sent" lines)
sent() {
    metrics | awk '/^notify_deliveries_total\{/ && /status="sent"/ { n += $NF } END { printf "%d\n", n }'
}

# statuses: deliveries so far by status ("sent 1000, queued 1000")
statuses() {
    metrics | awk '/^notify_deliveries_total\{/ { match($0, /status="[a-z_]+"/);
        n[substr($0, RSTART + 8, RLENGTH - 9)] += $NF } END { for (s in n) { printf "%s%s %d", sep, s, n[s]; sep = ", " } }'
}

# await_sent <target> <timeout s>: polls the SENT counter every 200 ms until it reached target and
# then stayed put for a second (requests still in flight when a client stopped may be delivered too);
# sets sent_now, and sent_at (ns), sent_cpu, sent_jit_cpu and sent_side_cpu to the time, the hub's CPU
# seconds, its JIT's and side_cpu when it last grew.
await_sent() {
    local deadline=$((SECONDS + $2)) polled now
    sent_now=$(sent); sent_at=$(date +%s%N); sent_cpu=$(cpu); sent_jit_cpu=$(jit_cpu); sent_side_cpu=$(side_cpu)
    polled=$sent_at
    while [ "$sent_now" -lt "$1" ] || [ $((polled - sent_at)) -lt 1000000000 ]; do
        [ $SECONDS -lt $deadline ] || { echo "  gave up after $2 s: SENT counter at $sent_now of $1"; return 0; }
        sleep 0.2
        now=$(sent); polled=$(date +%s%N)
        if [ "$now" != "$sent_now" ]; then
            sent_now=$now; sent_at=$polled; sent_cpu=$(cpu); sent_jit_cpu=$(jit_cpu); sent_side_cpu=$(side_cpu)
        fi
    done
}

# ratio <numerator> <denominator> [printf format]: numerator / denominator (both awk expressions), 0 for /0
ratio() { awk "BEGIN { a = $1; b = $2; printf \"${3:-%.0f}\", b ? a / b : 0 }"; }
