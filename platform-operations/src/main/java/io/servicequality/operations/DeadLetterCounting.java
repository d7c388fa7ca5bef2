package io.servicequality.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Counts every dead letter this service publishes in {@code sqp.dead-letters{topic=<original topic>}}: the dead-letter
 * publisher bean of platform-kafka (used by the listeners' failure policy and by batch listeners through
 * {@code DeadLetters.applicable}) is wrapped, and a record counts once its {@code accept} returned, that is once the
 * broker acknowledged the dead letter (the publisher waits for it and throws when it fails, and a failed publication is
 * retried by the error handler, so counting earlier could count one record twice).
 */
class DeadLetterCounting implements BeanPostProcessor {

    static final String COUNTER = "sqp.dead-letters";

    private final ObjectProvider<MeterRegistry> registry;

    DeadLetterCounting(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DeadLetterPublishingRecoverer)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            Object[] arguments = invocation.getArguments();
            if (invocation.getMethod().getName().equals("accept")
                    && arguments.length > 0
                    && arguments[0] instanceof ConsumerRecord<?, ?> record) {
                count(record.topic());
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    private void count(String originalTopic) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            counter(meters, originalTopic).increment();
        }
    }

    /** Registers the counter of a topic at zero, so that a rate over it exists before the first dead letter. */
    static Counter counter(MeterRegistry meters, String originalTopic) {
        return Counter.builder(COUNTER)
                .description("dead letters this service published, by the topic the record came from")
                .tag("topic", originalTopic)
                .register(meters);
    }
}
