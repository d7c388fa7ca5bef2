#!/usr/bin/env bash
# One-shot: creates the broker's TLS key pair (self-signed, SAN kafka + localhost), the clients' trust store and the
# broker's SASL/PLAIN user list, all from environment variables. Runs in the kafka-secrets container of
# docker-compose.secure.yml; does nothing when the files exist (delete the volumes to rotate).
set -euo pipefail
: "${SQP_KAFKA_SSL_PASSWORD:?set SQP_KAFKA_SSL_PASSWORD}"
: "${SQP_KAFKA_BROKER_PASSWORD:?set SQP_KAFKA_BROKER_PASSWORD}"
: "${SQP_KAFKA_PASSWORD:?set SQP_KAFKA_PASSWORD}"
broker="${SECRETS_DIR:-/secrets}/broker"
clients="${SECRETS_DIR:-/secrets}/clients"
mkdir -p "$broker" "$clients"
if [[ ! -f "$broker/kafka.keystore.p12" ]]; then
  keytool -genkeypair -alias kafka -keyalg RSA -keysize 3072 -validity 825 -storetype PKCS12 \
    -dname "CN=kafka" -ext "SAN=dns:kafka,dns:localhost" \
    -keystore "$broker/kafka.keystore.p12" -storepass "$SQP_KAFKA_SSL_PASSWORD" -keypass "$SQP_KAFKA_SSL_PASSWORD"
  keytool -exportcert -alias kafka -rfc -keystore "$broker/kafka.keystore.p12" -storepass "$SQP_KAFKA_SSL_PASSWORD" \
    -file "$broker/kafka.crt"
  for store in "$broker/kafka.truststore.p12" "$clients/kafka.truststore.p12"; do
    keytool -importcert -noprompt -alias kafka -file "$broker/kafka.crt" -storetype PKCS12 \
      -keystore "$store" -storepass "$SQP_KAFKA_SSL_PASSWORD"
  done
fi
# the apache/kafka image reads store passwords from files named in KAFKA_SSL_*_CREDENTIALS
for name in keystore_creds key_creds truststore_creds; do
  printf '%s' "$SQP_KAFKA_SSL_PASSWORD" > "$broker/$name"
done
cat > "$broker/broker_jaas.conf" <<JAAS
KafkaServer {
    org.apache.kafka.common.security.plain.PlainLoginModule required
    username="broker"
    password="$SQP_KAFKA_BROKER_PASSWORD"
    user_broker="$SQP_KAFKA_BROKER_PASSWORD"
    user_sqp="$SQP_KAFKA_PASSWORD";
};
JAAS
cat > "$broker/client.properties" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$SQP_KAFKA_BROKER_PASSWORD";
ssl.truststore.location=/etc/kafka/secrets/kafka.truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=$SQP_KAFKA_SSL_PASSWORD
PROPS
chmod 600 "$broker"/*
chmod 644 "$clients/kafka.truststore.p12"
chown -R 1000:1000 "$broker"
