package org.stllisting.render;

/** A fixed image size that keeps the model inside a safe area; it overrides the width and height asked for. */
public enum Preset implements Choice {
    SQUARE("square", 2000, 2000), FOUR_BY_THREE("4:3", 2000, 1500);

    private final String id;
    private final int width;
    private final int height;

    Preset(String id, int width, int height) {
        this.id = id;
        this.width = width;
        this.height = height;
    }

    @Override
    public String id() {
        return id;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
