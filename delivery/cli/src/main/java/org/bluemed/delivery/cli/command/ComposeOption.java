package org.bluemed.delivery.cli.command;

import org.bluemed.delivery.cli.core.Compose;
import org.bluemed.delivery.cli.core.Failure;
import picocli.CommandLine.Option;

/** Which compose implementation runs the integration; shared by integrate and local. */
public final class ComposeOption {
  @Option(
      names = "--compose",
      paramLabel = "auto|v2|v1",
      defaultValue = "${env:DELIVERY_COMPOSE:-auto}",
      description =
          "Compose implementation: v2 ('docker compose'), v1 ('docker-compose') or auto, v2 "
              + "when installed, else v1 (default: $DELIVERY_COMPOSE, else auto).")
  String value;

  Compose.Choice choice() {
    return switch (value) {
      case "auto" -> Compose.Choice.AUTO;
      case "v2" -> Compose.Choice.V2;
      case "v1" -> Compose.Choice.V1;
      default ->
          throw Failure.badInput(
              "--compose (or $DELIVERY_COMPOSE): '"
                  + value
                  + "' is not a choice; use auto, v2 or v1");
    };
  }
}
