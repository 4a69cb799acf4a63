package dev.matcalc.render;

import dev.matcalc.expr.Expr;

/** The three renderings by name: {@code Render.text(e)}, {@code Render.pretty(e)}, {@code Render.latex(e)}. */
public final class Render {
    private static final TextRenderer TEXT = new TextRenderer();
    private static final PrettyRenderer PRETTY = new PrettyRenderer();
    private static final LatexRenderer LATEX = new LatexRenderer();

    private Render() { }

    public static String text(Expr e) {
        return TEXT.render(e);
    }

    public static String pretty(Expr e) {
        return PRETTY.render(e);
    }

    public static String latex(Expr e) {
        return LATEX.render(e);
    }
}
