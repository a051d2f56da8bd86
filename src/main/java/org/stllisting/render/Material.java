package org.stllisting.render;

/** The surface a model is rendered with. */
public enum Material implements Choice {
    PLASTIC, METAL, RESIN
}
