package dev.nixpve.config;

/** The VMIDs nixpve may use for its VMs and templates, inclusive; PVE allows 100..999999999. */
public record VmidRange(int first, int last) {

    public static final int MIN = 100;
    public static final int MAX = 999_999_999;

    public VmidRange {
        if (first < MIN || last > MAX || first > last) {
            throw new IllegalArgumentException("VMIDs must satisfy " + MIN + " <= first <= last <= " + MAX);
        }
    }

    public boolean contains(int vmid) {
        return vmid >= first && vmid <= last;
    }

    /** The ids in order, lazily: a range may span millions. */
    public java.util.stream.IntStream ids() {
        return java.util.stream.IntStream.rangeClosed(first, last);
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
