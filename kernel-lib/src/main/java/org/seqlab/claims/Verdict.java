package org.seqlab.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqlab.display.HtmlRenderable;

/**
 * A claim's outcome with the evidence behind it: the effect (difference of means, a minus b, or
 * measured minus expected), its confidence interval at 1 - alpha, the test, its statistic and n.
 * In a notebook it shows as a small card whose element id is {@code claim-<id>}, so a report index
 * can link to it.
 *
 * @param n pairs for a paired test, the smaller group for Welch, 1 for an exact claim
 */
public record Verdict(Claim claim, Outcome outcome, double effect, double ciLow, double ciHigh, double statistic,
                      double df, double p, int n, String test, int nA, int nB, String note) implements HtmlRenderable {

    public enum Outcome {
        HELD("held", "#1a7f37"), DID_NOT_HOLD("did-not-hold", "#b3261e"), INCONCLUSIVE("inconclusive", "#8a6d00");

        private final String json;
        private final String colour;

        Outcome(String json, String colour) {
            this.json = json;
            this.colour = colour;
        }

        public String json() {
            return json;
        }
    }

    public boolean held() {
        return outcome == Outcome.HELD;
    }

    /** The entry of {@code reports/NAME.claims.json} (see {@link NotebookClaims}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = claim.describe();
        m.put("verdict", outcome.json());
        m.put("effect", effect);
        m.put("ci", Arrays.asList(ciLow, ciHigh));
        m.put("n", n);
        m.put("test", test);
        m.put("alpha", claim.alpha());
        m.put("margin", claim.direction() == Claim.Direction.EXACT ? claim.tolerance() : claim.margin());
        if (claim.direction() == Claim.Direction.EXACT) {
            m.put("measured", claim.measured());
            m.put("expected", claim.expected());
        } else {
            m.put("statistic", statistic);
            m.put("df", df);
            m.put("p", p);
        }
        if (claim.published() != null) {
            m.put("published", claim.published());
        }
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }

    /** One line of evidence: "effect +0.12 [0.05, 0.19], paired t(4) = 3.1, p = 0.03, n = 5". */
    public String evidence() {
        if (claim.direction() == Claim.Direction.EXACT) {
            return String.format(Locale.ROOT, "measured %s, expected %s, |difference| %s %s tolerance %s",
                    num(claim.measured()), num(claim.expected()), num(Math.abs(effect)),
                    Math.abs(effect) <= claim.tolerance() ? "<=" : ">", num(claim.tolerance()));
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s %s: effect %s [%s, %s] (%d%% CI)", claim.metric(),
                claim.direction() == Claim.Direction.HIGHER ? "higher" : "lower",
                signed(effect), num(ciLow), num(ciHigh), Math.round(100 * (1 - claim.alpha()))));
        if (!Double.isNaN(statistic)) {
            parts.add(String.format(Locale.ROOT, "%s(%s) = %s, p = %s", test.replace("-t", " t"), num(df), num(statistic), num(p)));
        } else {
            parts.add(test.replace("-t", " t"));
        }
        parts.add(test.equals("paired-t") ? "n = " + n + " pairs" : "n = " + nA + " vs " + nB);
        if (claim.margin() != 0) {
            parts.add("margin " + num(claim.margin()));
        }
        return String.join(", ", parts);
    }

    @Override
    public String toHtml() {
        String c = outcome.colour;
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"seqlab-claim seqlab-claim-").append(outcome.json()).append("\" id=\"claim-")
                .append(esc(claim.id())).append("\" style=\"border-left:5px solid ").append(c)
                .append(";padding:0.4em 0.8em;margin:0.5em 0;background:#fafafa\">")
                .append("<div><span style=\"color:").append(c).append(";font-weight:bold;text-transform:uppercase\">")
                .append(outcome.json().replace('-', ' ')).append("</span> &middot; ").append(esc(claim.statement()))
                .append("</div><div style=\"font-size:90%;color:#444\">");
        if (claim.compareJson() != null) {
            b.append(esc(claim.compareJson().get(0))).append(" vs ").append(esc(claim.compareJson().get(1))).append("; ");
        }
        b.append(esc(evidence())).append("</div><div style=\"font-size:80%;color:#666\">")
                .append(esc(claim.id()));
        if (!claim.source().isEmpty()) {
            b.append(" &middot; ").append(esc(claim.source()));
        }
        if (claim.published() != null) {
            b.append(" &middot; published: ").append(esc(claim.published()));
        }
        if (note != null) {
            b.append(" &middot; ").append(esc(note));
        }
        return b.append("</div></div>").toString();
    }

    @Override
    public String toString() {
        return outcome.json().toUpperCase(Locale.ROOT) + ": " + claim.statement() + " (" + evidence() + ")";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Four significant digits, integers as integers: the precision of the committed Markdown tables. */
    static String num4(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String signed(double v) {
        return v > 0 ? "+" + num(v) : num(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
