package dev.daybook.status.batch;

import java.time.Clock;
import java.util.List;

import dev.daybook.shared.admission.Admission;
import dev.daybook.shared.audio.validation.AudioValidation;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.TieredStorage;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.daybook.status.role.BackgroundWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the batch jobs, their runner, its lock and reports, and the scheduler. The JobRepository and
 * JobOperator are Spring Boot's (spring-boot-starter-batch-jdbc: the JDBC repository on the application's
 * DataSource; its tables come from Flyway's V2, not from Boot's initializer). The import job gets the upload
 * rules and admission from {@code shared}, with ingestion-api's settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchJobProperties.class)
@Import({AudioValidation.class, Admission.class})
class BatchJobsConfiguration {

    @Bean
    ArtifactPointers artifactPointers(UnifiedJedis redis, RedisKeys keys) {
        return new ArtifactPointers(redis, keys);
    }

    @Bean
    RunReports runReports(UnifiedJedis redis, RedisKeys keys, JsonMapper json, BatchJobProperties properties) {
        return new RunReports(redis, keys, json, properties.keepRuns());
    }

    @Bean
    BatchRunner batchRunner(List<BatchJob> jobs, JobRepository repository, JobOperator operator, UnifiedJedis redis,
                            RedisKeys keys, RunReports reports, BatchJobProperties properties, Clock clock) {
        return new BatchRunner(jobs, new BatchRunner.Launch(repository, operator), new BatchLock(redis, keys), reports,
                properties, clock);
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
    BatchScheduler batchScheduler(BatchRunner runner, RunReports reports, Exports exports, TieredStorage storage,
                                  BatchJobProperties properties, Clock clock) {
        return new BatchScheduler(runner, reports, new ExpiredExports(exports, storage, clock), properties, clock);
    }
}
