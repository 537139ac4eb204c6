"""The deployment guide's example configuration: complete, private, and consistent with itself."""

from __future__ import annotations

import re
import sys

import pytest

from generator.site_privacy import CSP

from .conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

DOCS = REPO / "docs"
GUIDE = DOCS / "deploying-privately.md"


@pytest.fixture(scope="module")
def proxy() -> dict:
    # oauth2-proxy's config file is TOML; a file that does not parse would not start it
    return tomllib.loads((DOCS / "examples" / "oauth2-proxy.cfg").read_text(encoding="utf-8"))


def test_oauth2_proxy_signs_in_before_serving_the_built_site(proxy: dict):
    assert proxy["http_address"].startswith("127.0.0.1:"), "reachable only through the TLS proxy"
    assert proxy["upstreams"] == ["file:///srv/playbook/site/#/"]
    assert "--site-dir /srv/playbook/site" in GUIDE.read_text()
    assert proxy["provider"] == "oidc" and proxy["oidc_issuer_url"].startswith("https://")
    assert proxy["redirect_url"].startswith("https://") and proxy["redirect_url"].endswith("/oauth2/callback")
    assert proxy["email_domains"] and "*" not in proxy["email_domains"], "staff accounts only"
    assert proxy["cookie_secure"] is True and proxy["cookie_httponly"] is True
    assert proxy["reverse_proxy"] is True


def test_secrets_stay_out_of_the_example(proxy: dict):
    assert not {"client_secret", "cookie_secret"} & set(proxy)
    text = (DOCS / "examples" / "oauth2-proxy.cfg").read_text()
    assert "OAUTH2_PROXY_CLIENT_SECRET" in text and "OAUTH2_PROXY_COOKIE_SECRET" in text


def test_nginx_sends_only_signed_in_traffic_over_tls(proxy: dict):
    conf = (DOCS / "examples" / "nginx-playbook.conf").read_text()
    assert re.search(r"listen 443 ssl;", conf) and "return 301 https://" in conf
    (upstream,) = re.findall(r"proxy_pass http://([^;]+);", conf)
    assert upstream == proxy["http_address"], "nginx forwards to oauth2-proxy, not to the files"
    assert 'add_header X-Robots-Tag "noindex, nofollow" always;' in conf
    assert "add_header Content-Security-Policy \"frame-ancestors 'none'\" always;" in conf
    assert "frame-ancestors" not in CSP, "the header adds what the pages' <meta> cannot say"
    assert "root " not in conf, "nginx never serves the files itself, past the sign-in"


def test_guide_links_the_examples_and_says_what_not_to_do():
    guide = GUIDE.read_text()
    assert "(examples/oauth2-proxy.cfg)" in guide and "(examples/nginx-playbook.conf)" in guide
    assert "GitHub Pages" in guide and "S3 bucket" in guide and "public: true" in guide
    assert "deploying-privately.md" in (REPO / "README.md").read_text()
