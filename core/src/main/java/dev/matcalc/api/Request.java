package dev.matcalc.api;

import dev.matcalc.calculus.Layout;

import java.util.List;
import java.util.Map;

/**
 * What to derive: the expression, the variables, shape declarations ({@code "A" → "symmetric(n)"}),
 * the order, the layout, the output formats (text, pretty, latex, and code: numpy, pytorch, jax,
 * java), and optionally a point to evaluate at (variable →
 * number, array, or array of rows).
 */
public record Request(String expr, List<String> wrt, Map<String, String> let, int order, Layout layout,
                      List<String> formats, boolean steps, Map<String, Object> at) {
    public static final List<String> ALL_FORMATS = List.of("text", "pretty", "latex");

    public Request {
        wrt = wrt == null ? List.of() : List.copyOf(wrt);
        let = let == null ? Map.of() : Map.copyOf(let);
        order = order == 0 ? 1 : order;
        layout = layout == null ? Layout.NUMERATOR : layout;
        formats = formats == null || formats.isEmpty() ? ALL_FORMATS : List.copyOf(formats);
    }

    public static Request of(String expr, String... wrt) {
        return new Request(expr, List.of(wrt), Map.of(), 1, Layout.NUMERATOR, ALL_FORMATS, false, null);
    }
}
