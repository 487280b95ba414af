package org.bluemed.delivery.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Environment;
import org.bluemed.delivery.config.Naming;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecr.CfnRepository;
import software.amazon.awscdk.services.ecr.ImageTagMutabilityExclusionFilter;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * One ECR repository per component. Commit tags never move; {@code latest} does. Images an
 * environment ran are kept for rollback; untagged layers and old commit images are not.
 */
public final class ImageRegistry extends Construct {

  /**
   * @param components the components that get a repository
   * @param environments the environments whose deployed images are protected, in promotion order
   * @param pullAccounts other accounts whose ECS tasks pull from these repositories
   * @param deployedImagesKept per environment, how many deployed images stay available
   * @param commitImagesKept how many images in total survive once deployed ones are set aside
   * @param untaggedDays how long an untagged image (a layer left by a moved tag) is kept
   */
  public record Props(
      Naming naming,
      List<Component> components,
      List<Environment> environments,
      List<String> pullAccounts,
      int deployedImagesKept,
      int commitImagesKept,
      int untaggedDays) {

    public Props {
      components = List.copyOf(components);
      environments = List.copyOf(environments);
      pullAccounts = List.copyOf(pullAccounts);
    }

    public static Props defaults(
        Naming naming,
        List<Component> components,
        List<Environment> environments,
        List<String> pullAccounts) {
      return new Props(naming, components, environments, pullAccounts, 50, 30, 7);
    }
  }

  private final Props props;
  private final List<Repository> repositories = new ArrayList<>();

  public ImageRegistry(Construct scope, String id, Props props) {
    super(scope, id);
    this.props = props;
    for (Component component : props.components()) {
      Repository repository = createRepository(component);
      grantPullToOtherAccounts(repository);
      repositories.add(repository);
    }
  }

  public List<Repository> repositories() {
    return List.copyOf(repositories);
  }

  private Repository createRepository(Component component) {
    Repository repository =
        Repository.Builder.create(this, component.name())
            .repositoryName(props.naming().imageRepository(component))
            .imageScanOnPush(true)
            // AES-256, not KMS: tasks in other accounts pull these images, and a customer key would
            // need cross-account key grants for every one of them.
            .encryption(RepositoryEncryption.AES_256)
            .imageTagMutability(TagMutability.IMMUTABLE_WITH_EXCLUSION)
            .imageTagMutabilityExclusionFilters(
                List.of(ImageTagMutabilityExclusionFilter.wildcard(Naming.LATEST_TAG)))
            .lifecycleRules(lifecycleRules())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // The CDK leaves AES-256 implicit (it is ECR's default); state it so the template says so.
    ((CfnRepository) repository.getNode().getDefaultChild())
        .setEncryptionConfiguration(
            CfnRepository.EncryptionConfigurationProperty.builder()
                .encryptionType("AES256")
                .build());
    return repository;
  }

  /**
   * ECR never lets a lower-priority rule expire an image a higher-priority rule selected, so the
   * deployed-image rules come first. The later an environment is in the promotion, the higher its
   * rule: an image promoted to production counts against production's history, not staging's.
   */
  private List<LifecycleRule> lifecycleRules() {
    List<LifecycleRule> rules = new ArrayList<>();
    List<Environment> latestFirst = new ArrayList<>(props.environments());
    Collections.reverse(latestFirst);
    for (Environment environment : latestFirst) {
      String prefix = props.naming().deployedImageTagPrefix(environment);
      rules.add(
          LifecycleRule.builder()
              .rulePriority(rules.size() + 1)
              .description("Keep the images " + environment.name() + " ran, for rollback")
              .tagStatus(TagStatus.TAGGED)
              .tagPrefixList(List.of(prefix))
              .maxImageCount(props.deployedImagesKept())
              .build());
    }
    rules.add(
        LifecycleRule.builder()
            .rulePriority(rules.size() + 1)
            .description("Expire untagged images")
            .tagStatus(TagStatus.UNTAGGED)
            .maxImageAge(Duration.days(props.untaggedDays()))
            .build());
    rules.add(
        LifecycleRule.builder()
            .rulePriority(rules.size() + 1)
            .description("Keep the most recent commit images")
            .tagStatus(TagStatus.ANY)
            .maxImageCount(props.commitImagesKept())
            .build());
    return rules;
  }

  private void grantPullToOtherAccounts(Repository repository) {
    if (props.pullAccounts().isEmpty()) {
      return;
    }
    repository.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("PullFromEnvironmentAccounts")
            .principals(props.pullAccounts().stream().map(AccountPrincipal::new).toList())
            .actions(
                List.of(
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer"))
            .build());
  }
}
