package dev.daybook.status.recaps;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The batch job {@code recaps}: a recap of the last complete period for every user who had entries in it. Job
 * parameters (strings): {@code period} {@code week} (default) or {@code month}; {@code date} (YYYY-MM-DD, default
 * today, UTC) the day the run takes as today, so {@code period=week date=2026-03-09} recaps 2026-03-02..08.
 *
 * <p>One step: a paging reader of the distinct users with entries dated in the period (it keeps its position, so a
 * restarted run goes on from its last chunk), and a writer that asks for each user's recap through
 * {@link RecapRequests#scheduled}, whose id is made from the user and period: a rerun, or a restart after a crash, finds it
 * and makes no second one.
 */
@Configuration(proxyBeanMethods = false)
class RecapsJobConfiguration {

    static final String NAME = "recaps";
    private static final int CHUNK = 50;

    @Bean(NAME)
    Job recaps(JobRepository repository, Step recapsPerUser) {
        return new JobBuilder(NAME, repository).start(recapsPerUser).build();
    }

    @Bean
    Step recapsPerUser(JobRepository repository, JdbcPagingItemReader<String> usersWithEntries,
                       ItemWriter<String> recapPerUser) {
        return new StepBuilder("recaps-per-user", repository).<String, String>chunk(CHUNK)
                .reader(usersWithEntries).writer(recapPerUser).build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<String> usersWithEntries(DataSource dataSource, Clock clock,
                                                  @Value("#{jobParameters['period']}") String period,
                                                  @Value("#{jobParameters['date']}") String date) throws Exception {
        RecapPeriod p = period(period, date, clock);
        PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
        query.setSelectClause("SELECT user_id");
        query.setFromClause("FROM (SELECT DISTINCT user_id FROM entry_index WHERE entry_at >= :start AND entry_at < :end) u");
        Map<String, Order> order = new LinkedHashMap<>();
        order.put("user_id", Order.ASCENDING);
        query.setSortKeys(order);
        JdbcPagingItemReader<String> reader = new JdbcPagingItemReader<>(dataSource, query);
        reader.setParameterValues(Map.of("start", p.start(), "end", p.end()));
        reader.setPageSize(CHUNK);
        reader.setRowMapper((rs, n) -> rs.getString("user_id"));
        reader.setName("users-with-entries");
        reader.afterPropertiesSet();
        return reader;
    }

    @Bean
    @StepScope
    ItemWriter<String> recapPerUser(RecapRequests recaps, Clock clock, @Value("#{jobParameters['period']}") String period,
                                    @Value("#{jobParameters['date']}") String date) {
        RecapPeriod p = period(period, date, clock);
        return users -> users.forEach(user -> recaps.scheduled(user, p));
    }

    /** The run's period from its parameters; a bad one is an {@link IllegalArgumentException}. */
    static RecapPeriod period(String period, String date, Clock clock) {
        LocalDate today;
        try {
            today = date == null || date.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("parameter 'date' must be a date, e.g. 2026-03-09");
        }
        return RecapPeriod.lastComplete(period == null || period.isBlank() ? "week" : period, today);
    }
}
