package org.bluemed.delivery.config.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;

/**
 * The flow, defined once: stages in order, each with actions that run in parallel. The CDK app
 * renders it into CodePipeline stages whose CodeBuild steps call the {@code delivery} CLI with
 * {@link Action#arguments()}; {@code delivery local} executes the stages marked local on one
 * machine.
 */
public record StagePlan(List<Stage> stages) {

  /** What an action does; the local runner and the pipeline renderer dispatch on it. */
  public enum Verb {
    SOURCE,
    BUILD,
    PUSH,
    INTEGRATE,
    DEPLOY,
    VERIFY,
    APPROVE
  }

  /** One step of a stage, with the CLI arguments a CodeBuild job passes to {@code delivery}. */
  public record Action(
      String name,
      Verb verb,
      Optional<Component> component,
      Optional<Environment> environment,
      List<String> arguments) {}

  /** Stages with {@code local} set also run in {@code delivery local}. */
  public record Stage(String name, boolean local, List<Action> actions) {}

  public StagePlan {
    stages = List.copyOf(stages);
  }

  public static StagePlan of(DeliveryConfig config) {
    List<Stage> stages = new ArrayList<>();
    stages.add(
        new Stage(
            "source",
            true,
            List.of(
                new Action("source", Verb.SOURCE, Optional.empty(), Optional.empty(), List.of()))));

    List<Action> builds = new ArrayList<>();
    List<Action> pushes = new ArrayList<>();
    for (Component c : config.components()) {
      builds.add(
          new Action(
              "build " + c.name(),
              Verb.BUILD,
              Optional.of(c),
              Optional.empty(),
              List.of("build", c.name(), "--no-push")));
      pushes.add(
          new Action(
              "push " + c.name(),
              Verb.PUSH,
              Optional.of(c),
              Optional.empty(),
              List.of("build", c.name())));
    }
    stages.add(new Stage("build", true, builds));
    stages.add(new Stage("push", true, pushes));
    stages.add(
        new Stage(
            "integration",
            true,
            List.of(
                new Action(
                    "integrate",
                    Verb.INTEGRATE,
                    Optional.empty(),
                    Optional.empty(),
                    List.of("integrate")))));

    for (Environment e : config.environments()) {
      boolean last = e.equals(config.environments().get(config.environments().size() - 1));
      List<Action> deploys = new ArrayList<>();
      for (Component c : config.components()) {
        deploys.add(
            new Action(
                "deploy " + c.name() + " to " + e.name(),
                Verb.DEPLOY,
                Optional.of(c),
                Optional.of(e),
                List.of("deploy", c.name(), "--env", e.name())));
      }
      stages.add(new Stage("deploy-" + e.name(), false, deploys));
      stages.add(
          new Stage(
              "verify-" + e.name(),
              false,
              List.of(
                  new Action(
                      "verify " + e.name(),
                      Verb.VERIFY,
                      Optional.empty(),
                      Optional.of(e),
                      List.of("verify", "--target", e.name())))));
      if (!last) {
        Environment next = config.environments().get(config.environments().indexOf(e) + 1);
        stages.add(
            new Stage(
                "approve-" + next.name(),
                false,
                List.of(
                    new Action(
                        "evidence for " + next.name(),
                        Verb.APPROVE,
                        Optional.empty(),
                        Optional.of(e),
                        List.of("evidence", "--env", e.name())))));
      }
    }
    return new StagePlan(stages);
  }

  public List<Stage> localStages() {
    return stages.stream().filter(Stage::local).toList();
  }
}
