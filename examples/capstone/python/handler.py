"""The request handler: routing, JSON in and out, security headers, auth, and the bookmark endpoints."""
import hashlib
import json
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

from auth import SignInLimiter, hash_password, hash_token, new_token, verify_password
from errors import HttpError
from logs import log
from validate import bookmark_fields, credentials, int_param

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}
MAX_BODY = 64 * 1024
_DUMMY_HASH = hash_password("not-a-real-password")


def make_handler(store, limiter=None):
    limiter = limiter or SignInLimiter()

    class Handler(BaseHTTPRequestHandler):
        server_version = "bookmarks"  # no Python version in the Server header
        sys_version = ""

        def log_message(self, format, *args):  # replaced by one JSON line per request
            pass

        def send(self, status, body=None, headers=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for k, v in {**SECURITY_HEADERS, **(headers or {})}.items():
                self.send_header(k, v)
            if body is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.status = status

        def read_json(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise HttpError(413, "The request body is larger than 64 KiB.")
            try:
                return json.loads(self.rfile.read(length) or b"null")
            except (ValueError, UnicodeDecodeError):
                raise HttpError(400, "The request body is not valid JSON.") from None

        def user_id(self):
            auth = self.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else ""
            user_id = store.user_for_token(hash_token(token)) if token else None
            if user_id is None:
                raise HttpError(401, 'Send "Authorization: Bearer <token>" with a token from POST /auth/signin.')
            return user_id

        def handle_any(self):
            started = time.monotonic()
            self.status = 0
            url = urlsplit(self.path)
            try:
                self.route(self.command, url.path, parse_qs(url.query))
            except HttpError as err:
                self.send(err.status, {"error": {"message": err.message}}, err.headers)
            except Exception as err:  # details go to the log, never to the client
                log("error", "unhandled error", error=repr(err))
                self.send(500, {"error": {"message": "Something went wrong on our side."}})
            ms = round((time.monotonic() - started) * 1000)
            log("info", "request", method=self.command, path=url.path[:200], status=self.status, ms=ms)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = handle_any

        def route(self, method, path, query):
            if path == "/health" and method == "GET":
                return self.send(200, {"status": "ok"})
            if path == "/auth/signup" and method == "POST":
                return self.sign_up()
            if path == "/auth/signin" and method == "POST":
                return self.sign_in()
            if path == "/bookmarks":
                return self.collection(method, query)
            if path.startswith("/bookmarks/") and "/" not in path[len("/bookmarks/"):]:
                return self.item(method, unquote(path[len("/bookmarks/"):]))
            raise HttpError(404, f"No route for {method} {path[:100]}.")

        def sign_up(self):
            email, password = credentials(self.read_json())
            password_hash, salt = hash_password(password)
            user_id = store.add_user(email, password_hash, salt)
            if user_id is None:
                raise HttpError(409, "An account with this email already exists.")
            self.send(201, {"id": user_id, "email": email})

        def sign_in(self):
            email, password = credentials(self.read_json())
            wait = limiter.retry_after(email)
            if wait:
                raise HttpError(429, "Too many failed sign-ins. Try again later.", {"Retry-After": str(wait)})
            user = store.find_user(email)
            # Unknown emails cost the same scrypt time, so timing does not reveal which emails exist.
            ok = verify_password(password, *((user["password_hash"], user["salt"]) if user else _DUMMY_HASH))
            if not user or not ok:
                limiter.fail(email)
                raise HttpError(401, "Wrong email or password.")
            limiter.succeed(email)
            token = new_token()
            store.add_token(hash_token(token), user["id"])
            self.send(200, {"token": token}, {"Cache-Control": "no-store"})

        def collection(self, method, query):
            owner = self.user_id()
            if method == "POST":
                fields = bookmark_fields(self.read_json(), partial=False)
                created_at = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
                b = store.add_bookmark(owner, fields["url"], fields["title"], fields["tags"], created_at)
                return self.send(201, b, {"Location": f"/bookmarks/{b['id']}"})
            if method != "GET":
                raise HttpError(405, "Use GET or POST on /bookmarks.", {"Allow": "GET, POST"})
            limit = int_param(query, "limit", 20, 1, 100)
            offset = int_param(query, "offset", 0, 0, 2**62)
            tag = query.get("tag", [None])[0]
            items, total = store.list_bookmarks(owner, tag, limit, offset)
            self.send(200, {"items": items, "total": total, "limit": limit, "offset": offset})

        def item(self, method, raw_id):
            owner = self.user_id()
            bookmark_id = int(raw_id) if raw_id.isdigit() and len(raw_id) < 19 else None
            found = store.get_bookmark(owner, bookmark_id) if bookmark_id is not None else None
            if found is None:
                raise HttpError(404, f"No bookmark with id {raw_id[:40]}.")
            if method == "GET":
                etag = '"' + hashlib.sha1(json.dumps(found, sort_keys=True).encode()).hexdigest() + '"'
                if etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
                    return self.send(304, None, {"ETag": etag})
                return self.send(200, found, {"ETag": etag, "Cache-Control": "private, no-cache"})
            if method == "PATCH":
                return self.send(200, store.update_bookmark(owner, bookmark_id, bookmark_fields(self.read_json(), True)))
            if method == "DELETE":
                store.delete_bookmark(owner, bookmark_id)
                return self.send(204)
            raise HttpError(405, "Use GET, PATCH or DELETE on /bookmarks/{id}.", {"Allow": "GET, PATCH, DELETE"})

    return Handler
