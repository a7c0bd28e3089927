package io.crm.etl.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crm.etl.source.CanonicalField;
import io.crm.etl.source.SourceConfig;
import java.util.List;

/**
 * Tracker events, one JSON object per line. Each canonical field is read from the property of
 * the same name (or the one `columns:` maps it to); other properties are ignored, unknown event
 * names are kept. Types are checked by {@link RecordConverter}; an object or array where text is
 * expected makes the line unparseable.
 */
final class JsonEventParser implements RecordParser {
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final String[] properties;

  JsonEventParser(SourceConfig config) {
    List<CanonicalField> fields = config.fields();
    properties = new String[fields.size()];
    for (int i = 0; i < properties.length; i++) {
      String name = fields.get(i).name();
      properties[i] = config.columns().getOrDefault(name, name);
    }
  }

  @Override
  public String[] fields(String text) throws RejectedRecord {
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RejectedRecord(ReasonCode.UNPARSEABLE, "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new RejectedRecord(ReasonCode.UNPARSEABLE, "not a JSON object");
    }
    String[] out = new String[properties.length];
    for (int i = 0; i < properties.length; i++) {
      JsonNode v = node.get(properties[i]);
      if (v == null || v.isNull()) {
        continue;
      }
      if (v.isContainerNode()) {
        throw new RejectedRecord(ReasonCode.UNPARSEABLE, properties[i] + " is a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", expected a value");
      }
      out[i] = v.asText();
    }
    return out;
  }
}
