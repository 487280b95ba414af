package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One integration run per compose project on a machine. Compose projects are machine-wide, so a
 * second run would otherwise tear down the first one's containers. The operating system drops the
 * lock when the process dies, so a killed run never blocks the next one.
 */
final class ProjectLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProjectLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ProjectLock acquire(String project) {
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "delivery-" + project + ".lock");
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw Failure.environment(
            "another integration of compose project "
                + project
                + " is running on this machine (lock "
                + file
                + "); wait for it to finish");
      }
      return new ProjectLock(channel, lock);
    } catch (IOException e) {
      throw Failure.environment("cannot lock " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock anyway; nothing is left to undo.
    }
  }
}
