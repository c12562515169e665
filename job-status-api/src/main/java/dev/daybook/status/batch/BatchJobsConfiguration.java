package dev.daybook.status.batch;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import dev.daybook.shared.admission.Admission;
import dev.daybook.shared.audio.validation.AudioValidation;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.TieredStorage;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.daybook.status.role.BackgroundWork;
import dev.daybook.status.role.RoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the runner of every {@link Job} bean (each job is a {@code @Bean Job} named after the job, in its own
 * {@code @Configuration}), its advisory locks and run history, and the scheduler. The JobRepository is Spring
 * Boot's (spring-boot-starter-batch-jdbc: the JDBC repository on the application's DataSource; its tables come
 * from Flyway's V2, not from Boot's initializer). The import job gets the upload rules and admission from
 * {@code shared}, with ingestion-api's settings. The API starts runs through {@link RunRequests}: here, or, in the
 * public role, by recording them for the {@link RunRequestClaimer} of an ops pod.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BatchJobProperties.class, BatchRequestProperties.class})
@Import({AudioValidation.class, Admission.class})
class BatchJobsConfiguration {

    @Bean
    ArtifactPointers artifactPointers(UnifiedJedis redis, RedisKeys keys) {
        return new ArtifactPointers(redis, keys);
    }

    @Bean(destroyMethod = "close")
    RunLocks runLocks(DataSource dataSource) {
        return new RunLocks(dataSource);
    }

    @Bean
    BatchRunner batchRunner(List<Job> jobs, List<RunOptions> options, JobRepository repository, RunLocks locks,
                            RunSkips skips, JdbcTemplate jdbc) {
        return new BatchRunner(jobs, options, repository, locks, new RunHistory(repository, skips, jdbc));
    }

    /** Role {@code public} records runs for an ops pod; {@code ops} and {@code all} start them here. */
    @Bean
    RunRequests runRequests(BatchRunner runner, DataSource dataSource, JsonMapper json, RoleProperties role) {
        return new RunRequests(runner, dataSource, json, !role.role().runsBackgroundWork());
    }

    /** In every role: where no ops pod claims, the public pods are the ones that can tell. */
    @Bean
    RunRequestMetrics runRequestMetrics(RunRequests requests) {
        return new RunRequestMetrics(requests);
    }

    @Bean
    @BackgroundWork
    RunRequestClaimer runRequestClaimer(RunRequests requests, BatchRequestProperties properties) {
        String host = System.getenv().getOrDefault("HOSTNAME", "job-status-api");
        return new RunRequestClaimer(requests, properties, host + "/" + ProcessHandle.current().pid());
    }

    @Bean
    Exports exports(UnifiedJedis redis, RedisKeys keys, BatchJobProperties properties) {
        return new Exports(redis, keys, new ExportQuota(redis, keys, properties.exports()));
    }

    @Bean
    ImportRoots importRoots(BatchJobProperties properties, StorageProperties storage) {
        return ImportRoots.of(properties.imports(), storage);
    }

    @Bean
    @BackgroundWork
    BatchScheduler batchScheduler(BatchRunner runner, Exports exports, TieredStorage storage, BatchJobProperties properties,
                                  Clock clock) {
        return new BatchScheduler(runner, new ExpiredExports(exports, storage, clock), properties, clock);
    }
}
