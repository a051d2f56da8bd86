package org.stllisting.ui.storage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.stllisting.app.SessionService;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.app.storage.Sizes;
import org.stllisting.ui.Background;

/**
 * The sessions list's state, without controls: the active queue and the archived sessions as
 * {@code stl-listing sessions list} shows them, and Restore of an archived one through the session service (the
 * runner swaps the queue and tells the queue view). A refused restore shows the engine's reason.
 * Used on the FX thread only.
 */
public final class SessionsViewModel {
    /** One session as the table shows it. */
    public record Row(String id, String shortId, boolean active, String status, String started, String ended,
            String template, String jobs, String disk, String expires) {
    }

    private final Sessions sessions;
    private final Background background;
    private final DateTimeFormatter time;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public SessionsViewModel(Sessions sessions, Background background, ZoneId zone) {
        this.sessions = sessions;
        this.background = background;
        this.time = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(zone);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** What the last restore did, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void load() {
        background.submit("Reading the sessions", sessions::list, list -> rows.setAll(list.stream().map(this::row)
                .toList()));
    }

    /** Brings {@code row}'s session back as the queue; refused with the engine's reason when it cannot be. */
    public void restore(Row row) {
        if (row == null || row.active()) {
            message.set(row == null ? "Choose an archived session to restore"
                    : "Session " + row.shortId() + " is the queue already");
            return;
        }
        message.set("Restoring session " + row.shortId() + "…");
        background.submit("Restoring session " + row.shortId(), () -> {
            String said;
            try {
                SessionService.Restored r = sessions.restore(row.id());
                said = "Session " + r.restored().shortId() + " is the queue again (" + r.restored().counts().total()
                        + " jobs)" + (r.archivedFirst() == null ? ""
                                : "; the finished queue " + r.archivedFirst().shortId() + " was archived");
            } catch (SessionService.RefusedException | IllegalStateException e) {
                said = "Not restored: " + e.getMessage();
            }
            return new Done(said, sessions.list());
        }, d -> {
            message.set(d.message());
            rows.setAll(d.after().stream().map(this::row).toList());
        });
    }

    private record Done(String message, List<SessionInfo> after) {
    }

    Row row(SessionInfo s) {
        return new Row(s.id(), s.shortId(), s.active(), s.status().json() + (s.active() ? " (queue)" : ""),
                when(s.createdAt()), when(s.endedAt()), s.template() == null ? "" : s.template(),
                s.counts().completed() + " / " + s.counts().failed() + " / " + s.counts().total(),
                Sizes.format(s.cacheBytes()), when(s.expiresAt()));
    }

    private String when(Instant t) {
        return t == null ? "" : time.format(t);
    }
}
