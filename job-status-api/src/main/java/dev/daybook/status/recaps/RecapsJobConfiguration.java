package dev.daybook.status.recaps;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
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
import dev.daybook.status.batch.RunParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The batch job {@code recaps}: a recap of the last complete period for every user who had entries in it. Job
 * parameters (strings): {@code period} {@code week}, {@code month} or {@code week,month} (the default: both);
 * {@code date} (YYYY-MM-DD, default today, UTC) the day the run takes as today, so {@code period=week
 * date=2026-03-09} recaps 2026-03-02..08. Since a rerun makes nothing twice, one daily schedule with no parameters
 * writes each week's recaps on the Monday and each month's on the 1st.
 *
 * <p>One step: a paging reader of the distinct users with entries dated in the periods (it keeps its position, so
 * a restarted run goes on from its last chunk), and a writer that asks for each user's recap of each period through
 * {@link RecapRequests#scheduled}, whose id is made from the user and period: a rerun, or a restart after a crash,
 * finds it and makes no second one (a period in which the user wrote nothing gets none).
 */
@Configuration(proxyBeanMethods = false)
class RecapsJobConfiguration {

    static final String NAME = "recaps";
    private static final int CHUNK = 50;

    @Bean(NAME)
    Job recaps(JobRepository repository, Step recapsPerUser) {
        return new JobBuilder(NAME, repository)
                .validator(RunParameters.taking(Set.of("period", "date"),
                        p -> periods(p.get("period"), p.get("date"), Clock.systemUTC()))) // a bad one: 400 at the door
                .start(recapsPerUser).build();
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
        List<RecapPeriod> periods = periods(period, date, clock);
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            ranges.add("(entry_at >= :start" + i + " AND entry_at < :end" + i + ")");
            params.put("start" + i, periods.get(i).start());
            params.put("end" + i, periods.get(i).end());
        }
        PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
        query.setSelectClause("SELECT user_id");
        query.setFromClause("FROM (SELECT DISTINCT user_id FROM entry_index WHERE " + String.join(" OR ", ranges) + ") u");
        Map<String, Order> order = new LinkedHashMap<>();
        order.put("user_id", Order.ASCENDING);
        query.setSortKeys(order);
        JdbcPagingItemReader<String> reader = new JdbcPagingItemReader<>(dataSource, query);
        reader.setParameterValues(params);
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
        List<RecapPeriod> periods = periods(period, date, clock);
        return users -> users.forEach(user -> periods.forEach(p -> recaps.scheduled(user, p)));
    }

    /** The run's periods from its parameters; a bad one is an {@link IllegalArgumentException}. */
    static List<RecapPeriod> periods(String period, String date, Clock clock) {
        LocalDate today;
        try {
            today = date == null || date.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("parameter 'date' must be a date, e.g. 2026-03-09");
        }
        String names = period == null || period.isBlank() ? "week,month" : period;
        return Arrays.stream(names.split(",")).map(String::strip).distinct()
                .map(name -> RecapPeriod.lastComplete(name, today)).toList();
    }
}
