package faceblur.jobs;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs work in a transaction bound to the current thread, and offers a DataSource that hands out that bound
 * connection while one is open. db-scheduler is given this DataSource, so an execution scheduled inside
 * {@link #inTransaction} commits or rolls back together with our own rows: db-scheduler leaves connections
 * with auto-commit off to their owner (it only commits them with {@code commitWhenAutocommitDisabled}).
 */
public final class Transactions {

    private final DataSource pool;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();
    private final DataSource transactionAware = new TransactionAwareDataSource();

    Transactions(DataSource pool) {
        this.pool = pool;
    }

    DataSource transactionAware() {
        return transactionAware;
    }

    /** Runs the work in one transaction, or in the caller's when this thread is already in one. */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection current = bound.get();
        if (current != null) {
            return run(work, current);
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            bound.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                bound.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JobDatabaseException(e);
        }
    }

    /** Outside a transaction: one connection from the pool, auto-commit on. */
    public <T> T withConnection(SqlWork<T> work) {
        Connection current = bound.get();
        if (current != null) {
            return run(work, current);
        }
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new JobDatabaseException(e);
        }
    }

    private static <T> T run(SqlWork<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new JobDatabaseException(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The bound connection, whose close() is left to {@link #inTransaction}; otherwise the pool. */
    private final class TransactionAwareDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            Connection current = bound.get();
            return current == null ? pool.getConnection() : unclosable(current);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        private Connection unclosable(Connection target) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }
}
