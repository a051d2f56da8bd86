package org.stllisting.jobs.template;

import org.stllisting.output.OutputMode;
import org.stllisting.store.queue.NamingOptionsDto;

/**
 * Where a template's outputs go inside the queue's output folder. {@link #subfolder} and the naming prefix
 * are single plain names: nothing in a template can point outside the output folder.
 */
public final class OutputOptions {
    /**
     * An {@link OutputMode} label: {@code per-model}, {@code flat} or {@code grouped}; null when the template names
     * none (a session then takes the home's default output mode, else per-model).
     */
    public String mode;
    /** Optional folder under the output folder for this template's results; a plain name or null. */
    public String subfolder;
    public NamingOptionsDto naming = new NamingOptionsDto();
}
