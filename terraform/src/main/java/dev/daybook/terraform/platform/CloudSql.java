package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.compute_global_address.ComputeGlobalAddress;
import com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMemberCondition;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_networking_connection.ServiceNetworkingConnection;
import com.hashicorp.cdktf.providers.google.sql_database.SqlDatabase;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstance;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettings;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettingsBackupConfiguration;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettingsBackupConfigurationBackupRetentionSettings;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettingsDatabaseFlags;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettingsIpConfiguration;
import com.hashicorp.cdktf.providers.google.sql_database_instance.SqlDatabaseInstanceSettingsMaintenanceWindow;
import com.hashicorp.cdktf.providers.google.sql_user.SqlUser;
import dev.daybook.terraform.DaybookConfig;
import dev.daybook.terraform.DaybookService;
import java.util.List;
import java.util.function.Function;
import software.constructs.Construct;

/**
 * Cloud SQL for PostgreSQL, the system of record of diary entries (Redis keeps only the queues). Version 15, the one
 * docker-compose.yml and Debian bookworm run, so development and production speak the same SQL. Regional (a standby
 * in a second zone with automatic failover), reachable only on a private address in the VPC through private services
 * access, daily backups with point-in-time recovery from the write-ahead log, and deletion protection both in
 * Terraform and in the Cloud SQL API.
 *
 * <p>No password exists anywhere: the services that keep entries (see {@link DaybookService#usesDatabase}) log in
 * with IAM database authentication as their own Workload Identity service account, through the Cloud SQL Java
 * connector, which also encrypts the connection (connector enforcement is on, so nothing else can connect). The
 * built-in {@code postgres} user is left without a password.
 */
final class CloudSql extends Construct {

    /** The range private services access hands to Google's producer networks (Cloud SQL's VPC peering). */
    static final int SERVICES_RANGE_PREFIX = 16;

    private final SqlDatabaseInstance instance;

    CloudSql(Construct scope, String id, DaybookConfig config, ComputeNetwork vpc,
            Function<DaybookService, ServiceAccount> accounts) {
        super(scope, id);
        ComputeGlobalAddress range = ComputeGlobalAddress.Builder.create(this, "services-range")
                .name(config.name("services-range"))
                .purpose("VPC_PEERING")
                .addressType("INTERNAL")
                .prefixLength(SERVICES_RANGE_PREFIX)
                .network(vpc.getId())
                .build();
        ServiceNetworkingConnection peering = ServiceNetworkingConnection.Builder.create(this, "private-services")
                .network(vpc.getId())
                .service("servicenetworking.googleapis.com")
                .reservedPeeringRanges(List.of(range.getName()))
                .build();
        instance = SqlDatabaseInstance.Builder.create(this, "postgres")
                .name(config.sqlInstanceName())
                .region(config.region())
                .databaseVersion("POSTGRES_15")
                .deletionProtection(config.deletionProtection())
                .settings(SqlDatabaseInstanceSettings.builder()
                        // Enterprise edition, which takes the custom tiers (Enterprise Plus has machine types of its own).
                        .edition("ENTERPRISE")
                        .tier(config.sqlTier())
                        .availabilityType("REGIONAL")
                        .deletionProtectionEnabled(config.deletionProtection())
                        .diskType("PD_SSD")
                        .diskSize(20)
                        .diskAutoresize(true)
                        .ipConfiguration(SqlDatabaseInstanceSettingsIpConfiguration.builder()
                                .ipv4Enabled(false)
                                .privateNetwork(vpc.getId())
                                .build())
                        // Only Cloud SQL connectors (the Java connector, the Auth Proxy behind gcloud sql connect).
                        .connectorEnforcement("REQUIRED")
                        .backupConfiguration(SqlDatabaseInstanceSettingsBackupConfiguration.builder()
                                .enabled(true)
                                .pointInTimeRecoveryEnabled(true)
                                .startTime("02:00")
                                .transactionLogRetentionDays(7)
                                .backupRetentionSettings(
                                        SqlDatabaseInstanceSettingsBackupConfigurationBackupRetentionSettings.builder()
                                                .retainedBackups(30)
                                                .retentionUnit("COUNT")
                                                .build())
                                .build())
                        .databaseFlags(List.of(SqlDatabaseInstanceSettingsDatabaseFlags.builder()
                                .name("cloudsql.iam_authentication").value("on").build()))
                        // Sunday 03:00 UTC: updates restart the instance (a failover on a regional one).
                        .maintenanceWindow(SqlDatabaseInstanceSettingsMaintenanceWindow.builder()
                                .day(7).hour(3).build())
                        .build())
                // The private address needs the peering first.
                .dependsOn(List.of(peering))
                .build();
        SqlDatabase.Builder.create(this, "database")
                .name(DaybookConfig.DATABASE)
                .instance(instance.getName())
                .build();
        for (DaybookService service : DaybookService.values()) {
            if (service.usesDatabase()) {
                login(config, service, accounts.apply(service));
            }
        }
    }

    /**
     * An IAM database user for the service's account, and the two roles it needs, limited by an IAM condition to
     * this instance: {@code cloudsql.client} to open connections through the connector, {@code cloudsql.instanceUser}
     * to log in with an IAM token.
     */
    private void login(DaybookConfig config, DaybookService service, ServiceAccount sa) {
        String id = service.shortName();
        SqlUser.Builder.create(this, id + "-user")
                .instance(instance.getName())
                .name(config.databaseUser(service))
                .type("CLOUD_IAM_SERVICE_ACCOUNT")
                .dependsOn(List.of(sa))
                .build();
        for (String role : List.of("roles/cloudsql.client", "roles/cloudsql.instanceUser")) {
            ProjectIamMember.Builder.create(this, id + "-" + role.substring(role.indexOf('.') + 1))
                    .project(config.project())
                    .role(role)
                    .member(sa.getMember())
                    .condition(ProjectIamMemberCondition.builder()
                            .title("only " + config.sqlInstanceName())
                            .expression("resource.name == 'projects/" + config.project() + "/instances/"
                                    + config.sqlInstanceName() + "' && resource.service == 'sqladmin.googleapis.com'")
                            .build())
                    .build();
        }
    }

    SqlDatabaseInstance instance() {
        return instance;
    }
}
