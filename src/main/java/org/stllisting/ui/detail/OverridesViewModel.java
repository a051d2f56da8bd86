package org.stllisting.ui.detail;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.stllisting.app.JobOptions;
import org.stllisting.ui.Background;
import org.stllisting.ui.mainwindow.OverridesForm;

/**
 * The "This job's settings" section of the detail pane, without controls: the selected job's settings
 * (read off the UI thread), editable while the job waits and has not begun, and Apply and "Back to the
 * template" sent to the runner off the UI thread.
 *
 * <p>Threading: every method and property is for the JavaFX application thread.
 */
public final class OverridesViewModel {
    /** Reads a job's settings (off the UI thread). */
    @FunctionalInterface
    public interface Loader {
        Optional<JobOptions> load(String jobId) throws Exception;
    }

    /** Changes jobs' own settings (off the UI thread): {@code QueueRunner.setOverrides}. */
    @FunctionalInterface
    public interface Changer {
        List<String> change(Collection<String> ids, Map<String, Object> render, Map<String, Object> validation)
                throws Exception;
    }

    private final Background background;
    private final Loader loader;
    private final Changer changer;
    private final OverridesForm form = new OverridesForm();
    private final BooleanProperty showing = new SimpleBooleanProperty();
    private final BooleanProperty editable = new SimpleBooleanProperty();
    private final BooleanProperty hasOwn = new SimpleBooleanProperty();
    private final StringProperty note = new SimpleStringProperty();
    private final StringProperty others = new SimpleStringProperty();
    private JobOptions options;
    private String selected;

    public OverridesViewModel(Background background, Loader loader, Changer changer) {
        this.background = background;
        this.loader = loader;
        this.changer = changer;
    }

    /** Shows job {@code jobId}'s settings (read again even when it is the one shown), or none when null. */
    public void select(String jobId) {
        load(jobId, null);
    }

    /** Reads the job's settings; {@code said}: the line to show after them (what was just done), or null. */
    private void load(String jobId, String said) {
        selected = jobId;
        if (jobId == null) {
            show(null);
            return;
        }
        background.submit("Reading the job's settings", () -> loader.load(jobId), found -> {
            if (jobId.equals(selected)) {
                show(found.orElse(null));
                if (said != null) {
                    note.set(said);
                }
            }
        });
    }

    private void show(JobOptions o) {
        // the same job read again (its settings changed) keeps the line that says what was just done
        boolean again = options != null && o != null && options.jobId().equals(o.jobId());
        options = o;
        showing.set(o != null);
        if (o == null) {
            editable.set(false);
            hasOwn.set(false);
            note.set(null);
            others.set(null);
            return;
        }
        hasOwn.set(!o.renderOverrides().isEmpty() || !o.validationOverrides().isEmpty());
        if (o.problem() != null) {
            editable.set(o.editable());
            note.set(o.problem());
            others.set(null);
            return;
        }
        form.show(o.effective(), o.renderOverrides());
        editable.set(o.editable());
        if (!o.editable()) {
            note.set(JobOptions.NOT_EDITABLE);
        } else if (!again || JobOptions.NOT_EDITABLE.equals(note.get())) {
            note.set(null);
        }
        // the job's own values that no field shows (from the command line or an imported queue)
        Map<String, Object> rest = new HashMap<>(o.renderOverrides());
        for (OverridesForm.Field f : OverridesForm.Field.values()) {
            f.keys().forEach(k -> rest.remove(k.key()));
        }
        List<String> words = OverridesForm.describe(rest, o.validationOverrides());
        others.set(words.isEmpty() ? null : "Also this job's own: " + String.join(", ", words));
    }

    /** Sends the fields the user changed to the runner, then shows the job as it is now. */
    public void apply() {
        if (options == null || !options.editable()) {
            return;
        }
        OverridesForm.Changes c;
        try {
            c = form.changes();
        } catch (IllegalArgumentException e) {
            note.set(e.getMessage());
            return;
        }
        if (c.isEmpty()) {
            note.set("Nothing changed");
            return;
        }
        send(c.render(), c.validation(), "Applied to this job");
    }

    /** Removes every value of the job's own: its template's settings apply again. */
    public void backToTemplate() {
        if (options == null || !options.editable()) {
            return;
        }
        Map<String, Object> render = new HashMap<>();
        options.renderOverrides().keySet().forEach(k -> render.put(k, null));
        Map<String, Object> validation = new HashMap<>();
        options.validationOverrides().keySet().forEach(k -> validation.put(k, null));
        send(render, validation, "This job follows its template again");
    }

    private void send(Map<String, Object> render, Map<String, Object> validation, String done) {
        String id = options.jobId();
        background.submit("Changing the job's settings", () -> changer.change(List.of(id), render, validation),
                changed -> load(id, changed.isEmpty() ? JobOptions.NOT_EDITABLE : done));
    }

    /** The job shown, or null. */
    public String selected() {
        return selected;
    }

    public OverridesForm form() {
        return form;
    }

    public BooleanProperty showingProperty() {
        return showing;
    }

    public BooleanProperty editableProperty() {
        return editable;
    }

    public BooleanProperty hasOwnProperty() {
        return hasOwn;
    }

    /** One plain line: why the settings cannot be changed, what was done, or what is wrong; null when none. */
    public StringProperty noteProperty() {
        return note;
    }

    /** The job's own values that no field shows, or null. */
    public StringProperty othersProperty() {
        return others;
    }
}
