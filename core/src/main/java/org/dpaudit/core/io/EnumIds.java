package org.dpaudit.core.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Enum constants in JSON as users type them on the command line: {@code SamplerKind.POISSON} is
 * {@code "poisson"}, {@code BoundMethod.CLOPPER_PEARSON} is {@code "clopper-pearson"}. A file then
 * reads the way a command was given, and a value copied from one into the other works.
 *
 * <p>Reading accepts the id and the constant's Java name ({@code "POISSON"}): artifacts written
 * before this convention (run.json schema 1, attack and gate schema 1, audit.json schema 2) spelled
 * constants that way, and they must keep loading. Anything else is an error that lists the ids.
 * Enums that choose their own JSON form ({@link JsonValue}, {@link JsonCreator}) keep it.
 */
public final class EnumIds {
  private EnumIds() {}

  /** The id of {@code e}: its name in lower case, {@code _} as {@code -}. */
  public static String id(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} whose id or Java name is {@code text}, or null. */
  public static <E extends Enum<E>> E parse(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (id(e).equals(text) || e.name().equals(text)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Whether two strings read from JSON trees are one enum constant in its two spellings, the Java
   * name of an older schema ({@code "POISSON"}) and the id ({@code "poisson"}): comparisons of
   * untyped trees (a configuration as written, a checkpoint's fingerprint) must not call that a
   * difference.
   */
  public static boolean sameConstant(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String constant = a.matches("[A-Z][A-Z0-9_]*") ? a : b.matches("[A-Z][A-Z0-9_]*") ? b : null;
    if (constant == null) {
      return false;
    }
    String other = constant.equals(a) ? b : a;
    return other.equals(constant.toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** The ids of {@code type}'s constants, comma-separated. */
  public static String ids(Class<?> type) {
    return Arrays.stream(type.getEnumConstants()).map(c -> id((Enum<?>) c)).collect(Collectors.joining(", "));
  }

  /** The Jackson module that writes and reads enums by id. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("dpaudit-enum-ids");
    m.setSerializerModifier(new BeanSerializerModifier() {
      @Override
      public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType type, BeanDescription bean,
          JsonSerializer<?> standard) {
        return ownForm(bean) ? standard : new Writer(type.getRawClass());
      }
    });
    m.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
          BeanDescription bean, JsonDeserializer<?> standard) {
        return ownForm(bean) ? standard : new Reader(type.getRawClass());
      }
    });
    return m;
  }

  /** Whether the enum declares its own JSON form. */
  private static boolean ownForm(BeanDescription bean) {
    AnnotatedMember value = bean.findJsonValueAccessor();
    return value != null || !bean.getFactoryMethods().stream()
        .filter(f -> f.hasAnnotation(JsonCreator.class)).toList().isEmpty();
  }

  private static final class Writer extends StdSerializer<Object> {
    Writer(Class<?> type) {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(id((Enum<?>) value));
    }
  }

  private static final class Reader extends StdDeserializer<Object> {
    private final Class<?> type;

    Reader(Class<?> type) {
      super(type);
      this.type = type;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return ctx.handleUnexpectedToken(type, p);
      }
      String text = p.getText();
      Object e = parse((Class) type, text);
      if (e == null) {
        return ctx.handleWeirdStringValue(type, text, "not one of %s", ids(type));
      }
      return e;
    }
  }
}
