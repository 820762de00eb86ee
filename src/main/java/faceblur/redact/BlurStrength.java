package faceblur.redact;

import java.util.Locale;

/**
 * How much of a face a blur leaves: the number of cells of colour across the mask. Fewer cells, less left.
 * {@link #HIGH}, the default, is the strength every leak measurement in the README was made with.
 */
public enum BlurStrength {
    /** About 16 cells across: the shape of a head and its hair stay; features at close range may too. */
    LOW(16),
    /** About 12 cells across. */
    MEDIUM(12),
    /** About 8 cells across: a few colours remain, nothing to recognise anyone by. */
    HIGH(8);

    private final int cellsAcross;

    BlurStrength(int cellsAcross) {
        this.cellsAcross = cellsAcross;
    }

    public int cellsAcross() {
        return cellsAcross;
    }

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
