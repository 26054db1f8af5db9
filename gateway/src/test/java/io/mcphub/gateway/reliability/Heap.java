package io.mcphub.gateway.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Memory this JVM (the hub runs in-process) retains: used heap after garbage collection plus direct buffers. */
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

  /** {@link #usedAfterGc()} plus the direct memory Netty and NIO hold (where socket write queues live). */
  static long retained() throws InterruptedException {
    return usedAfterGc() + direct();
  }

  /** Direct memory Netty's allocators and NIO hold now. */
  static long direct() {
    long netty = Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    long nio = ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
        .filter(pool -> "direct".equals(pool.getName())).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed).sum();
    return netty + nio;
  }

  static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
