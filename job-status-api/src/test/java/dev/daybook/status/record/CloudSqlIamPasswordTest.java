package dev.daybook.status.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class CloudSqlIamPasswordTest {

    private static final String IAM_URL = "jdbc:postgresql:///daybook?cloudSqlInstance=p:r:i"
            + "&socketFactory=com.google.cloud.sql.postgres.SocketFactory&enableIamAuth=true&ipTypes=PRIVATE";

    @Test
    void anIamLoginGetsThePlaceholderTheDriverNeedsAndNothingElseChanges() {
        assertThat(passwordAfter(IAM_URL, "")).isEqualTo(CloudSqlIamPassword.IGNORED);
        assertThat(passwordAfter(IAM_URL, null)).isEqualTo(CloudSqlIamPassword.IGNORED);
        assertThat(passwordAfter(IAM_URL, "given")).isEqualTo("given");
        assertThat(passwordAfter("jdbc:postgresql://127.0.0.1:5490/daybook", "")).isEmpty();
    }

    private static String passwordAfter(String url, String password) {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            ds.setPassword(password);
            new CloudSqlIamPassword().postProcessBeforeInitialization(ds, "dataSource");
            return ds.getPassword();
        }
    }
}
