package dev.daybook.shared.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Socket factory for {@code rediss} that trusts exactly the CA certificates of one PEM file. Memorystore signs
 * each instance's server certificate with a CA of its own, which no public trust store holds; trusting only that
 * CA (instead of turning verification off) keeps a man in the middle out of the job store.
 */
final class RedisTls {

    private RedisTls() {
    }

    static SSLSocketFactory trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("daybook.redis.ca-certificate holds no certificate: " + caPem);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("redis-ca-" + i++, ca);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read daybook.redis.ca-certificate " + caPem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("daybook.redis.ca-certificate is not a PEM certificate: " + caPem, e);
        }
    }
}
