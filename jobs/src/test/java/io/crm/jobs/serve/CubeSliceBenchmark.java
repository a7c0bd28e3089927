package io.crm.jobs.serve;

import io.crm.analytics.cubes.CubeDefinition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Slice latency of served cubes: runs N random `crm cube`-style slices (grouping sets of the
 * definitions, with and without a filter) against a workspace's crm.duckdb and prints median and
 * p95. Usage: CubeSliceBenchmark WORKSPACE [QUERIES]. A benchmark, not a test.
 */
public final class CubeSliceBenchmark {
  private CubeSliceBenchmark() {}

  public static void main(String[] args) throws Exception {
    String db = args[0] + "/crm.duckdb";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    List<CubeDefinition> cubes = CubeDefinition.all();
    SplittableRandom rnd = new SplittableRandom(1);
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    double[] ms = new double[n];
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, props)) {
      for (int i = 0; i < n; i++) {
        CubeDefinition cube = cubes.get(rnd.nextInt(cubes.size()));
        List<List<String>> sets = cube.groupingSets();
        List<String> set = sets.get(rnd.nextInt(sets.size()));
        List<String> by = new ArrayList<>(set);
        CubeQuery q = new CubeQuery(cube, by, List.of(), Map.of(), null);
        long start = System.nanoTime();
        try (PreparedStatement st = c.prepareStatement(q.sql())) {
          List<String> params = q.parameters();
          for (int p = 0; p < params.size(); p++) {
            st.setString(p + 1, params.get(p));
          }
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rows++;
            }
          }
        }
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(ms);
    System.out.printf("%d slices, %,d rows: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
        n, rows, ms[n / 2], ms[(int) Math.ceil(0.95 * n) - 1], ms[n - 1]);
  }
}
