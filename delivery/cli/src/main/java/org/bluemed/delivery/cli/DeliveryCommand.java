package org.bluemed.delivery.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluemed.delivery.cli.command.BuildCommand;
import org.bluemed.delivery.cli.command.IntegrateCommand;
import org.bluemed.delivery.cli.command.LocalCommand;
import org.bluemed.delivery.cli.command.SynthCommand;
import org.bluemed.delivery.cli.command.VerifyCommand;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.config.ConfigException;
import org.bluemed.delivery.config.UnknownNameException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code delivery} command. Exit codes: 0 ok, 1 a check failed, 2 bad input, 3 the environment
 * (Docker, registry, AWS) is not usable.
 */
@Command(
    name = "delivery",
    mixinStandardHelpOptions = true,
    version = "bluemed delivery 0.1.0",
    description = "Takes the monorepo from a commit to running containers.",
    subcommands = {
      BuildCommand.class,
      IntegrateCommand.class,
      LocalCommand.class,
      SynthCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything passed",
      "1:a check failed (lint, tests, Dockerfile, integration, verification)",
      "2:bad input (delivery.yml, an unknown component, an option value)",
      "3:the environment is not usable (no Docker engine, registry down, AWS)"
    })
public final class DeliveryCommand {

  public static void main(String[] args) {
    AtomicBoolean finished = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished.get()) {
                    System.err.println(
                        "delivery: stopped by a signal before the command finished; its "
                            + "programs are being stopped and nothing is reported as passed.");
                  }
                },
                "report-interrupt"));
    int exit = commandLine().execute(args);
    finished.set(true);
    System.exit(exit);
  }

  /** The command line with failures mapped to exit codes, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DeliveryCommand());
    String[] version = cli.getCommandSpec().version();
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
    cli.setExecutionExceptionHandler(DeliveryCommand::handle);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("delivery: " + ex.getMessage());
          err.println(
              "Run '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for the options.");
          return Failure.Kind.BAD_INPUT.exitCode();
        });
    return cli;
  }

  private static int handle(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (ex instanceof Failure failure) {
      err.println("delivery: " + failure.getMessage());
      return failure.kind().exitCode();
    }
    if (ex instanceof UnknownNameException unknown) {
      // A name typed on the command line, not a fault of delivery.yml.
      err.println("delivery: " + unknown.getMessage());
      return Failure.Kind.BAD_INPUT.exitCode();
    }
    if (ex instanceof ConfigException config) {
      err.println("delivery: invalid configuration:");
      config.problems().forEach(p -> err.println("  " + p));
      return Failure.Kind.BAD_INPUT.exitCode();
    }
    err.println("delivery: unexpected error: " + ex);
    ex.printStackTrace(err);
    return Failure.Kind.ENVIRONMENT.exitCode();
  }
}
