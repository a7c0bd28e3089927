package io.crm.jobs.bench;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark size: the settings, the machine, what generating cost, every job
 * of the run from scratch and of each night, and the DuckDB yardstick next to our jobs. An
 * incomplete report holds what a bench measured before it stopped or failed.
 */
public record BenchReport(
    int customers,
    int days,
    long seed,
    int nights,
    String commit,
    LocalDate date,
    Machine machine,
    Generation generation,
    List<JobFigures> jobs,
    List<NightGeneration> nightGenerations,
    List<Yardstick> yardstick,
    boolean complete) {

  /**
   * Cores, memory and heap of the machine the figures come from, and its one-minute load average
   * when the bench started and ended (other work on a shared machine inflates the figures).
   */
  public record Machine(int cores, double memoryGb, long maxHeapMb, String java, double loadAtStart, double loadAtEnd) {}

  /** The one-off generation of the history; cached when an earlier bench already wrote it. */
  public record Generation(boolean cached, double seconds, String folder) {}

  /** Continuing the data by one day before a night. */
  public record NightGeneration(String run, LocalDate day, double seconds, Map<String, Long> rows) {}

  /**
   * One stage of the yardstick: our job's time against DuckDB's for the same work, and rows that
   * both count the same way side by side.
   */
  public record Yardstick(String stage, String ourJob, double ourSeconds, double duckDbSeconds, List<Compared> rows) {
    public double ratio() {
      return duckDbSeconds <= 0 ? 0 : ourSeconds / duckDbSeconds;
    }
  }

  /** A count both sides produce. */
  public record Compared(String what, long ours, long duckDb) {
    public boolean equal() {
      return ours == duckDb;
    }
  }

  /** The jobs of one run ("scratch", "night 1", ...), in the order they ran. */
  public List<JobFigures> jobs(String run) {
    return jobs.stream().filter(j -> j.run().equals(run)).toList();
  }

  /** The runs in order: scratch first, then the nights. */
  public List<String> runs() {
    List<String> out = new ArrayList<>();
    jobs.forEach(j -> {
      if (!out.contains(j.run())) {
        out.add(j.run());
      }
    });
    return out;
  }

  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, "%ncrm bench: %,d customers, %d days, seed %d, %d night(s); commit %s, %s%s%n", customers, days, seed,
        nights, commit, date, complete ? "" : "; INCOMPLETE");
    out.printf(Locale.ROOT, "machine: %d cores, %.1f GB memory, JVM heap max %,d MB, Java %s; load average %.1f at the start, %.1f at the end%n",
        machine.cores(), machine.memoryGb(), machine.maxHeapMb(), machine.java(), machine.loadAtStart(), machine.loadAtEnd());
    out.printf(Locale.ROOT, "generate: %.1f s%s (%s)%n", generation.seconds(), generation.cached() ? ", cached from an earlier bench" : "",
        generation.folder());
    out.println();
    out.printf(Locale.ROOT, "%-9s %-13s %-10s %8s %8s %5s %12s %12s %10s %8s%n", "run", "job", "as_of", "wall s", "CPU s",
        "cores", "rows in", "rows out", "rows/s", "heap MB");
    for (String run : runs()) {
      for (NightGeneration g : nightGenerations) {
        if (g.run().equals(run)) {
          long rows = g.rows().values().stream().mapToLong(Long::longValue).sum();
          out.printf(Locale.ROOT, "%-9s %-13s %-10s %8.1f %8s %5s %12s %,12d %10s %8s%n", run, "generate", g.day(), g.seconds(),
              "", "", "", rows, "", "");
        }
      }
      double wall = 0;
      double cpu = 0;
      for (JobFigures j : jobs(run)) {
        out.printf(Locale.ROOT, "%-9s %-13s %-10s %8.1f %8.1f %5.2f %12s %12s %10s %8.0f%s%n", run, j.job(), j.asOf(),
            j.wallSeconds(), j.cpuSeconds(), j.coresBusy(), count(j.rowsIn()), count(j.rowsOut()),
            j.rowsPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", j.rowsPerSecond()) : "", j.peakHeapMb(),
            j.outcome().equals("ok") ? "" : "  " + j.outcome());
        wall += j.wallSeconds();
        cpu += j.cpuSeconds();
      }
      out.printf(Locale.ROOT, "%-9s %-13s %-10s %8.1f %8.1f %5.2f%n", run, "all jobs", "", wall, cpu, wall > 0 ? cpu / wall : 0);
    }
    if (!yardstick.isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "yardstick: the same stages in plain DuckDB SQL over the same landing files (%d threads)%n",
          machine.cores());
      out.printf(Locale.ROOT, "%-20s %-14s %8s %9s %7s   %-30s %14s %14s  %s%n", "stage", "our job", "crm s", "DuckDB s", "ratio",
          "rows", "crm", "DuckDB", "equal");
      for (Yardstick y : yardstick) {
        boolean first = true;
        for (Compared c : y.rows().isEmpty() ? List.of(new Compared("", 0, 0)) : y.rows()) {
          out.printf(Locale.ROOT, "%-20s %-14s %8s %9s %7s   %-30s %14s %14s  %s%n",
              first ? y.stage() : "", first ? y.ourJob() : "",
              first ? String.format(Locale.ROOT, "%.1f", y.ourSeconds()) : "",
              first ? String.format(Locale.ROOT, "%.1f", y.duckDbSeconds()) : "",
              first ? String.format(Locale.ROOT, "%.1fx", y.ratio()) : "",
              c.what(), c.what().isEmpty() ? "" : String.format(Locale.ROOT, "%,d", c.ours()),
              c.what().isEmpty() ? "" : String.format(Locale.ROOT, "%,d", c.duckDb()),
              c.what().isEmpty() ? "" : c.equal() ? "yes" : "no");
          first = false;
        }
      }
    }
    out.flush();
  }

  private static String count(long n) {
    return n < 0 ? "" : String.format(Locale.ROOT, "%,d", n);
  }

  /** The report as plain maps and lists, for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customers", customers);
    m.put("days", days);
    m.put("seed", seed);
    m.put("nights", nights);
    m.put("commit", commit);
    m.put("date", date.toString());
    m.put("complete", complete);
    m.put("machine", Map.of("cores", machine.cores(), "memory_gb", machine.memoryGb(), "max_heap_mb", machine.maxHeapMb(),
        "java", machine.java(), "load_average_start", machine.loadAtStart(), "load_average_end", machine.loadAtEnd()));
    m.put("generate", Map.of("cached", generation.cached(), "seconds", generation.seconds(), "folder", generation.folder()));
    List<Map<String, Object>> jobList = new ArrayList<>();
    for (JobFigures j : jobs) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("run", j.run());
      o.put("job", j.job());
      o.put("as_of", String.valueOf(j.asOf()));
      o.put("outcome", j.outcome());
      o.put("wall_seconds", j.wallSeconds());
      o.put("cpu_seconds", j.cpuSeconds());
      o.put("cores_busy", j.coresBusy());
      o.put("rows_in", j.rowsIn());
      o.put("rows_out", j.rowsOut());
      o.put("rows_per_second", j.rowsPerSecond());
      o.put("peak_heap_mb", j.peakHeapMb());
      o.put("metrics", j.metrics());
      jobList.add(o);
    }
    m.put("jobs", jobList);
    List<Map<String, Object>> gens = new ArrayList<>();
    for (NightGeneration g : nightGenerations) {
      gens.add(Map.of("run", g.run(), "day", g.day().toString(), "seconds", g.seconds(), "rows", g.rows()));
    }
    m.put("night_generation", gens);
    List<Map<String, Object>> ys = new ArrayList<>();
    for (Yardstick y : yardstick) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("stage", y.stage());
      o.put("our_job", y.ourJob());
      o.put("crm_seconds", y.ourSeconds());
      o.put("duckdb_seconds", y.duckDbSeconds());
      o.put("ratio", y.ratio());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Compared c : y.rows()) {
        rows.add(Map.of("what", c.what(), "crm", c.ours(), "duckdb", c.duckDb(), "equal", c.equal()));
      }
      o.put("rows", rows);
      ys.add(o);
    }
    m.put("yardstick", ys);
    return m;
  }
}
