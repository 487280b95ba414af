package org.bluemed.delivery.config;

import java.util.Map;

/** The CPU and memory pairs Fargate accepts for a Linux task. */
final class FargateSize {
  private record Range(int minMemory, int maxMemory, int step) {}

  // From the ECS task-size table: memory in MiB allowed for each CPU value.
  private static final Map<Integer, Range> RANGES =
      Map.of(
          256, new Range(512, 2048, 512),
          512, new Range(1024, 4096, 1024),
          1024, new Range(2048, 8192, 1024),
          2048, new Range(4096, 16384, 1024),
          4096, new Range(8192, 30720, 1024),
          8192, new Range(16384, 61440, 4096),
          16384, new Range(32768, 122880, 8192));

  private FargateSize() {}

  static boolean accepts(int cpu, int memory) {
    Range range = RANGES.get(cpu);
    if (range == null || memory < range.minMemory() || memory > range.maxMemory()) {
      return false;
    }
    // 256 CPU allows 512, 1024 and 2048 only.
    if (cpu == 256) {
      return memory == 512 || memory == 1024 || memory == 2048;
    }
    return (memory - range.minMemory()) % range.step() == 0;
  }

  static String describe(int cpu) {
    Range range = RANGES.get(cpu);
    if (range == null) {
      return "cpu must be one of " + RANGES.keySet().stream().sorted().toList();
    }
    if (cpu == 256) {
      return "with cpu 256, memory must be 512, 1024 or 2048";
    }
    return "with cpu %d, memory must be %d to %d in steps of %d"
        .formatted(cpu, range.minMemory(), range.maxMemory(), range.step());
  }
}
