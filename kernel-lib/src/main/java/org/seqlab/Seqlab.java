package org.seqlab;

/** Library-wide facts a run records about itself (provenance). */
public final class Seqlab {
    private Seqlab() {}

    /** The library version, from the jar manifest when packaged, else the development marker. */
    public static String version() {
        String v = Seqlab.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
