"""Password hashing with scrypt, opaque bearer tokens, and the per-email sign-in rate limiter."""
import hashlib
import hmac
import math
import secrets
import threading
import time


def hash_password(password, salt=None):
    salt = salt or secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=64)
    return key.hex(), salt.hex()


def verify_password(password, password_hash, salt_hex):
    key, _ = hash_password(password, bytes.fromhex(salt_hex))
    return hmac.compare_digest(key, password_hash)


def new_token():
    return secrets.token_urlsafe(32)


def hash_token(token):
    # Only the hash is stored, so a copied database holds no usable tokens.
    return hashlib.sha256(token.encode()).hexdigest()


class SignInLimiter:
    """At most `max_failures` failed sign-ins per email within `window` seconds."""

    def __init__(self, max_failures=5, window=60.0):
        self.max_failures = max_failures
        self.window = window
        self.failures = {}
        self.lock = threading.Lock()

    def retry_after(self, email):
        now = time.monotonic()
        with self.lock:
            recent = [t for t in self.failures.get(email, []) if now - t < self.window]
            self.failures[email] = recent
            if len(recent) < self.max_failures:
                return 0
            return max(1, math.ceil(recent[0] + self.window - now))

    def fail(self, email):
        with self.lock:
            self.failures.setdefault(email, []).append(time.monotonic())

    def succeed(self, email):
        with self.lock:
            self.failures.pop(email, None)
