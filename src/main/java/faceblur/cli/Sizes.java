package faceblur.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-friendly sizes (10G, 500M, 1048576) and durations (7d, 12h, 30m, 90s, or ISO-8601 like PT6H) for options. */
final class Sizes {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    private Sizes() {
    }

    static final class ByteConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = AMOUNT.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size; write e.g. 10G, 500M or 1048576");
            }
            int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "", "B" -> 0;
                case "K", "KB", "KIB" -> 10;
                case "M", "MB", "MIB" -> 20;
                case "G", "GB", "GIB" -> 30;
                case "T", "TB", "TIB" -> 40;
                default -> throw new TypeConversionException("'" + value + "': unknown unit; use K, M, G or T");
            };
            return Long.parseLong(m.group(1)) << shift;
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    return Duration.parse(value);
                } catch (RuntimeException e) {
                    throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration");
                }
            }
            Matcher m = AMOUNT.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 7d, 12h, 30m or 90s");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "s", "" -> Duration.ofSeconds(n);
                default -> throw new TypeConversionException("'" + value + "': unknown unit; use d, h, m or s");
            };
        }
    }
}
