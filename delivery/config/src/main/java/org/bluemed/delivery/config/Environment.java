package org.bluemed.delivery.config;

import java.util.Optional;

/**
 * A deployment target: one AWS account and region, one cluster, one load balancer.
 *
 * @param subdomain label in front of the application domain, empty for the bare domain
 * @param hostedZoneId Route 53 zone that validates the certificate and holds the aliases
 * @param certificateArn an existing ACM certificate to use instead of a DNS-validated one
 */
public record Environment(
    String name,
    String account,
    String region,
    Optional<String> subdomain,
    Optional<String> hostedZoneId,
    Optional<String> certificateArn,
    int desiredCount,
    Optional<Autoscaling> autoscaling) {}
