package io.servicequality.scoring.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Values of dead-lettered records: the original bytes when the value could not be deserialised, JSON (without type
 * headers) when it was deserialised but rejected. Configured by class name, hence the no-argument constructor.
 */
public class DeadLetterValueSerializer extends DelegatingByTypeSerializer {

    public DeadLetterValueSerializer() {
        super(delegates(), true);
    }

    private static Map<Class<?>, Serializer<?>> delegates() {
        Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
        delegates.put(byte[].class, new ByteArraySerializer());
        // type headers stay off through the producer's spring.json.add.type.headers=false, passed on by configure()
        delegates.put(Object.class, new JacksonJsonSerializer<>());
        return delegates;
    }
}
