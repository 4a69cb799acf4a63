package dev.matcalc.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files written by NumPy itself ({@code /usr/bin/python3}, skipped where it has no numpy): every
 * dtype matcalc reads, both byte orders, C and Fortran order, 0-d to 2-d, compared entry by entry
 * with the values NumPy prints. The committed fixtures ({@link NpyReaderTest}) cover the reader
 * where Python is missing.
 */
class NumpyWrittenFilesTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = """
            import json, sys
            import numpy as np
            out = sys.argv[1]
            rng = np.random.default_rng(7)
            dtypes = ['<f8', '>f8', '<f4', '>f4', '<f2', '<i8', '>i8', '<i4', '>i4', '<i2', '|i1',
                      '<u8', '<u4', '<u2', '|u1', '|b1']
            shapes = [(), (5,), (1,), (3, 4), (4, 1), (1, 3), (6, 5)]
            expected = {}
            k = 0
            for dt in dtypes:
                for shape in shapes:
                    for order in ['C', 'F']:
                        if dt.endswith('b1'):
                            a = rng.integers(0, 2, size=shape).astype(bool)
                        elif dt[1] in 'iu':
                            info = np.iinfo(np.dtype(dt))
                            a = rng.integers(max(info.min, -1000), min(info.max, 1000), size=shape, endpoint=True)
                        else:
                            a = rng.normal(size=shape) * 100
                        a = np.array(a, dtype=np.dtype(dt), order=order)
                        name = f'a{k}.npy'
                        k += 1
                        np.save(f'{out}/{name}', a)
                        kind = ['scalar', 'vector', 'matrix'][a.ndim]
                        expected[name] = {'dtype': dt, 'order': order, 'kind': kind,
                                          'rows': a.shape[0] if a.ndim else 1, 'cols': a.shape[1] if a.ndim == 2 else 1,
                                          'rowMajor': a.astype(np.float64).ravel(order='C').tolist()}
            json.dump(expected, open(f'{out}/expected.json', 'w'))
            """;

    @Test
    void everyDtypeOrderAndRankReadsAsNumpyWroteIt(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path script = dir.resolve("write.py");
        Files.writeString(script, SCRIPT);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = new String(p.getInputStream().readAllBytes());
        assumeTrue(!log.contains("No module named 'numpy'"), "no numpy for /usr/bin/python3");
        assertThat(p.exitValue()).as(log).isZero();

        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            String file = e.getKey();
            JsonNode want = e.getValue();
            String what = file + " " + want.get("dtype").asText() + " order " + want.get("order").asText();
            DataValue v = DataSource.parse("v=" + file, dir).get("v");
            assertThat(v.kind().name().toLowerCase()).as(what).isEqualTo(want.get("kind").asText());
            assertThat(v.matrix().numRows).as(what).isEqualTo(want.get("rows").asInt());
            assertThat(v.matrix().numCols).as(what).isEqualTo(want.get("cols").asInt());
            double[] rowMajor = new double[want.get("rowMajor").size()];
            for (int i = 0; i < rowMajor.length; i++) rowMajor[i] = want.get("rowMajor").get(i).asDouble();
            double[] got = java.util.Arrays.copyOf(v.matrix().data, v.matrix().getNumElements());
            assertThat(got).as(what).containsExactly(rowMajor);
            checked.add(file);
        }
        assertThat(checked).hasSize(16 * 7 * 2);
    }
}
