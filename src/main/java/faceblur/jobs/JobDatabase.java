package faceblur.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import faceblur.FaceblurException;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The jobs' database: a connection pool over SQLite (one node, the default) or PostgreSQL (several nodes),
 * migrated to the current schema when opened.
 */
public final class JobDatabase implements AutoCloseable {

    enum Vendor {
        SQLITE("jdbc:sqlite:", "sqlite"), POSTGRESQL("jdbc:postgresql:", "postgresql");

        final String prefix;
        final String migrations;

        Vendor(String prefix, String migrations) {
            this.prefix = prefix;
            this.migrations = migrations;
        }
    }

    /**
     * SQLite has one writer at a time. A busy timeout makes writers queue instead of failing, and IMMEDIATE
     * transactions take the write lock up front: a deferred transaction that reads then writes gets
     * SQLITE_BUSY at once, without waiting, when another connection wrote in between.
     */
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    /** WAL lets readers run beside the writer, so request threads, scheduler threads and a result write share it. */
    private static final int SQLITE_POOL_SIZE = 8;
    private static final int POSTGRESQL_POOL_SIZE = 10;

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final Transactions transactions;

    private JobDatabase(HikariDataSource pool, Vendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
        this.transactions = new Transactions(pool);
    }

    /**
     * Opens {@code jdbc:sqlite:/path/faceblur.db} (the file and its folder are created) or
     * {@code jdbc:postgresql://host:port/db?user=..&password=..}, and migrates it.
     *
     * @throws FaceblurException naming the URL, without its password, and the reason
     */
    public static JobDatabase open(String jdbcUrl) {
        String shown = redact(jdbcUrl);
        Vendor vendor = vendorOf(jdbcUrl, shown);
        if (vendor == Vendor.SQLITE) {
            SqliteNative.prepare();
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(jdbcUrl, vendor));
        } catch (RuntimeException e) {
            throw new FaceblurException("Cannot open the job database " + shown + ": " + reason(e, jdbcUrl), e);
        }
        JobDatabase db = new JobDatabase(pool, vendor);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw new FaceblurException("Cannot prepare the job database " + shown + ": " + reason(e, jdbcUrl), e);
        }
    }

    /** The pool, aware of this database's transactions (see {@link Transactions}). */
    public DataSource dataSource() {
        return transactions.transactionAware();
    }

    Vendor vendor() {
        return vendor;
    }

    public Transactions transactions() {
        return transactions;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrations)
                .load()
                .migrate();
    }

    private static Vendor vendorOf(String jdbcUrl, String shown) {
        for (Vendor v : Vendor.values()) {
            if (jdbcUrl != null && jdbcUrl.startsWith(v.prefix)) {
                return v;
            }
        }
        throw new FaceblurException("Unsupported job database URL " + shown
                + ": use jdbc:sqlite:/path/faceblur.db or jdbc:postgresql://host:port/database");
    }

    private static HikariConfig config(String jdbcUrl, Vendor vendor) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("faceblur-jobs");
        if (vendor == Vendor.SQLITE) {
            createParentFolder(jdbcUrl);
            config.setMaximumPoolSize(SQLITE_POOL_SIZE);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // WAL with NORMAL sync survives a killed process; only a power cut may lose the last commits.
            config.addDataSourceProperty("synchronous", "NORMAL");
        } else {
            config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
            // One multi-row INSERT per batch instead of one round trip per row.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }

    private static void createParentFolder(String jdbcUrl) {
        String file = jdbcUrl.substring(Vendor.SQLITE.prefix.length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new FaceblurException("Cannot create the folder " + parent + " for the job database: " + e.getMessage(), e);
        }
    }

    /** The URL as it may be shown to people and logs. */
    static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(none)";
        }
        String shown = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(shown).replaceAll("//$1:***@");
    }

    /** The driver's own words, first line only, with any password taken out. */
    private static String reason(Throwable e, String jdbcUrl) {
        Throwable sql = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                sql = t;
                break;
            }
        }
        String message = String.valueOf(sql.getMessage()).lines().findFirst().orElse("").strip();
        Matcher password = Pattern.compile("(?i)password=([^&;]+)").matcher(jdbcUrl);
        if (password.find()) {
            message = message.replace(password.group(1), "***");
        }
        return message.replace(jdbcUrl, redact(jdbcUrl));
    }
}
