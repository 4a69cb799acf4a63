package dev.matcalc.problem.rows;

/**
 * How a subexpression's value depends on the table's rows (n of them), as {@link RowSeparation}
 * decides it. Row i of a {@link #ROWS} value depends on row i of the data alone, so a block of rows
 * gives the same block of the value; a {@link #REDUCED} value is a sum over rows, so it is the sum
 * of its values on the blocks.
 */
enum RowClass {
    /** Uses no table data (the variables, other parameters, constants). */
    FREE,
    /** First axis n, row i from data row i: {@code X}, {@code X*w}, {@code exp(y.*(X*w))}. */
    ROWS,
    /** The transpose of {@link #ROWS}, second axis n: {@code X'}, {@code y'}. */
    COLS,
    /** An n×n diagonal matrix whose entry i comes from row i: {@code eye(n)}, {@code diag(y)}. */
    DIAG,
    /** A sum over rows, linear in the per-row terms: {@code sum(...)}, {@code X'*v}, {@code norm2(r)^2}. */
    REDUCED,
    /** A function of sums over rows that is not linear in them: {@code sqrt(sum(r.^2))}, {@code log(sum(exp(u)))}. */
    OUTER;

    boolean local() {
        return this == ROWS || this == COLS || this == DIAG;
    }

    /** REDUCED, OUTER and FREE values can be combined on the driver. */
    boolean global() {
        return !local();
    }
}
