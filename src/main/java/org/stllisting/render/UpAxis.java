package org.stllisting.render;

/** Which model axis points up: z (STL's usual convention) or y. */
public enum UpAxis implements Choice {
    Z, Y
}
