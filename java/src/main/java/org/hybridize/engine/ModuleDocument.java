package org.hybridize.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.hybridize.wala.cast.PyModuleEntry;

/**
 * Reads one compact module document (schema in {@code hybridize/bridge/serialize.py}) as a
 * stream, expanding each node array into the JSON object the translator reads: {@code "_"} the
 * class name, {@code "l" "c" "el" "ec"} the position, then one key per field.
 */
final class ModuleDocument {
  /** The module document schema this build reads. */
  static final int SCHEMA_VERSION = 3;

  private record Layout(String type, boolean positioned, String[] fields) {}

  private static final String[] POSITION_KEYS = {"l", "c", "el", "ec"};

  private final JsonReader in;
  private final List<Layout> layouts = new ArrayList<>();

  private ModuleDocument(String json) {
    this.in = new JsonReader(new StringReader(json));
  }

  static PyModuleEntry read(String json) {
    try {
      return new ModuleDocument(json).module();
    } catch (IOException | IllegalStateException | NumberFormatException | JsonParseException e) {
      throw new IllegalArgumentException("malformed module document: " + e.getMessage(), e);
    }
  }

  private PyModuleEntry module() throws IOException {
    String file = null;
    String module = null;
    boolean isPackage = false;
    JsonObject ast = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "v" -> {
          int version = in.nextInt();
          if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported AST schema version " + version);
          }
        }
        case "file" -> file = in.nextString();
        case "module" -> module = in.nextString();
        case "package" -> isPackage = in.nextBoolean();
        case "classes" -> readLayouts();
        case "ast" -> ast = value().getAsJsonObject();
        default -> in.skipValue();
      }
    }
    in.endObject();
    if (file == null || module == null || ast == null) {
      throw new IllegalArgumentException("module document without file, module or ast");
    }
    return new PyModuleEntry(file, module, isPackage, ast);
  }

  private void readLayouts() throws IOException {
    in.beginArray();
    while (in.hasNext()) {
      in.beginArray();
      String type = in.nextString();
      boolean positioned = in.nextBoolean();
      List<String> fields = new ArrayList<>();
      while (in.hasNext()) fields.add(in.nextString());
      in.endArray();
      layouts.add(new Layout(type, positioned, fields.toArray(new String[0])));
    }
    in.endArray();
  }

  /** A node, a list, null or a plain value. */
  private JsonElement value() throws IOException {
    switch (in.peek()) {
      case BEGIN_ARRAY -> {
        in.beginArray();
        JsonElement out = in.peek() == JsonToken.NUMBER ? nodeBody() : listBody();
        in.endArray();
        return out;
      }
      case NULL -> {
        in.nextNull();
        return JsonNull.INSTANCE;
      }
      case STRING -> {
        return new JsonPrimitive(in.nextString());
      }
      default -> {
        return JsonParser.parseReader(in); // numbers and booleans, as Gson itself reads them
      }
    }
  }

  private JsonObject nodeBody() throws IOException {
    int index = in.nextInt();
    if (index < 0 || index >= layouts.size()) {
      throw new IllegalArgumentException("node of undeclared class " + index);
    }
    Layout layout = layouts.get(index);
    JsonObject node = new JsonObject();
    node.addProperty("_", layout.type());
    if (layout.positioned()) {
      for (String key : POSITION_KEYS) {
        if (in.peek() == JsonToken.NULL) in.nextNull();
        else node.addProperty(key, in.nextInt());
      }
    }
    for (String field : layout.fields()) node.add(field, value());
    return node;
  }

  private JsonArray listBody() throws IOException {
    JsonArray list = new JsonArray();
    while (in.hasNext()) list.add(value());
    return list;
  }
}
