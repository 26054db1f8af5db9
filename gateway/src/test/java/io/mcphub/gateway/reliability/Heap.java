package io.mcphub.gateway.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap of this JVM (the hub runs in-process) after garbage collection. */
final class Heap {

  private Heap() {
  }

  /** The least used heap seen over a few collections, in bytes: what is really retained. */
  static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      memory.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
