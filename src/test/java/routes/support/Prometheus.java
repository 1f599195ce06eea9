package routes.support;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Prometheus text exposition as a scraper would: the sum of a metric's samples matching some labels. */
public final class Prometheus {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Prometheus() {}

    /** The sum of every sample of {@code metric} carrying all of {@code labels}; 0 if there is none. */
    public static double sum(String exposition, String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> present = new java.util.HashMap<>();
            Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
            while (label.find()) {
                present.put(label.group(1), label.group(2));
            }
            if (present.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    /** Whether any sample of {@code metric} carries all of {@code labels}. */
    public static boolean has(String exposition, String metric, Map<String, String> labels) {
        return exposition.lines().anyMatch(line -> {
            Matcher sample = SAMPLE.matcher(line.strip());
            return sample.matches() && sample.group(1).equals(metric)
                    && labels.entrySet().stream().allMatch(l -> sample.group(3) != null
                            && sample.group(3).contains(l.getKey() + "=\"" + l.getValue() + "\""));
        });
    }
}
