package org.stllisting.render;

/** How the camera projects the model. */
public enum Projection implements Choice {
    PERSPECTIVE, ORTHOGRAPHIC
}
