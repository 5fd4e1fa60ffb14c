package fr.maillage.security;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Hashes and checks passwords with bcrypt, and makes random ones for demo accounts. */
@Singleton
public class Passwords {

    private static final int BCRYPT_STRENGTH = 10;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(BCRYPT_STRENGTH);
    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        return bcrypt.encode(password);
    }

    public boolean matches(String password, String hash) {
        return bcrypt.matches(password, hash);
    }

    public String random() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
