package dev.daybook.terraform.platform;

import com.hashicorp.cdktf.providers.google.certificate_manager_certificate.CertificateManagerCertificate;
import com.hashicorp.cdktf.providers.google.certificate_manager_certificate.CertificateManagerCertificateManaged;
import com.hashicorp.cdktf.providers.google.certificate_manager_certificate_map.CertificateManagerCertificateMap;
import com.hashicorp.cdktf.providers.google.certificate_manager_certificate_map_entry.CertificateManagerCertificateMapEntry;
import com.hashicorp.cdktf.providers.google.compute_global_address.ComputeGlobalAddress;
import dev.daybook.terraform.DaybookConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The Gateway's static address and its Google-managed certificate (Certificate Manager, load-balancer
 * authorization: it is issued once both names resolve to the address, see docs/deploy.md). The Gateway in the
 * apps stack finds both by name: the address {@code <prefix>-ip}, the map {@code <prefix>-certs}.
 */
final class Certificates extends Construct {

    private final ComputeGlobalAddress address;

    Certificates(Construct scope, String id, DaybookConfig config) {
        super(scope, id);
        address = ComputeGlobalAddress.Builder.create(this, "ip").name(config.name("ip")).build();
        CertificateManagerCertificate cert = CertificateManagerCertificate.Builder.create(this, "cert")
                .name(config.name("cert"))
                .managed(CertificateManagerCertificateManaged.builder()
                        .domains(List.of(config.domain(), config.uploadHost())).build())
                .build();
        CertificateManagerCertificateMap map = CertificateManagerCertificateMap.Builder.create(this, "map")
                .name(config.name("certs")).build();
        for (String host : List.of(config.domain(), config.uploadHost())) {
            CertificateManagerCertificateMapEntry.Builder.create(this, "entry-" + host.replace('.', '-'))
                    .name(config.name(host.equals(config.domain()) ? "diary" : "upload"))
                    .map(map.getName())
                    .hostname(host)
                    .certificates(List.of(cert.getId()))
                    .build();
        }
    }

    ComputeGlobalAddress address() {
        return address;
    }
}
