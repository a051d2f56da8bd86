package org.stllisting.render;

/** The lights of a render: studio (key, fill, rim), natural or dramatic. */
public enum Lighting implements Choice {
    STUDIO, NATURAL, DRAMATIC
}
