package org.stllisting.store.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job's results (seed-004 {@code results}), plus free-form details such as the analysis summary. */
public final class JobResultsDto {
    public Boolean validationPassed;
    public List<String> filesGenerated = new ArrayList<>();
    public List<String> errors = new ArrayList<>();
    public List<String> warnings = new ArrayList<>();
    /** The model's verdict against its template's validation level: {@code passed}, {@code repaired} or {@code problems}; null before validation ran. */
    public String verdict;
    /** What is still wrong with the model, in plain words ("3 holes, 576 open edges: slicers may drop walls"); empty unless the verdict is {@code problems}. */
    public List<String> problems = new ArrayList<>();
    public Map<String, Object> details = new LinkedHashMap<>();
}
