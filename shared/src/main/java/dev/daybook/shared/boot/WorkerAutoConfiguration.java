package dev.daybook.shared.boot;

import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.WorkerProperties;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a {@link Worker} for the {@link StageHandler} beans of a worker app, started when the application is
 * ready — or, when Redis is not reachable then, as soon as it is ({@link WorkerLauncher}; the wait shows in
 * {@code /actuator/health} as {@code worker}) — and stopped gracefully (quiet, drain, hand back) before the
 * Redis client closes.
 */
@AutoConfiguration(after = DaybookAutoConfiguration.class)
@ConditionalOnBean(StageHandler.class)
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerAutoConfiguration {

    /** Lazy: built by the launcher once Redis answers, since building it creates the stream groups. */
    @Bean
    @Lazy
    Worker daybookWorker(UnifiedJedis redis, QueueProperties queue, WorkerProperties worker,
                         List<StageHandler> handlers, Clock clock, ObjectProvider<MeterRegistry> meters,
                         JobTracing tracing) {
        Worker.Options options = new Worker.Options(worker.id(), worker.concurrency(), worker.stages());
        return new Worker(redis, queue, handlers, options, clock, meters.getIfAvailable(), tracing);
    }

    @Bean
    WorkerLauncher daybookWorkerLauncher(UnifiedJedis redis, ObjectProvider<Worker> worker, Clock clock) {
        return new WorkerLauncher(redis, worker::getObject, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        HealthIndicator workerHealthIndicator(WorkerLauncher launcher) {
            return new WorkerLaunchHealth(launcher);
        }
    }
}
