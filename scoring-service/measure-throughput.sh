#!/usr/bin/env bash
# Measures the events/s the scoring path sustains on the local-stack components: the real Kafka broker (KRaft, the
# local-platform jars) and the embedded store on its H2 file backend, each a separate process, with this module's jar.
# Uses its own ports and a fresh data directory, so it does not disturb a running ./platform up.
#
#   scoring-service/measure-throughput.sh [events (100000)] [branches (20)] [spread of event times, s (60)]
#   scoring-service/measure-throughput.sh freshness [rate/s (20), or a list: 20,200,500] [seconds (60)] [branches (200)] [preload events (0)]
#
# The second form first (optionally) preloads the store with events spread over the last hour (ScoringLoad), then
# runs ScoringFreshness: an open-model load at a constant rate (feedback 50 %, interactions 40 %, complaints 10 %)
# and the time from each record's append to the MetricUpdated of its branch that reflects it.
#
# Needs: mvn -o -pl local-platform -am package -DskipTests once (broker and store jars in local-platform/target/lib),
# then this script builds the scoring jar and the load generator itself.
set -euo pipefail
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$MODULE")"
LIB="$ROOT/local-platform/target/lib"
WORK="$(mktemp -d /tmp/scoring-throughput.XXXXXX)"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
STORE_PORT="${BENCH_STORE_PORT:-37017}"
SCORING_PORT="${BENCH_SCORING_PORT:-18083}"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

(cd "$ROOT" && mvn -q -o -pl scoring-service package -DskipTests \
  && mvn -q -o -pl scoring-service dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test)
JAR="$(ls "$MODULE"/target/scoring-service-*.jar | grep -v sources | head -1)"

mkdir -p "$WORK/kafka"
cat >"$WORK/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$CONTROLLER_PORT
listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT,CONTROLLER://localhost:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$WORK/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
id="$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null)"
java -cp "$LIB/*" kafka.tools.StorageTool format --standalone -t "$id" -c "$WORK/kafka/server.properties" >/dev/null 2>&1
java -Xmx512m -XX:+UseSerialGC -cp "$LIB/*" kafka.Kafka "$WORK/kafka/server.properties" >"$WORK/kafka.log" 2>&1 &
PIDS+=($!)
STORE_PORT="$STORE_PORT" STORE_FILE="$WORK/store/store.mv" java -Xmx512m -cp "$LIB/*" \
  io.servicequality.embeddedstore.EmbeddedStore >"$WORK/store.log" 2>&1 &
PIDS+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$STORE_PORT") 2>/dev/null; do sleep 0.5; done

# the service accepts only signed staff tokens: a throw-away signing key for this run, and a VIEWER token of demo
TOOL_CP="$MODULE/target/classes:$(cat "$WORK/cp.txt")"
java -cp "$TOOL_CP" io.servicequality.security.tool.LocalTokens keygen "$WORK/security" >/dev/null
SCORING_TOKEN="$(java -cp "$TOOL_CP" io.servicequality.security.tool.LocalTokens token \
  --key "$WORK/security/jwt-private.pem" --role VIEWER --tenant demo --subject load --ttl PT24H)"

SCORING_SERVICE_PORT="$SCORING_PORT" KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
  SQP_KNOWN_TENANTS=demo SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION="file:$WORK/security/jwt-public.pem" \
  MONGODB_URI="mongodb://localhost:$STORE_PORT" java -Xmx384m -XX:+UseSerialGC -jar "$JAR" >"$WORK/scoring.log" 2>&1 &
PIDS+=($!)
until curl -sf "localhost:$SCORING_PORT/actuator/health" >/dev/null; do sleep 1; done

echo '<configuration><root level="WARN"/></configuration>' >"$WORK/logback.xml"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
load() {
  KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" SCORING_URL="http://localhost:$SCORING_PORT" \
    SCORING_TOKEN="$SCORING_TOKEN" LOAD_TENANT=demo java -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$WORK/cp.txt")" \
    -Dlogback.configurationFile="$WORK/logback.xml" "$@"
}
if [ "${1:-}" = freshness ]; then
  if [ "${5:-0}" -gt 0 ]; then
    load io.servicequality.scoring.bucket.ScoringLoad "$5" "${4:-200}" 3600
  fi
  rates="${2:-20}"
  for rate in ${rates//,/ }; do # a comma-separated list of rates is a sweep on the same stack
    load io.servicequality.scoring.bucket.ScoringFreshness "$rate" "${3:-60}" "${4:-200}"
  done
else
  load io.servicequality.scoring.bucket.ScoringLoad "${1:-100000}" "${2:-20}" "${3:-60}"
fi
ps -o rss=,time=,args= -p "$(IFS=,; echo "${PIDS[*]}")" | awk '{printf "process rss %d MB, cpu %s: %s %s\n", $1/1024, $2, $3, $NF}'
echo "logs in $WORK"
