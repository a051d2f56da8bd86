package org.stllisting.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.settings.Setting;
import org.stllisting.store.Home;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.QueueStateStore;

/** The home's backup_keep_count is how many queue backups a real store keeps, and reads back after damage. */
class BackupKeepCountTest {
    @TempDir
    Path tmp;

    private Home home() {
        return Home.at(tmp.resolve("home"));
    }

    /** Opens the home, changes one queue setting and closes: every round folds once, rotating the backups. */
    private void rounds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            try (AppContext ctx = AppContext.exclusive(home())) {
                new SettingsService(ctx).set(Setting.MAX_RETRY_ATTEMPTS, Integer.toString(i % 10));
            }
        }
    }

    private long backups() throws Exception {
        try (var s = Files.list(home().backupsDir())) {
            return s.filter(p -> p.getFileName().toString().matches("queue_state_backup_\\d+\\.json")).count();
        }
    }

    @Test
    void theDefaultKeepsThree() throws Exception {
        rounds(8);
        assertThat(backups()).isEqualTo(3);
    }

    @Test
    void fiveAreKeptWhenTheSettingSaysFive() throws Exception {
        try (AppContext ctx = AppContext.readOnly(home())) {
            new SettingsService(ctx).set(Setting.BACKUP_KEEP_COUNT, "5");
        }
        rounds(8);
        assertThat(backups()).isEqualTo(5);
        assertThat(home().queueBackupFile(5)).exists();
        assertThat(home().queueBackupFile(6)).doesNotExist();
    }

    @Test
    void openingAndClosingTheHomeWithoutAChangeRotatesNoBackup() throws Exception {
        rounds(2);
        byte[] snapshot = Files.readAllBytes(home().queueStateFile());
        byte[] backup1 = Files.readAllBytes(home().queueBackupFile(1));
        long before = backups();
        for (int i = 0; i < 3; i++) {
            try (AppContext ctx = AppContext.exclusive(home())) {
                assertThat(ctx.queue().snapshot().queueSettings.maxRetryAttempts).isEqualTo(1);
            }
        }
        assertThat(backups()).isEqualTo(before);
        assertThat(Files.readAllBytes(home().queueBackupFile(1))).isEqualTo(backup1);
        assertThat(Files.readAllBytes(home().queueStateFile())).isEqualTo(snapshot);
    }

    @Test
    void aReaderFindsTheOlderBackupsWhenTheNewerFilesAreDamaged() throws Exception {
        try (AppContext ctx = AppContext.readOnly(home())) {
            new SettingsService(ctx).set(Setting.BACKUP_KEEP_COUNT, "5");
        }
        rounds(8);
        try (AppContext ctx = AppContext.exclusive(home())) {
            new SettingsService(ctx).set(Setting.JOB_TIMEOUT, "1234");
        }
        // the snapshot and the three newest backups are damaged; backup 4 and the journals after it are whole
        Files.writeString(home().queueStateFile(), "{\"version\": \"2.0\", \"jobs\": [");
        for (int i = 1; i <= 3; i++) {
            Files.writeString(home().queueBackupFile(i), "garbage");
        }
        // read without the lock, as status does, and as the next process opening the home does
        LoadResult read = QueueStateStore.read(home());
        assertThat(read.fellBack()).isTrue();
        assertThat(read.lostSomething()).as(read.message()).isFalse();
        assertThat(read.state().queueSettings.jobTimeoutSeconds).isEqualTo(1234);
        try (AppContext ctx = AppContext.exclusive(home())) {
            assertThat(ctx.queue().snapshot().queueSettings.jobTimeoutSeconds).isEqualTo(1234);
        }
    }
}
