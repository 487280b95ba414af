package org.bluemed.delivery.cli.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluemed.delivery.cli.core.Step;

/** Calls the API as its OpenAPI file documents it and checks each answer against the file. */
final class ContractChecks {
  private final HttpCheck http;

  ContractChecks(HttpCheck http) {
    this.http = http;
  }

  List<Step> run(Target.Endpoint api, OpenApiContract contract) {
    List<Step> steps = new ArrayList<>();
    for (OpenApiContract.Call call : contract.calls()) {
      steps.add(
          Check.run(
              api.component() + " " + call.name(),
              () -> {
                String url = api.at(call.request());
                HttpCheck.Answer answer = http.get(url, Map.of("Accept", "application/json"));
                Check.require(
                    answer.status() == call.status(),
                    call.operationId()
                        + ": "
                        + url
                        + " answered "
                        + answer.summary()
                        + ", expected "
                        + call.status());
                List<String> problems = new ArrayList<>(contract.problems(call, answer));
                problems.addAll(OpenApiContract.notEmpty(call, answer));
                Check.require(
                    problems.isEmpty(),
                    call.operationId()
                        + " answer breaks "
                        + contract.file().getFileName()
                        + ": "
                        + String.join("; ", problems));
              }));
    }
    return steps;
  }
}
