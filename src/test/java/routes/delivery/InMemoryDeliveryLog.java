package routes.delivery;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The hub's delivery log on an in-memory H2 database of its own, in the hub's mode, migrated on demand. */
final class InMemoryDeliveryLog {

    final JdbcDataSource dataSource = new JdbcDataSource();
    final JdbcClient db;
    final DeliveryLog log;

    InMemoryDeliveryLog() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:delivery-log-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        db = JdbcClient.create(dataSource);
        log = new DeliveryLog(db, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JsonMapper.builder().findAndAddModules().build(), dataSource);
    }

    /** The hub's migrations up to {@code target} ("latest" for all). */
    void migrate(String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target(target).load().migrate();
    }
}
