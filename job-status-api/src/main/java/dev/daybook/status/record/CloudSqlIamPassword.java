package dev.daybook.status.record;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * With IAM database authentication (GKE: the Cloud SQL connector, {@code enableIamAuth=true}) there is no
 * password: the connector logs in with the workload's identity. The PostgreSQL driver still refuses an empty
 * password before the connector is asked, and the connector's documentation says to set any non-empty value,
 * which it ignores. It is set here, so that no manifest carries a password, not even a dummy one.
 */
@Component
class CloudSqlIamPassword implements BeanPostProcessor {

    static final String IGNORED = "unused-with-iam-auth";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource ds && needsPlaceholder(ds.getJdbcUrl(), ds.getPassword())) {
            ds.setPassword(IGNORED);
        }
        return bean;
    }

    static boolean needsPlaceholder(String url, String password) {
        return url != null && url.contains("enableIamAuth=true") && (password == null || password.isEmpty());
    }
}
