package org.dpaudit.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/**
 * Jackson's errors as one line a user can act on: what is wrong, at which key, on which line.
 *
 * <p>Jackson's own messages name Java types and continue over several lines ("Cannot coerce String
 * value ("3") to `java.lang.Double` value (but might if coercion using `CoercionConfig` was enabled)
 * ... at [Source: ...]"); the user edited a JSON file and needs the key and the line.
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** {@code e} as "problem at key (line n)". */
  public static String describe(JsonProcessingException e) {
    String where = where(e);
    return problem(e) + (where.isEmpty() ? "" : " at " + where) + line(e);
  }

  /** The key path of the error, e.g. {@code accountantEpsilon.max} or {@code auc[1].attack}; empty at the top. */
  public static String where(JsonProcessingException e) {
    if (!(e instanceof DatabindException d) || !(d instanceof JsonMappingException m)) {
      return "";
    }
    return m.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "")
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String problem(JsonProcessingException e) {
    String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (raw.startsWith("Duplicate field")) {
      return "duplicate key " + raw.substring("Duplicate field ".length()).strip();
    }
    if (raw.startsWith("Trailing token")) {
      return "unexpected content after the end of the JSON value";
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '" + u.getPropertyName() + "'";
    }
    if (e instanceof InvalidFormatException f) {
      return "wrong type of value " + quoted(f.getValue()) + " (expected " + expected(f.getTargetType()) + ")";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      if (raw.startsWith("Cannot coerce") || raw.startsWith("Cannot deserialize")) {
        return "wrong type of value (expected " + expected(m.getTargetType()) + ")";
      }
    }
    return firstLine(raw);
  }

  private static String quoted(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static String expected(Class<?> t) {
    if (t == null) {
      return "another type";
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return "a number";
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) {
      return "an integer";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t.isEnum()) {
      return "one of " + EnumIds.ids(t);
    }
    if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String firstLine(String s) {
    String t = s.lines().findFirst().orElse("").strip();
    int at = t.indexOf(" at [Source");
    return at >= 0 ? t.substring(0, at) : t;
  }
}
