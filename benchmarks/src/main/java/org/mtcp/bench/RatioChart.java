package org.mtcp.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The chart of a run (XChart, PNG): one panel per workload, one bar per subject, each bar the subject's
 * speed relative to the C program (C LuaSocket for line reading) — 1.0 is C, higher is better, whether
 * the workload measures a time or a rate. Our subjects and the baselines have different colours.
 */
final class RatioChart {
    private static final int PANEL_W = 760;
    private static final int PANEL_H = 460;

    private RatioChart() {
    }

    /** Writes the PNG; returns false when there was nothing to draw. */
    static boolean write(Results results, Path png) throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        for (Row row : Row.values()) {
            CategoryChart c = panel(results, row);
            if (c != null) {
                panels.add(c);
            }
        }
        if (panels.isEmpty()) {
            return false;
        }
        int cols = Math.min(3, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D p = (Graphics2D) g.create((i % cols) * PANEL_W, (i / cols) * PANEL_H, PANEL_W, PANEL_H);
            panels.get(i).paint(p, PANEL_W, PANEL_H);
            p.dispose();
        }
        g.dispose();
        return ImageIO.write(img, "png", png.toFile());
    }

    private static CategoryChart panel(Results results, Row row) {
        Map<String, Figure> figures = results.row(row);
        String base = figures.containsKey(Results.C) ? Results.C : figures.containsKey(Results.LUA) ? Results.LUA : null;
        if (base == null || figures.size() < 2) {
            return null;
        }
        double b = figures.get(base).value();
        List<String> names = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> baselines = new ArrayList<>();
        for (String s : results.subjects()) {
            Figure f = figures.get(s);
            if (f == null) {
                continue;
            }
            double speed = row.speedup(f.value(), b);
            names.add(s);
            ours.add(Results.isBaseline(s) ? null : speed);
            baselines.add(Results.isBaseline(s) ? speed : null);
        }
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_W).height(PANEL_H)
                .title(row.title).yAxisTitle("× " + base + " speed (higher is better)").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(40);
        double max = 0;
        double min = Double.MAX_VALUE;
        List<Double> all = new ArrayList<>();
        for (String s : names) {
            double v = row.speedup(figures.get(s).value(), b);
            all.add(v);
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (max / min > 30) {
            // Ratios spanning more than 30x (epoll against poll over 10,000 sockets) read only on a log
            // scale; XChart's log axis refuses bar charts, so the bars show log10 of the ratio.
            List<Double> logs = new ArrayList<>();
            for (Double v : all) {
                logs.add(Math.log10(v));
            }
            chart.setYAxisTitle("log10(× " + base + " speed): 0 = " + base + ", 1 = 10× faster");
            chart.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4)});
            chart.addSeries("all subjects", names, logs);
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xa0a0a0)});
            chart.addSeries("mtcp (ours)", names, ours);
            chart.addSeries("baselines", names, baselines);
        }
        return chart;
    }
}
