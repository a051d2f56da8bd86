package org.stllisting.jobs.runner;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.UnsafeOutputPathException;

/**
 * What the runner makes of an exception that ended a job's attempt: one line for the user that names the
 * step, the model and the operating system's reason, and whether retrying can help.
 *
 * <p>The JDK reports a denied access or a missing file with the path alone as its message
 * ({@link AccessDeniedException#getMessage()} is the path); the reason is put back here.
 */
public final class JobErrors {
    /** Operating system reasons that no retry can heal. */
    private static final Set<String> PERMANENT_REASONS = Set.of("Permission denied", "Operation not permitted",
            "Read-only file system", "Not a directory", "Is a directory", "No such file or directory",
            "Too many levels of symbolic links", "File name too long");

    private JobErrors() {
    }

    /**
     * One line: {@code step (file name): what happened: reason}, for example
     * {@code load (part.stl): /models/part.stl: Permission denied}.
     *
     * @param step the step that failed, or null when the runner's own work around the steps failed
     * @param fileName the model's source file name
     */
    public static String describe(Throwable e, StepKind step, String fileName) {
        String what = message(e);
        String prefix = (step != null ? step.id() : "job") + (fileName != null ? " (" + fileName + ")" : "");
        return prefix + ": " + what;
    }

    /**
     * The exception's first message line, with the operating system's reason of the first file-system error
     * in its causes appended when the message does not already say it.
     */
    public static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof FileSystemException fs) {
            m = fileSystemMessage(fs);
        } else if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.lines().findFirst().orElse(m);
        FileSystemException fs = find(e, FileSystemException.class);
        if (fs != null && fs != e) {
            String reason = reason(fs);
            if (reason != null && !m.contains(reason)) {
                m = m + (m.contains(fs.getFile() == null ? "\0" : fs.getFile()) ? ": " + reason
                        : " (" + fileSystemMessage(fs) + ")");
            }
        }
        return m;
    }

    /** {@code path: reason}, or {@code path -> other: reason}. */
    static String fileSystemMessage(FileSystemException fs) {
        StringBuilder sb = new StringBuilder();
        if (fs.getFile() != null) {
            sb.append(fs.getFile());
        }
        if (fs.getOtherFile() != null) {
            sb.append(" -> ").append(fs.getOtherFile());
        }
        String reason = reason(fs);
        if (reason != null) {
            sb.append(sb.length() > 0 ? ": " : "").append(reason);
        }
        return sb.length() == 0 ? fs.getClass().getSimpleName() : sb.toString();
    }

    /** The operating system's reason of a file-system error ("Permission denied"), or null when unknown. */
    public static String reason(FileSystemException fs) {
        if (fs.getReason() != null && !fs.getReason().isBlank()) {
            return fs.getReason();
        }
        if (fs instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (fs instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (fs instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (fs instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (fs instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        return null;
    }

    /**
     * True when retrying cannot help: a step that said so, a template or output path refused, or a
     * permission or missing-file error anywhere in the causes. A full disk, a timeout or any other error is
     * transient and keeps the automatic retry.
     */
    public static boolean permanent(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof StepFailedException sfe && sfe.permanent() || t instanceof TemplateException
                    || t instanceof UnsafeOutputPathException) {
                return true;
            }
            if (t instanceof AccessDeniedException || t instanceof NoSuchFileException
                    || t instanceof NotDirectoryException) {
                return true;
            }
            if (t instanceof FileSystemException fs && fs.getReason() != null
                    && PERMANENT_REASONS.contains(fs.getReason().trim())) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
