package dev.daybook.status.batch;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export's {@code recaps/} folder: one {@code <from>_<id>.json} per completed recap of the user (table
 * {@code recaps}), as {@code GET /v1/recaps/{id}} shows it less its links. A recap is not an entry: it does not
 * count in the export's {@code entries}.
 */
final class RecapExports {

    private static final int PAGE = 200;

    private RecapExports() {
    }

    static JdbcPagingItemReader<ExportJob.Entry> ofUser(DataSource dataSource, JsonMapper json, String user) {
        try {
            PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
            query.setSelectClause("""
                    SELECT id, period, from_date, to_date, entries, title, summary, highlights::text AS highlights,
                        provider, model, created_at, completed_at""");
            query.setFromClause("FROM recaps");
            query.setWhereClause("WHERE user_id = :user AND status = 'completed'");
            Map<String, Order> order = new LinkedHashMap<>();
            order.put("created_at", Order.ASCENDING);
            order.put("id", Order.ASCENDING);
            query.setSortKeys(order);
            JdbcPagingItemReader<ExportJob.Entry> reader = new JdbcPagingItemReader<>(dataSource, query);
            reader.setParameterValues(Map.of("user", user));
            reader.setPageSize(PAGE);
            reader.setRowMapper((rs, n) -> {
                Map<String, Object> recap = new LinkedHashMap<>();
                recap.put("id", rs.getString("id"));
                recap.put("period", rs.getString("period"));
                recap.put("from", rs.getString("from_date"));
                recap.put("to", rs.getString("to_date"));
                recap.put("entry_count", rs.getInt("entries"));
                recap.put("title", rs.getString("title"));
                recap.put("summary", rs.getString("summary"));
                recap.put("highlights", json.readTree(rs.getString("highlights")));
                recap.put("generated_by", Map.of("provider", String.valueOf(rs.getString("provider")),
                        "model", String.valueOf(rs.getString("model"))));
                recap.put("created_at", rs.getTimestamp("created_at").toInstant().atOffset(ZoneOffset.UTC).toString());
                recap.put("completed_at", rs.getTimestamp("completed_at") == null ? null
                        : rs.getTimestamp("completed_at").toInstant().atOffset(ZoneOffset.UTC).toString());
                String name = rs.getString("from_date") + "_" + rs.getString("id") + ".json";
                return new ExportJob.Entry(rs.getString("id"), "recaps/",
                        Map.of(name, json.writerWithDefaultPrettyPrinter().writeValueAsString(recap)
                                .getBytes(StandardCharsets.UTF_8)), null, null, null);
            });
            reader.setSaveState(false);
            reader.setName("user-recaps");
            reader.afterPropertiesSet();
            return reader;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
