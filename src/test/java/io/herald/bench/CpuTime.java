package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) from /proc, in microseconds: of one process, or of every PostgreSQL
 * process on the machine (its backends, WAL writer, checkpointer...). Read before and after a run.
 */
final class CpuTime {
  /** Clock ticks a second of /proc/PID/stat (USER_HZ: 100 on Linux builds). */
  private static final long TICKS_PER_SECOND = 100;

  private CpuTime() {}

  static long ofProcess(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat == null) {
      return 0;
    }
    // fields after the command name in parentheses (which may hold spaces): state is field 3
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
    return ticks * 1_000_000 / TICKS_PER_SECOND;
  }

  static long ofPostgres() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> "postgres".equals(first(read(p.resolve("comm")))))
          .mapToLong(p -> ofProcess(Long.parseLong(p.getFileName().toString()))).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String first(String s) {
    return s == null ? null : s.strip();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
