package io.servicequality.devauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theKeyMadeAtTheFirstStartIsTheKeyOfEveryLaterStart() throws Exception {
        RSAKey first = SigningKey.loadOrCreate(dataDir.resolve("dev-auth"));
        RSAKey again = SigningKey.loadOrCreate(dataDir.resolve("dev-auth"));

        assertThat(first.isPrivate()).isTrue();
        assertThat(first.size()).isEqualTo(2048);
        assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(again.toPrivateKey()).isEqualTo(first.toPrivateKey());
        Path file = dataDir.resolve("dev-auth").resolve(SigningKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotAKeySaysHowToRecover() throws Exception {
        Files.writeString(dataDir.resolve(SigningKey.FILE), "not a key");

        assertThatThrownBy(() -> SigningKey.loadOrCreate(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete it to make a new one");
    }
}
