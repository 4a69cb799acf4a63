package dev.matcalc.numeric;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Jackson's parse errors told in matcalc's words: the place and the mistake, none of Jackson's internals. */
class JsonMessagesTest {
    private static String describe(String json) {
        try {
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            return JsonMessages.describe(e);
        }
        return fail("no error for " + json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"x\": [1, 2              | line 1, column 12: the input ends before the array opened at line 1, column 7 is closed by ']'",
            "{\"x\": 1                  | line 1, column 8: the input ends before the object opened at line 1, column 1 is closed by '}'",
            "{'x': 1}                  | line 1, column 2: names are written in double quotes (\"x\"), not single ones",
            "{\"x\": [1, 2],}           | line 1, column 14: expected a name in double quotes (\"x\"), found '}' (a trailing comma?)",
            "{\"x\": [1 2]}             | line 1, column 10: expected ',' or ']' in an array, found '2'",
            "{\"x\": 1 \"y\": 2}         | line 1, column 9: expected ',' or '}' in an object, found '\"'",
            "{\"x\" 1}                  | line 1, column 6: expected ':' after a name, found '1'",
            "{\"x\": nan}               | line 1, column 7: 'nan' is not a JSON value (a number, an array [..], an object {..}, true, false or null)",
            "{\"x\": 1, \"x\": 2}         | line 1, column 13: 'x' is given twice",
            "{\"x\": 1} 2               | line 1, column 10: more text after the end of the JSON value",
    })
    void tellsWhereAndWhat(String json, String expected) {
        String message = describe(json.strip());
        assertThat(message).isEqualTo(expected);
        assertThat(message).doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("code ").doesNotContain("marker");
    }
}
