package faceblur.eval;

/**
 * Decides from pixels alone whether a region of a redacted video was hidden, by comparing it with the same
 * region of the original. Three measures, each a mean over the region of a per-pixel map of the luma
 * (identity lives in luma; colour alone does not give a face away):
 * <ul>
 *   <li>detail: the original's gradient energy, in (grey levels per pixel)², from a 3x3 Sobel scaled so a
 *       ramp of slope s gives s;</li>
 *   <li>lost: the gradient energy of the difference original minus redacted. Blur and fill remove the
 *       original's gradients (lost ≈ detail); pixelation removes them and adds block edges that do not
 *       match (lost ≥ detail); a re-encode keeps most of them (lost ≪ detail);</li>
 *   <li>diff: the mean absolute difference, which catches a fill or pixelation of a region with little
 *       texture, where there is little detail to lose.</li>
 * </ul>
 * A region is CHANGED when lost ≥ {@code lostShare} × detail (with detail ≥ {@code minDetail}) or
 * diff ≥ {@code minDiff}; KEPT when it has detail and neither holds; FEATURELESS when it is flat and
 * unchanged: nothing there could show who someone is, and nothing says whether it was hidden.
 * <p>
 * A face box is cut into a grid of {@code cells} x {@code cells}, each judged as a region; the face counts
 * as redacted when at least {@code bulk} of its cells that are not featureless changed. A box none of whose
 * cells has detail in the original (flat or nearly black: nothing there shows who it is) is featureless: it
 * is counted apart and left out of the leak rate. That is decided from the original's pixels alone, the same
 * for every redacted version, so a method cannot make a face featureless by hiding it.
 *
 * @param minDetail least mean gradient energy for detail loss to be judged
 * @param lostShare share of the original's gradient energy that must be lost
 * @param minDiff   mean absolute luma difference (0-255) that counts as changed whatever the detail
 * @param cells     grid cells across and down a face box
 * @param bulk      least share of a face's judged cells that must have changed for it to count as redacted
 * @param window    side in pixels of the square over which the per-pixel version (the picture outside faces)
 *                  takes its means
 */
public record RedactionRule(double minDetail, double lostShare, double minDiff, int cells, double bulk, int window) {

    /**
     * Calibrated on megamind.mp4 (720x528, faces 70-160 px high, tracked on every frame) against whole-frame
     * transformations, each encoded with libx264 crf 23 (share of face-frames counted as redacted):
     * <ul>
     *   <li>re-encodes must redact nothing: crf 23, 28 and even 35 give 0 %; the highest share of changed cells
     *       in any face is 0.06, 0.14 and 0.40;</li>
     *   <li>strong redactions must redact everything: gblur sigma 20, boxblur 10, 10x10 pixelation and a
     *       black fill give 100 % (lowest face shares 0.92, 0.60, 0.94, 1.0);</li>
     *   <li>in between, milder blurs count partly: gblur sigma 8 91 %, sigma 3 43 %: on faces this size a
     *       sigma 3 blur leaves them recognisable, so the rule is lenient with weak blurs.</li>
     * </ul>
     * minDetail 4 (a mean gradient of 2 grey levels per pixel): below it x264 at crf 28 already flattens
     * faint texture, so its loss says nothing about redaction. lostShare 0.4: with 0.5 and 0.6 a 21 px box
     * blur kept the smooth shading of a quarter of the faces and they failed; crf 35 still stays far below
     * the bulk at 0.4. minDiff 12: a re-encode moves a region's mean by a few grey levels, a fill by tens.
     * Cells 4x4: a cell of a 16 px face is 4 px, still enough for a 3x3 gradient. bulk 0.6: a face with half
     * its box intact (one eye, half the mouth) is a leak, so more than half must change; faceblur's ellipse
     * at mask scale 1.0 leaves the box's corners (mostly background) and hides 12 of 16 cells, which must
     * count as redacted; 0.6 sits between, a cell or two from either. window 9: about the cell of a 36 px
     * face, small enough that a hidden face spills only 4 px into the picture around it.
     */
    public static final RedactionRule DEFAULT = new RedactionRule(4, 0.4, 12, 4, 0.6, 9);

    public enum Verdict { CHANGED, KEPT, FEATURELESS }

    public Verdict judge(double detail, double lost, double diff) {
        if (diff >= minDiff || (hasDetail(detail) && lost >= lostShare * detail)) {
            return Verdict.CHANGED;
        }
        return hasDetail(detail) ? Verdict.KEPT : Verdict.FEATURELESS;
    }

    /** Whether a region of the original with this mean gradient energy has detail enough to give a face away. */
    public boolean hasDetail(double detail) {
        return detail >= minDetail;
    }

    /** Whether a face whose judged cells changed in this share counts as redacted. */
    public boolean redacted(double changedShare) {
        return changedShare >= bulk;
    }
}
