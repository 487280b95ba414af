package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class LoadBalancerTest {
  private static Map<String, Template> environments;

  @BeforeAll
  static void synthesize() {
    environments = Synthesized.repositoryApp().environmentTemplates();
  }

  private static Map<String, Object> attribute(String key, String value) {
    return Map.of("Key", key, "Value", value);
  }

  @Test
  void theLoadBalancerIsPublicDropsInvalidHeadersAndLogsAccess() {
    environments
        .values()
        .forEach(
            t ->
                t.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    Match.objectLike(
                        Map.of(
                            "Scheme",
                            "internet-facing",
                            "LoadBalancerAttributes",
                            Match.arrayWith(
                                List.of(
                                    attribute(
                                        "routing.http.drop_invalid_header_fields.enabled", "true"),
                                    attribute("access_logs.s3.enabled", "true")))))));
  }

  @Test
  void onlyTheFinalEnvironmentHasDeletionProtection() {
    environments
        .get("production")
        .hasResourceProperties(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Match.objectLike(
                Map.of(
                    "LoadBalancerAttributes",
                    Match.arrayWith(List.of(attribute("deletion_protection.enabled", "true"))))));
    environments
        .get("staging")
        .hasResourceProperties(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Match.objectLike(
                Map.of(
                    "LoadBalancerAttributes",
                    Match.not(
                        Match.arrayWith(
                            List.of(attribute("deletion_protection.enabled", "true")))))));
  }

  @Test
  void accessLogsGoToAnSseS3BucketBecauseElbRefusesKms() {
    environments
        .values()
        .forEach(
            t ->
                t.hasResourceProperties(
                    "AWS::S3::Bucket",
                    Match.objectLike(
                        Map.of(
                            "BucketEncryption",
                            Map.of(
                                "ServerSideEncryptionConfiguration",
                                List.of(
                                    Map.of(
                                        "ServerSideEncryptionByDefault",
                                        Map.of("SSEAlgorithm", "AES256"))))))));
  }

  @Test
  void httpsUsesAModernTlsPolicyAndAnswers404ByDefault() {
    environments
        .values()
        .forEach(
            t ->
                t.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::Listener",
                    Match.objectLike(
                        Map.of(
                            "Port",
                            443,
                            "Protocol",
                            "HTTPS",
                            "SslPolicy",
                            "ELBSecurityPolicy-TLS13-1-2-2021-06",
                            "DefaultActions",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Type",
                                        "fixed-response",
                                        "FixedResponseConfig",
                                        Match.objectLike(Map.of("StatusCode", "404")))))))));
  }

  @Test
  void httpRedirectsPermanentlyToHttps() {
    environments
        .values()
        .forEach(
            t ->
                t.hasResourceProperties(
                    "AWS::ElasticLoadBalancingV2::Listener",
                    Match.objectLike(
                        Map.of(
                            "Port",
                            80,
                            "DefaultActions",
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Type",
                                        "redirect",
                                        "RedirectConfig",
                                        Match.objectLike(
                                            Map.of(
                                                "Protocol",
                                                "HTTPS",
                                                "Port",
                                                "443",
                                                "StatusCode",
                                                "HTTP_301")))))))));
  }

  @Test
  void eachEnvironmentHasTwoHostRulesWithDistinctPriorities() {
    Map<String, List<String>> hosts =
        Map.of(
            "staging",
            List.of("api.staging.bluemed.example.org", "app.staging.bluemed.example.org"),
            "production",
            List.of("api.bluemed.example.org", "app.bluemed.example.org"));
    environments.forEach(
        (name, t) -> {
          Map<String, Map<String, Object>> rules =
              t.findResources("AWS::ElasticLoadBalancingV2::ListenerRule");
          assertThat(rules).hasSize(2);
          List<Object> priorities =
              rules.values().stream()
                  .map(r -> ((Map<?, ?>) r.get("Properties")).get("Priority"))
                  .map(Object.class::cast)
                  .toList();
          assertThat(priorities).doesNotHaveDuplicates();
          for (String host : hosts.get(name)) {
            t.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(
                    Map.of(
                        "Conditions",
                        List.of(
                            Map.of(
                                "Field",
                                "host-header",
                                "HostHeaderConfig",
                                Map.of("Values", List.of(host)))))));
          }
        });
  }

  @Test
  void targetGroupsCheckEachComponentsHealthPathOnItsPort() {
    environments
        .values()
        .forEach(
            t -> {
              t.hasResourceProperties(
                  "AWS::ElasticLoadBalancingV2::TargetGroup",
                  Match.objectLike(
                      Map.of("Port", 3001, "HealthCheckPath", "/api/health", "TargetType", "ip")));
              t.hasResourceProperties(
                  "AWS::ElasticLoadBalancingV2::TargetGroup",
                  Match.objectLike(Map.of("Port", 80, "HealthCheckPath", "/", "TargetType", "ip")));
            });
  }

  @Test
  void bothHostsGetAliasRecordsInTheConfiguredZone() {
    environments.forEach(
        (name, t) -> {
          t.resourceCountIs("AWS::Route53::RecordSet", 2);
          t.hasResourceProperties(
              "AWS::Route53::RecordSet",
              Match.objectLike(
                  Map.of(
                      "Type",
                      "A",
                      "HostedZoneId",
                      name.equals("staging") ? "Z0000000000000000000A" : "Z0000000000000000000B",
                      "AliasTarget",
                      Match.anyValue())));
        });
  }

  @Test
  void theCertificateIsDnsValidatedForBothHosts() {
    environments
        .get("production")
        .hasResourceProperties(
            "AWS::CertificateManager::Certificate",
            Match.objectLike(
                Map.of(
                    "DomainName",
                    "api.bluemed.example.org",
                    "SubjectAlternativeNames",
                    List.of("app.bluemed.example.org"),
                    "ValidationMethod",
                    "DNS")));
  }
}
