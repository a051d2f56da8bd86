package org.stllisting.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stllisting.store.queue.QueueSettingsDto;

/** The settings vocabulary: keys, defaults and the strict parsing of typed values with units. */
class SettingTest {
    @Test
    void everyKeyIsSnakeCaseAndUniqueAndTheDefaultsAreTheEnginesOwn() {
        assertThat(Setting.keys()).hasSize(13).doesNotHaveDuplicates().allMatch(k -> k.matches("[a-z]+(_[a-z]+)*"));
        assertThat(new HashSet<>(Setting.keys())).contains("max_concurrent_jobs", "auto_retry_failed",
                "max_retry_attempts", "retry_backoff_seconds", "job_timeout", "min_free_disk_mb", "backup_keep_count",
                "cache_cap_mb", "archive_retention_days", "history_keep_days", "default_output_folder",
                "default_output_mode", "keep_job_caches");
        QueueSettingsDto q = new QueueSettingsDto();
        HomeSettings h = HomeSettings.defaults();
        assertThat(Setting.MAX_CONCURRENT_JOBS.defaultValue()).isEqualTo(q.maxConcurrentJobs);
        assertThat(Setting.AUTO_RETRY_FAILED.defaultValue()).isEqualTo(q.autoRetryFailed);
        assertThat(Setting.MAX_RETRY_ATTEMPTS.defaultValue()).isEqualTo(q.maxRetryAttempts);
        assertThat(Setting.RETRY_BACKOFF_SECONDS.defaultValue()).isEqualTo(q.retryBackoffSeconds);
        assertThat(Setting.JOB_TIMEOUT.defaultValue()).isEqualTo(q.jobTimeoutSeconds);
        assertThat(Setting.MIN_FREE_DISK_MB.defaultValue()).isEqualTo(q.minFreeDiskMb);
        assertThat(Setting.BACKUP_KEEP_COUNT.defaultValue()).isEqualTo(h.backupKeepCount());
        assertThat(Setting.CACHE_CAP_MB.defaultValue()).isEqualTo(h.cacheCapMb());
        assertThat(Setting.ARCHIVE_RETENTION_DAYS.defaultValue()).isEqualTo(h.archiveRetentionDays());
        assertThat(Setting.HISTORY_KEEP_DAYS.defaultValue()).isEqualTo(h.historyKeepDays());
        for (Setting s : Setting.values()) {
            assertThat(s.description()).as(s.key()).isNotBlank().doesNotContain("\n");
            if (s.isNumber()) {
                assertThat(((Number) s.defaultValue()).doubleValue()).as(s.key()).isBetween((double) s.min(),
                        (double) s.max());
            }
        }
    }

    @Test
    void numbersTakeTheirUnitOrAnotherOfTheSameKind() throws Exception {
        assertThat(Setting.JOB_TIMEOUT.parse("30min")).isEqualTo(1800L);
        assertThat(Setting.JOB_TIMEOUT.parse("1800s")).isEqualTo(1800L);
        assertThat(Setting.JOB_TIMEOUT.parse("1800")).isEqualTo(1800L);
        assertThat(Setting.JOB_TIMEOUT.parse(" 2h ")).isEqualTo(7200L);
        assertThat(Setting.JOB_TIMEOUT.parse("0.5h")).isEqualTo(1800L);
        assertThat(Setting.JOB_TIMEOUT.parse("0")).isEqualTo(0L);
        assertThat(Setting.MIN_FREE_DISK_MB.parse("2GB")).isEqualTo(2048L);
        assertThat(Setting.MIN_FREE_DISK_MB.parse("500MB")).isEqualTo(500L);
        assertThat(Setting.MIN_FREE_DISK_MB.parse("1.5 gb")).isEqualTo(1536L);
        assertThat(Setting.CACHE_CAP_MB.parse("1TB")).isEqualTo(1L << 20);
        assertThat(Setting.RETRY_BACKOFF_SECONDS.parse("1.5")).isEqualTo(1.5);
        assertThat(Setting.RETRY_BACKOFF_SECONDS.parse("2min")).isEqualTo(120.0);
        assertThat(Setting.HISTORY_KEEP_DAYS.parse("2w")).isEqualTo(14);
        assertThat(Setting.HISTORY_KEEP_DAYS.parse("30d")).isEqualTo(30);
        assertThat(Setting.MAX_CONCURRENT_JOBS.parse("4")).isEqualTo(4);
        assertThat(Setting.MAX_CONCURRENT_JOBS.parse("4 jobs")).isEqualTo(4);
        assertThat(Setting.BACKUP_KEEP_COUNT.parse("5")).isEqualTo(5);
    }

    @Test
    void otherTypesParseTheirWords() throws Exception {
        assertThat(Setting.AUTO_RETRY_FAILED.parse("false")).isEqualTo(false);
        assertThat(Setting.AUTO_RETRY_FAILED.parse("Yes")).isEqualTo(true);
        assertThat(Setting.DEFAULT_OUTPUT_MODE.parse("FLAT")).isEqualTo("flat");
        assertThat(Setting.DEFAULT_OUTPUT_MODE.parse("grouped")).isEqualTo("grouped");
        assertThat(Setting.DEFAULT_OUTPUT_FOLDER.parse("some/out/../out"))
                .isEqualTo(Path.of("some/out").toAbsolutePath().toString());
    }

    @Test
    void outOfRangeNamesTheKeyTheValueAndTheRangeOnOneLine() {
        assertThatThrownBy(() -> Setting.MAX_CONCURRENT_JOBS.parse("65")).isInstanceOf(InvalidSettingException.class)
                .hasMessage("max_concurrent_jobs: 65 is out of range; allowed 1 to 64 jobs");
        assertThatThrownBy(() -> Setting.MAX_CONCURRENT_JOBS.parse("0"))
                .hasMessage("max_concurrent_jobs: 0 is out of range; allowed 1 to 64 jobs");
        assertThatThrownBy(() -> Setting.MAX_RETRY_ATTEMPTS.parse("-1"))
                .hasMessage("max_retry_attempts: -1 is out of range; allowed 0 to 20 attempts");
        assertThatThrownBy(() -> Setting.JOB_TIMEOUT.parse("8d"))
                .hasMessage("job_timeout: 8d (691200 seconds) is out of range; allowed 0 to 604800 seconds");
        assertThatThrownBy(() -> Setting.BACKUP_KEEP_COUNT.parse("101"))
                .hasMessage("backup_keep_count: 101 is out of range; allowed 1 to 100 backups");
        assertThatThrownBy(() -> Setting.CACHE_CAP_MB.parse("999999999999999999"))
                .hasMessageStartingWith("cache_cap_mb: 999999999999999999 is out of range; allowed 0 to ");
    }

    @Test
    void anythingElseIsRefusedStrictly() {
        for (Object[] c : List.of(new Object[] {Setting.JOB_TIMEOUT, "abc"}, new Object[] {Setting.JOB_TIMEOUT, "30 parsecs"},
                new Object[] {Setting.JOB_TIMEOUT, "1.5s"}, new Object[] {Setting.JOB_TIMEOUT, "30min5"},
                new Object[] {Setting.JOB_TIMEOUT, "1e3"}, new Object[] {Setting.JOB_TIMEOUT, ""},
                new Object[] {Setting.MAX_CONCURRENT_JOBS, "2.5"}, new Object[] {Setting.MAX_CONCURRENT_JOBS, "2GB"},
                new Object[] {Setting.MIN_FREE_DISK_MB, "2 seconds"}, new Object[] {Setting.MIN_FREE_DISK_MB, "0x10"},
                new Object[] {Setting.HISTORY_KEEP_DAYS, "12h"}, new Object[] {Setting.AUTO_RETRY_FAILED, "maybe"},
                new Object[] {Setting.DEFAULT_OUTPUT_MODE, "sideways"},
                new Object[] {Setting.DEFAULT_OUTPUT_FOLDER, "a\0b"})) {
            Setting s = (Setting) c[0];
            assertThatThrownBy(() -> s.parse((String) c[1])).as(s.key() + " " + c[1])
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(s.key() + ": ")
                    .hasMessageContaining("allowed")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> Setting.HISTORY_KEEP_DAYS.parse("12h"))
                .hasMessage("history_keep_days: \"12h\" has an unknown unit \"h\" (use 30d, 2w); allowed 1 to 36500 "
                        + "days (or with a unit: 30d, 2w)");
    }

    @Test
    void aValueIsRepeatedOnOneShortLine() {
        assertThatThrownBy(() -> Setting.JOB_TIMEOUT.parse("1\n2"))
                .hasMessageStartingWith("job_timeout: \"1\\u000a2\" is not a number of seconds;");
        assertThatThrownBy(() -> Setting.DEFAULT_OUTPUT_FOLDER.parse("a\0b"))
                .hasMessageStartingWith("default_output_folder: \"a\\u0000b\" is not a folder name;");
        assertThatThrownBy(() -> Setting.DEFAULT_OUTPUT_MODE.parse("x".repeat(500)))
                .hasMessageStartingWith("default_output_mode: \"" + "x".repeat(60) + "…\" is not an output mode;");
    }

    @Test
    void storedValuesAreReadAsHomeSettingsReadsThem() {
        assertThat(Setting.BACKUP_KEEP_COUNT.coerce(5)).isEqualTo(5);
        assertThat(Setting.CACHE_CAP_MB.coerce(2048)).isEqualTo(2048L);
        assertThat(Setting.BACKUP_KEEP_COUNT.coerce(-1)).isNull();
        assertThat(Setting.BACKUP_KEEP_COUNT.coerce("5")).isNull();
        assertThat(Setting.BACKUP_KEEP_COUNT.coerce(2.5)).isNull();
        assertThat(Setting.DEFAULT_OUTPUT_MODE.coerce("nonsense")).isNull();
        assertThat(Setting.JOB_TIMEOUT.format(1800L)).isEqualTo("1800 seconds");
        assertThat(Setting.RETRY_BACKOFF_SECONDS.format(30.0)).isEqualTo("30 seconds");
        assertThat(Setting.DEFAULT_OUTPUT_FOLDER.format(null)).isEqualTo("-");
    }
}
