package dev.daybook.status.batch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.record.Entries;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;

/**
 * Readers of the diary's record (table {@code entries}) for the batch jobs: pages keyed on
 * {@code (created_at, id)}, oldest first, each row read back as the job record it holds. They keep no
 * position: every job's progress is in its data (tiers in the records, an export's zip built afresh), so a
 * restarted run reads from the start and finds the work done.
 */
final class EntryReaders {

    private static final int PAGE = 200;
    /** The statuses that end a job: only then are its artifacts final, and tiering or retention may touch them. */
    private static final String FINISHED = Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal)
            .map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));

    private EntryReaders() {
    }

    /** One user's entries. */
    static ItemReader<Job> ofUser(DataSource dataSource, Entries entries, String user) {
        return paging(dataSource, entries, "WHERE user_id = :user", Map.of("user", user), "user-entries");
    }

    /** Every finished entry (completed or cancelled). */
    static ItemReader<Job> finished(DataSource dataSource, Entries entries) {
        return paging(dataSource, entries, "WHERE status IN (" + FINISHED + ")", Map.of(), "finished-entries");
    }

    private static ItemReader<Job> paging(DataSource dataSource, Entries entries, String where, Map<String, Object> params,
                                          String name) {
        try {
            PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
            query.setSelectClause("SELECT id, created_at, record");
            query.setFromClause("FROM entries");
            query.setWhereClause(where);
            Map<String, Order> order = new LinkedHashMap<>();
            order.put("created_at", Order.ASCENDING);
            order.put("id", Order.ASCENDING);
            query.setSortKeys(order);
            JdbcPagingItemReader<Job> reader = new JdbcPagingItemReader<>(dataSource, query);
            reader.setParameterValues(params);
            reader.setPageSize(PAGE);
            reader.setRowMapper((rs, n) -> entries.fromRecord(rs.getString("record")));
            reader.setSaveState(false);
            reader.setName(name);
            reader.afterPropertiesSet();
            return reader;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
