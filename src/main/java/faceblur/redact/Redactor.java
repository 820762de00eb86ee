package faceblur.redact;

import faceblur.detect.Box;
import faceblur.video.Plane;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Hides faces in a picture in place: a BGR image, or each plane of a YUV one. Each face box is enlarged by
 * the mask scale, clipped to the frame (a face half out of the picture is hidden up to the edge), and replaced
 * by its blurred, pixelated or filled self inside an ellipse or the whole box.
 *
 * <p>The pixels are read and written here, through the image's memory, rather than with a chain of OpenCV
 * calls per face: a crowd frame holds a hundred faces of 40 px, and at that size each OpenCV call (resize,
 * GaussianBlur, an ellipse stencil, a masked copy, and the native objects each needs) cost 5-25 µs, which made
 * redaction four times slower than the encoder (bench/speed).
 */
public final class Redactor {

    private final RedactionSettings settings;

    public Redactor(RedactionSettings settings) {
        if (!settings.style().hides()) {
            throw new IllegalArgumentException(settings.style() + " hides nothing: draw it with the Outliner");
        }
        this.settings = settings;
    }

    /** Hides every face in a BGR (or grey) image; boxes are face boxes in the image's pixels, before mask scaling. */
    public void apply(Mat image, List<Box> faces) {
        apply(image, faces, 1.0, settings.fillColour().channels(image.channels()));
    }

    /** Hides every face in one plane of a YUV picture; boxes are in pixels of the full picture. */
    public void apply(Plane plane, List<Box> faces) {
        apply(plane.pixels(), faces, plane.scale(), new byte[] {(byte) plane.value(settings.fillColour())});
    }

    /**
     * @param image the pixels (8 bits per channel), edited in place
     * @param faces face boxes in pixels of the full picture, before mask scaling
     * @param scale the image's size relative to the full picture (0.5 for subsampled chroma)
     * @param fill  the fill colour's value in each channel of this image, for {@link Style#FILL}
     */
    private void apply(Mat image, List<Box> faces, double scale, byte[] fill) {
        Pixels pixels = null;
        for (Box face : faces) {
            Box mask = face.scaledAboutCenter(settings.maskScale()).times(scale);
            PixelArea area = PixelArea.of(mask, image.cols(), image.rows());
            if (area != null) {
                if (pixels == null) {
                    pixels = Pixels.of(image);
                }
                hide(pixels, mask, area, fill);
            }
        }
    }

    private void hide(Pixels image, Box mask, PixelArea area, byte[] fill) {
        int x0 = area.x();
        int y0 = area.y();
        int width = area.width();
        int height = area.height();
        int channels = image.channels();
        byte[] buffer = new byte[width * channels];
        CellGrid grid = null;
        Interpolation columns = null;
        Interpolation rows = null;
        if (settings.style() != Style.FILL) {
            double cellSize = cellSize(mask, settings.style() == Style.BLUR ? settings.blurStrength().cellsAcross()
                    : settings.pixelBlocks());
            columns = new Interpolation(width, Math.max(1, (int) Math.round(width / cellSize)), channels);
            rows = new Interpolation(height, Math.max(1, (int) Math.round(height / cellSize)), 1);
            // Computed in full before any pixel is written: the mask reads the area it then replaces.
            grid = CellGrid.average(image, x0, y0, rows, columns, buffer);
            if (settings.style() == Style.BLUR) {
                grid = grid.smoothed();
            }
        }
        float[] line = new float[grid == null ? 0 : grid.columns() * channels];
        for (int y = y0; y < y0 + height; y++) {
            int from = x0;
            int to = x0 + width;
            if (settings.shape() == Shape.ELLIPSE) {
                // The ellipse of the whole (unclipped) box: this row's span of pixel centres inside it.
                double dy = (y + 0.5 - mask.centerY()) / (mask.height() / 2);
                if (dy * dy > 1) {
                    continue;
                }
                double half = mask.width() / 2 * Math.sqrt(1 - dy * dy);
                from = Math.max(from, (int) Math.ceil(mask.centerX() - half - 0.5));
                to = Math.min(to, (int) Math.floor(mask.centerX() + half - 0.5) + 1);
                if (from >= to) {
                    continue; // the ellipse passes between pixel centres on this row
                }
            }
            switch (settings.style()) {
                case FILL -> image.fill(y, from, to, fill, buffer);
                case PIXELATE -> {
                    grid.row(rows.cell(y - y0), line);
                    image.putCells(y, from, to, x0, columns, line, buffer);
                }
                case BLUR -> {
                    grid.rowBetween(rows, y - y0, line);
                    image.putInterpolated(y, from, to, x0, columns, line, buffer);
                }
                default -> throw new IllegalStateException(settings.style() + " hides nothing");
            }
        }
    }

    /** The cell side, in pixels, for about {@code across} cells over the longer side of the whole mask. */
    private static double cellSize(Box mask, int across) {
        return Math.max(1, Math.max(mask.width(), mask.height()) / across);
    }

    /** An 8-bit image's memory, addressed by pixel and channel. */
    record Pixels(ByteBuffer bytes, int channels, int step) {

        static Pixels of(Mat image) {
            int step = (int) image.step();
            ByteBuffer bytes = image.data().capacity((long) step * image.rows()).asByteBuffer();
            return new Pixels(bytes, image.channels(), step);
        }

        /** Pixels {@code from..to} of row {@code y} take {@code colour}, one value per channel. */
        void fill(int y, int from, int to, byte[] colour, byte[] buffer) {
            int n = (to - from) * channels;
            for (int k = 0; k < n; k++) {
                buffer[k] = colour[k % channels];
            }
            bytes.put(y * step + from * channels, buffer, 0, n);
        }

        /** Pixels {@code from..to} of row {@code y} take the value of their cell of {@code line}. */
        void putCells(int y, int from, int to, int x0, Interpolation columns, float[] line, byte[] buffer) {
            int[] cell = columns.cell;
            int n = 0;
            for (int k = (from - x0) * channels, end = (to - x0) * channels; k < end; k++) {
                buffer[n++] = (byte) (int) (line[cell[k]] + 0.5f);
            }
            bytes.put(y * step + from * channels, buffer, 0, n);
        }

        /** Pixels {@code from..to} of row {@code y} take the value between their two nearest cell centres. */
        void putInterpolated(int y, int from, int to, int x0, Interpolation columns, float[] line, byte[] buffer) {
            int[] lower = columns.lower;
            int[] upper = columns.upper;
            float[] weight = columns.weight;
            int n = 0;
            for (int k = (from - x0) * channels, end = (to - x0) * channels; k < end; k++) {
                float a = line[lower[k]];
                buffer[n++] = (byte) (int) (a + (line[upper[k]] - a) * weight[k] + 0.5f);
            }
            // Written in one copy: per-byte puts into native memory cost several times more.
            bytes.put(y * step + from * channels, buffer, 0, n);
        }

        /** Pixels {@code x0..x0+width} of row {@code y}, every channel, into {@code buffer}. */
        void getRow(int y, int x0, int width, byte[] buffer) {
            bytes.get(y * step + x0 * channels, buffer, 0, width * channels);
        }
    }

    /**
     * The mean colour of each cell of an area cut into {@code rows x columns} cells of about equal size.
     */
    record CellGrid(int rows, int columns, int channels, float[] means) {

        static CellGrid average(Pixels image, int x0, int y0, Interpolation rows, Interpolation columns, byte[] buffer) {
            int channels = image.channels();
            int cellsAcross = columns.cells();
            int lineLength = cellsAcross * channels;
            int[] sums = new int[rows.cells() * lineLength];
            int[] cell = columns.cell;
            int bytesAcross = columns.pixels() * channels;
            for (int y = 0; y < rows.pixels(); y++) {
                image.getRow(y0 + y, x0, columns.pixels(), buffer);
                int rowStart = rows.cell(y) * lineLength;
                for (int k = 0; k < bytesAcross; k++) {
                    sums[rowStart + cell[k]] += buffer[k] & 0xFF;
                }
            }
            float[] means = new float[sums.length];
            for (int r = 0, i = 0; r < rows.cells(); r++) {
                for (int col = 0; col < cellsAcross; col++) {
                    int count = rows.pixelsIn(r) * columns.pixelsIn(col);
                    for (int c = 0; c < channels; c++, i++) {
                        means[i] = sums[i] / (float) count;
                    }
                }
            }
            return new CellGrid(rows.cells(), cellsAcross, channels, means);
        }

        /** Each cell averaged with its neighbours (1-2-1 across and down), so cell edges do not show. */
        CellGrid smoothed() {
            float[] across = new float[means.length];
            float[] down = new float[means.length];
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < columns; col++) {
                    for (int c = 0; c < channels; c++) {
                        across[at(r, col, c)] = (mean(r, col - 1, c) + 2 * mean(r, col, c) + mean(r, col + 1, c)) / 4;
                    }
                }
            }
            CellGrid half = new CellGrid(rows, columns, channels, across);
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < columns; col++) {
                    for (int c = 0; c < channels; c++) {
                        down[at(r, col, c)] = (half.mean(r - 1, col, c) + 2 * half.mean(r, col, c) + half.mean(r + 1, col, c)) / 4;
                    }
                }
            }
            return new CellGrid(rows, columns, channels, down);
        }

        /** One row of cells, every channel, into {@code line}. */
        void row(int row, float[] line) {
            System.arraycopy(means, at(row, 0, 0), line, 0, columns * channels);
        }

        /** The row of values between the two cell rows nearest to pixel row {@code y}, into {@code line}. */
        void rowBetween(Interpolation down, int y, float[] line) {
            int upper = at(down.lower(y), 0, 0);
            int lower = at(down.upper(y), 0, 0);
            float w = down.weight(y);
            for (int i = 0; i < columns * channels; i++) {
                line[i] = means[upper + i] + (means[lower + i] - means[upper + i]) * w;
            }
        }

        /** A cell's mean; cells beyond the grid repeat the edge cell. */
        private float mean(int row, int column, int c) {
            return means[at(Math.max(0, Math.min(rows - 1, row)), Math.max(0, Math.min(columns - 1, column)), c)];
        }

        private int at(int row, int column, int c) {
            return (row * columns + column) * channels + c;
        }
    }

    /**
     * For each pixel along one side of an area: its cell, and the two cell centres it lies between. Indexed by
     * byte ({@code pixel * channels + channel}) and giving indices into a row of cell values laid out the same
     * way, so the loops over a row's bytes need no arithmetic per pixel.
     */
    static final class Interpolation {
        final int[] cell;
        final int[] lower;
        final int[] upper;
        final float[] weight;
        private final int[] pixelsIn;
        private final int cells;
        private final int pixels;

        Interpolation(int pixels, int cells, int channels) {
            this.cells = cells;
            this.pixels = pixels;
            cell = new int[pixels * channels];
            lower = new int[pixels * channels];
            upper = new int[pixels * channels];
            weight = new float[pixels * channels];
            pixelsIn = new int[cells];
            for (int i = 0; i < pixels; i++) {
                int c0 = i * cells / pixels;
                pixelsIn[c0]++;
                // The pixel centre in cell units, where cell k's centre is at k.
                double u = Math.max(0, Math.min(cells - 1, (i + 0.5) * cells / pixels - 0.5));
                int below = Math.min(cells - 1, (int) u);
                int above = Math.min(cells - 1, below + 1);
                for (int c = 0; c < channels; c++) {
                    int k = i * channels + c;
                    cell[k] = c0 * channels + c;
                    lower[k] = below * channels + c;
                    upper[k] = above * channels + c;
                    weight[k] = (float) (u - below);
                }
            }
        }

        int cells() {
            return cells;
        }

        int pixels() {
            return pixels;
        }

        /** The number of pixels in cell {@code c}. */
        int pixelsIn(int c) {
            return pixelsIn[c];
        }

        /** For an interpolation of one channel (rows): pixel {@code i}'s cell. */
        int cell(int i) {
            return cell[i];
        }

        int lower(int i) {
            return lower[i];
        }

        int upper(int i) {
            return upper[i];
        }

        float weight(int i) {
            return weight[i];
        }
    }
}
