# Sourced by bench/lib.sh when BENCH_PROFILE=production: what the hub's production profile works
# with, each outside the hub's process as in a deployment, made for one run and removed on exit:
# a Kafka broker (KRaft, broker and controller in one node, from the Kafka classes inside the hub
# jar), a new PostgreSQL database, a Redis key prefix, and an APNs peer (bench/ApnsPeer.java).
. .ci/services.sh  # PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379, started when not running

# unpack_hub_libraries: the hub jar's libraries into $data/hub (the broker and the peers run from
# them, so they are the versions the hub uses: Kafka 3.9.1) and a logback.xml for their consoles
unpack_hub_libraries() {
    unzip -q target/notification-hub.jar 'BOOT-INF/lib/*' -d "$data/hub"
    # INFO on their consoles, as Kafka's own log4j.properties has it (logback's default is DEBUG)
    cat > "$data/logback.xml" <<'EOF'
<configuration>
  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="console"/></root>
</configuration>
EOF
}

# start_broker <kafka port>: a new single-node broker (its controller on the next port) in
# $data/kafka; sets broker (its pid)
start_broker() {
    local kafka_port=$1 controller_port=$(($1 + 1)) libs=$data/hub/BOOT-INF/lib cluster
    ports_free $controller_port
    mkdir "$data/kafka"
    # one node: every replication factor 1; topics only as the hub creates them (as EmbeddedKafkaBroker)
    cat > "$data/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/kafka/logs
auto.create.topics.enable=false
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
EOF
    # a cluster id is 16 random bytes in URL-safe base64 without padding; not one starting with
    # '-', which the tool would read as an option
    cluster=-
    until [[ $cluster != -* ]]; do cluster=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='); done
    java -Dlogback.configurationFile="$data/logback.xml" -cp "$libs/*" kafka.tools.StorageTool format \
         -t "$cluster" -c "$data/kafka/server.properties" > "$data/kafka/format.log" 2>&1 \
        || { cat "$data/kafka/format.log"; exit 1; }
    run_broker
}

# run_broker: starts the broker made by start_broker (again, after it was killed: same data and
# ports); sets broker (its pid)
run_broker() {
    local libs=$data/hub/BOOT-INF/lib
    # the heap and collector settings of Kafka's own kafka-server-start.sh
    java -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
         -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true -Dlogback.configurationFile="$data/logback.xml" \
         -cp "$libs/*" kafka.Kafka "$data/kafka/server.properties" >> "$data/broker.log" 2>&1 &
    broker=$!
}

# start_production <kafka port>: starts the broker (its controller on the next port) and the APNs
# peer and creates the database; sets hub_env and hub_args (the hub's settings) and sides (name=pid
# of the broker and of the APNs peer, for side_cpu)
start_production() {
    local kafka_port=$1 libs=$data/hub/BOOT-INF/lib apns_port
    unpack_hub_libraries
    mkdir "$data/apns"
    start_broker $kafka_port
    java -Xmx256m -Dlogback.configurationFile="$data/logback.xml" -cp "$libs/*" bench/ApnsPeer.java "$data/apns" \
         > "$data/apns-peer.log" 2>&1 &
    apns_peer=$!
    sides="broker=$broker APNs-peer=$apns_peer"

    # set before creating them, so that a failed start still removes them on exit
    database=notify_bench_$(date +%s)_$$
    prefix="notify-bench:$database:"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $database"

    await_line $broker "$data/broker.log" 'Kafka Server started'
    await_line $apns_peer "$data/apns-peer.log" '^port [0-9]+$'
    apns_port=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$data/apns-peer.log")
    echo "production profile: broker on 127.0.0.1:$kafka_port (pid $broker), APNs peer on port $apns_port" \
         "(pid $apns_peer), database $database, Redis keys $prefix*"

    hub_env=(SPRING_PROFILES_ACTIVE=production NOTIFY_API_KEYS=$KEY
             SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$database SPRING_DATASOURCE_USERNAME=postgres
             REDIS_URL=redis://127.0.0.1:6379 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port)
    # the settings bench/ApnsBench gives the hub; the peer checks no token, but the client signs one
    hub_args=(--notify.kafka.replication-factor=1 --notify.dedup-key-prefix="$prefix"
              --notify.providers.apns.host=localhost --notify.providers.apns.port=$apns_port
              --notify.providers.apns.topic=bench.notification-hub
              --notify.providers.apns.signing-key="$data/apns/AuthKey_BENCHKEY01.p8"
              --notify.providers.apns.key-id=BENCHKEY01 --notify.providers.apns.team-id=BENCHTEAM1
              --notify.providers.apns.trusted-certificate="$data/apns/apns-peer.pem")
}

# await_line <pid> <log> <extended regex>: waits (at most 5 minutes: two busy cores start JVMs
# slowly) until the log has a matching line; exits if the process ended first
await_line() {
    local deadline=$((SECONDS + 300))
    until grep -qE "$3" "$2"; do
        if ! kill -0 $1 2>/dev/null || [ $SECONDS -gt $deadline ]; then tail -50 "$2"; exit 1; fi
        sleep 0.2
    done
}

# stop_production: after the hub stopped, stops the broker and the APNs peer, drops the database and
# deletes this run's Redis keys
stop_production() {
    [ -z "${broker:-}" ] || stop_process $broker
    [ -z "${apns_peer:-}" ] || stop_process $apns_peer
    [ -z "${database:-}" ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $database with (force)"
    [ -z "${prefix:-}" ] || redis-cli -h 127.0.0.1 --scan --pattern "$prefix*" | xargs -r -n 1000 redis-cli -h 127.0.0.1 unlink >/dev/null
}
