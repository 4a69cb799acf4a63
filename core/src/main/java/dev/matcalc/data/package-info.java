/**
 * Data input: values for an expression's parameters read from files and command-line bindings,
 * each with its kind.
 *
 * <p><b>API.</b> {@link dev.matcalc.data.DataSource#parse(String, java.nio.file.Path)} reads one
 * binding as {@code --data} writes it and returns {@code Map<String, DataValue>};
 * {@link dev.matcalc.data.DataSource#parseAll} reads several and refuses a name bound twice.
 * <pre>{@code
 * Map<String, DataValue> data = DataSource.parseAll(List.of("X=X.csv", "y=y.npy", "lam=0.1"), baseDir);
 * Expression f = MatCalc.parse("norm2(X*w - y)^2 + lam*w'*w", lets, DataValue.shapes(data));
 * Map<String, Object> at = new HashMap<>(data);          // DataValues evaluate as they are
 * at.put("w", new double[]{0.5, -0.25});
 * f.derivative("w").evaluate(at);
 * }</pre>
 * A binding is {@code NAME=SOURCE} or a bare {@code FILE.json}. SOURCE's extension chooses the
 * reader, in one switch ({@code DataSource.read}):
 * <ul>
 *   <li>{@code .csv} ({@link dev.matcalc.data.CsvReader}): a matrix row per line, commas (or
 *       spaces when the first line has no comma), a first line of names skipped, {@code #}
 *       comments and blank lines skipped. One column or one row is a vector, one number a scalar.</li>
 *   <li>{@code .npy} ({@link dev.matcalc.data.NpyReader}): NumPy's format, versions 1 to 3,
 *       float64/32/16, int8 to int64, uint8 to uint64 and bool, either byte order, C or Fortran
 *       order; 0-d is a scalar, 1-d a vector, 2-d a matrix (also n×1).</li>
 *   <li>{@code .json}: the {@code --at} format, read by {@link dev.matcalc.numeric.Values} (the one
 *       JSON value reader); {@code NAME=FILE.json} takes a bare value or the file's entry NAME, a
 *       bare {@code FILE.json} binds every name in it.</li>
 *   <li>anything else: an inline JSON value, {@code lam=0.5}, {@code a=[1,2]}, {@code A=[[1,2],[3,4]]}.</li>
 * </ul>
 * Relative file names are read from the base directory given. A binding reads any file its
 * user may read: it is meant for the command line, not for requests from others (the web API
 * takes inline values only, through {@link dev.matcalc.data.JsonValues}).
 *
 * <p><b>Kinds.</b> Inside the engine every value is an EJML {@code DMatrixRMaj}, where a 1×1
 * matrix cannot tell a scalar from a vector of length 1 (or a 3×1 matrix from a 3-vector). A
 * {@link dev.matcalc.data.DataValue} keeps the kind the data was written in next to the numbers,
 * and {@link dev.matcalc.shapes.ValueShape} carries it to the typer: a value's kind decides the
 * kind of a variable that is not declared, before usage and the letter convention ({@code lam}
 * given 0.5 is a scalar although {@code l} is a vector letter); its sizes bind dimensions; a value
 * of another kind than a declaration is an error naming the variable, the declaration and the
 * value. {@code diff --at}, the web API's {@code at} and {@link dev.matcalc.MatCalc#parse(String,
 * java.util.Map, java.util.Map)} type this way.
 *
 * <p><b>Tables.</b> {@code --table PATH} ({@link dev.matcalc.data.TableSource}): a CSV file with a
 * header row, or a directory of such parts, read by {@link dev.matcalc.data.CsvTable}; names bind
 * to columns ({@link dev.matcalc.data.ColumnBinding}: {@code y=label}, {@code X=x1:x20});
 * {@link dev.matcalc.data.TableLayout} resolves them against the header and parses a line, with
 * the same messages here and on a cluster's executors ({@code file:line:column: ... (column x3)}).
 * A LIBSVM table ({@code .libsvm}, {@code .svm}; {@link dev.matcalc.data.LibsvmFormat}) has two
 * columns, {@code label} and {@code features}, the features sparse (read into blocks by
 * {@code dev.matcalc.problem.rows.LibsvmRows}, never a dense matrix).
 *
 * <p><b>Errors.</b> Every bad input is a {@link dev.matcalc.syntax.SourceError} (exit code 2 on
 * the command line) that names the binding or the file: a missing or unreadable file; a
 * non-number, NaN or infinity (CSV: {@code file:line:column}; NPY: the entry's row and column;
 * JSON: the entry, {@code x[2]}); rows of different widths (both lines and widths); an
 * unsupported NPY dtype, more than two axes, an empty array, a truncated file or bytes past the
 * data; a malformed inline value; a name that is not an identifier or is a function's; a name
 * bound twice. A reader returns only once everything is read, so nothing is ever half-bound.
 * A value read from a file is limited to {@link dev.matcalc.numeric.Values#MAX_FILE_ENTRIES}
 * entries (an inline or JSON value to {@link dev.matcalc.numeric.Values#MAX_ENTRIES}), checked
 * before it is allocated.
 */
package dev.matcalc.data;
