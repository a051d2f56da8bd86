package org.stllisting.app.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a cleanup with given options removes, item by item, and what it leaves with a reason worth saying
 * (a running session, a session kept because it is not finished).
 *
 * @param items what goes, in the order it is removed
 * @param notes one line each on what is left alone and why
 */
public record CleanupPlan(List<PlanItem> items, List<String> notes) {

    /** Bytes and count per category. */
    public record Totals(long bytes, long count, long files) {
    }

    /** What goes per category (only categories with something in them). */
    public Map<Category, Totals> totals() {
        Map<Category, Totals> m = new EnumMap<>(Category.class);
        for (PlanItem i : items) {
            m.merge(i.category(), new Totals(i.bytes(), 1, i.count()),
                    (a, b) -> new Totals(a.bytes() + b.bytes(), a.count() + b.count(), a.files() + b.files()));
        }
        return m;
    }

    /** Bytes of files removed in all. */
    public long bytes() {
        return items.stream().mapToLong(PlanItem::bytes).sum();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
