package io.musicaljourney.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The report's chart as SVG: throughput and latency against concurrency, from the closed-loop sweep. */
final class Chart {

    private static final int W = 460;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLORS = {"#7f7f7f", "#1f77b4", "#d62728"};
    private static final String[] NAMES = {"raw JDBC insert", "VisitNode (HTTP)", "CRUD peer (HTTP)"};

    private Chart() {
    }

    static String svg(Report report) {
        List<Report.SweepPoint> points = report.sweep;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", 2 * W, H + 30));
        if (points.isEmpty()) {
            svg.append("<text x=\"20\" y=\"40\">No sweep was measured in this run.</text>\n</svg>\n");
            return svg.toString();
        }
        List<ToDoubleFunction<Report.SweepPoint>> rates = List.of(p -> p.raw().perSecond(),
                p -> p.p1().perSecond(), p -> p.crud().perSecond());
        panel(svg, 0, "Throughput (operations/s, closed loop)", points, rates, false, null);
        List<ToDoubleFunction<Report.SweepPoint>> p99 = List.of(p -> p.raw().millis(99), p -> p.p1().millis(99),
                p -> p.crud().millis(99));
        List<ToDoubleFunction<Report.SweepPoint>> p50 = List.of(p -> p.raw().millis(50), p -> p.p1().millis(50),
                p -> p.crud().millis(50));
        panel(svg, W, "Latency (ms, log scale; solid p99, dashed p50)", points, p99, true, p50);
        for (int s = 0; s < NAMES.length; s++) {
            int x = 80 + s * 200;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>%n", x, H + 15, x + 30, H + 15,
                    COLORS[s], x + 36, H + 19, NAMES[s]));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int offset, String title, List<Report.SweepPoint> points,
                              List<ToDoubleFunction<Report.SweepPoint>> series, boolean log,
                              List<ToDoubleFunction<Report.SweepPoint>> dashed) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (List<ToDoubleFunction<Report.SweepPoint>> group : dashed == null ? List.of(series)
                : List.of(series, dashed)) {
            for (ToDoubleFunction<Report.SweepPoint> f : group) {
                for (Report.SweepPoint p : points) {
                    double v = f.applyAsDouble(p);
                    if (Double.isFinite(v) && v > 0) {
                        max = Math.max(max, v);
                        min = Math.min(min, v);
                    }
                }
            }
        }
        if (max <= 0) {
            max = 1;
            min = 0.1;
        }
        double lo = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
        double hi = log ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeiling(max);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        int x0 = offset + LEFT;
        int y0 = TOP + plotH;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-weight=\"bold\">%s</text>%n",
                offset + LEFT, title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#333\"/>%n", x0, TOP, plotW, plotH));
        // y ticks
        if (log) {
            for (double v = lo; v <= hi * 1.0001; v *= 10) {
                int y = y(v, lo, hi, true, plotH);
                tick(svg, x0, plotW, y, v < 1 ? String.format(Locale.ROOT, "%.2g", v)
                        : String.format(Locale.ROOT, "%,.0f", v));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                double v = hi * i / 5;
                tick(svg, x0, plotW, y(v, lo, hi, false, plotH), String.format(Locale.ROOT, "%,.0f", v));
            }
        }
        // x ticks: one per concurrency level, evenly spaced (the levels double)
        int n = points.size();
        for (int i = 0; i < n; i++) {
            int x = xAt(i, n, x0, plotW);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
                    y0 + 18, points.get(i).clients()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent clients"
                + "</text>%n", x0 + plotW / 2, y0 + 38));
        draw(svg, points, series, lo, hi, log, x0, plotW, plotH, "");
        if (dashed != null) {
            draw(svg, points, dashed, lo, hi, log, x0, plotW, plotH, " stroke-dasharray=\"5,4\"");
        }
    }

    private static void draw(StringBuilder svg, List<Report.SweepPoint> points,
                             List<ToDoubleFunction<Report.SweepPoint>> series, double lo, double hi, boolean log,
                             int x0, int plotW, int plotH, String style) {
        int n = points.size();
        for (int s = 0; s < series.size(); s++) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double v = series.get(s).applyAsDouble(points.get(i));
                if (!Double.isFinite(v) || (log && v <= 0)) {
                    continue;
                }
                int x = xAt(i, n, x0, plotW);
                int y = y(v, lo, hi, log, plotH);
                path.append(path.length() == 0 ? "M" : " L").append(x).append(',').append(y);
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>%n", x, y,
                        COLORS[s]));
            }
            if (path.length() > 0) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                        path, COLORS[s], style));
            }
        }
    }

    private static void tick(StringBuilder svg, int x0, int plotW, int y, String label) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", x0, y, x0 + plotW, y, x0 - 6, y + 4, label));
    }

    private static int xAt(int i, int n, int x0, int plotW) {
        return n == 1 ? x0 + plotW / 2 : x0 + 15 + (plotW - 30) * i / (n - 1);
    }

    private static int y(double v, double lo, double hi, boolean log, int plotH) {
        double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return TOP + plotH - (int) Math.round(Math.max(0, Math.min(1, f)) * plotH);
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
