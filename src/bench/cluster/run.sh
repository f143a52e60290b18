#!/usr/bin/env bash
# The load tool against one node, then against two nodes of a cluster, on this machine (README, "Several nodes").
# Usage: src/bench/cluster/run.sh [scenario ...]      (default: fanout latency)
#        LOAD_OPTIONS="--rate 50" src/bench/cluster/run.sh latency    (options of `LoadTool run` for every run)
# Needs what `mvn -Ppostgresql verify` leaves behind: target/server provisioned for PostgreSQL, target/chat.war,
# target/apache-artemis-*; and PostgreSQL on localhost:5432 with database, user and password `chat` (.ci/postgresql).
# The servers (broker and nodes) run on the first CPU, the load tool on the second, as in the benchmark.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ $# -eq 0 ]; then set -- fanout latency; fi
work=target/cluster-bench
out=${CLUSTER_BENCH_OUT:-$work/results}
for port in 8280 8380 61716; do
    if (echo > /dev/tcp/127.0.0.1/$port) 2> /dev/null; then
        echo "port $port is taken: stop whatever listens there first" >&2
        exit 1
    fi
done
rm -rf "$work" && mkdir -p "$work" "$out"
artemis=$(ls -d target/apache-artemis-*/ | head -1)
mvn -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

nodes=()
stop() { for pid in "$@"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
stop_nodes() { stop "${nodes[@]}"; nodes=(); }
trap 'stop_nodes; stop "$broker"' EXIT

"$artemis/bin/artemis" create "$work/broker" --user chat --password chat --require-login --silent --no-web \
    --no-autotune --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --host 127.0.0.1 --default-port 61716 > "$work/broker-create.log"
taskset --cpu-list 0 "$work/broker/bin/artemis" run > "$work/broker.log" 2>&1 &
broker=$!

limits="-Dchat.password.iterations=1000 -Dchat.registrations-per-address=1000000 -Dchat.rate.connection=1000000 -Dchat.rate.connection-burst=1000000 \
-Dchat.rate.user=1000000 -Dchat.rate.user-burst=1000000 -Dchat.max-connections-per-address=20000"
cluster="-Dchat.cluster.broker=tcp://127.0.0.1:61716?reconnectAttempts=-1 -Dchat.cluster.user=chat -Dchat.cluster.password=chat"

# start_node NAME OFFSET EXTRA_OPTS: a base directory of its own, the WAR as ROOT.war
start_node() {
    local base=$work/$1
    mkdir -p "$base/deployments" && cp -r target/server/standalone/configuration "$base/"
    cp target/chat.war "$base/deployments/ROOT.war"
    JAVA_OPTS="-Xms1g -Xmx2g $limits $3" LAUNCH_JBOSS_IN_BACKGROUND=true taskset --cpu-list 0 \
        target/server/bin/standalone.sh -Djboss.server.base.dir="$PWD/$base" -Djboss.node.name="$1" \
        -Djboss.socket.binding.port-offset="$2" > "$work/$1.log" 2>&1 &
    nodes+=($!)
    until curl -sf "http://127.0.0.1:$((8080 + $2))/api/stats" > /dev/null; do sleep 1; done
}

# the CPU time (clock ticks) the server JVMs (nodes and broker) have used so far
server_ticks() {
    local total=0 pid
    for pid in $(pgrep -f "jboss.node.name=|$work/broker"); do
        if [ "$(cat /proc/$pid/comm 2>/dev/null)" = java ]; then
            total=$((total + $(awk '{print $14 + $15}' /proc/$pid/stat)))
        fi
    done
    echo $total
}

load() { # load NAME URLS SCENARIO: a small run first, so that the servers' code is compiled, then the measured one
    taskset --cpu-list 1 java -cp "$cp" dev.chatwar.load.LoadTool run --url "$2" --scenario "$3" --tiny \
        --target warm-up > /dev/null
    local before
    before=$(server_ticks)
    # shellcheck disable=SC2086
    taskset --cpu-list 1 java -cp "$cp" dev.chatwar.load.LoadTool run --url "$2" --scenario "$3" ${LOAD_OPTIONS:-} \
        --target "$1" --out "$out/$3-$1.json" | grep -v '^[{} ]' || true
    echo $(( $(server_ticks) - before )) > "$out/$3-$1.ticks"
}

for scenario in "$@"; do
    start_node single 200 ""
    load one-node "http://127.0.0.1:8280/" "$scenario"
    stop_nodes
    start_node node1 200 "$cluster -Dchat.cluster.node=node1"
    start_node node2 300 "$cluster -Dchat.cluster.node=node2"
    until curl -s http://127.0.0.1:8380/api/stats | grep -q '"peers":1'; do sleep 1; done
    load two-nodes "http://127.0.0.1:8280/,http://127.0.0.1:8380/" "$scenario"
    stop_nodes
done
for scenario in "$@"; do
    for topology in one-node two-nodes; do
        python3 -c "import json,sys; r=json.load(open(sys.argv[1])); l=r['latencyMillis']; cpu=int(sys.argv[4]) / 100
print(f\"{sys.argv[2]:8} {sys.argv[3]:9} {r['deliveriesPerSecond']:>9,.0f} deliveries/s  p50 {l['p50']:6.1f} ms  p99 {l['p99']:6.1f} ms  lost {r['lost']}  errors {r['errors']}  server CPU {cpu:.0f} s over the run, {cpu * 1e6 / r['deliveries']:.1f} us per delivery\")" \
            "$out/$scenario-$topology.json" "$scenario" "$topology" "$(cat "$out/$scenario-$topology.ticks")"
    done
done
echo "results in $out"
