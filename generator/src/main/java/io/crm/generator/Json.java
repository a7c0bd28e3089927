package io.crm.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes maps, lists, strings, numbers and booleans as indented JSON (for _truth.json). */
final class Json {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull()))
          .writerWithDefaultPrettyPrinter();

  private Json() {}

  static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A share of nothing (0 / 0) is unknown: null rather than JSON's missing NaN. */
  private static final class FiniteOrNull extends StdSerializer<Double> {
    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider provider) throws IOException {
      if (v.isNaN() || v.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
  }
}
