package io.crm.jobs.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The writer's lock on a workspace: {@code <home>/.crm.lock}, held through an operating-system
 * file lock for as long as a writing job runs. The OS releases it when the holder dies, even by
 * kill -9, so a dead holder never blocks the next night; its details stay in the file and the
 * next writer says it took the lock over. A second writer while the holder lives is refused with
 * the holder's pid, host, command and start time ({@link WorkspaceLockedException}, exit 4).
 *
 * <p>Re-entrant within one JVM (a nightly holds it while its steps, which also lock, run). The
 * lock is for one machine's file system; on a shared NFS home it is only as good as NFS locking.
 */
public final class WorkspaceLock implements AutoCloseable {
  public static final String FILE = ".crm.lock";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Path, WorkspaceLock> HELD = new HashMap<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Optional<String> tookOverFrom;
  private int holds = 1;

  private WorkspaceLock(Path file, FileChannel channel, FileLock lock, Optional<String> tookOverFrom) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.tookOverFrom = tookOverFrom;
  }

  /** Takes the lock on {@code home} for {@code command}, or fails at once if another process holds it. */
  public static synchronized WorkspaceLock acquire(Path home, String command) {
    Path file = home.toAbsolutePath().normalize().resolve(FILE);
    WorkspaceLock mine = HELD.get(file);
    if (mine != null) {
      mine.holds++;
      return mine;
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = describe(read(channel));
        channel.close();
        throw new WorkspaceLockedException("workspace " + home + " is locked by " + holder
            + "; wait for it to finish (a lock whose holder has died is taken over automatically)");
      }
      JsonNode previous = read(channel);
      Optional<String> stale = previous == null ? Optional.empty() : Optional.of(describe(previous));
      ObjectNode me = JSON.createObjectNode();
      me.put("pid", ProcessHandle.current().pid());
      me.put("host", host());
      me.put("command", command);
      me.put("started_at", Instant.now().toString());
      byte[] bytes = (JSON.writeValueAsString(me) + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(bytes), 0);
      channel.force(true);
      WorkspaceLock held = new WorkspaceLock(file, channel, lock, stale);
      HELD.put(file, held);
      return held;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock the workspace at " + file, e);
    }
  }

  /** The holder whose lock was taken over because it had died without releasing it, if any. */
  public Optional<String> tookOverFrom() {
    return tookOverFrom;
  }

  /** Releases one hold; the last one empties the file and releases the OS lock. */
  @Override
  public void close() {
    synchronized (WorkspaceLock.class) {
      if (--holds > 0) {
        return;
      }
      HELD.remove(file);
      try {
        channel.truncate(0);
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the workspace lock " + file, e);
      }
    }
  }

  private static JsonNode read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > 1 << 16) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    channel.read(buf, 0);
    String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(JsonNode holder) {
    if (holder == null) {
      return "another process (no details recorded yet)";
    }
    return "pid " + holder.path("pid").asText("?") + " on " + holder.path("host").asText("?")
        + " (`crm " + holder.path("command").asText("?") + "`, started " + holder.path("started_at").asText("?") + ")";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        // the lock was never taken; the original error is what matters
      }
    }
  }
}
