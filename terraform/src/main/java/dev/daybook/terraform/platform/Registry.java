package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.artifact_registry_repository.ArtifactRegistryRepository;
import com.hashicorp.cdktf.providers.google.artifact_registry_repository_iam_member.ArtifactRegistryRepositoryIamMember;
import com.hashicorp.cdktf.providers.google.iam_workload_identity_pool.IamWorkloadIdentityPool;
import com.hashicorp.cdktf.providers.google.iam_workload_identity_pool_provider.IamWorkloadIdentityPoolProvider;
import com.hashicorp.cdktf.providers.google.iam_workload_identity_pool_provider.IamWorkloadIdentityPoolProviderOidc;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account_iam_member.ServiceAccountIamMember;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.OpsConfig;
import software.constructs.Construct;

/**
 * The Artifact Registry repository the four images are pushed to ({@code make push}, or CI on a tag): Docker
 * format, in the cluster's region, named by the prefix, so {@link DaybookConfig#imageRegistry()}'s default points
 * here. The GKE nodes' service account may pull from this repository only.
 *
 * <p>With a GitHub repository named ({@link OpsConfig#githubRepository()}), its Actions may push too, through
 * Workload Identity Federation and without a key: a pool whose OIDC provider trusts GitHub's token issuer only for
 * that repository, and a publisher service account it may impersonate, which may write this repository and
 * nothing else. The workflow (.github/workflows/ci.yml) reads the provider and account from the outputs.
 */
final class Registry extends Construct {

    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

    private final ArtifactRegistryRepository repository;
    private IamWorkloadIdentityPoolProvider githubProvider;
    private ServiceAccount publisher;

    Registry(Construct scope, String id, DaybookConfig config, OpsConfig ops, ServiceAccount nodes) {
        super(scope, id);
        repository = ArtifactRegistryRepository.Builder.create(this, "images")
                .repositoryId(config.registryRepository())
                .location(config.region())
                .format("DOCKER")
                .description("Daybook's service images")
                .build();
        ArtifactRegistryRepositoryIamMember.Builder.create(this, "nodes-pull")
                .location(repository.getLocation())
                .repository(repository.getName())
                .role("roles/artifactregistry.reader")
                .member(nodes.getMember())
                .build();
        if (ops.githubRepository() != null) {
            githubPublisher(config, ops.githubRepository());
        }
    }

    ArtifactRegistryRepository repository() {
        return repository;
    }

    /** The OIDC provider GitHub Actions authenticate through; empty without a GitHub repository. */
    java.util.Optional<IamWorkloadIdentityPoolProvider> githubProvider() {
        return java.util.Optional.ofNullable(githubProvider);
    }

    /** The service account CI pushes images as; empty without a GitHub repository. */
    java.util.Optional<ServiceAccount> publisher() {
        return java.util.Optional.ofNullable(publisher);
    }

    private void githubPublisher(DaybookConfig config, String githubRepository) {
        IamWorkloadIdentityPool pool = IamWorkloadIdentityPool.Builder.create(this, "github-pool")
                .workloadIdentityPoolId(config.name("github"))
                .displayName("Daybook GitHub Actions")
                .build();
        IamWorkloadIdentityPoolProvider provider = IamWorkloadIdentityPoolProvider.Builder.create(this, "github-provider")
                .workloadIdentityPoolId(pool.getWorkloadIdentityPoolId())
                .workloadIdentityPoolProviderId("github")
                .attributeMapping(java.util.Map.of(
                        "google.subject", "assertion.sub",
                        "attribute.repository", "assertion.repository",
                        "attribute.ref", "assertion.ref"))
                // Tokens of any other repository are refused before any IAM binding is looked at.
                .attributeCondition("assertion.repository == '" + githubRepository + "'")
                .oidc(IamWorkloadIdentityPoolProviderOidc.builder().issuerUri(GITHUB_ISSUER).build())
                .build();
        githubProvider = provider;
        publisher = ServiceAccount.Builder.create(this, "publisher")
                .accountId(config.name("publisher"))
                .displayName("Daybook image publisher (GitHub Actions)")
                .build();
        ServiceAccountIamMember.Builder.create(this, "publisher-wif")
                .serviceAccountId(publisher.getName())
                .role("roles/iam.workloadIdentityUser")
                .member("principalSet://iam.googleapis.com/" + pool.getName() + "/attribute.repository/"
                        + githubRepository)
                .build();
        ArtifactRegistryRepositoryIamMember.Builder.create(this, "publisher-push")
                .location(repository.getLocation())
                .repository(repository.getName())
                .role("roles/artifactregistry.writer")
                .member(publisher.getMember())
                .build();
    }
}
