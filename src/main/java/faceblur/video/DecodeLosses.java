package faceblur.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frames of a damaged video that FFmpeg could not decode: how many the file holds and how many came out,
 * and when the lost ones were to be shown.
 *
 * @param frames     the frames the file holds: the count its header declares, else the packets read
 * @param lost       how many of them could not be decoded
 * @param lostMicros when the lost frames were to be shown, microseconds from the first frame, in order; empty
 *                   when the file does not tell (its index promised frames it does not hold)
 * @param frameMicros the length of one frame, to join neighbouring lost frames into one range
 */
public record DecodeLosses(long frames, long lost, List<Long> lostMicros, long frameMicros) {

    private static final int RANGES_SHOWN = 5;

    public DecodeLosses {
        lostMicros = List.copyOf(lostMicros);
    }

    public boolean any() {
        return lost > 0;
    }

    /** "2 of 271 frames could not be decoded (4.25 s, 6.25-6.29 s)". */
    public String describe() {
        StringBuilder s = new StringBuilder().append(lost).append(" of ").append(frames)
                .append(" frames could not be decoded");
        List<String> ranges = ranges();
        if (!ranges.isEmpty()) {
            s.append(" (").append(String.join(", ", ranges.subList(0, Math.min(RANGES_SHOWN, ranges.size()))));
            if (ranges.size() > RANGES_SHOWN) {
                s.append(" and ").append(ranges.size() - RANGES_SHOWN).append(" more");
            }
            s.append(')');
        }
        return s.toString();
    }

    /** Lost frames one frame apart form one range. */
    private List<String> ranges() {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < lostMicros.size()) {
            int j = i;
            while (j + 1 < lostMicros.size() && lostMicros.get(j + 1) - lostMicros.get(j) <= frameMicros * 3 / 2) {
                j++;
            }
            ranges.add(i == j ? seconds(lostMicros.get(i)) + " s"
                    : seconds(lostMicros.get(i)) + "-" + seconds(lostMicros.get(j)) + " s");
            i = j + 1;
        }
        return ranges;
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1e6);
    }
}
