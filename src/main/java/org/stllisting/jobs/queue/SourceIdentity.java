package org.stllisting.jobs.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.stllisting.store.queue.JobDto;

/** A source file's size, modification time and SHA-256, and whether it still is what was queued. */
public final class SourceIdentity {
    private SourceIdentity() {
    }

    /** What recovery found about a queued source. */
    public enum Check {
        UNCHANGED, MISSING, CHANGED
    }

    public static void record(JobDto job, Path source) throws IOException {
        BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
        job.sourceSize = a.size();
        job.sourceMtime = a.lastModifiedTime().toInstant();
    }

    /**
     * Compares the file with what the job recorded. Size and time first (cheap); when only the time differs
     * and a checksum is known, the checksum decides (a file touched but not changed is unchanged).
     */
    public static Check check(JobDto job) {
        Path p = Path.of(job.stlPath);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return Check.MISSING;
        }
        if (!a.isRegularFile()) {
            return Check.MISSING;
        }
        if (job.sourceSize != null && job.sourceSize != a.size()) {
            return Check.CHANGED;
        }
        Instant mtime = a.lastModifiedTime().toInstant();
        if (job.sourceMtime != null && !job.sourceMtime.equals(mtime)) {
            if (job.sourceSha256 == null) {
                return Check.CHANGED;
            }
            try {
                return sha256(p).equals(job.sourceSha256) ? Check.UNCHANGED : Check.CHANGED;
            } catch (IOException e) {
                return Check.MISSING;
            }
        }
        return Check.UNCHANGED;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
