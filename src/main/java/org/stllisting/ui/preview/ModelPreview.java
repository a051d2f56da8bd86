package org.stllisting.ui.preview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.transform.Rotate;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.io.MeshReadException;
import org.stllisting.mesh.io.ReadLimits;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.render.RenderService;
import org.stllisting.ui.Background;

/**
 * The selected model, shown one of three ways and never as an empty pane: a rotatable 3D view (JavaFX 3D,
 * where the system supports it; drag to turn, scroll to zoom, double-click to reset), else the job's own
 * product render, else a small software render made for the preview. A caption says which, and why when
 * it falls back. The STL is read and rendered off the UI thread; a model above {@link #MAX_3D_FACETS} is
 * decimated for the 3D view and one above {@link #MAX_READ_FACETS} is not read at all.
 *
 * <p>Threading: every method is for the JavaFX application thread.
 */
public final class ModelPreview {
    /** The 3D view shows at most this many facets (more are decimated). */
    public static final int MAX_3D_FACETS = 300_000;
    /** A model with more facets is not read for the preview (its rendered image is shown, if any). */
    public static final long MAX_READ_FACETS = 5_000_000L;
    static final int RENDER_SIZE = 360;

    private final Background background;
    private final Path renderDir;
    private final boolean threeD;
    private final StackPane root = new StackPane();
    private final Fit content = new Fit();
    private final Label caption = new Label();
    private final AtomicInteger generation = new AtomicInteger();
    private boolean showing3D;
    private int max3DFacets = MAX_3D_FACETS;
    private long maxReadFacets = MAX_READ_FACETS;

    /**
     * @param renderDir where the preview's own renders are kept (the home's thumbnail cache)
     * @param threeD whether to use JavaFX 3D ({@link #threeDSupported()} in the window)
     */
    public ModelPreview(Background background, Path renderDir, boolean threeD) {
        this.background = background;
        this.renderDir = renderDir;
        this.threeD = threeD;
        root.getStyleClass().add("model-preview");
        root.setId("model-preview");
        caption.setId("preview-caption");
        caption.getStyleClass().add("preview-caption");
        caption.setWrapText(true);
        caption.setMaxWidth(Double.MAX_VALUE);
        StackPane.setAlignment(caption, Pos.BOTTOM_LEFT);
        StackPane.setMargin(caption, new Insets(4));
        root.getChildren().addAll(content, caption);
        root.setMinSize(120, 120);
        root.setPrefHeight(260);
        clear("No job selected");
    }

    /** Other limits than the product's (for tests with small models). */
    ModelPreview limits(int max3D, long maxRead) {
        this.max3DFacets = max3D;
        this.maxReadFacets = maxRead;
        return this;
    }

    public static boolean threeDSupported() {
        return Platform.isSupported(ConditionalFeature.SCENE3D);
    }

    public Region root() {
        return root;
    }

    /** What the caption says (what is shown, and why when it is not the 3D view). */
    public String caption() {
        return caption.getText();
    }

    /** True while the 3D view is shown. */
    public boolean showing3D() {
        return showing3D;
    }

    /** The mesh in the 3D view, or null. */
    javafx.scene.shape.TriangleMesh mesh3D() {
        if (!showing3D || content.getChildren().isEmpty() || !(content.getChildren().get(0) instanceof SubScene s)) {
            return null;
        }
        Group world = (Group) s.getRoot();
        Group model = (Group) world.getChildren().get(0);
        return (javafx.scene.shape.TriangleMesh) ((MeshView) model.getChildren().get(0)).getMesh();
    }

    /** The image shown, or null (the 3D view, or nothing yet). */
    public Image image() {
        return content.getChildren().isEmpty() || !(content.getChildren().get(0) instanceof ImageView v) ? null
                : v.getImage();
    }

    /** Shows a message in place of the model. */
    public void clear(String message) {
        generation.incrementAndGet();
        content.getChildren().clear();
        showing3D = false;
        caption.setText(message);
    }

    /**
     * Shows job {@code jobId}'s model: {@code stl} in 3D, else {@code renderPng} (may be null), else a render
     * made now.
     */
    public void show(String jobId, Path stl, Path renderPng) {
        show(jobId, stl, renderPng, List.of());
    }

    /**
     * As {@link #show(String, Path, Path)}, where the pane already says {@code saidBelow} (the job's errors, in
     * plain words): a model that cannot be read for one of those reasons is not explained twice.
     */
    public void show(String jobId, Path stl, Path renderPng, List<String> saidBelow) {
        int gen = generation.incrementAndGet();
        content.getChildren().clear();
        showing3D = false;
        caption.setText("Loading the preview…");
        List<String> said = List.copyOf(saidBelow);
        background.submit("Loading the preview", () -> gen != generation.get() ? null
                : load(jobId, stl, renderPng, said),
                shown -> {
                    if (shown != null && gen == generation.get()) {
                        present(shown);
                    }
                });
    }

    /** What the background read made: a mesh for the 3D view or an image, and the caption. */
    private record Shown(PreviewMesh mesh, Image image, String caption) {
    }

    /** What the caption says when the model cannot be read because of an error the pane shows already. */
    static final String SAID_BELOW = "the model could not be read (why is said below)";

    /** {@code why} (a reading failure), or {@link #SAID_BELOW} when one of {@code said} says it already. */
    private static String unlessSaid(String why, List<String> said) {
        String w = why.toLowerCase(Locale.ROOT);
        return said.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(w)) ? SAID_BELOW : why;
    }

    private Shown load(String jobId, Path stl, Path renderPng, List<String> said) {
        String why = null;
        Mesh mesh = null;
        boolean readable = stl != null && Files.isRegularFile(stl);
        long facets = readable ? binaryFacets(stl) : -1;
        if (facets > maxReadFacets) {
            // not read at all, and said in plain words rather than as the reader's refusal
            why = String.format(Locale.ROOT, "%,d facets are too many to show here", facets);
            readable = false;
        } else if (!readable) {
            why = stl == null ? "the job has no model file" : "the model file is gone";
        } else if (threeD) {
            try {
                mesh = read(stl);
                PreviewMesh p = PreviewMesh.of(mesh, max3DFacets);
                String text = "Drag to turn, scroll to zoom, double-click to reset";
                if (p.decimated()) {
                    text += String.format(Locale.ROOT, " · simplified to %,d of its %,d facets", p.facets(),
                            p.sourceFacets());
                }
                return new Shown(p, null, text);
            } catch (MeshReadException | RuntimeException e) {
                why = unlessSaid(reason(e), said);
            }
        } else {
            why = "this system has no 3D graphics";
        }
        if (renderPng != null && Files.isRegularFile(renderPng)) {
            Image img = image(renderPng);
            if (!img.isError()) {
                return new Shown(null, img, "The job's product image (" + why + ")");
            }
        }
        if (!readable) {
            return new Shown(null, null, "No preview: " + why + ".");
        }
        try {
            Path png = renderDir.resolve(jobId + "_preview_" + RENDER_SIZE + ".png");
            if (!Files.isRegularFile(png)) {
                if (mesh == null) {
                    mesh = read(stl);
                }
                Files.createDirectories(renderDir);
                try (RenderService renderer = new RenderService(1)) {
                    renderer.thumbnail(mesh, RENDER_SIZE, png);
                }
            }
            return new Shown(null, new Image(png.toUri().toString()), "A quick render of the model (" + why + ")");
        } catch (Exception | OutOfMemoryError e) {
            return new Shown(null, null, "No preview: " + unlessSaid(reason(e), said) + ".");
        }
    }

    /** Largest side of an image kept for the preview: a larger render is scaled down as it is read. */
    static final int MAX_IMAGE_SIDE = 1024;

    /** The PNG, scaled down as it is read when a side is over {@link #MAX_IMAGE_SIDE}, never up. */
    private static Image image(Path png) {
        String uri = png.toUri().toString();
        int[] size = pngSize(png);
        if (size != null && size[0] <= MAX_IMAGE_SIDE && size[1] <= MAX_IMAGE_SIDE) {
            return new Image(uri);
        }
        return new Image(uri, MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, true, true);
    }

    /** The facet count of a binary STL whose size matches its header, else -1. */
    static long binaryFacets(Path stl) {
        try (var in = Files.newInputStream(stl)) {
            byte[] head = in.readNBytes(84);
            if (head.length < 84) {
                return -1;
            }
            long n = java.nio.ByteBuffer.wrap(head, 80, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
                    & 0xffffffffL;
            return Files.size(stl) == 84 + 50 * n ? n : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Width and height from a PNG's header, or null when it is not one. */
    static int[] pngSize(Path png) {
        try (var in = Files.newInputStream(png)) {
            byte[] head = in.readNBytes(24);
            if (head.length < 24 || head[1] != 'P' || head[2] != 'N' || head[3] != 'G') {
                return null;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
            return new int[] {b.getInt(16), b.getInt(20)};
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private Mesh read(Path stl) throws MeshReadException {
        ReadLimits d = ReadLimits.defaults();
        return StlReader.readFile(stl, new ReadLimits(maxReadFacets, d.maxLineLength(), d.maxTokenLength()))
                .mesh();
    }

    /** The reason in plain words, without the file's path (the pane names the file). */
    private static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String reason = org.stllisting.app.JobDetails.plain(m.lines().findFirst().orElse(m)).reason();
        return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }

    private void present(Shown s) {
        content.getChildren().clear();
        caption.setText(s.caption());
        if (s.mesh() != null) {
            content.getChildren().setAll(scene3D(s.mesh()));
            showing3D = true;
        } else if (s.image() != null) {
            ImageView view = new ImageView(s.image());
            view.setPreserveRatio(true);
            view.setSmooth(true);
            content.getChildren().setAll(view);
        }
    }

    // ------------------------------------------------------------------------------------------ 3D view

    private static final double DEFAULT_TILT = -25;
    private static final double DEFAULT_TURN = 35;
    private static final double DEFAULT_DISTANCE = -480;

    private Node scene3D(PreviewMesh mesh) {
        MeshView view = new MeshView(mesh.toTriangleMesh());
        view.setMaterial(new PhongMaterial(Color.web("#4A90D9")));
        // a damaged model's facets may face either way: show both sides
        view.setCullFace(CullFace.NONE);
        Rotate tilt = new Rotate(DEFAULT_TILT, Rotate.X_AXIS);
        Rotate turn = new Rotate(DEFAULT_TURN, Rotate.Y_AXIS);
        Group model = new Group(view);
        model.getTransforms().addAll(tilt, turn);
        PointLight key = new PointLight(Color.gray(0.85));
        key.setTranslateX(-400);
        key.setTranslateY(-500);
        key.setTranslateZ(-600);
        Group world = new Group(model, new AmbientLight(Color.gray(0.35)), key);
        PerspectiveCamera camera = new PerspectiveCamera(true);
        camera.setNearClip(1);
        camera.setFarClip(10_000);
        camera.setFieldOfView(35);
        camera.setTranslateZ(DEFAULT_DISTANCE);
        SubScene sub = new SubScene(world, 300, 200, true, SceneAntialiasing.BALANCED);
        sub.setCamera(camera);
        sub.setFill(Color.web("#E9EDF2"));
        double[] last = new double[2];
        sub.setOnMousePressed(e -> {
            last[0] = e.getSceneX();
            last[1] = e.getSceneY();
        });
        sub.setOnMouseDragged(e -> {
            turn.setAngle(turn.getAngle() + (e.getSceneX() - last[0]) * 0.5);
            tilt.setAngle(Math.max(-90, Math.min(90, tilt.getAngle() - (e.getSceneY() - last[1]) * 0.5)));
            last[0] = e.getSceneX();
            last[1] = e.getSceneY();
        });
        sub.setOnScroll(e -> camera.setTranslateZ(Math.max(-3000, Math.min(-150,
                camera.getTranslateZ() * (e.getDeltaY() > 0 ? 0.9 : 1.1)))));
        sub.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                tilt.setAngle(DEFAULT_TILT);
                turn.setAngle(DEFAULT_TURN);
                camera.setTranslateZ(DEFAULT_DISTANCE);
            }
        });
        return sub;
    }

    /** Sizes its one child (an image or the 3D view) to itself, without asking it for a size. */
    private static final class Fit extends javafx.scene.layout.Pane {
        Fit() {
            setMinSize(0, 0);
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            for (Node n : getChildren()) {
                if (n instanceof ImageView v) {
                    v.setFitWidth(w);
                    v.setFitHeight(h);
                    double iw = v.getLayoutBounds().getWidth();
                    double ih = v.getLayoutBounds().getHeight();
                    v.relocate((w - iw) / 2, (h - ih) / 2);
                } else if (n instanceof SubScene s) {
                    s.setWidth(w);
                    s.setHeight(h);
                    s.relocate(0, 0);
                }
            }
        }
    }
}
