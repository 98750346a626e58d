package org.dpaudit.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Json() {}

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

  /** Parses {@code text} as {@code type}; a malformed text is an {@link ArtifactException}. */
  public static <T> T read(String text, Class<T> type, String what) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new ArtifactException(what + " is not valid " + type.getSimpleName() + " JSON: "
          + e.getOriginalMessage());
    }
  }

  /** Reads {@code file} as {@code type}, with a one-line error naming the file. */
  public static <T> T read(Path file, Class<T> type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ArtifactException(file + ": no such file");
    } catch (IOException e) {
      throw new ArtifactException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return read(text, type, file.toString());
  }

  /** Writes {@code value} to {@code file} atomically. */
  public static void writeFile(Path file, Object value) {
    AtomicFiles.writeString(file, write(value));
  }
}
