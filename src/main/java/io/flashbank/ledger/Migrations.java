package io.flashbank.ledger;

import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds the {@code db/} migrations and applies the missing ones: all in one transaction under an advisory lock, each
 * recorded in {@code schema_version}, so that applying them again, or from two processes at once, changes nothing.
 */
final class Migrations {
    /** The key of the advisory lock that serialises migrators (any constant unique to this schema). */
    private static final long LOCK_KEY = 0x466c617368L;
    private static final String RESOURCE_DIR = "db";

    private final List<Migration> migrations;

    Migrations(List<Migration> migrations) {
        List<Migration> sorted = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered V1, V2, … without gaps or repeats, found V"
                        + sorted.get(i).version() + " at position " + (i + 1));
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no migrations found");
        }
        this.migrations = sorted;
    }

    List<Migration> all() {
        return migrations;
    }

    /**
     * Loads from {@code directory} when given; else from {@code db/} on the class path (a directory or inside a jar);
     * else from {@code ./db}. Blocking file reads: call it once at start-up.
     */
    static Migrations load(Path directory) {
        if (directory != null) {
            return new Migrations(fromDirectory(directory));
        }
        URL url = Migrations.class.getClassLoader().getResource(RESOURCE_DIR);
        if (url != null) {
            List<Migration> found = fromClassPath(url);
            if (!found.isEmpty()) {
                return new Migrations(found);
            }
        }
        Path local = Path.of(RESOURCE_DIR);
        if (Files.isDirectory(local)) {
            return new Migrations(fromDirectory(local));
        }
        throw new IllegalStateException("no migrations: neither db/ on the class path nor " + local.toAbsolutePath() + " holds V<n>__<name>.sql files");
    }

    private static List<Migration> fromDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Migration> out = new ArrayList<>();
            for (Path file : files.filter(f -> Migration.isMigration(f.getFileName().toString())).toList()) {
                out.add(Migration.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations from " + directory, e);
        }
    }

    private static List<Migration> fromClassPath(URL url) {
        try {
            if ("file".equals(url.getProtocol())) {
                return fromDirectory(Path.of(url.toURI()));
            }
            if ("jar".equals(url.getProtocol())) {
                List<Migration> out = new ArrayList<>();
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (name.startsWith(RESOURCE_DIR + "/") && Migration.isMigration(name.substring(RESOURCE_DIR.length() + 1))) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                out.add(Migration.of(name.substring(RESOURCE_DIR.length() + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
                return out;
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad class path URL " + url, e);
        }
    }

    /** Applies the missing migrations; fails, changing nothing, if an applied one's text has since changed. */
    Mono<MigrationResult> apply(ConnectionFactory pool) {
        return Sql.inTransaction(pool, c -> Sql.execute(c, "SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")")
                .then(Sql.execute(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                        + "checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"))
                .then(Flux.from(c.createStatement("SELECT version, checksum FROM schema_version").execute())
                        .flatMap(r -> r.map((row, meta) -> Map.entry(row.get("version", Integer.class), row.get("checksum", String.class))))
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new))
                .flatMap(applied -> {
                    for (Migration m : migrations) {
                        String checksum = applied.get(m.version());
                        if (checksum != null && !checksum.equals(m.checksum())) {
                            return Mono.error(new IllegalStateException("migration V" + m.version() + "__" + m.name()
                                    + " was changed after it was applied; add a new migration instead"));
                        }
                    }
                    int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                    if (newest > migrations.size()) {
                        return Mono.error(new IllegalStateException("the database is at schema version " + newest
                                + ", newer than this program's " + migrations.size()));
                    }
                    List<Migration> missing = migrations.stream().filter(m -> !applied.containsKey(m.version())).toList();
                    return Flux.fromIterable(missing)
                            .concatMap(m -> Sql.execute(c, m.sql())
                                    .then(Sql.update(c, "INSERT INTO schema_version (version, name, checksum) VALUES ($1, $2, $3)",
                                            m.version(), m.name(), m.checksum()))
                                    .thenReturn(m.version()))
                            .collectList()
                            .map(done -> new MigrationResult(done, migrations.size()));
                }));
    }
}
