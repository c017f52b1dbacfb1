package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void readsTheRepositorysDbDirectoryInVersionOrder() {
        Migrations migrations = Migrations.load(Path.of("db"));
        assertThat(migrations.all()).extracting(Migration::version).startsWith(1);
        assertThat(migrations.all().get(0).name()).isEqualTo("ledger");
        assertThat(migrations.all().get(0).sql()).contains("CREATE TABLE loan_shares");
    }

    @Test
    void pinsTheTextWithAChecksumThatIgnoresLineEndings() {
        assertThat(Migration.of("V1__a.sql", "SELECT 1;\r\n").checksum()).isEqualTo(Migration.of("V1__a.sql", "SELECT 1;\n").checksum())
                .isNotEqualTo(Migration.of("V1__a.sql", "SELECT 2;\n").checksum());
    }

    @Test
    void rejectsAGapInTheVersions() {
        assertThatThrownBy(() -> new Migrations(List.of(Migration.of("V1__a.sql", "SELECT 1"), Migration.of("V3__c.sql", "SELECT 3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found V3 at position 2");
    }

    @Test
    void rejectsAFileNameThatIsNotAMigration() {
        assertThat(Migration.isMigration("V2__more_tables.sql")).isTrue();
        assertThat(Migration.isMigration("V0__zero.sql")).isFalse();
        assertThat(Migration.isMigration("v1__lower.sql")).isFalse();
        assertThatThrownBy(() -> Migration.of("notes.sql", "SELECT 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V<n>__<name>.sql");
    }
}
