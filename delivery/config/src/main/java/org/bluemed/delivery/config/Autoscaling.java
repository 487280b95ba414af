package org.bluemed.delivery.config;

/** CPU target-tracking bounds for an environment's services. */
public record Autoscaling(int minCapacity, int maxCapacity, int targetCpuPercent) {}
