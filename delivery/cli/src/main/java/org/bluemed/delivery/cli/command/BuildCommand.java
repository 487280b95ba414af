package org.bluemed.delivery.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluemed.delivery.cli.core.ComponentBuild;
import org.bluemed.delivery.cli.core.Docker;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.ImageDefinitions;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.RegistryClient;
import org.bluemed.delivery.cli.core.Source;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.core.Workspace;
import org.bluemed.delivery.config.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delivery build <component>}: npm ci, lint, tests, docker build, push. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Lint, test and build one component's image; push it with its commit tag (and "
            + "latest, from a clean tree); write imagedefinitions.json.")
public final class BuildCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "COMPONENT", description = "A component of delivery.yml.")
  String componentName;

  @Option(names = "--no-push", description = "Build only; push nothing.")
  boolean noPush;

  @Mixin FreshnessOptions freshness;

  @Option(
      names = "--image-definitions",
      paramLabel = "FILE",
      description =
          "Absolute path of imagedefinitions.json (default: the file of that name in "
              + "<repo>/.delivery/out/<component>/).")
  Path imageDefinitions;

  @Override
  public Integer call() {
    Workspace workspace = options.workspace();
    Component component = workspace.config().component(componentName);
    ProcessRunner runner = WorkspaceOptions.runner();
    Docker docker = WorkspaceOptions.docker(workspace, runner);

    Path file =
        ImageDefinitions.requireTarget(
            imageDefinitions != null
                ? imageDefinitions
                : workspace
                    .outputDirectory()
                    .resolve(component.name())
                    .resolve("imagedefinitions.json"));

    docker.requireEngine();
    RegistryClient registry = new RegistryClient(workspace.registry());
    if (!noPush) {
      registry.requireReachable();
    }
    Source source = Source.of(workspace, runner);

    ComponentBuild builder = new ComponentBuild(workspace, runner, docker, System.err);
    ComponentBuild.Result built = builder.build(component, source.tag(), freshness.freshness());
    built.steps().forEach(s -> System.out.println(s.line()));
    if (!built.ok()) {
      Step failed = Step.firstFailed(built.steps());
      throw Failure.check(
          "build of " + component.name() + " failed at " + failed.name() + ": " + failed.detail());
    }
    if (noPush) {
      System.out.println("Built " + built.localReference() + " (not pushed).");
      return 0;
    }

    ComponentBuild.PushedImage pushed = builder.push(built, registry);
    if (source.dirty()) {
      System.err.println(
          "latest stays where it was: " + source.tag() + " is built from uncommitted changes.");
    } else {
      pushed = builder.promoteLatest(pushed, registry);
    }
    ImageDefinitions.write(
        file,
        workspace.config(),
        List.of(
            new ImageDefinitions.Entry(
                workspace.naming().containerName(component), pushed.reference())));
    System.out.println(
        "Pushed " + pushed.reference() + " (" + pushed.digest() + ") as " + pushed.tags() + ".");
    System.out.println("Wrote " + file + ".");
    return 0;
  }
}
