package org.dpaudit.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import org.dpaudit.core.ArtifactException;

/**
 * The one {@link ObjectMapper} every artifact is written and read with.
 *
 * <p>Records go to JSON and back with no hand-written (de)serialisers. Output is indented with map
 * keys sorted, so two artifacts can be diffed by eye; unknown properties fail on read, so a
 * mismatched artifact is an error rather than silently half-read. Durations are written as seconds,
 * instants as ISO-8601 text. Infinite doubles (a non-private epsilon) are written as the string
 * {@code "Infinity"} and read back as infinity.
 *
 * <p>Reading is strict, because every JSON dpaudit reads (run directories, policies, presets) may
 * have been edited by hand: a duplicate key (which value would count?), anything after the value, a
 * string where a number belongs ({@code "max": "3"}), a fraction where an integer belongs, a number
 * for a boolean or an enum, are errors that name the file and the key ({@link JsonErrors}). The one
 * string a number may be is a non-finite value ({@code "Infinity"}, {@code "-Infinity"},
 * {@code "NaN"}), the form this mapper writes them in.
 *
 * <p>Enum constants are written as the command line spells them ({@code poisson}, {@code
 * clopper-pearson}: {@link EnumIds}) and read in that form or as the constant's Java name, the form
 * artifacts of earlier schema versions hold.
 */
public final class Json {
  private static final ObjectMapper MAPPER = strict(
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .addModule(EnumIds.module())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build());

  private Json() {}

  /** No scalar becomes another kind of scalar on the way in (a string is never a number, a number never text). */
  private static ObjectMapper strict(JsonMapper m) {
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    for (CoercionInputShape s : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean}) {
      m.coercionConfigFor(LogicalType.Textual).setCoercion(s, CoercionAction.Fail);
    }
    return m;
  }

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as indented JSON text, ending in a newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * {@code value} as a JSON tree (e.g. a config record stored inside provenance), built by writing
   * and parsing the text, so its number nodes are the ones a reader will get back (a {@code long}
   * 0 reads back as an int node; trees compare node types).
   */
  public static JsonNode toTree(Object value) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses {@code text} as {@code type}; malformed or lenient text is an {@link ArtifactException}
   * naming {@code what} (the file) and the key.
   */
  public static <T> T read(String text, Class<T> type, String what) {
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new ArtifactException(what + " is empty (JSON null)");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ArtifactException(what + " is not valid " + type.getSimpleName() + " JSON: " + JsonErrors.describe(e));
    }
  }

  /** Parses {@code text} as a JSON tree, as strictly as {@link #read(String, Class, String)}. */
  public static JsonNode readTree(String text, String what) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ArtifactException(what + " is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ArtifactException(what + " is not valid JSON: " + JsonErrors.describe(e));
    }
  }

  /** Reads {@code file} as {@code type}, with a one-line error naming the file. */
  public static <T> T read(Path file, Class<T> type) {
    return read(readString(file), type, file.toString());
  }

  /** Reads {@code file} as a JSON tree, with a one-line error naming the file. */
  public static JsonNode readTree(Path file) {
    return readTree(readString(file), file.toString());
  }

  /** An artifact's text; a missing or unreadable artifact is an {@link ArtifactException}. */
  public static String readString(Path file) {
    try {
      return InputFiles.readString(file, InputFiles.MAX_JSON_BYTES);
    } catch (org.dpaudit.core.InvalidInputException e) {
      throw new ArtifactException(e.getMessage(), e);
    }
  }

  /** Writes {@code value} to {@code file} atomically. */
  public static void writeFile(Path file, Object value) {
    AtomicFiles.writeString(file, write(value));
  }
}
