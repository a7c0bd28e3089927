package io.crm.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * What a stretch of work cost this JVM: wall time, CPU time of the whole process (every thread,
 * Spark's executors and the JIT and GC included, as an operator sees it in top) and the peak heap
 * in use. Peaks are reset at {@link #start()}; the heap peak is the sum of the pools' peaks, an
 * upper bound of the true peak since pools peak at different moments.
 */
final class ProcessMeter {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();

  private long wallStart;
  private long cpuStart;

  /** One measured stretch: seconds of wall and CPU time, peak heap in MB. */
  record Reading(double wallSeconds, double cpuSeconds, double peakHeapMb) {}

  void start() {
    HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
    wallStart = System.nanoTime();
    cpuStart = OS.getProcessCpuTime();
  }

  Reading stop() {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : HEAP) {
      peak += p.getPeakUsage().getUsed();
    }
    return new Reading(wall, cpu, peak / (1024.0 * 1024.0));
  }

  /** Cores the JVM may use, and its maximum heap in MB, for the report's header. */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static long maxHeapMb() {
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  /** The machine's load average over the last minute (-1 where the system does not tell). */
  static double loadAverage() {
    return OS.getSystemLoadAverage();
  }

  /** Physical memory of the machine in GB. */
  static double machineMemoryGb() {
    return OS.getTotalMemorySize() / (1024.0 * 1024 * 1024);
  }
}
