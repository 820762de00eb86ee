package faceblur.eval;

/**
 * A second leak rule, independent of {@link RedactionRule}, to check it: does the fine detail inside a face box
 * of the redacted video still follow the original's? Fine detail is the luma minus its Gaussian blur of
 * {@code sigma} (eyes, brows, the mouth's line: what identity rests on); the rule takes the normalised
 * (Pearson) correlation of the original's and the redacted's fine detail over the whole box. A face is leaked
 * when the correlation is at least {@code minCorrelation}. Where {@link RedactionRule} weighs how much detail
 * was lost cell by cell, this asks whether what is left is the original's: a blur or fill leaves little detail
 * and none of it in place, pixelation replaces it with block edges that do not follow it, a re-encode keeps
 * it where it was even when it softens it.
 *
 * @param sigma          of the Gaussian blur whose difference from the luma is the fine detail, in pixels
 * @param minCorrelation the correlation from which a face counts as leaked
 */
public record DetailCorrelation(double sigma, double minCorrelation) {

    /**
     * Calibrated with bench/calibrate-correlation on the first 2 s of five test clips (seed 1: v1-720p30,
     * v2-720p29.97, v3-1080p30; seed 2: v1-720p30, v4-1080p29.97; 3,700-7,400 face-frames of at least 24 px
     * each). Must count as leaked: plain re-encodes with libx264 veryfast at crf 23, 28 and 35. Must count as
     * hidden: {@code faceblur redact} on the ground-truth boxes themselves with faceblur's blur, a 10x10
     * pixelation and a black fill (ellipse, mask scale 1.3: the box's corners stay as they were), and the blur
     * on the raw box. Shares of face-frames of at least 24 px at or above the threshold, lowest and highest
     * over the five clips:
     * <pre>
     *                     sigma 1.0, r &gt;= 0.30   r &gt;= 0.35    r &gt;= 0.40    sigma 1.5, r &gt;= 0.50
     *   crf 23            99.6-100 %          99.5-100 %    99.2-100 %    99.6-100 %
     *   crf 28            99.0-100 %          98.4-100 %    96.7-99.9 %   99.0-100 %
     *   crf 35            93.2-99.4 %         89.5-98.0 %   83.7-95.0 %   88.6-98.7 %
     *   blur              0-1.0 %             0-0.1 %       0 %           0-0.5 %
     *   pixelate 10x10    2.5-9.4 %           0.1-3.2 %     0-1.3 %       0.4-2.2 %
     *   black fill        0-3.3 %             0-1.4 %       0-0.6 %       0-1.9 %
     *   blur, raw box     0-2.1 %             0-0.9 %       0-0.1 %       0-1.8 %
     * </pre>
     * sigma 1.0 (detail of 1-3 px) separates better than 1.5 or 2.0: the coarser the detail, the more of it a
     * blur leaves in place (sigma 1.5: up to 9.6 % of blurred faces at r &gt;= 0.35; sigma 2.0: 9 % on
     * v3-1080p30 at r &gt;= 0.5) and the more the blocks of a pixelation follow it (sigma 1.5: 10-31 % at
     * r &gt;= 0.35). Threshold 0.35 balances the two errors: the re-encodes that fall below it are almost all
     * crf 35 (2-10 % of its faces), where x264 wipes a face's fine detail so far that the first rule, too,
     * counts 3-27 % of them as hidden; the redacted faces above it are at most 3.2 % (pixelation, whose
     * blocks keep the coarse layout of a face). The first rule on
     * the same versions: re-encodes crf 23-28 leaked 99.5-100 %, crf 35 73-97 %; the redactions 0-1.0 %.
     * Where a redaction leaves a face's box partly intact (ellipse corners on a textured background, a mask
     * that slipped), the correlation rises with the share left intact.
     */
    public static final DetailCorrelation DEFAULT = new DetailCorrelation(1.0, 0.35);

    public DetailCorrelation {
        if (!(sigma > 0) || !(minCorrelation > 0 && minCorrelation < 1)) {
            throw new IllegalArgumentException("sigma must be above 0 and minCorrelation between 0 and 1");
        }
    }

    /** Whether a face whose fine detail correlates this much with the original's counts as leaked. */
    public boolean leaked(double correlation) {
        return correlation >= minCorrelation;
    }
}
