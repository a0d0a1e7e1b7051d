import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differential oracle of the Data Prep function library (issue 16): draws seeded random calls
 * of the functions whose behaviour depends on Java's strings, regular expressions, case mapping,
 * number parsing and java.time, evaluates each with the JDK's own classes under the semantics
 * docs/DATA-PREP-FUNCTIONS.md documents, and prints one JSON line per case:
 * {"f": name, "a": [arguments], "r": result} or {"f": name, "a": [arguments], "e": "error"}.
 *
 * usage: java scripts/jdk-oracle/DataPrepOracle.java SEED COUNT > golden.jsonl
 * (scripts/jdk-golden.sh regenerates Tests/DataPrepTests/JDK/jdk-golden.jsonl). The output is
 * ASCII: everything else is written as \\uXXXX escapes, and an unpaired surrogate (a cut through
 * an emoji) as U+FFFD, which is what a UTF-8 record writer can store.
 */
public class DataPrepOracle {
    static SplittableRandom random;

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 16;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        random = new SplittableRandom(seed);
        String[] functions = {
            "lower", "upper", "size_of", "substr", "left", "right", "lpad", "rpad", "instr", "trim", "ltrim", "rtrim",
            "equals", "equalsIgnoreCase", "matches_regex", "extract_regex", "explode", "date", "dformat",
            "to_integer", "to_bigint", "to_decimal", "to_float", "get_url_decoded",
        };
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String f = functions[random.nextInt(functions.length)];
            List<Object> a = arguments(f);
            String line;
            try {
                Object r = evaluate(f, a);
                line = "{\"f\":" + json(f) + ",\"a\":" + json(a) + ",\"r\":" + json(r) + "}";
            } catch (RuntimeException e) {
                line = "{\"f\":" + json(f) + ",\"a\":" + json(a) + ",\"e\":" + json(e.getClass().getSimpleName()) + "}";
            }
            out.append(line).append('\n');
        }
        System.out.print(out);
    }

    // MARK: inputs

    static final String[] ATOMS = {
        "a", "Abc", "hello", "WORLD", "Straße", "STRASSE", "strasse", "ß", "ẞ", "İstanbul", "ISTANBUL", "istanbul", "ı", "I", "i",
        "ΟΔΟΣ", "οδος", "Σ", "ς", "σ", "ΣΑΣ", "ΌΣΟΣ", "é", "e\u0301", "É", "E\u0301", "café", "cafe\u0301", "😀", "👍🏽", "🇫🇷", "𝒳",
        "ﬁ", "ǅ", "K", "\u212A", "ſ", "µ", "Ω", "\u2126", "Привет", "日本語", "٤٢", "４２", "42", "-7", "3.14", "_", ".", "'",
        "-", ",", "a_b", "x1", "Ǆ", "ŉ", "ΐ", "\u0345", "ﬀ", "Ⅻ", "ⅻ", "\u00DF\u00DF",
    };
    static final String[] SPACES = { " ", "  ", "\t", "\n", "\u00A0", "\u2003", "\u3000", "\u001F", "\u000B", "" };

    static int between(int lo, int hi) { return lo + random.nextInt(hi - lo + 1); }
    static <T> T pick(T[] items) { return items[random.nextInt(items.length)]; }

    static String text() {
        int n = between(0, 4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(random.nextInt(3) == 0 ? pick(new String[] {"", ".", "_", "-", "1", "'"}) : " ");
            b.append(pick(ATOMS));
        }
        return b.toString();
    }

    static String variant(String s) {
        switch (random.nextInt(9)) {
            case 0: return s;
            case 1: return s.toUpperCase(Locale.ROOT);
            case 2: return s.toLowerCase(Locale.ROOT);
            case 3: return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
            case 4: return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
            case 5: return s.replace('i', 'ı').replace('I', 'İ');
            case 6: return s.replace('σ', 'ς').replace("ς", "Σ");
            case 7: return s.replace("ß", "SS").replace('K', '\u212A');
            default: return text();
        }
    }

    static final String[] REGEXES = {
        "\\w+", "\\W+", "(?i)strasse", "(?i)stra(ss|ß)e", "(?iu)straße", "(?i)é", "(?iu)é", "(?i)[a-z]+", "[a-z]+", "\\bfoo\\b",
        "\\b\\w+\\b", "\\d+", "\\D+", "\\s+", "\\S+", "[\\w.-]+", "[^\\w]+", "[\\d\\s]+", "\\p{Alpha}+", "\\p{L}+", "\\p{Lower}+",
        "\\p{Upper}", "\\p{Punct}", "\\p{Alnum}+", "\\p{IsAlphabetic}+", "(\\w)(\\d)?", "^\\S+$", "(?i)istanbul", "(?i)i", "(?i)σ",
        "(?iu)σ", "ς|σ", ".", "\\b", "(a|ab)(c|bcd)(d*)", "[^,]+", ",", " ", "\\s*,\\s*", "(?i)(?<word>[a-z]+)\\s", "\\bi", "x*",
        "(?i)ǅ", "(?i)K", "\\p{javaLowerCase}+", "[\\p{L}&&[^a-z]]+", "\\h+", "\\v", "(?i:ab)c", "(?-i)a", "[A-Za-z]+\\b",
        "(?i)STRASSE|café", "\\Qa.b\\E", "(?x) a b # comment", "[[a-c][x-z]]+", "\\u00e9", "\\x41", "\\0101", "(?s).+", "\\R",
    };

    static final String[] REGEX_TEXTS = {
        "Straße", "STRASSE", "strasse", "foo bar_foo", "café au lait", "cafe\u0301", "İstanbul", "ISTANBUL", "ıi", "ΟΔΟΣ ος",
        "a1 b2 c", "٤٢ and 42", "x\u00A0y", "a,b,,c,", ",a", "日本語 text", "😀 smile", "abcd", "abc", "ǆ ǅ Ǆ", "\u212Aelvin k",
        "a.b", "AB c", "x\ty\nz", "", "  ", "e\u0301t\u00E9", "Ⅻ ⅻ", "über_all", "ab c", "A", "a b",
    };

    static final String[] DATE_PATTERNS = {
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "dd-MMM-yyyy", "EEE, dd MMM yyyy HH:mm:ss Z", "EEEE, MMMM d, yyyy h:mm a",
        "M/dd/yyyy hh:mm:ss a", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyyMMdd", "MMddyyyy", "dd.MMM.yyyy", "yyyy-DDD",
        "YYYY-'W'ww-e", "yyyy-MM-dd HH:mm O", "yyyy-MM-dd HH:mm OOOO", "yyyy-MM-dd'T'HH:mm:ssxxx", "uuuu-MM-dd", "yy-MM-dd",
        "yyyy-MM-dd kk:mm", "yyyy-MM-dd KK:mm a", "yyyy-MM-dd'T'HH:mm:ss.SSSX", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM",
        "yyyy-MM-dd EEE", "yyyy-MM-dd HH:mm:ss.SSS", "d MMMM uuuu", "yyyy-MM-dd'T'HH:mm", "YYYY-ww", "yyyy-MM-W-e",
        "yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "G yyyy-MM-dd", "yyyy-MM-dd VV",
    };

    static final String[] FORMAT_PATTERNS = {
        "yyyy-MM-dd'T'HH:mm:ss.SSSX", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "EEE, dd MMM yyyy HH:mm:ss Z", "uuuu-MM-dd",
        "G yyyy", "yy", "y", "yyy", "u", "YYYY-'W'ww-e", "Y", "w", "W", "e", "c", "ee", "D", "DDD", "Q", "QQQ", "E", "EEEE",
        "a", "h:mm a", "K", "k", "O", "OOOO", "XXX", "xx", "Z", "ZZZZ", "ZZZZZ", "MMMM", "MMM", "LLL", "n", "SSSSSSSSS",
        "yyyy-MM-dd'T'HH:mm:ssXXX", "D yyyy", "YYYY", "ww", "dd/MM/yyyy HH:mm",
    };

    static final String[] NUMBER_TEXTS = {
        "42", " 42", "42 ", "+42", "-42", "-0", "007", "٤٢", "４２", "1_000", "1,000", "", " ", ".5", "-.5", "5.", "1.e3", "1e3",
        "1E+3", "1e-3", "0x1p3", "0X1P-2", "1.5f", "2d", "2D", "3F", "NaN", "Infinity", "-Infinity", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890", "1e400",
        "1e-400", "0.1", "1.0", "1.50", "12.3456", "3.4028236e38", "1e39", "abc", "4 2", "+-1", "--1", "1e", "e3", ".", "+.5e-2",
        "0.000", "1000000.34", "١٢٣.٤٥", "0x10", "1.5e5f", "\t7\n", "٣e٢",
    };

    static final String[] URL_PARTS = {
        "%E2%82%AC", "%E2%82", "%ED%A0%80", "%C0%AF", "%F0%9F%98", "%F0%9F%98%80", "%FF", "%80", "%C3%A9", "%c3%a9", "+", "%2",
        "%G1", "%+1", "%-1", "%%", "%20", "a", "b=c", "&", "é", "😀", "%E0%80%80", "%F4%90%80%80", "%EF%BF%BD", "%C3", "%C3x",
        "%E2x", "%F0%9F", "%F8%88%80%80%80", "%E2%82%E2%82%AC", "%41%42",
    };

    static List<Object> arguments(String f) {
        List<Object> a = new ArrayList<>();
        switch (f) {
            case "lower": case "upper": case "size_of":
                a.add(text());
                break;
            case "trim": case "ltrim": case "rtrim":
                a.add(pick(SPACES) + text() + pick(SPACES));
                break;
            case "substr": {
                String s = text();
                a.add(s);
                a.add((long) between(-2, s.length() + 2));
                if (random.nextInt(4) > 0) a.add((long) between(-1, s.length() + 2));
                break;
            }
            case "left": case "right": {
                String s = text();
                a.add(s);
                a.add((long) between(-1, s.length() + 2));
                break;
            }
            case "lpad": case "rpad": {
                String s = text();
                a.add(s);
                a.add((long) between(0, s.length() + 6));
                a.add(pick(new String[] {"yz", "0", "😀", "é", "", "ab😀"}));
                break;
            }
            case "instr": {
                String s = text();
                a.add(s);
                if (s.length() > 1 && random.nextBoolean()) {
                    // A piece of the text itself, on code point boundaries (a lone surrogate is
                    // no text a record can hold).
                    int start = s.offsetByCodePoints(0, random.nextInt(s.codePointCount(0, s.length())));
                    int end = start;
                    for (int k = between(1, 3); k > 0 && end < s.length(); k--) end = s.offsetByCodePoints(end, 1);
                    a.add(s.substring(start, end));
                } else {
                    a.add(pick(ATOMS));
                }
                if (random.nextBoolean()) {
                    a.add((long) between(0, s.length() + 1));
                    if (random.nextBoolean()) a.add((long) between(1, 3));
                }
                break;
            }
            case "equals": case "equalsIgnoreCase": {
                String s = random.nextBoolean() ? text() : pick(ATOMS);
                a.add(s);
                a.add(variant(s));
                break;
            }
            case "matches_regex": case "extract_regex": case "explode":
                a.add(random.nextInt(3) == 0 ? text() : pick(REGEX_TEXTS));
                a.add(pick(REGEXES));
                break;
            case "date": {
                String p = pick(DATE_PATTERNS);
                a.add(dateText(p));
                a.add(p);
                break;
            }
            case "dformat":
                a.add(epochMillis());
                a.add(pick(FORMAT_PATTERNS));
                break;
            case "to_integer": case "to_bigint": case "to_decimal": case "to_float":
                a.add(random.nextInt(4) == 0 ? String.valueOf(random.nextLong() >> random.nextInt(64)) : pick(NUMBER_TEXTS));
                break;
            case "get_url_decoded": {
                StringBuilder b = new StringBuilder();
                for (int i = between(1, 4); i > 0; i--) b.append(pick(URL_PARTS));
                a.add(b.toString());
                break;
            }
            default:
                throw new IllegalStateException(f);
        }
        return a;
    }

    static long epochMillis() {
        switch (random.nextInt(7)) {
            case 0: return random.nextLong(-5_000_000_000_000L, 9_000_000_000_000L); // 1811 .. 2255
            case 1: return random.nextLong(-62_000_000_000_000L, 253_402_300_800_000L); // year 6 .. 9999
            case 2: return random.nextLong(253_402_300_800_000L, 3_000_000_000_000_000L); // year 10000 .. 97000
            case 3: return -random.nextLong(62_135_596_800_000L, 400_000_000_000_000L); // BC years
            case 4: { // a leap day
                int[] years = {1600, 1896, 1904, 1968, 2000, 2024, 2096, 2400, 2800};
                int year = years[random.nextInt(years.length)];
                return LocalDate.of(year, 2, 29).atTime(random.nextInt(24), random.nextInt(60)).toInstant(ZoneOffset.UTC).toEpochMilli()
                    + between(-1, 1) * 86_400_000L;
            }
            case 5: return between(-86_400_000, 86_400_000);
            default: return 1_500_000_000_000L + random.nextLong(200_000_000_000L);
        }
    }

    /** A text written with `pattern` from a random date, sometimes spoiled the ways real texts are. */
    static String dateText(String pattern) {
        LocalDate date = LocalDate.ofEpochDay(random.nextLong(-100_000, 100_000)); // 1696 .. 2243
        if (random.nextInt(5) == 0) date = LocalDate.of(new int[] {1900, 2000, 2023, 2024}[random.nextInt(4)], 2, 28).plusDays(random.nextInt(2));
        ZonedDateTime at = date.atTime(random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000) * 1_000_000)
            .atZone(pick(new ZoneId[] {ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(-5, -30), ZoneId.of("America/Los_Angeles"), ZoneId.of("Europe/Paris")}));
        String text = DateTimeFormatter.ofPattern(pattern, Locale.US).format(at);
        switch (random.nextInt(10)) {
            case 0: return text.toLowerCase(Locale.ROOT);
            case 1: return text.toUpperCase(Locale.ROOT);
            case 2: // another weekday
                return text.replace("Mon", "Tue").replace("Wed", "Thu").replace("Fri", "Sat").replace("Sun", "Mon");
            case 3: // a day that does not exist in every month
                return text.replaceFirst("-(\\d\\d)-\\d\\d", "-02-" + pick(new String[] {"29", "30", "31", "32"}))
                    .replaceFirst("^(\\d\\d)(\\d\\d)(\\d{4})$", "02" + pick(new String[] {"29", "30", "31"}) + "$3");
            case 4: // the end of the day
                return text.replaceFirst("\\d\\d:\\d\\d:\\d\\d", pick(new String[] {"24:00:00", "24:00:01", "23:59:60", "00:00:00"}))
                    .replaceFirst(" \\d\\d:\\d\\d$", " 24:00");
            case 5: return text.replace("AM", "am").replace("PM", "pm");
            case 6: return " " + text;
            default: return text;
        }
    }

    // MARK: semantics

    static Object evaluate(String f, List<Object> a) {
        switch (f) {
            case "lower": return s(a, 0).toLowerCase(Locale.ROOT);
            case "upper": return s(a, 0).toUpperCase(Locale.ROOT);
            case "size_of": return (long) s(a, 0).length();
            case "trim": return s(a, 0).trim();
            case "ltrim": { String s = s(a, 0); int i = 0; while (i < s.length() && s.charAt(i) <= ' ') i++; return s.substring(i); }
            case "rtrim": { String s = s(a, 0); int i = s.length(); while (i > 0 && s.charAt(i - 1) <= ' ') i--; return s.substring(0, i); }
            case "substr": {
                String s = s(a, 0);
                int start = i(a, 1);
                return a.size() > 2 ? s.substring(start, Math.addExact(start, i(a, 2))) : s.substring(start);
            }
            case "left": { String s = s(a, 0); int n = i(a, 1); return n <= 0 ? "" : s.substring(0, Math.min(n, s.length())); }
            case "right": { String s = s(a, 0); int n = i(a, 1); return n <= 0 ? "" : s.substring(Math.max(0, s.length() - n)); }
            case "lpad": case "rpad": {
                String s = s(a, 0), pad = s(a, 2);
                int size = i(a, 1);
                if (pad.isEmpty()) pad = " ";
                int pads = size - s.length();
                if (pads <= 0) return s;
                StringBuilder fill = new StringBuilder();
                for (int k = 0; k < pads; k++) fill.append(pad.charAt(k % pad.length()));
                return f.equals("lpad") ? fill + s : s + fill;
            }
            case "instr": {
                String s = s(a, 0), sub = s(a, 1);
                int start = a.size() > 2 ? i(a, 2) : 0, occurrence = a.size() > 3 ? i(a, 3) : 1;
                int at = s.indexOf(sub, start);
                for (int k = 1; k < occurrence && at >= 0; k++) at = s.indexOf(sub, at + 1);
                return (long) at;
            }
            case "equals": return s(a, 0).equals(s(a, 1));
            case "equalsIgnoreCase": return s(a, 0).equalsIgnoreCase(s(a, 1));
            case "matches_regex": return Pattern.compile(s(a, 1)).matcher(s(a, 0)).matches();
            case "extract_regex": {
                Matcher m = Pattern.compile(s(a, 1)).matcher(s(a, 0));
                if (!m.find()) return null;
                List<Object> groups = new ArrayList<>();
                for (int g = 0; g <= m.groupCount(); g++) groups.add(m.group(g));
                return groups;
            }
            case "explode": return List.of((Object[]) s(a, 0).split(s(a, 1), -1));
            case "date": return date(s(a, 0), s(a, 1));
            case "dformat":
                return DateTimeFormatter.ofPattern(s(a, 1), Locale.US).format(Instant.ofEpochMilli((Long) a.get(0)).atZone(ZoneOffset.UTC));
            case "to_integer": return (long) Integer.parseInt(s(a, 0));
            case "to_bigint": {
                BigDecimal d = new BigDecimal(s(a, 0));
                BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
                if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
                    BigInteger big = stripped.toBigIntegerExact();
                    if (big.bitLength() < 64) return big.longValue();
                }
                return d;
            }
            case "to_decimal": {
                double d = Double.parseDouble(s(a, 0));
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException("not finite");
                return d;
            }
            case "to_float": {
                float d = Float.parseFloat(s(a, 0));
                if (Float.isNaN(d) || Float.isInfinite(d)) throw new NumberFormatException("not finite");
                return d;
            }
            case "get_url_decoded": return URLDecoder.decode(s(a, 0), StandardCharsets.UTF_8);
            default: throw new IllegalStateException(f);
        }
    }

    /**
     * date(text, pattern): DateTimeFormatter.ofPattern(pattern, Locale.US) with its default SMART
     * resolver; UTC unless the text gives an offset or zone; a missing time is midnight, a
     * missing month or day is 1, a missing year (or a time that does not resolve) fails.
     */
    static String date(String text, String pattern) {
        TemporalAccessor t = DateTimeFormatter.ofPattern(pattern, Locale.US).parse(text);
        ZoneId zone = t.query(TemporalQueries.zone());
        if (zone == null) zone = ZoneOffset.UTC;
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            if (!t.isSupported(ChronoField.YEAR)) throw new IllegalArgumentException("no year");
            int year = t.get(ChronoField.YEAR);
            int month = t.isSupported(ChronoField.MONTH_OF_YEAR) ? t.get(ChronoField.MONTH_OF_YEAR) : 1;
            int day = t.isSupported(ChronoField.DAY_OF_MONTH) ? t.get(ChronoField.DAY_OF_MONTH) : 1;
            date = LocalDate.of(year, month, day);
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        if (time == null) {
            for (ChronoField field : new ChronoField[] {ChronoField.HOUR_OF_AMPM, ChronoField.CLOCK_HOUR_OF_AMPM, ChronoField.MINUTE_OF_HOUR,
                    ChronoField.SECOND_OF_MINUTE, ChronoField.NANO_OF_SECOND, ChronoField.AMPM_OF_DAY}) {
                if (t.isSupported(field)) throw new IllegalArgumentException("time does not resolve");
            }
            time = LocalTime.MIDNIGHT;
        }
        Period excess = t.query(DateTimeFormatter.parsedExcessDays());
        ZonedDateTime at = ZonedDateTime.of(date.plus(excess), time, zone);
        if (at.getYear() < 1678 || at.getYear() > 2261) throw new IllegalArgumentException("outside 64-bit nanoseconds");
        return iso(at);
    }

    /** The text AdobeDateParsing.iso8601 writes: milliseconds only when not zero, Z for a zero offset. */
    static String iso(ZonedDateTime at) {
        StringBuilder b = new StringBuilder(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(at));
        int millis = at.getNano() / 1_000_000;
        if (millis != 0) b.append(String.format(".%03d", millis));
        int offset = at.getOffset().getTotalSeconds();
        b.append(offset == 0 ? "Z" : at.getOffset().getId());
        return b.toString();
    }

    static String s(List<Object> a, int i) { return (String) a.get(i); }
    static int i(List<Object> a, int i) { return Math.toIntExact((Long) a.get(i)); }

    // MARK: JSON

    static String json(Object value) {
        if (value == null) return "null";
        if (value instanceof String) return quote((String) value);
        if (value instanceof Boolean || value instanceof Long) return value.toString();
        if (value instanceof Double || value instanceof Float) return value.toString().replace("E", "e");
        if (value instanceof BigDecimal) return value.toString().replace("E", "e");
        if (value instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object item : (List<?>) value) {
                if (b.length() > 1) b.append(',');
                b.append(json(item));
            }
            return b.append(']').toString();
        }
        throw new IllegalStateException("no JSON for " + value.getClass());
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                b.append(String.format("\\u%04x\\u%04x", (int) c, (int) s.charAt(k + 1)));
                k++;
            } else if (Character.isSurrogate(c)) {
                b.append("\\ufffd");
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
