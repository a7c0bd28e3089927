package io.crm.analytics.cubes;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns {@code COUNT(DISTINCT entity)} into a sum. For each list of levels K it adds a 0/1 column
 * that is 1 on exactly one row of every distinct (entity, K) pair. In a grouping set whose levels
 * meet the entity's spans in K, the sum of that column over a cell is the number of distinct
 * entities in the cell: the set's other levels have one value per entity, so all of an entity's
 * rows with the same K values fall into the same cell.
 *
 * <p>Why: a distinct count over many grouping sets makes Spark expand every fact row once per set
 * and per distinct column and shuffle one row per (cell, entity); sums are reduced before the
 * shuffle. The flags cost one shuffle by the entity and one pass with a few hash sets per entity.
 *
 * <p>The claim that the other levels have one value per entity comes from the cube definition;
 * the pass checks it on every row and fails with the entity and the two values if it is wrong.
 */
final class FirstOccurrenceFlags {
  private final String cube;
  private final String entity;
  private final List<String> spans;

  FirstOccurrenceFlags(String cube, String entity, List<String> spans) {
    this.cube = cube;
    this.entity = entity;
    this.spans = spans;
  }

  /** Column name of the flag for {@code key} (levels of the entity's spans, in level order). */
  static String column(String entity, List<String> key) {
    return "_first_" + entity + (key.isEmpty() ? "" : "__" + String.join("__", key));
  }

  /** {@code facts} with one int flag column per key, named by {@link #column}. */
  Dataset<Row> addTo(Dataset<Row> facts, List<String> levels, List<List<String>> keys) {
    StructType schema = facts.schema();
    StructType out = schema;
    for (List<String> key : keys) {
      out = out.add(column(entity, key), DataTypes.IntegerType, false);
    }
    List<String> fixed = levels.stream().filter(l -> !spans.contains(l)).toList();
    Pass pass = new Pass(
        cube,
        entity,
        schema.fieldIndex(entity),
        keys.stream().map(k -> k.stream().mapToInt(schema::fieldIndex).toArray()).toArray(int[][]::new),
        fixed.toArray(String[]::new),
        fixed.stream().mapToInt(schema::fieldIndex).toArray());
    return facts
        .repartition(col(entity))
        .sortWithinPartitions(col(entity))
        .mapPartitions(pass, Encoders.row(out));
  }

  /** The streaming pass over rows clustered by entity. */
  private record Pass(String cube, String entity, int entityIndex, int[][] keyIndexes, String[] fixedNames, int[] fixedIndexes)
      implements MapPartitionsFunction<Row, Row> {

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Set<Object>> seen = new ArrayList<>();
      for (int i = 0; i < keyIndexes.length; i++) {
        seen.add(new HashSet<>());
      }
      Object[] fixedValues = new Object[fixedIndexes.length];
      return new Iterator<>() {
        private Object current;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row row = rows.next();
          Object value = row.get(entityIndex);
          Object[] values = new Object[row.length() + keyIndexes.length];
          for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
          }
          if (value == null) {
            // COUNT(DISTINCT) ignores nulls: such rows count for no entity
            Arrays.fill(values, row.length(), values.length, 0);
            return RowFactory.create(values);
          }
          if (!value.equals(current)) {
            current = value;
            seen.forEach(Set::clear);
            for (int i = 0; i < fixedIndexes.length; i++) {
              fixedValues[i] = row.get(fixedIndexes[i]);
            }
          } else {
            for (int i = 0; i < fixedIndexes.length; i++) {
              Object v = row.get(fixedIndexes[i]);
              if (!Objects.equals(v, fixedValues[i])) {
                throw new IllegalStateException("cube " + cube + ": " + entity + " '" + value + "' has rows with "
                    + fixedNames[i] + " '" + fixedValues[i] + "' and '" + v + "'; list " + fixedNames[i]
                    + " under distinct_spans." + entity + " in sql/cubes/" + cube + ".yaml");
              }
            }
          }
          for (int k = 0; k < keyIndexes.length; k++) {
            int[] idx = keyIndexes[k];
            Object key = idx.length == 1 ? row.get(idx[0]) : keyOf(row, idx);
            values[row.length() + k] = seen.get(k).add(key == null ? List.of() : key) ? 1 : 0;
          }
          return RowFactory.create(values);
        }
      };
    }

    private static List<Object> keyOf(Row row, int[] idx) {
      Object[] parts = new Object[idx.length];
      for (int i = 0; i < idx.length; i++) {
        parts[i] = row.get(idx[i]);
      }
      return Arrays.asList(parts);
    }
  }
}
