package dev.matcalc.render;

import dev.matcalc.expr.Var;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable names for reading: Greek names become letters ({@code alpha} → α, {@code \alpha}),
 * a trailing number or an underscore part becomes a subscript in LaTeX ({@code A1} →
 * {@code A_{1}}, {@code x_train} → {@code x_{\mathrm{train}}}), and a differential {@code dx}
 * becomes {@code \mathrm{d}x}.
 */
final class Names {
    private Names() { }

    private static final Map<String, String> GREEK = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
            Map.entry("iota", "ι"), Map.entry("kappa", "κ"), Map.entry("lambda", "λ"), Map.entry("mu", "μ"),
            Map.entry("nu", "ν"), Map.entry("xi", "ξ"), Map.entry("pi", "π"), Map.entry("rho", "ρ"),
            Map.entry("sigma", "σ"), Map.entry("tau", "τ"), Map.entry("upsilon", "υ"), Map.entry("phi", "φ"),
            Map.entry("chi", "χ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"),
            Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"),
            Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"), Map.entry("Sigma", "Σ"), Map.entry("Upsilon", "Υ"),
            Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"), Map.entry("Omega", "Ω"));

    /** {@code base} then digits, as in {@code A1} or {@code theta12}. */
    private static final Pattern TRAILING_DIGITS = Pattern.compile("(.*?[^0-9])([0-9]+)");

    static String unicode(Var v) {
        return GREEK.getOrDefault(v.name(), v.name());
    }

    static String latex(Var v) {
        String name = v.name();
        String prefix = "";
        if (v.isDifferential() && name.length() > 1 && name.startsWith("d")) {
            prefix = "\\mathrm{d}";
            name = name.substring(1);
        }
        String base = name;
        String sub = null;
        int underscore = name.indexOf('_');
        Matcher digits = TRAILING_DIGITS.matcher(name);
        if (underscore > 0 && underscore < name.length() - 1) {
            base = name.substring(0, underscore);
            sub = name.substring(underscore + 1);
        } else if (digits.matches()) {
            base = digits.group(1);
            sub = digits.group(2);
        }
        return prefix + latexWord(base, false) + (sub == null ? "" : "_{" + latexWord(sub, true) + "}");
    }

    /** One letter or a number as is; longer words upright in subscripts, italic as a name (so {@code xy} is not x·y). */
    private static String latexWord(String w, boolean subscript) {
        if (GREEK.containsKey(w)) return "\\" + w;
        if (w.length() == 1 || w.chars().allMatch(Character::isDigit)) return w;
        return (subscript ? "\\mathrm{" : "\\mathit{") + w.replace("_", "\\_") + "}";
    }
}
