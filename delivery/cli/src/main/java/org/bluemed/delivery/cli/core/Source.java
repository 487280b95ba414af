package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a run delivers. In CodeBuild the commit comes from the source action's variable; on a
 * laptop from git, and a tree with uncommitted changes gets a tag of its own.
 */
public record Source(String commitId, Optional<String> dirtyDigest, String tag) {
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{7,40}$");

  public boolean dirty() {
    return dirtyDigest.isPresent();
  }

  public static Source of(Workspace workspace, ProcessRunner runner) {
    Optional<String> fromPipeline =
        Optional.ofNullable(System.getenv("DELIVERY_COMMIT"))
            .or(() -> Optional.ofNullable(System.getenv("CODEBUILD_RESOLVED_SOURCE_VERSION")))
            .filter(s -> !s.isBlank());
    if (fromPipeline.isPresent()) {
      String commit = fromPipeline.get().strip();
      if (!COMMIT.matcher(commit).matches()) {
        throw Failure.badInput(
            "DELIVERY_COMMIT: '"
                + commit
                + "' is not a commit id; use 7 to 40 lower-case hex digits");
      }
    }

    ProcessRunner.Result head = git(workspace.root(), runner, "rev-parse", "HEAD");
    if (!head.ok() && fromPipeline.isPresent()) {
      // A source archive without .git, as CodePipeline hands CodeBuild: the pipeline's
      // variable is the only account of the commit, and the archive is the commit as is.
      String commit = fromPipeline.get().strip();
      return new Source(
          commit, Optional.empty(), workspace.naming().commitTag(commit, Optional.empty()));
    }
    if (!head.ok()) {
      throw Failure.badInput(
          workspace.root()
              + ": not a git checkout with a commit ("
              + head.lastLine()
              + "); commit first or set DELIVERY_COMMIT");
    }
    if (fromPipeline.isPresent() && !head.output().strip().startsWith(fromPipeline.get().strip())) {
      throw Failure.badInput(
          "DELIVERY_COMMIT: '"
              + fromPipeline.get().strip()
              + "' is not the checked-out commit "
              + head.output().strip()
              + "; check out that commit or unset DELIVERY_COMMIT");
    }
    String commit = head.output().strip();
    ProcessRunner.Result status =
        git(workspace.root(), runner, "status", "--porcelain", "--untracked-files=all");
    Optional<String> dirty = Optional.empty();
    if (!status.output().isBlank()) {
      // The tag must change with every different edit: hash the diff of tracked files and the
      // names and contents of untracked ones.
      MessageDigest digest = Hashing.sha256();
      digest.update(
          git(workspace.root(), runner, "diff", "HEAD", "--binary")
              .output()
              .getBytes(StandardCharsets.UTF_8));
      ProcessRunner.Result untracked =
          git(workspace.root(), runner, "ls-files", "-z", "--others", "--exclude-standard");
      for (String name : untracked.output().split("\0")) {
        Path file = workspace.root().resolve(name);
        if (name.isEmpty() || !ComponentFiles.exists(file)) {
          continue;
        }
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try {
          digest.update(ComponentFiles.content(file));
        } catch (IOException e) {
          throw Failure.environment("cannot read " + file + " to tag the work tree: " + e);
        }
      }
      dirty = Optional.of(Hashing.hex(digest));
    }
    return new Source(commit, dirty, workspace.naming().commitTag(commit, dirty));
  }

  private static ProcessRunner.Result git(Path root, ProcessRunner runner, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(List.of(args));
    return runner.run(ProcessRunner.Spec.of(root, command).withTimeout(Duration.ofSeconds(60)));
  }
}
