package dev.matcalc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Jackson mappers, built on first use: a short call that prints text never pays for them. */
final class Json {
    private Json() {
    }

    static ObjectMapper plain() {
        return Plain.MAPPER;
    }

    static ObjectMapper indented() {
        return Indented.MAPPER;
    }

    private static final class Plain {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final class Indented {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
