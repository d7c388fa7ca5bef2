package io.servicequality.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The server's RS256 signing key: generated at the first start and kept as a JWK set in the data directory (mode 600
 * where the file system has modes), so tokens issued before a restart still verify after it.
 */
final class SigningKey {

    static final String FILE = "signing-key.jwks.json";

    private SigningKey() {}

    static RSAKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return (RSAKey) JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8))
                        .getKeys()
                        .get(0);
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            Files.createDirectories(dataDir);
            Path written = Files.createTempFile(dataDir, "signing-key", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(written, new JWKSet(key).toString(false), StandardCharsets.UTF_8);
            Files.move(written, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (ParseException | JOSEException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalStateException(
                    "the signing key " + file + " is not an RSA JWK set; delete it to make a new one", e);
        }
    }
}
