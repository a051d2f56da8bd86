package org.stllisting.app;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.stllisting.jobs.queue.QueueImport;
import org.stllisting.jobs.runner.JobErrors;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimitException;
import org.stllisting.store.JsonLimits;
import org.stllisting.store.queue.QueueStateDto;

/**
 * A queue as a file, the same for {@code stl-listing queue export | import} and the window's File menu: the
 * queue written whole (its template, options, settings and every job with its own options), and a queue file
 * read and checked before anything is queued ({@link QueueImport#parse}). {@link SessionService#importQueue}
 * then adds its jobs.
 */
public final class QueueTransfer {
    private QueueTransfer() {
    }

    /** A queue file that cannot be imported; the message names the file and the reason, in one line. */
    public static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    /** Writes {@code q} to {@code file} (replaced whole or not at all); returns how many jobs it holds. */
    public static int write(QueueStateDto q, Path file) throws IOException {
        AtomicFiles.writeJson(file.toAbsolutePath(), q);
        return q.jobs.size();
    }

    /**
     * Reads and checks a queue file, all or nothing: one too large for this program, one that cannot be read
     * ("Permission denied"), a JSON file that is not a queue, a queue with no jobs, a version this build does
     * not read, or a job or option a run would refuse.
     */
    public static QueueStateDto read(Path file) throws UnreadableException {
        try {
            return QueueImport.parse(Json.readAllBytes(file, JsonLimits.QUEUE_IMPORT), file.toString());
        } catch (JsonLimitException e) {
            throw new UnreadableException(e.getMessage());
        } catch (IOException e) {
            String why = e instanceof FileSystemException fs && JobErrors.reason(fs) != null ? JobErrors.reason(fs)
                    : JobErrors.message(e);
            throw new UnreadableException(file + ": cannot read the file (" + why + ")");
        } catch (QueueImport.RefusedException e) {
            throw new UnreadableException(e.getMessage());
        }
    }
}
