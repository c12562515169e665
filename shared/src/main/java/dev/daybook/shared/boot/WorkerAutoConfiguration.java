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
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a {@link Worker} for the {@link StageHandler} beans of a worker app, started when the application is
 * ready and stopped gracefully (quiet, drain, hand back) before the Redis client closes.
 */
@AutoConfiguration(after = DaybookAutoConfiguration.class)
@ConditionalOnBean(StageHandler.class)
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerAutoConfiguration {

    @Bean
    Worker daybookWorker(UnifiedJedis redis, QueueProperties queue, WorkerProperties worker,
                         List<StageHandler> handlers, Clock clock, ObjectProvider<MeterRegistry> meters,
                         JobTracing tracing) {
        Worker.Options options = new Worker.Options(worker.id(), worker.concurrency(), worker.stages());
        return new Worker(redis, queue, handlers, options, clock, meters.getIfAvailable(), tracing);
    }

    @Bean
    SmartLifecycle daybookWorkerLifecycle(Worker worker) {
        return new SmartLifecycle() {
            @Override
            public void start() {
                worker.start();
            }

            @Override
            public void stop() {
                worker.stop();
            }

            @Override
            public boolean isRunning() {
                return worker.isRunning();
            }

            @Override
            public int getPhase() {
                // Late start, early stop: after the web server is up, and stopped before anything it uses.
                return Integer.MAX_VALUE - 100;
            }
        };
    }
}
