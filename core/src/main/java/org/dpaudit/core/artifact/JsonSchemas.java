package org.dpaudit.core.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dpaudit.core.io.EnumIds;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The JSON Schema (draft 2020-12) of an artifact kind at a schema version, made from its record as
 * {@link Json}'s mapper writes it: the properties Jackson finds (ignored accessors left out), enum
 * values as the version spells them (ids such as {@code "poisson"} from the versions that write
 * them, Java names such as {@code "POISSON"} before), non-finite numbers as the strings the mapper
 * writes ({@code "Infinity"}), {@code additionalProperties: false} because the reader refuses unknown
 * keys, and {@code kind} and {@code schemaVersion} fixed. The files in {@code docs/schemas/} are its
 * output, and a test fails when a record and its file disagree, so the published schema cannot drift
 * from the code.
 *
 * <p>What a schema does not say: which reference-typed properties a record's constructor requires
 * (only primitive-typed properties are {@code required}), and the cross-field checks the reader
 * makes (a ledger that matches its epsilon, a split that adds up). A file valid against its schema
 * can still be refused by {@link ArtifactSchema#read}, never the other way round.
 */
public final class JsonSchemas {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private final ObjectMapper mapper = Json.mapper();
  private final SerializationConfig config = mapper.getSerializationConfig();
  private final boolean javaNames;
  private final Map<String, ObjectNode> defs = new TreeMap<>();
  private final Map<String, Class<?>> named = new HashMap<>();

  private JsonSchemas(boolean javaNames) {
    this.javaNames = javaNames;
  }

  /** The file name of a schema: {@code run-v2.schema.json}. */
  public static String fileName(ArtifactSchema<?> s, int version) {
    return stem(s) + "-v" + version + ".schema.json";
  }

  /** {@code run}, {@code attack}, {@code inversion}, {@code audit}, {@code gate}, {@code membership}. */
  public static String stem(ArtifactSchema<?> s) {
    return s == ArtifactSchema.INVERSION ? "inversion" : s == ArtifactSchema.MEMBERSHIP ? "membership" : s.kind();
  }

  /** The privacy ledger's file name: {@code ledger-v2.schema.json}. */
  public static String ledgerFileName(int version) {
    return "ledger-v" + version + ".schema.json";
  }

  /** The oldest ledger layout read: 1 spelt the relation {@code "ADD_OR_REMOVE_ONE"}. */
  public static final int OLDEST_LEDGER_VERSION = 1;

  /**
   * The schema of {@code s} at {@code version} (from {@link ArtifactSchema#oldest()} to {@link
   * ArtifactSchema#current()}). Versions before the command-line enum ids ({@link
   * #firstVersionWithIds}) were written with Java names; later ones differ from the current one only
   * by optional fields added since, which their schema also allows.
   */
  public static ObjectNode of(ArtifactSchema<?> s, int version) {
    if (version < s.oldest() || version > s.current()) {
      throw new IllegalArgumentException(s.name() + " has no schema version " + version + " that this dpaudit reads");
    }
    return make(s.type(), s.name(), fileName(s, version), version, version < firstVersionWithIds(s), s.kind());
  }

  /**
   * The first schema version of {@code s} that spells enum values as on the command line
   * ({@code "poisson"}); the versions before it wrote Java names ({@code "POISSON"}).
   */
  static int firstVersionWithIds(ArtifactSchema<?> s) {
    if (s == ArtifactSchema.AUDIT) {
      return 3;
    }
    if (s == ArtifactSchema.MEMBERSHIP) {
      return 1;
    }
    return 2; // run, attack, inversion, gate
  }

  /**
   * The schema of the privacy ledger ({@link PrivacyLedger}) at {@code version}: it has no file of
   * its own but a layout version of its own, inside {@code run.json} ({@code privacy.ledger}) and
   * every checkpoint; version 1 spelt the neighbouring relation as a Java name.
   */
  public static ObjectNode ledger(int version) {
    if (version < OLDEST_LEDGER_VERSION || version > PrivacyLedger.SCHEMA_VERSION) {
      throw new IllegalArgumentException("the privacy ledger has no schema version " + version + " that this dpaudit "
          + "reads");
    }
    return make(PrivacyLedger.class, "privacy ledger (run.json's privacy.ledger, checkpoints)",
        ledgerFileName(version), version, version < PrivacyLedger.SCHEMA_VERSION, null);
  }

  private static ObjectNode make(Class<?> type, String title, String file, int version, boolean javaNames,
      String kind) {
    JsonSchemas g = new JsonSchemas(javaNames);
    ObjectNode body = g.objectSchema(g.mapper.constructType(type));
    ObjectNode props = (ObjectNode) body.get("properties");
    if (props == null || !props.has("schemaVersion") || (kind != null && !props.has("kind"))) {
      throw new IllegalStateException(type.getSimpleName() + " has no schemaVersion" + (kind == null ? "" : " and kind"));
    }
    props.set("schemaVersion", F.objectNode().put("const", version));
    if (kind != null) {
      props.set("kind", F.objectNode().put("const", kind));
    }
    ArrayNode required = (ArrayNode) body.get("required");
    List<String> req = new ArrayList<>();
    required.forEach(n -> req.add(n.asText()));
    for (String k : kind == null ? List.of("schemaVersion") : List.of("kind", "schemaVersion")) {
      if (!req.contains(k)) {
        required.add(k);
      }
    }
    ObjectNode root = F.objectNode();
    root.put("$schema", DIALECT);
    root.put("$id", "urn:dpaudit:schema:" + file.replace(".schema.json", ""));
    root.put("title", title + ", schema version " + version);
    root.put("description", "Generated from " + type.getName() + " by org.dpaudit.core.artifact.JsonSchemas; "
        + (javaNames ? "an older version, enum values as Java names (\"POISSON\")."
            : "enum values as on the command line (\"poisson\")."));
    root.setAll(body);
    ObjectNode d = root.putObject("$defs");
    d.set("number", F.objectNode().set("anyOf", F.arrayNode().add(F.objectNode().put("type", "number"))
        .add(F.objectNode().set("enum", F.arrayNode().add("Infinity").add("-Infinity").add("NaN")))));
    g.defs.forEach(d::set);
    return root;
  }

  private ObjectNode ref(String name) {
    return F.objectNode().put("$ref", "#/$defs/" + name);
  }

  /** The schema of a value of type {@code t}. */
  private ObjectNode schema(JavaType t) {
    Class<?> c = t.getRawClass();
    if (c == boolean.class || c == Boolean.class) {
      return F.objectNode().put("type", "boolean");
    }
    if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
        || c == Long.class || c == Short.class || c == Byte.class) {
      return F.objectNode().put("type", "integer");
    }
    if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      return ref("number");
    }
    if (c == String.class || c == Path.class || CharSequence.class.isAssignableFrom(c)) {
      return F.objectNode().put("type", "string");
    }
    if (c == Instant.class) {
      return F.objectNode().put("type", "string").put("format", "date-time");
    }
    if (c == Duration.class) {
      return F.objectNode().put("type", "number"); // seconds (WRITE_DURATIONS_AS_TIMESTAMPS)
    }
    if (c.isEnum()) {
      return enumSchema(t);
    }
    if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
      return F.objectNode(); // any JSON (a configuration stored as written)
    }
    if (c == Optional.class) {
      return schema(t.containedType(0));
    }
    if (t.isArrayType() || t.isCollectionLikeType()) {
      ObjectNode a = F.objectNode().put("type", "array");
      a.set("items", schema(t.getContentType()));
      return a;
    }
    if (t.isMapLikeType()) {
      ObjectNode m = F.objectNode().put("type", "object");
      m.set("additionalProperties", schema(t.getContentType()));
      return m;
    }
    String name = defName(c);
    if (!defs.containsKey(name)) {
      defs.put(name, F.objectNode()); // placeholder: a type may contain itself (a composed event)
      JsonSubTypes sub = c.getAnnotation(JsonSubTypes.class);
      JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
      if (sub != null && info != null) {
        ArrayNode any = F.arrayNode();
        for (JsonSubTypes.Type st : sub.value()) {
          ObjectNode s = objectSchema(mapper.constructType(st.value()));
          ((ObjectNode) s.get("properties")).set(info.property(), F.objectNode().put("const", st.name()));
          ((ArrayNode) s.get("required")).insert(0, info.property());
          String sn = defName(st.value());
          defs.put(sn, s);
          any.add(ref(sn));
        }
        defs.put(name, (ObjectNode) F.objectNode().set("anyOf", any));
      } else {
        defs.put(name, objectSchema(t));
      }
    }
    return ref(name);
  }

  /** An enum: the values its {@code @JsonValue} gives, else the ids or Java names of its constants. */
  private ObjectNode enumSchema(JavaType t) {
    BeanDescription d = config.introspect(t);
    AnnotatedMember value = d.findJsonValueAccessor();
    ArrayNode values = F.arrayNode();
    for (Object e : t.getRawClass().getEnumConstants()) {
      if (value != null) {
        values.add(String.valueOf(value.getValue(e)));
      } else {
        values.add(javaNames ? ((Enum<?>) e).name() : EnumIds.id((Enum<?>) e));
      }
    }
    return (ObjectNode) F.objectNode().set("enum", values);
  }

  /** A record or bean: its properties as the mapper writes them. */
  private ObjectNode objectSchema(JavaType t) {
    BeanDescription d = config.introspect(t);
    JsonInclude.Value classInclusion = d.findPropertyInclusion(JsonInclude.Value.empty());
    ObjectNode props = F.objectNode();
    ArrayNode required = F.arrayNode();
    for (BeanPropertyDefinition p : d.findProperties()) {
      if (!p.couldSerialize() || p.getAccessor() == null) {
        continue;
      }
      JavaType pt = p.getAccessor().getType();
      ObjectNode s = schema(pt);
      if (pt.isPrimitive()) {
        required.add(p.getName());
      } else {
        JsonInclude.Value inc = classInclusion.withOverrides(p.findInclusion());
        if (inc.getValueInclusion() == JsonInclude.Include.ALWAYS
            || inc.getValueInclusion() == JsonInclude.Include.USE_DEFAULTS) {
          s = (ObjectNode) F.objectNode().set("anyOf", F.arrayNode().add(s).add(F.objectNode().put("type", "null")));
        }
      }
      props.set(p.getName(), s);
    }
    ObjectNode o = F.objectNode().put("type", "object");
    o.set("properties", props);
    o.set("required", required);
    o.put("additionalProperties", false);
    return o;
  }

  /** {@code RunRecord}, {@code DpEvent.Gaussian}: the class's name inside its package, unique in one schema. */
  private String defName(Class<?> c) {
    String pkg = c.getPackageName();
    String name = c.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1).replace('$', '.');
    Class<?> before = named.putIfAbsent(name, c);
    if (before != null && before != c) {
      return c.getName().replace('$', '.');
    }
    return name;
  }
}
