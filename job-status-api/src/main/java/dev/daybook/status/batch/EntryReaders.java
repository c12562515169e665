package dev.daybook.status.batch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.record.Entries;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;

/**
 * Readers of the diary's record (table {@code entries}) for the batch jobs: pages keyed on
 * {@code (created_at, id)}, oldest first, each row read back as the job record it holds. A reader that saves
 * its state keeps the sort key of the last item of each committed chunk in the step's execution context, so a
 * restarted run goes on after it (keyset paging: rows the run changed meanwhile do not shift the pages).
 */
final class EntryReaders {

    private static final int PAGE = 200;
    /** The statuses that end a job: only then are its artifacts final, and tiering or retention may touch them. */
    private static final String FINISHED = Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal)
            .map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));

    private EntryReaders() {
    }

    /** One user's entries; {@code saveState} false where a restart must start over (an export's zip). */
    static JdbcPagingItemReader<Job> ofUser(DataSource dataSource, Entries entries, String user, boolean saveState) {
        return paging(dataSource, entries, "WHERE user_id = :user", Map.of("user", user), "user-entries", saveState);
    }

    /** Every finished entry (completed or cancelled); {@code name} keys its position in the execution context. */
    static JdbcPagingItemReader<Job> finished(DataSource dataSource, Entries entries, String name) {
        return paging(dataSource, entries, "WHERE status IN (" + FINISHED + ")", Map.of(), name, true);
    }

    private static JdbcPagingItemReader<Job> paging(DataSource dataSource, Entries entries, String where,
                                                    Map<String, Object> params, String name, boolean saveState) {
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
            reader.setSaveState(saveState);
            reader.setName(name);
            reader.afterPropertiesSet();
            return reader;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
