package org.stllisting.cli;

import java.util.Iterator;
import java.util.List;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.render.Choice;
import org.stllisting.render.Lighting;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;
import org.stllisting.render.Projection;
import org.stllisting.render.Quality;
import org.stllisting.render.UpAxis;

/**
 * The words of a render choice or a validation level as picocli completion candidates, so that an option's help text
 * ({@code ${COMPLETION-CANDIDATES}}) lists the same words the renderer and templates accept.
 */
abstract class ChoiceWords implements Iterable<String> {
    private final List<String> words;

    ChoiceWords(List<String> words) {
        this.words = words;
    }

    <E extends Enum<E> & Choice> ChoiceWords(Class<E> type) {
        this(Choice.ids(type));
    }

    @Override
    public Iterator<String> iterator() {
        return words.iterator();
    }

    static final class Materials extends ChoiceWords {
        Materials() {
            super(Material.class);
        }
    }

    static final class Lightings extends ChoiceWords {
        Lightings() {
            super(Lighting.class);
        }
    }

    static final class Qualities extends ChoiceWords {
        Qualities() {
            super(Quality.class);
        }
    }

    static final class Projections extends ChoiceWords {
        Projections() {
            super(Projection.class);
        }
    }

    static final class UpAxes extends ChoiceWords {
        UpAxes() {
            super(UpAxis.class);
        }
    }

    static final class Presets extends ChoiceWords {
        Presets() {
            super(Preset.class);
        }
    }

    static final class Levels extends ChoiceWords {
        Levels() {
            super(ValidationLevel.ids());
        }
    }
}
