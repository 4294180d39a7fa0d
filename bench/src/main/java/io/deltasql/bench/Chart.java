package io.deltasql.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * The latency-against-table-size chart: one panel per catalog, log-log axes, one line per series
 * (blue shades for deltasql, orange for Kernel; solid for the file list, dashed for metadata).
 */
final class Chart {
    private static final int PANEL_W = 620;
    private static final int H = 460;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 150;

    private Chart() {}

    static void write(List<Report.Point> points, Path png) throws Exception {
        Map<String, List<Report.Point>> byCatalog = new LinkedHashMap<>();
        for (Report.Point p : points) {
            byCatalog.computeIfAbsent(p.catalog(), k -> new ArrayList<>()).add(p);
        }
        int panels = Math.max(1, byCatalog.size());
        BufferedImage img = new BufferedImage(PANEL_W * panels, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), H);
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Report.Point p : points) {
            minX = Math.min(minX, p.files());
            maxX = Math.max(maxX, p.files());
            minY = Math.min(minY, Math.max(p.ms(), 1e-3));
            maxY = Math.max(maxY, p.ms());
        }
        double lx0 = Math.floor(Math.log10(Math.max(1, minX)));
        double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(Math.max(1, maxX))));
        double ly0 = Math.floor(Math.log10(Math.max(1e-3, minY)));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(Math.max(1e-3, maxY))));
        int panel = 0;
        for (Map.Entry<String, List<Report.Point>> e : byCatalog.entrySet()) {
            drawPanel(g, panel++ * PANEL_W, e.getKey(), e.getValue(), lx0, lx1, ly0, ly1);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void drawPanel(
            Graphics2D g,
            int x0,
            String title,
            List<Report.Point> points,
            double lx0,
            double lx1,
            double ly0,
            double ly1) {
        int w = PANEL_W - LEFT - RIGHT;
        int h = H - TOP - BOTTOM;
        int ox = x0 + LEFT;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Latency vs active files — " + title + " catalog (median, log-log)", x0 + 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double d = lx0; d <= lx1 + 1e-9; d++) {
            int x = ox + (int) ((d - lx0) / (lx1 - lx0) * w);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP, x, TOP + h);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(Math.pow(10, d)), x - 12, TOP + h + 15);
        }
        for (double d = ly0; d <= ly1 + 1e-9; d++) {
            int y = TOP + h - (int) ((d - ly0) / (ly1 - ly0) * h);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(ox, y, ox + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(msLabel(Math.pow(10, d)), x0 + 8, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(ox, TOP, w, h);
        g.drawString("active files", ox + w / 2 - 30, TOP + h + 30);
        Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
        for (Report.Point p : points) {
            series.computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.files(), p.ms());
        }
        int legendY = TOP + h + 50;
        int i = 0;
        for (Map.Entry<String, TreeMap<Long, Double>> s : series.entrySet()) {
            g.setColor(color(s.getKey()));
            Stroke stroke = s.getKey().startsWith("metadata")
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f);
            g.setStroke(stroke);
            int px = -1;
            int py = -1;
            for (Map.Entry<Long, Double> p : s.getValue().entrySet()) {
                int x = ox + (int) ((Math.log10(p.getKey()) - lx0) / (lx1 - lx0) * w);
                int y = TOP + h - (int) ((Math.log10(Math.max(p.getValue(), 1e-3)) - ly0) / (ly1 - ly0) * h);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int lx = x0 + 20 + (i % 2) * 290;
            int ly = legendY + (i / 2) * 18;
            g.drawLine(lx, ly - 4, lx + 30, ly - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), lx + 36, ly);
            i++;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static Color color(String series) {
        boolean kernel = series.contains("Kernel");
        if (kernel) {
            return series.startsWith("metadata") ? new Color(230, 150, 40) : new Color(200, 90, 0);
        }
        boolean warm = series.contains("warm");
        if (series.startsWith("metadata")) {
            return warm ? new Color(90, 170, 90) : new Color(100, 140, 220);
        }
        return warm ? new Color(20, 120, 40) : new Color(20, 60, 170);
    }

    private static String label(double files) {
        if (files >= 1e6) {
            return Fmt.num(files / 1e6) + "M";
        }
        if (files >= 1e3) {
            return Fmt.num(files / 1e3) + "k";
        }
        return Fmt.num(files);
    }

    private static String msLabel(double ms) {
        return ms >= 1000 ? Fmt.num(ms / 1000) + " s" : Fmt.num(ms) + " ms";
    }
}
