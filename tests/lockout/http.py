"""A real HTTP client for the sign-in tests: its own cookies, and X-Forwarded-For if asked.

Sending X-Forwarded-For is what a reverse proxy does for the client behind it; from a client
the proxy does not trust, the app must ignore it.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from http.cookiejar import CookieJar
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_IN = "/admin/login/?next=/admin/"
TOKEN = "/api/v1/desk/token/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = {"Content-Type": "application/json"}


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after signing in is the answer we want to see


def token_body(username: str, password: str) -> bytes:
    return json.dumps({"username": username, "password": password}).encode()


class HttpClient:
    def __init__(self, base_url: str, forwarded_for: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects()
        )

    def send(self, path: str, body: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={**self.headers, **(headers or {})}
        )
        try:
            with self._opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def sign_in_form(self) -> str:
        """Open the admin's sign-in page; return the form's CSRF token."""
        status, _headers, page = self.send("/admin/login/")
        assert status == 200, status
        return CSRF_FIELD.search(page).group(1)

    def sign_in_body(self, username: str, password: str, csrf: str | None = None) -> bytes:
        fields = {
            "csrfmiddlewaretoken": csrf or self.sign_in_form(),
            "username": username,
            "password": password,
            "next": "/admin/",
        }
        return urlencode(fields).encode()

    def sign_in(self, username: str, password: str):
        """Post the admin's sign-in form: 302 signed in, 200 refused, 429 locked out."""
        return self.send(SIGN_IN, self.sign_in_body(username, password), FORM)

    def ask_for_token(self, username: str, password: str):
        """POST to the desk token endpoint: 200 with a token, 401 refused, 429 locked out."""
        status, headers, body = self.send(TOKEN, token_body(username, password), JSON)
        return status, headers, json.loads(body) if body else {}

    def prepared(self, path: str, body: bytes, headers: dict) -> Callable[[], int]:
        """A POST on a connection opened now and sent when called: its answer's status.

        Opened beforehand, many such requests reach the server at the same moment, rather
        than queueing to be accepted.
        """
        url = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        connection.connect()
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        headers = {**self.headers, **headers, **({"Cookie": cookie} if cookie else {})}

        def send() -> int:
            try:
                connection.request("POST", path, body, headers)
                return connection.getresponse().status
            finally:
                connection.close()

        return send
