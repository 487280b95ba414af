package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdkJsonTest {

  @Test
  void cdkJsonGivesTheCdkCliTheSameFeatureFlagsAsDeliverySynth() throws Exception {
    JsonNode cdkJson =
        new ObjectMapper().readTree(Synthesized.repositoryRoot().resolve("cdk.json").toFile());

    Map<?, ?> context = new ObjectMapper().convertValue(cdkJson.get("context"), Map.class);

    assertThat(context).isEqualTo(DeliveryApp.CONTEXT);
    assertThat(cdkJson.get("app").asText()).contains("-P cdk-synth");
  }
}
