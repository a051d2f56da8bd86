package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;

/** Errors from real file operations turned into one line with the reason, and sorted into retry or not. */
class JobErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFileNamesTheStepTheModelThePathAndTheReasonAndIsPermanent() {
        Path gone = tmp.resolve("gone.stl");
        Throwable e = catchThrowable(() -> Files.readAllBytes(gone));
        assertThat(e.getMessage()).as("the JDK's message is the path alone").isEqualTo(gone.toString());
        assertThat(JobErrors.describe(e, StepKind.LOAD, "gone.stl"))
                .isEqualTo("load (gone.stl): " + gone + ": No such file or directory");
        assertThat(JobErrors.permanent(e)).isTrue();
    }

    @Test
    void aPathUnderAFileIsPermanentWithItsReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Throwable e = catchThrowable(() -> Files.createDirectories(file.resolve("out")));
        assertThat(JobErrors.message(e)).contains(file.toString()).contains("Not a directory");
        assertThat(JobErrors.permanent(e)).isTrue();
    }

    @Test
    void aDeniedAccessSaysPermissionDeniedEvenWhereTheJdkGivesOnlyThePath() {
        // what the JDK throws for EACCES (it cannot be produced as root, where the tests run)
        AccessDeniedException denied = new AccessDeniedException("/models/part.stl");
        Exception wrapped = new UncheckedIOException(new IOException("cannot read the model", denied));
        assertThat(JobErrors.describe(denied, StepKind.VALIDATE, "part.stl"))
                .isEqualTo("validate (part.stl): /models/part.stl: Permission denied");
        assertThat(JobErrors.message(wrapped)).contains("/models/part.stl: Permission denied");
        assertThat(JobErrors.permanent(wrapped)).isTrue();
    }

    @Test
    void aFullDiskAndOtherFailuresKeepTheRetry() {
        assertThat(JobErrors.permanent(new FileSystemException("/out/a.png", null, "No space left on device")))
                .isFalse();
        assertThat(JobErrors.permanent(new IOException("connection reset"))).isFalse();
        assertThat(JobErrors.permanent(new StepFailedException("render fell over", false))).isFalse();
        assertThat(JobErrors.permanent(new StepFailedException("not an STL file", true))).isTrue();
        assertThat(JobErrors.describe(new IllegalStateException(), null, "a.stl"))
                .isEqualTo("job (a.stl): IllegalStateException");
    }
}
