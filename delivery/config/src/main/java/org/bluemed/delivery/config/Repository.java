package org.bluemed.delivery.config;

/** The GitHub repository the pipeline watches, reached through a CodeConnections connection. */
public record Repository(
    String owner, String name, String connectionArn, String developBranch, String releaseBranch) {

  public String fullName() {
    return owner + "/" + name;
  }
}
